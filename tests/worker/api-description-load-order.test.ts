// The API module loads on the first API request (one bundle), after pages may already have made the
// contracts' zod schemas. Nothing in the API may depend on methods @hono/zod-openapi adds to zod,
// which those earlier schemas lack: this file makes a contract schema first, then calls the API.
import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/lib/contracts/errors';
import { ACME, fetchWorker } from './helpers';

describe('the API after the contracts were loaded by someone else', () => {
  it('answers, and its description has the shared error schema', async () => {
    expect(apiErrorSchema.safeParse({}).success).toBe(false);
    const res = await fetchWorker(`${ACME}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const spec = (await res.json()) as {
      components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
    };
    expect(Object.keys(spec.components.schemas)).toContain('ApiError');
    expect(Object.keys(spec.components.responses)).toContain('Unauthenticated');
    expect((await fetchWorker(`${ACME}/api/v1/me`)).status).toBe(401);
  });
});
