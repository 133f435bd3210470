// Acme demo seed: locations, categories, models and 44 assets with their assignments.
import { insertOrIgnore, stableId } from './sql.ts';
import { ACME_ASSET_HOLDERS, DAY, isoDay, seedIds } from './demo-common.ts';

export function acmeHardwareRows(now: number): string[] {
  const ws = 'acme';
  const { uid } = seedIds(ws);
  const out: string[] = [];
  const locations = ['London HQ', 'Berlin Office', 'Remote'];
  for (const name of locations)
    out.push(insertOrIgnore('locations', { id: stableId(`${ws}:loc:${name}`), name, address: null }));
  const loc = (name: string) => stableId(`${ws}:loc:${name}`);

  const categories = ['Laptop', 'Monitor', 'Phone', 'Tablet', 'Docking station', 'Headset', 'Keyboard'];
  for (const name of categories)
    out.push(insertOrIgnore('hardware_categories', { id: stableId(`${ws}:cat:${name}`), name }));
  const cat = (name: string) => stableId(`${ws}:cat:${name}`);

  const models: [string, string, string][] = [
    ['Laptop', 'Apple', 'MacBook Pro 14" (M3)'],
    ['Laptop', 'Dell', 'Latitude 7450'],
    ['Laptop', 'Lenovo', 'ThinkPad X1 Carbon Gen 12'],
    ['Monitor', 'Dell', 'UltraSharp U2723QE'],
    ['Monitor', 'LG', '27UP850-W'],
    ['Phone', 'Apple', 'iPhone 15'],
    ['Phone', 'Google', 'Pixel 8'],
    ['Tablet', 'Apple', 'iPad Air 11"'],
    ['Docking station', 'CalDigit', 'TS4'],
    ['Headset', 'Jabra', 'Evolve2 75'],
    ['Keyboard', 'Logitech', 'MX Keys']
  ];
  for (const [c, m, n] of models)
    out.push(
      insertOrIgnore('hardware_models', {
        id: stableId(`${ws}:model:${n}`),
        category_id: cat(c),
        manufacturer: m,
        name: n
      })
    );
  const model = (n: string) => stableId(`${ws}:model:${n}`);

  // 44 assets. Ada: a new laptop awaiting acknowledgement, a monitor, a phone.
  type Asset = {
    tag: string;
    model: string;
    serial: string;
    holder?: string;
    status?: string;
    daysAgo?: number;
    ack?: 'requested' | 'done';
    location?: string;
  };
  const assets: Asset[] = [
    {
      tag: 'ACME-0001',
      model: 'MacBook Pro 14" (M3)',
      serial: 'C02ZK1ADA001',
      holder: 'ada',
      daysAgo: 3,
      ack: 'requested',
      location: 'London HQ'
    },
    {
      tag: 'ACME-0002',
      model: 'UltraSharp U2723QE',
      serial: 'CN0DU27ADA02',
      holder: 'ada',
      daysAgo: 200,
      ack: 'done',
      location: 'London HQ'
    },
    {
      tag: 'ACME-0003',
      model: 'iPhone 15',
      serial: 'F2LZADA00003',
      holder: 'ada',
      daysAgo: 90,
      ack: 'done',
      location: 'London HQ'
    },
    {
      tag: 'ACME-0004',
      model: 'MacBook Pro 14" (M3)',
      serial: 'C02ZK1ADM004',
      holder: 'admin',
      daysAgo: 300,
      ack: 'done',
      location: 'London HQ'
    }
  ];
  const holders = ACME_ASSET_HOLDERS;
  const cycle = [
    'Latitude 7450',
    'ThinkPad X1 Carbon Gen 12',
    'UltraSharp U2723QE',
    '27UP850-W',
    'Pixel 8',
    'iPad Air 11"',
    'TS4',
    'Evolve2 75',
    'MX Keys',
    'MacBook Pro 14" (M3)'
  ];
  for (let i = 5; i <= 44; i++) {
    const tag = `ACME-${String(i).padStart(4, '0')}`;
    const m = cycle[i % cycle.length];
    const serial = `SN${String(100000 + i * 7919).slice(0, 6)}${i}`;
    if (i <= 28)
      assets.push({
        tag,
        model: m,
        serial,
        holder: holders[i % holders.length],
        daysAgo: 20 + i * 9,
        ack: 'done',
        location: locations[i % 3]
      });
    else if (i <= 38) assets.push({ tag, model: m, serial, status: 'in_stock', location: locations[i % 2] });
    else if (i <= 41) assets.push({ tag, model: m, serial, status: 'in_repair', location: 'London HQ' });
    else assets.push({ tag, model: m, serial, status: 'retired', location: 'Berlin Office' });
  }
  for (const a of assets) {
    const assignedAt = a.holder ? now - (a.daysAgo ?? 30) * DAY : null;
    out.push(
      insertOrIgnore('hardware_assets', {
        id: stableId(`${ws}:asset:${a.tag}`),
        asset_tag: a.tag,
        serial: a.serial,
        model_id: model(a.model),
        location_id: loc(a.location ?? 'London HQ'),
        status: a.holder ? 'assigned' : (a.status ?? 'in_stock'),
        assigned_to: a.holder ? uid(a.holder) : null,
        assigned_at: assignedAt,
        acknowledgement_requested: a.ack !== undefined,
        acknowledged_at: a.ack === 'done' && assignedAt ? assignedAt + DAY : null,
        purchase_date: isoDay(now - ((a.daysAgo ?? 30) + 10) * DAY),
        purchase_cost_cents: a.model.includes('MacBook') ? 249900 : 59900,
        warranty_ends: isoDay(now + 600 * DAY),
        created_at: now - 500 * DAY,
        updated_at: now - 10 * DAY
      })
    );
    if (a.holder && assignedAt) {
      out.push(
        insertOrIgnore('hardware_assignments', {
          id: stableId(`${ws}:assignment:${a.tag}`),
          asset_id: stableId(`${ws}:asset:${a.tag}`),
          user_id: uid(a.holder),
          assigned_at: assignedAt,
          returned_at: null,
          assigned_by: uid('admin')
        })
      );
    }
  }
  return out;
}
