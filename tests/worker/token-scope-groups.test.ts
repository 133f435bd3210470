// The token form's scope groups (both token pages): every group has a title a person reads, never the
// raw resource key, and every scope appears once, in API_SCOPES order.
import { describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../src/lib/contracts/api-scopes';
import { scopeGroups } from '../../src/lib/contracts/api-tokens';

describe('scopeGroups', () => {
  it('titles every group for people and lists every scope once', () => {
    const groups = scopeGroups(API_SCOPES);
    for (const g of groups) {
      expect(g.title).not.toBe(g.resource);
      expect(g.title[0]).toBe(g.title[0].toUpperCase());
    }
    expect(groups.map((g) => g.title)).toContain('Dashboard');
    expect(groups.flatMap((g) => g.scopes.map((s) => s.scope))).toEqual([...API_SCOPES]);
  });
});
