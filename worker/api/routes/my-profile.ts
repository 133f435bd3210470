// /api/v1/my/profile and /api/v1/my/export: the person's own details, preferences, theme and data export.
import * as z from 'zod';
import { newRouter } from '../access/router';
import { userRoute } from '../access/route-builders';
import { json, jsonBody } from '../access/responses';
import { apiError } from '../errors';
import { profilePatchSchema, type ProfilePatchInput } from '../../../src/lib/contracts/my';
import { myDataExportSchema, myProfileSchema } from '../../../src/lib/contracts/responses/my';
import { getProfileForUser, updateProfileForUser } from '../../../src/lib/server/profile/my-profile';
import { exportDataForUser } from '../../../src/lib/server/profile/export';
import { exportFileName } from '../../../src/lib/server/profile/export-file';
import { exportZip } from '../../../src/lib/server/profile/export-zip';

const tag = 'My profile';

export const myProfileRoutes = newRouter()
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/profile',
      tag,
      scope: 'my:read',
      summary: 'Your profile and preferences',
      responses: { 200: json('Your contact details, preferences and theme.', myProfileSchema) }
    }),
    async (c) => {
      const profile = await getProfileForUser(c.get('db'), c.get('actor').userId);
      return profile ? c.json(profile, 200) : apiError(c, 404, 'not_found', 'No such user.');
    }
  )
  .openapi(
    userRoute({
      method: 'patch',
      path: '/my/profile',
      tag,
      scope: 'my:write',
      summary: 'Change your profile',
      description:
        'Only the keys sent are changed ("phone": "" clears the phone; leaving "phone" out keeps it).',
      request: { body: jsonBody(profilePatchSchema) },
      responses: { 200: json('Your profile after the change.', myProfileSchema) }
    }),
    async (c) => {
      const raw = (await c.req.json()) as Record<string, unknown>;
      const parsed = c.req.valid('json');
      const patch = Object.fromEntries(
        Object.keys(raw).map((k) => [k, parsed[k as keyof ProfilePatchInput]])
      ) as ProfilePatchInput;
      const profile = await updateProfileForUser(c.get('db'), c.get('actor').userId, patch);
      return profile ? c.json(profile, 200) : apiError(c, 404, 'not_found', 'No such user.');
    }
  )
  .openapi(
    userRoute({
      method: 'get',
      path: '/my/export',
      tag,
      scope: 'my:read',
      summary: 'Export your data',
      description: 'Everything OnTrackio holds about you, as JSON, or as a ZIP with `?format=zip`.',
      request: {
        query: z.object({ format: z.string().optional().describe('`zip` for a ZIP file; JSON otherwise.') })
      },
      responses: {
        200: {
          description: 'Your data (a download).',
          content: {
            'application/json': { schema: myDataExportSchema },
            'application/zip': { schema: z.string().meta({ format: 'binary' }) }
          }
        }
      }
    }),
    async (c) => {
      const ws = c.get('workspace');
      const data = await exportDataForUser(c.get('db'), c.get('actor').userId, {
        slug: ws.slug,
        name: ws.name
      });
      if (!data) return apiError(c, 404, 'not_found', 'No such user.');
      if (c.req.valid('query').format === 'zip') {
        c.header('Content-Type', 'application/zip');
        c.header(
          'Content-Disposition',
          `attachment; filename="${exportFileName(ws.slug, data.profile.email, Date.now(), 'zip')}"`
        );
        return c.body(exportZip(data));
      }
      c.header(
        'Content-Disposition',
        `attachment; filename="${exportFileName(ws.slug, data.profile.email)}"`
      );
      return c.json(data, 200);
    }
  );
