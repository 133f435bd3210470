// Globex demo seed: a second workspace whose rows Acme's people must never see.
import { insertOrIgnore, stableId } from './sql.ts';
import { DAY, isoDay, userRows } from './demo-common.ts';

export function globexSeed(now: number, passwordHash: string): string[] {
  const ws = 'globex';
  const uid = (k: string) => stableId(`${ws}:user:${k}`);
  const out: string[] = [];
  out.push(
    ...userRows(
      ws,
      [
        {
          key: 'admin',
          email: 'admin@globex.example',
          name: 'Frank Grimes',
          role: 'admin',
          jobTitle: 'Head of IT',
          department: 'IT'
        },
        {
          key: 'hank',
          email: 'hank@globex.example',
          name: 'Hank Scorpio',
          role: 'employee',
          jobTitle: 'CEO',
          department: 'Executive'
        }
      ],
      passwordHash,
      now
    )
  );
  out.push(
    insertOrIgnore('locations', {
      id: stableId(`${ws}:loc:Cypress Creek`),
      name: 'Cypress Creek',
      address: null
    })
  );
  out.push(insertOrIgnore('hardware_categories', { id: stableId(`${ws}:cat:Laptop`), name: 'Laptop' }));
  out.push(insertOrIgnore('hardware_categories', { id: stableId(`${ws}:cat:Phone`), name: 'Phone' }));
  out.push(
    insertOrIgnore('hardware_models', {
      id: stableId(`${ws}:model:XPS`),
      category_id: stableId(`${ws}:cat:Laptop`),
      manufacturer: 'Dell',
      name: 'XPS 13'
    })
  );
  out.push(
    insertOrIgnore('hardware_models', {
      id: stableId(`${ws}:model:Galaxy`),
      category_id: stableId(`${ws}:cat:Phone`),
      manufacturer: 'Samsung',
      name: 'Galaxy S24'
    })
  );
  for (let i = 1; i <= 8; i++) {
    const tag = `GLX-${String(i).padStart(4, '0')}`;
    const holder = i <= 2 ? 'hank' : i === 3 ? 'admin' : null;
    out.push(
      insertOrIgnore('hardware_assets', {
        id: stableId(`${ws}:asset:${tag}`),
        asset_tag: tag,
        serial: `GLXSN${1000 + i}`,
        model_id: stableId(`${ws}:model:${i % 2 ? 'XPS' : 'Galaxy'}`),
        location_id: stableId(`${ws}:loc:Cypress Creek`),
        status: holder ? 'assigned' : 'in_stock',
        assigned_to: holder ? uid(holder) : null,
        assigned_at: holder ? now - i * 10 * DAY : null,
        acknowledgement_requested: false,
        acknowledged_at: null,
        purchase_date: isoDay(now - 200 * DAY),
        purchase_cost_cents: 129900,
        warranty_ends: isoDay(now + 500 * DAY),
        created_at: now - 300 * DAY,
        updated_at: now - 300 * DAY
      })
    );
  }
  for (const [vendor, name, edition] of [
    ['Google', 'Google Workspace', 'Business Standard'],
    ['Autodesk', 'AutoCAD', 'Full'],
    ['Zoom', 'Zoom Workplace', 'Pro']
  ]) {
    const pid = stableId(`${ws}:product:${name}`);
    out.push(
      insertOrIgnore('software_products', { id: pid, name, vendor, approved: true, description: null })
    );
    out.push(
      insertOrIgnore('licences', {
        id: stableId(`${ws}:licence:${name}`),
        product_id: pid,
        edition,
        seats: 20,
        renewal_date: isoDay(now + 90 * DAY),
        cost_cents: 100000,
        notes: null,
        created_at: now - 100 * DAY
      })
    );
  }
  out.push(
    insertOrIgnore('licence_assignments', {
      id: stableId(`${ws}:licassign:hank`),
      licence_id: stableId(`${ws}:licence:AutoCAD`),
      user_id: uid('hank'),
      assigned_at: now - 50 * DAY
    })
  );
  out.push(
    insertOrIgnore('requests', {
      id: stableId(`${ws}:request:hank:1`),
      user_id: uid('hank'),
      type: 'hardware',
      title: 'Doomsday device (prototype)',
      justification: 'Strategic initiative.',
      urgency: 'critical',
      category_id: null,
      software_id: null,
      specific_model: null,
      estimated_cost_cents: null,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      external_ticket_id: null,
      created_at: now - DAY,
      updated_at: now - DAY
    })
  );
  out.push(
    insertOrIgnore('notifications', {
      id: stableId(`${ws}:notif:hank:1`),
      user_id: uid('hank'),
      kind: 'welcome',
      title: 'Welcome to OnTrackio',
      body: null,
      link: '/my',
      read_at: null,
      created_at: now - DAY
    })
  );
  return out;
}
