// Response shapes of /api/v1/admin/people (services in src/lib/server/people).
import * as z from 'zod';
import { isoDay, epochMs, listOf, paged } from './common';
import { INVITE_SIGN_IN } from '../admin-people';
import { USER_STATUSES } from '../enums';

const userStatus = z.enum(USER_STATUSES);
const personRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  status: userStatus,
  department: z.string().nullable(),
  jobTitle: z.string().nullable()
});
export const peoplePageSchema = paged(personRow.meta({ id: 'PersonRow' }));

export const personDetailSchema = personRow
  .extend({
    phone: z.string().nullable(),
    signIn: z.enum(['password', 'sso_only', 'invitation_pending']),
    createdAt: epochMs,
    twoFactor: z.strictObject({ totp: z.boolean(), passkeys: z.number().int() }),
    hardware: z.array(
      z.strictObject({
        id: z.string(),
        assetTag: z.string(),
        model: z.string(),
        status: z.string(),
        assignedAt: epochMs.nullable()
      })
    ),
    licences: z.array(
      z.strictObject({ id: z.string(), product: z.string(), edition: z.string(), assignedAt: epochMs })
    ),
    loans: z.array(
      z.strictObject({
        id: z.string(),
        item: z.string(),
        assetTag: z.string(),
        dueDate: isoDay,
        overdue: z.boolean()
      })
    )
  })
  .meta({ id: 'PersonDetail' });

export const pendingInvitationListSchema = listOf(
  z
    .strictObject({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.string(),
      invitedAt: epochMs,
      expiresAt: epochMs.nullable(),
      expired: z.boolean()
    })
    .meta({ id: 'PendingInvitation' })
);

export const invitedSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  signIn: z.enum(INVITE_SIGN_IN),
  status: z.enum(['invited', 'active']),
  mailSent: z.boolean()
});

export const personStatusChangedSchema = z.strictObject({
  ok: z.literal(true),
  status: z.enum(['active', 'suspended'])
});
export const roleChangedSchema = z.strictObject({ ok: z.literal(true), role: z.string() });
