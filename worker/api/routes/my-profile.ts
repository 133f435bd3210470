// /api/v1/my/profile and /api/v1/my/export: the user's own details, preferences, theme and data export.
import { Hono } from 'hono';
import type { ApiEnv } from '../types';
import { requireUser, requireWorkspace } from '../middleware/context';
import { validate } from '../validate';
import { apiError } from '../errors';
import { profilePatchSchema, type ProfilePatchInput } from '../../../src/lib/contracts/my';
import { getProfileForUser, updateProfileForUser } from '../../../src/lib/server/profile/my-profile';
import { exportDataForUser } from '../../../src/lib/server/profile/export';
import { exportFileName } from '../../../src/lib/server/profile/export-file';
import { exportZip } from '../../../src/lib/server/profile/export-zip';

export const myProfileRoutes = new Hono<ApiEnv>()
  .get('/my/profile', requireWorkspace, requireUser, async (c) => {
    const profile = await getProfileForUser(c.get('db'), c.get('auth')!.user.id);
    return profile ? c.json(profile) : apiError(c, 404, 'not_found', 'No such user.');
  })
  .patch('/my/profile', requireWorkspace, requireUser, validate('json', profilePatchSchema), async (c) => {
    // Only keys the client sent are changed ("phone": "" clears the phone; leaving "phone" out keeps it).
    const raw = (await c.req.json()) as Record<string, unknown>;
    const parsed = c.req.valid('json');
    const patch = Object.fromEntries(
      Object.keys(raw).map((k) => [k, parsed[k as keyof ProfilePatchInput]])
    ) as ProfilePatchInput;
    const profile = await updateProfileForUser(c.get('db'), c.get('auth')!.user.id, patch);
    return profile ? c.json(profile) : apiError(c, 404, 'not_found', 'No such user.');
  })
  .get('/my/export', requireWorkspace, requireUser, async (c) => {
    const ws = c.get('workspace');
    const data = await exportDataForUser(c.get('db'), c.get('auth')!.user.id, {
      slug: ws.slug,
      name: ws.name
    });
    if (!data) return apiError(c, 404, 'not_found', 'No such user.');
    if (c.req.query('format') === 'zip') {
      c.header('Content-Type', 'application/zip');
      c.header(
        'Content-Disposition',
        `attachment; filename="${exportFileName(ws.slug, data.profile.email, Date.now(), 'zip')}"`
      );
      return c.body(exportZip(data));
    }
    c.header('Content-Disposition', `attachment; filename="${exportFileName(ws.slug, data.profile.email)}"`);
    return c.json(data);
  });
