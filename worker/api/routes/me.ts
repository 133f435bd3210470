// /api/v1/me: who is calling, in which workspace.
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json } from '../access/responses';
import { apiError } from '../errors';
import { meSchema, type MeResponse } from '../../../src/lib/contracts/auth';
import { getProfileForUser } from '../../../src/lib/server/profile/my-profile';

export const meRoutes = newRouter().openapi(
  userRoute({
    method: 'get',
    path: '/me',
    tag: 'Me',
    scope: 'my:read',
    summary: 'The signed-in person and their workspace',
    responses: { 200: json('You and your workspace.', meSchema) }
  }),
  async (c) => {
    const actor = c.get('actor');
    // A token carries no email or theme: read them, for a session and a token alike.
    const profile = await getProfileForUser(c.get('db'), actor.userId);
    if (!profile) return apiError(c, 404, 'not_found', 'No such user.');
    const workspace = c.get('workspace');
    const body: MeResponse = {
      user: {
        id: actor.userId,
        email: profile.email,
        name: profile.name,
        role: actor.role,
        theme: profile.theme
      },
      workspace: { slug: workspace.slug, name: workspace.name }
    };
    return c.json(body, 200);
  }
);
