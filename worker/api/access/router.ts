// The one way to make an API router: request validation failures answer in the API's error shape.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../types';
import { apiError } from '../errors';
import { fieldErrors } from '../../../src/lib/contracts/errors';

export function newRouter() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        return apiError(
          c,
          400,
          'validation_failed',
          'Some fields need attention.',
          fieldErrors(result.error)
        );
    }
  });
}
