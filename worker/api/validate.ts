// The one validation wrapper: zod at the boundary, failures as 400 with field errors.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { fieldErrors } from '../../src/lib/contracts/errors';
import { apiError } from './errors';

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T
) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      return apiError(
        c,
        400,
        'validation_failed',
        'Some fields need attention.',
        fieldErrors(result.error as unknown as z.ZodError)
      );
    }
  });
}
