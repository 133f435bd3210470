// Acme demo seed: ada's requests in several states (history, messages), another person's request, a problem report.
import { insertOrIgnore, stableId } from './sql.ts';
import { DAY, seedIds } from './demo-common.ts';

export function acmeRequestRows(now: number): string[] {
  const ws = 'acme';
  const { uid, cat, asset } = seedIds(ws);
  const out: string[] = [];
  // Ada's requests in several states, with their history and a message thread.
  type Req = {
    key: string;
    type: string;
    title: string;
    justification: string;
    urgency: string;
    status: string;
    daysAgo: number;
    software?: string;
    category?: string;
    reason?: string;
    cost?: number;
  };
  const reqs: Req[] = [
    {
      key: 'monitor',
      type: 'hardware',
      title: 'Second monitor for home office',
      justification: 'I work from home three days a week and need a second screen for code reviews.',
      urgency: 'medium',
      status: 'pending',
      daysAgo: 2,
      category: 'Monitor',
      cost: 39900
    },
    {
      key: 'tableau',
      type: 'software',
      title: 'Tableau Creator licence',
      justification: 'Needed to build the quarterly reliability dashboards.',
      urgency: 'low',
      status: 'pending',
      daysAgo: 1,
      software: 'Tableau'
    },
    {
      key: 'adobe',
      type: 'software',
      title: 'Adobe Creative Cloud for diagrams',
      justification: 'Architecture diagrams for the platform migration.',
      urgency: 'low',
      status: 'approved',
      daysAgo: 6,
      software: 'Creative Cloud'
    },
    {
      key: 'chair',
      type: 'other',
      title: 'Gaming chair',
      justification: 'More comfortable for long days.',
      urgency: 'low',
      status: 'rejected',
      daysAgo: 30,
      reason: 'Ergonomic chairs are ordered through Facilities; please raise it with them.'
    },
    {
      key: 'headset',
      type: 'hardware',
      title: 'Noise-cancelling headset',
      justification: 'Open-plan office makes calls difficult.',
      urgency: 'high',
      status: 'fulfilled',
      daysAgo: 60,
      category: 'Headset'
    }
  ];
  // The audit trail those events would have written, so the admin's Audit log has a history to show.
  const trail: AuditRow[] = [];
  for (const r of reqs) {
    const rid = stableId(`${ws}:request:ada:${r.key}`);
    const created = now - r.daysAgo * DAY;
    const decided = r.status === 'pending' ? null : created + DAY;
    out.push(
      insertOrIgnore('requests', {
        id: rid,
        user_id: uid('ada'),
        type: r.type,
        title: r.title,
        justification: r.justification,
        urgency: r.urgency,
        category_id: r.category ? cat(r.category) : null,
        software_id: r.software ? stableId(`${ws}:product:${r.software}`) : null,
        specific_model: null,
        estimated_cost_cents: r.cost ?? null,
        status: r.status,
        decided_by: decided ? uid('admin') : null,
        decided_at: decided,
        decision_reason: r.reason ?? null,
        external_ticket_id: null,
        created_at: created,
        updated_at: decided ?? created
      })
    );
    trail.push({
      at: created,
      actor: uid('ada'),
      action: 'request.created',
      entityId: rid,
      before: null,
      after: { title: r.title, type: r.type, urgency: r.urgency, status: 'pending' }
    });
    const decision = (to: string, from: string, at: number, reason?: string) =>
      trail.push({
        at,
        actor: uid('admin'),
        action: `request.${to}`,
        entityId: rid,
        before: { status: from },
        after: { status: to, ...(reason ? { reason } : {}) }
      });
    if (r.status === 'fulfilled') {
      decision('approved', 'pending', created + DAY);
      decision('fulfilled', 'approved', created + 3 * DAY);
    } else if (r.status !== 'pending') decision(r.status, 'pending', created + DAY, r.reason);
    out.push(
      insertOrIgnore('request_events', {
        id: stableId(`${rid}:e0`),
        request_id: rid,
        from_status: null,
        to_status: 'pending',
        actor_id: uid('ada'),
        note: null,
        created_at: created
      })
    );
    if (r.status === 'fulfilled') {
      out.push(
        insertOrIgnore('request_events', {
          id: stableId(`${rid}:e1`),
          request_id: rid,
          from_status: 'pending',
          to_status: 'approved',
          actor_id: uid('admin'),
          note: null,
          created_at: created + DAY
        })
      );
      out.push(
        insertOrIgnore('request_events', {
          id: stableId(`${rid}:e2`),
          request_id: rid,
          from_status: 'approved',
          to_status: 'fulfilled',
          actor_id: uid('admin'),
          note: null,
          created_at: created + 3 * DAY
        })
      );
    } else if (r.status !== 'pending') {
      out.push(
        insertOrIgnore('request_events', {
          id: stableId(`${rid}:e1`),
          request_id: rid,
          from_status: 'pending',
          to_status: r.status,
          actor_id: uid('admin'),
          note: r.reason ?? null,
          created_at: created + DAY
        })
      );
    }
  }
  out.push(...auditTrailRows(trail));
  const monitorReq = stableId(`${ws}:request:ada:monitor`);
  out.push(
    insertOrIgnore('request_messages', {
      id: stableId(`${monitorReq}:m1`),
      request_id: monitorReq,
      author_id: uid('admin'),
      body: 'Which size do you need, 24" or 27"?',
      created_at: now - DAY
    })
  );
  out.push(
    insertOrIgnore('request_messages', {
      id: stableId(`${monitorReq}:m2`),
      request_id: monitorReq,
      author_id: uid('ada'),
      body: '27", USB-C if possible.',
      created_at: now - DAY + 3600_000
    })
  );
  // Someone else's request, which ada must never see.
  out.push(
    insertOrIgnore('requests', {
      id: stableId(`${ws}:request:alan:gpu`),
      user_id: uid('alan'),
      type: 'hardware',
      title: 'GPU workstation',
      justification: 'Model training.',
      urgency: 'high',
      category_id: cat('Laptop'),
      software_id: null,
      specific_model: 'Lambda Vector',
      estimated_cost_cents: 850000,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      external_ticket_id: null,
      created_at: now - 3 * DAY,
      updated_at: now - 3 * DAY
    })
  );

  // A problem report on an in-repair device.
  out.push(
    insertOrIgnore('maintenance_records', {
      id: stableId(`${ws}:maint:1`),
      asset_id: asset('ACME-0039'),
      reported_by: uid('dennis'),
      description: 'Screen flickers when the lid is half closed.',
      priority: 'medium',
      status: 'open',
      notes: null,
      resolution: null,
      created_at: now - 4 * DAY,
      updated_at: now - 4 * DAY,
      resolved_at: null
    })
  );
  return out;
}

interface AuditRow {
  at: number;
  actor: string;
  action: string;
  entityId: string;
  before: object | null;
  after: object;
}

/**
 * audit_log rows in time order (the Audit log lists newest id first). Its id is an integer with no
 * natural key, so the seed fixes the ids from AUDIT_SEED_FIRST_ID: INSERT OR IGNORE then keeps a
 * second run from adding the trail twice, and rows the application writes later get higher ids.
 */
const AUDIT_SEED_FIRST_ID = 1_000_000;
function auditTrailRows(trail: AuditRow[]): string[] {
  return [...trail]
    .sort((a, b) => a.at - b.at)
    .map((e, i) =>
      insertOrIgnore('audit_log', {
        id: AUDIT_SEED_FIRST_ID + i,
        actor_id: e.actor,
        action: e.action,
        entity_type: 'request',
        entity_id: e.entityId,
        before: e.before ? JSON.stringify(e.before) : null,
        after: JSON.stringify(e.after),
        created_at: e.at
      })
    );
}
