// /api/v1/my/software and /api/v1/my/loans: read-only views of the person's own licences and loans.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { pageQuerySchema } from '../../../src/lib/contracts/my';
import { myLicencePageSchema, myLoanPageSchema } from '../../../src/lib/contracts/responses/my';
import { listLicencesForUser } from '../../../src/lib/server/software/my-software';
import { listActiveLoansForUser } from '../../../src/lib/server/loans/my-loans';

export const mySoftwareLoansRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/software',
      tag: 'My software and loans',
      scope: 'my:read',
      summary: 'Your licences',
      request: { query: pageQuerySchema },
      responses: { 200: json('One page of the licences assigned to you.', myLicencePageSchema) }
    }),
    async (c) =>
      c.json(await listLicencesForUser(c.get('db'), c.get('actor').userId, c.req.valid('query').page), 200)
  )
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/loans',
      tag: 'My software and loans',
      scope: 'my:read',
      summary: 'Your active loans',
      request: { query: pageQuerySchema },
      responses: { 200: json('One page of what you have on loan.', myLoanPageSchema) }
    }),
    async (c) =>
      c.json(await listActiveLoansForUser(c.get('db'), c.get('actor').userId, c.req.valid('query').page), 200)
  );
