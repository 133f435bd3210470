// The sidebars, as data (seed 000 "How the portal is organized"). An entry appears only once its page
// exists; `when` hides entries that do not apply to the user (My loans without a loan).
export interface NavItem {
  label: string;
  href: string;
  /** Matches the current path exactly instead of by prefix (for section roots like /my). */
  exact?: boolean;
  /** Paths below href that belong to another entry (My requests is not active on New request). */
  notUnder?: string[];
}
export interface NavSection {
  title: string;
  items: NavItem[];
}

export interface MyNavFacts {
  hasActiveLoans: boolean;
}

export function myNavSections(facts: MyNavFacts): NavSection[] {
  const sections: NavSection[] = [
    {
      title: 'My workspace',
      items: [
        { label: 'Dashboard', href: '/my', exact: true },
        { label: 'My hardware', href: '/my/hardware' },
        { label: 'My software', href: '/my/software' },
        // Seed 000: "My loans appears only when IT has lent you a pool item."
        ...(facts.hasActiveLoans ? [{ label: 'My loans', href: '/my/loans' }] : [])
      ]
    },
    {
      title: 'Requests',
      items: [
        { label: 'My requests', href: '/my/requests', notUnder: ['/my/requests/new'] },
        { label: 'New request', href: '/my/requests/new', exact: true }
      ]
    },
    {
      title: 'Account',
      items: [
        { label: 'Notifications', href: '/my/notifications' },
        { label: 'My profile', href: '/my/profile' },
        { label: 'My device', href: '/my/agent' }
      ]
    }
  ];
  return sections.filter((s) => s.items.length > 0);
}

export function adminNavSections(): NavSection[] {
  return [
    { title: 'Admin console', items: [{ label: 'Dashboard', href: '/admin', exact: true }] },
    ...ADMIN_CONSOLE_SECTIONS,
    {
      title: 'Settings',
      items: [
        { label: 'Security', href: '/admin/settings/security' },
        { label: 'Single sign-on', href: '/admin/settings/sso' },
        { label: 'API tokens', href: '/admin/settings/api-tokens' },
        { label: 'Webhooks', href: '/admin/settings/webhooks' },
        { label: 'Provisioning', href: '/admin/settings/provisioning' },
        { label: 'Help desk', href: '/admin/settings/helpdesk' }
      ]
    }
  ];
}

/** The admin console's own pages (issue 6). */
const ADMIN_CONSOLE_SECTIONS: NavSection[] = [
  {
    title: 'Manage',
    items: [
      { label: 'Requests', href: '/admin/requests' },
      { label: 'People', href: '/admin/people' },
      { label: 'Hardware', href: '/admin/hardware' },
      { label: 'Software', href: '/admin/software' },
      { label: 'Maintenance', href: '/admin/maintenance' },
      { label: 'Loan pool', href: '/admin/loans' },
      { label: 'Devices', href: '/admin/devices' }
    ]
  },
  { title: 'Records', items: [{ label: 'Audit log', href: '/admin/audit' }] }
];

export function isActive(item: NavItem, pathname: string): boolean {
  if (item.exact) return pathname === item.href;
  if (item.notUnder?.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return false;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}
