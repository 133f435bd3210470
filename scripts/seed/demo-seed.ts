// The demo workspaces (README "Demo accounts"): Acme (40+ assets, 12 products, a loan pool, ada's
// requests in several states) and Globex, plus a suspended "initech" registry entry.
// Output is SQL statements built from INSERT OR IGNORE with stable ids: running it twice changes nothing.
// Dates are relative to `now` so "renews soon" and "due back" stay true for a fresh database.
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { insertOrIgnore, stableId } from './sql.ts';

export const DEMO_PASSWORD = 'demo-password-2026';
const DAY = 24 * 60 * 60 * 1000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: 'employee' | 'admin';
  status?: 'active' | 'suspended';
  jobTitle: string;
  department: string;
}

export interface DemoSeed {
  control: string[];
  tenants: Record<string, string[]>;
}

export async function buildDemoSeed(now = Date.now()): Promise<DemoSeed> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return {
    control: [
      insertOrIgnore('workspaces', {
        slug: 'acme',
        name: 'Acme Corporation',
        status: 'active',
        db_binding: 'DB_ACME',
        created_at: now,
        updated_at: now
      }),
      insertOrIgnore('workspaces', {
        slug: 'globex',
        name: 'Globex',
        status: 'active',
        db_binding: 'DB_GLOBEX',
        created_at: now,
        updated_at: now
      }),
      // Registered but suspended: shows the "This workspace is suspended" page.
      insertOrIgnore('workspaces', {
        slug: 'initech',
        name: 'Initech',
        status: 'suspended',
        db_binding: 'DB_INITECH',
        created_at: now,
        updated_at: now
      })
    ],
    tenants: { acme: acmeSeed(now, passwordHash), globex: globexSeed(now, passwordHash) }
  };
}

function userRows(ws: string, users: DemoUser[], passwordHash: string, now: number): string[] {
  return users.flatMap((u) => [
    insertOrIgnore('users', {
      id: stableId(`${ws}:user:${u.key}`),
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status ?? 'active',
      password_hash: passwordHash,
      job_title: u.jobTitle,
      department: u.department,
      theme: 'system',
      created_at: now - 400 * DAY,
      updated_at: now - 400 * DAY
    }),
    insertOrIgnore('notification_preferences', {
      user_id: stableId(`${ws}:user:${u.key}`),
      renewal_alerts: true,
      request_alerts: true
    })
  ]);
}

function acmeSeed(now: number, passwordHash: string): string[] {
  const ws = 'acme';
  const uid = (k: string) => stableId(`${ws}:user:${k}`);
  const out: string[] = [];

  const people: DemoUser[] = [
    {
      key: 'admin',
      email: 'admin@acme.example',
      name: 'Morgan Reyes',
      role: 'admin',
      jobTitle: 'IT Manager',
      department: 'IT'
    },
    {
      key: 'ada',
      email: 'ada@acme.example',
      name: 'Ada Lovelace',
      role: 'employee',
      jobTitle: 'Senior Engineer',
      department: 'Engineering'
    },
    {
      key: 'grace',
      email: 'grace@acme.example',
      name: 'Grace Hopper',
      role: 'employee',
      jobTitle: 'Engineer',
      department: 'Engineering'
    },
    {
      key: 'linus',
      email: 'linus@acme.example',
      name: 'Linus Torvalds',
      role: 'employee',
      status: 'suspended',
      jobTitle: 'Contractor',
      department: 'Engineering'
    },
    {
      key: 'alan',
      email: 'alan@acme.example',
      name: 'Alan Turing',
      role: 'employee',
      jobTitle: 'Data Scientist',
      department: 'Research'
    },
    {
      key: 'katherine',
      email: 'katherine@acme.example',
      name: 'Katherine Johnson',
      role: 'employee',
      jobTitle: 'Analyst',
      department: 'Finance'
    },
    {
      key: 'margaret',
      email: 'margaret@acme.example',
      name: 'Margaret Hamilton',
      role: 'employee',
      jobTitle: 'Engineering Lead',
      department: 'Engineering'
    },
    {
      key: 'tim',
      email: 'tim@acme.example',
      name: 'Tim Berners-Lee',
      role: 'employee',
      jobTitle: 'Product Manager',
      department: 'Product'
    },
    {
      key: 'hedy',
      email: 'hedy@acme.example',
      name: 'Hedy Lamarr',
      role: 'employee',
      jobTitle: 'Designer',
      department: 'Design'
    },
    {
      key: 'barbara',
      email: 'barbara@acme.example',
      name: 'Barbara Liskov',
      role: 'employee',
      jobTitle: 'Architect',
      department: 'Engineering'
    },
    {
      key: 'dennis',
      email: 'dennis@acme.example',
      name: 'Dennis Ritchie',
      role: 'employee',
      jobTitle: 'Support Engineer',
      department: 'Support'
    },
    {
      key: 'radia',
      email: 'radia@acme.example',
      name: 'Radia Perlman',
      role: 'employee',
      jobTitle: 'Network Engineer',
      department: 'IT'
    }
  ];
  out.push(...userRows(ws, people, passwordHash, now));

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
  const holders = ['alan', 'katherine', 'margaret', 'tim', 'hedy', 'barbara', 'dennis', 'radia'];
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
  const asset = (tag: string) => stableId(`${ws}:asset:${tag}`);

  // 12 products, licences for each; ada holds three, one renewing within 30 days.
  const products: [string, string, string, number, number][] = [
    ['Microsoft', 'Microsoft 365', 'E3', 150, 200],
    ['Slack', 'Slack', 'Business+', 150, 120],
    ['Zoom', 'Zoom Workplace', 'Business', 80, 60],
    ['Figma', 'Figma', 'Professional', 25, 21],
    ['Adobe', 'Creative Cloud', 'All Apps', 10, 150],
    ['JetBrains', 'IntelliJ IDEA', 'Ultimate', 40, 240],
    ['1Password', '1Password', 'Business', 150, 300],
    ['Atlassian', 'Jira Software', 'Standard', 120, 45],
    ['GitHub', 'GitHub', 'Enterprise', 90, 330],
    ['Notion', 'Notion', 'Plus', 100, 75],
    ['Miro', 'Miro', 'Business', 30, 160],
    ['Salesforce', 'Tableau', 'Creator', 5, 400]
  ];
  for (const [vendor, name, edition, seats, renewsInDays] of products) {
    const pid = stableId(`${ws}:product:${name}`);
    out.push(
      insertOrIgnore('software_products', { id: pid, name, vendor, approved: true, description: null })
    );
    out.push(
      insertOrIgnore('licences', {
        id: stableId(`${ws}:licence:${name}`),
        product_id: pid,
        edition,
        seats,
        renewal_date: isoDay(now + renewsInDays * DAY),
        cost_cents: seats * 1200,
        notes: null,
        created_at: now - 300 * DAY
      })
    );
  }
  const licenceHolders: [string, string, string[]][] = [
    ['ada', 'Microsoft 365', ['ACME-0001']],
    ['ada', 'Slack', ['ACME-0001']],
    ['ada', 'Figma', ['ACME-0001']],
    ['ada', 'IntelliJ IDEA', ['ACME-0001']],
    ['admin', 'Microsoft 365', ['ACME-0004']],
    ['admin', '1Password', ['ACME-0004']],
    ...holders.map((h) => [h, 'Microsoft 365', []] as [string, string, string[]]),
    ...holders.slice(0, 4).map((h) => [h, 'Slack', []] as [string, string, string[]])
  ];
  for (const [holder, product, devices] of licenceHolders) {
    const aid = stableId(`${ws}:licassign:${holder}:${product}`);
    out.push(
      insertOrIgnore('licence_assignments', {
        id: aid,
        licence_id: stableId(`${ws}:licence:${product}`),
        user_id: uid(holder),
        assigned_at: now - 120 * DAY
      })
    );
    for (const tag of devices)
      out.push(insertOrIgnore('licence_assignment_devices', { assignment_id: aid, asset_id: asset(tag) }));
  }

  // Loan pool: six items, ada has one on loan (due in 5 days), alan one overdue.
  const pool: [string, string, string][] = [
    ['LOAN-01', 'Loaner MacBook Air', 'Laptop'],
    ['LOAN-02', 'Portable projector', 'Monitor'],
    ['LOAN-03', '4G mobile hotspot', 'Phone'],
    ['LOAN-04', 'Presentation clicker', 'Keyboard'],
    ['LOAN-05', 'Spare iPhone 15', 'Phone'],
    ['LOAN-06', 'Conference speakerphone', 'Headset']
  ];
  for (const [tag, name, c] of pool) {
    const onLoan = tag === 'LOAN-02' || tag === 'LOAN-03';
    out.push(
      insertOrIgnore('loan_pool_items', {
        id: stableId(`${ws}:pool:${tag}`),
        name,
        asset_tag: tag,
        category_id: cat(c),
        description: null,
        status: onLoan ? 'on_loan' : 'available'
      })
    );
  }
  out.push(
    insertOrIgnore('loans', {
      id: stableId(`${ws}:loan:ada`),
      item_id: stableId(`${ws}:pool:LOAN-02`),
      user_id: uid('ada'),
      lent_at: now - 9 * DAY,
      due_date: isoDay(now + 5 * DAY),
      returned_at: null,
      lent_by: uid('admin'),
      notes: 'For the customer workshop'
    })
  );
  out.push(
    insertOrIgnore('loans', {
      id: stableId(`${ws}:loan:alan`),
      item_id: stableId(`${ws}:pool:LOAN-03`),
      user_id: uid('alan'),
      lent_at: now - 20 * DAY,
      due_date: isoDay(now - 2 * DAY),
      returned_at: null,
      lent_by: uid('admin'),
      notes: null
    })
  );

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

  // Paired computers for the admin's Devices page (ada and grace stay unpaired: the pairing demos and
  // tests start from there). Barbara and Margaret report the serial of the laptop assigned to them;
  // Dennis's computer went quiet 12 days ago and reports a serial IT has no record of; Tim's old
  // pairing was revoked.
  type DemoDevice = {
    key: string;
    holder: string;
    hostname: string;
    os: [string, string];
    cpu: string;
    serial: string;
    seenAgo: number;
    status?: 'revoked';
  };
  const devices: DemoDevice[] = [
    {
      key: 'barbara',
      holder: 'barbara',
      hostname: 'barbara-x1',
      os: ['Ubuntu', '24.04.1 LTS'],
      cpu: 'Intel Core Ultra 7 155U',
      serial: 'SN26629921',
      seenAgo: 3 * 3600_000
    },
    {
      key: 'margaret',
      holder: 'margaret',
      hostname: 'MHAMILTON-LAT',
      os: ['Windows 11 Pro', '23H2'],
      cpu: 'Intel Core i7-1365U',
      serial: 'SN17919010',
      seenAgo: 40 * 60_000
    },
    {
      key: 'dennis',
      holder: 'dennis',
      hostname: 'dmr-workstation',
      os: ['Debian GNU/Linux', '12'],
      cpu: 'AMD Ryzen 7 7840U',
      serial: 'PF4DMR0099',
      seenAgo: 12 * DAY
    },
    {
      key: 'tim-old',
      holder: 'tim',
      hostname: 'tbl-old-mac',
      os: ['macOS', '14.6'],
      cpu: 'Apple M1',
      serial: 'C02TBL00OLD',
      seenAgo: 60 * DAY,
      status: 'revoked'
    }
  ];
  for (const d of devices) {
    const id = stableId(`${ws}:device:${d.key}`);
    out.push(
      insertOrIgnore('agent_devices', {
        id,
        user_id: uid(d.holder),
        // Not hex: no presented credential can ever hash to it, so these demo pairings can't be used.
        credential_hash: `demo-unusable:${ws}:${d.key}`,
        hostname: d.hostname,
        os_name: d.os[0],
        os_version: d.os[1],
        cpu: d.cpu,
        serial: d.serial,
        agent_version: '1.0.0',
        status: d.status ?? 'active',
        enrolled_at: now - 90 * DAY,
        last_seen_at: now - d.seenAgo,
        last_report_at: now - d.seenAgo,
        revoked_at: d.status === 'revoked' ? now - 45 * DAY : null,
        revoked_by: d.status === 'revoked' ? uid('admin') : null
      })
    );
    const apps: [string, string, string][] = [
      ['Google Chrome', '131.0.6778.85', 'Google LLC'],
      ['Slack', '4.41.105', 'Slack Technologies'],
      ['Visual Studio Code', '1.95.3', 'Microsoft Corporation'],
      ['Zoom Workplace', '6.2.11', 'Zoom Video Communications']
    ];
    for (const [name, version, publisher] of apps)
      out.push(insertOrIgnore('agent_software', { device_id: id, name, version, publisher }));
  }

  // Ada's notifications: three unread, two read.
  const notes: [string, string, string, string, boolean, number][] = [
    [
      'n1',
      'request_update',
      'Your request “Adobe Creative Cloud for diagrams” was approved',
      '/my/requests',
      false,
      5
    ],
    ['n2', 'request_message', 'New message on “Second monitor for home office”', '/my/requests', false, 1],
    ['n3', 'renewal_reminder', 'Figma Professional renews soon', '/my/software', false, 2],
    ['n4', 'request_update', 'Your request “Gaming chair” was rejected', '/my/requests', true, 29],
    ['n5', 'hardware_assigned', 'MacBook Pro 14" (M3) was assigned to you', '/my/hardware', true, 3]
  ];
  for (const [k, kind, title, link, read, daysAgo] of notes) {
    out.push(
      insertOrIgnore('notifications', {
        id: stableId(`${ws}:notif:ada:${k}`),
        user_id: uid('ada'),
        kind,
        title,
        body: null,
        link,
        read_at: read ? now - (daysAgo - 1) * DAY : null,
        created_at: now - daysAgo * DAY
      })
    );
  }
  out.push(
    insertOrIgnore('notifications', {
      id: stableId(`${ws}:notif:admin:n1`),
      user_id: uid('admin'),
      kind: 'request_new',
      title: 'Ada Lovelace asked for “Second monitor for home office”',
      body: null,
      link: '/admin',
      read_at: null,
      created_at: now - 2 * DAY
    })
  );
  return out;
}

function globexSeed(now: number, passwordHash: string): string[] {
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
