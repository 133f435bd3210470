// New request (seed 000): the form's lists and creating a request for the signed-in user.
import { and, asc, eq } from 'drizzle-orm';
import type { TenantDb } from '../db';
import { hardwareCategories, requestEvents, requests, softwareProducts } from '../db/tenant-schema';
import { auditStatement } from '../audit/record';
import { notifyAdminsStatement } from '../notifications/notify';
import { helpdeskRequestCreated } from '../helpdesk/enqueue';
import type { NewRequestInput } from '../../contracts/my';
import { webhookEventStatement } from '../webhooks/events';

export interface RequestFormOptions {
  categories: { id: string; name: string }[];
  software: { id: string; name: string; vendor: string }[];
}

/** The New request form's lists: hardware categories and the approved software catalog only. */
export async function getRequestFormOptions(db: TenantDb): Promise<RequestFormOptions> {
  const [categories, software] = await db.batch([
    db
      .select({ id: hardwareCategories.id, name: hardwareCategories.name })
      .from(hardwareCategories)
      .orderBy(asc(hardwareCategories.name)),
    db
      .select({ id: softwareProducts.id, name: softwareProducts.name, vendor: softwareProducts.vendor })
      .from(softwareProducts)
      .where(eq(softwareProducts.approved, true))
      .orderBy(asc(softwareProducts.name))
  ]);
  return { categories, software };
}

export type CreateRequestResult = { ok: true; id: string } | { ok: false; fields: Record<string, string[]> };

export async function createRequestForUser(
  db: TenantDb,
  user: { id: string; name: string },
  input: NewRequestInput,
  now = Date.now()
): Promise<CreateRequestResult> {
  // References must exist, and software must be in the *approved* catalog.
  const [category, software] = await db.batch([
    db
      .select({ id: hardwareCategories.id })
      .from(hardwareCategories)
      .where(eq(hardwareCategories.id, input.categoryId ?? '')),
    db
      .select({ id: softwareProducts.id })
      .from(softwareProducts)
      .where(and(eq(softwareProducts.id, input.softwareId ?? ''), eq(softwareProducts.approved, true)))
  ]);
  const fields: Record<string, string[]> = {};
  if (input.categoryId && category.length === 0)
    fields.categoryId = ['Choose a hardware category from the list.'];
  if (input.softwareId && software.length === 0)
    fields.softwareId = ['Choose software from the approved catalog.'];
  if (Object.keys(fields).length) return { ok: false, fields };

  const id = crypto.randomUUID();
  const row = {
    id,
    userId: user.id,
    type: input.type,
    title: input.title,
    justification: input.justification,
    urgency: input.urgency,
    categoryId: input.categoryId ?? null,
    softwareId: input.softwareId ?? null,
    specificModel: input.specificModel ?? null,
    estimatedCostCents: input.estimatedCost === undefined ? null : Math.round(input.estimatedCost * 100),
    status: 'pending' as const,
    createdAt: now,
    updatedAt: now
  };
  await db.batch([
    db.insert(requests).values(row),
    db
      .insert(requestEvents)
      .values({ requestId: id, fromStatus: null, toStatus: 'pending', actorId: user.id, createdAt: now }),
    notifyAdminsStatement(
      db,
      {
        kind: 'request_new',
        title: `${user.name} asked for “${input.title}”`,
        link: `/admin/requests/${id}`
      },
      now
    ),
    auditStatement(db, {
      actorId: user.id,
      action: 'request.created',
      entityType: 'request',
      entityId: id,
      after: row
    }),
    webhookEventStatement(
      db,
      'request.created',
      {
        request: {
          id,
          type: input.type,
          title: input.title,
          justification: input.justification,
          urgency: input.urgency,
          status: 'pending',
          categoryId: row.categoryId,
          softwareId: row.softwareId,
          specificModel: row.specificModel,
          estimatedCostCents: row.estimatedCostCents
        },
        requester: { id: user.id, name: user.name }
      },
      { now }
    ),
    helpdeskRequestCreated(db, id, now)
  ]);
  return { ok: true, id };
}
