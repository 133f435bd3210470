// The sidebars, as data (seed 000 "How the portal is organized"). An entry appears only once its page
// exists; `when` hides entries that do not apply to the user (My loans without a loan).
export interface NavItem {
  label: string;
  href: string;
  /** Matches the current path exactly instead of by prefix (for section roots like /my). */
  exact?: boolean;
}
export interface NavSection {
  title: string;
  items: NavItem[];
}

export interface MyNavFacts {
  hasActiveLoans: boolean;
}

export function myNavSections(_facts: MyNavFacts): NavSection[] {
  const sections: NavSection[] = [
    { title: 'My workspace', items: [{ label: 'Dashboard', href: '/my', exact: true }] },
    { title: 'Requests', items: [] },
    { title: 'Account', items: [] }
  ];
  return sections.filter((s) => s.items.length > 0);
}

export function adminNavSections(): NavSection[] {
  return [
    { title: 'Admin console', items: [{ label: 'Dashboard', href: '/admin', exact: true }] },
    { title: 'Settings', items: [{ label: 'Security', href: '/admin/settings/security' }] }
  ];
}

export function isActive(item: NavItem, pathname: string): boolean {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
