// /api/v1/my/software and /api/v1/my/loans: read-only views of the user's own licences and loans.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { validate } from '../validate';
import { pageQuerySchema } from '../../../src/lib/contracts/my';
import { listLicencesForUser } from '../../../src/lib/server/software/my-software';
import { listActiveLoansForUser } from '../../../src/lib/server/loans/my-loans';

export const mySoftwareLoansRoutes = new Hono<ApiEnv>()
  .get('/my/software', requireWorkspace, requireUser, validate('query', pageQuerySchema), async (c) =>
    c.json(await listLicencesForUser(c.get('db'), c.get('auth')!.user.id, c.req.valid('query').page))
  )
  .get('/my/loans', requireWorkspace, requireUser, validate('query', pageQuerySchema), async (c) =>
    c.json(await listActiveLoansForUser(c.get('db'), c.get('auth')!.user.id, c.req.valid('query').page))
  );
