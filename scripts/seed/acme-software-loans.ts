// Acme demo seed: 12 software products with licences and seats, and the loan pool with its loans.
import { insertOrIgnore, stableId } from './sql.ts';
import { ACME_ASSET_HOLDERS, DAY, isoDay, seedIds } from './demo-common.ts';

export function acmeSoftwareAndLoanRows(now: number): string[] {
  const ws = 'acme';
  const { uid, cat, asset } = seedIds(ws);
  const out: string[] = [];
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
    ...ACME_ASSET_HOLDERS.map((h) => [h, 'Microsoft 365', []] as [string, string, string[]]),
    ...ACME_ASSET_HOLDERS.slice(0, 4).map((h) => [h, 'Slack', []] as [string, string, string[]])
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
  return out;
}
