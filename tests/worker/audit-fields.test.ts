// The audit log's before/after cells: a stored JSON object reads as its fields; anything else as stored.
import { describe, expect, it } from 'vitest';
import { auditValueOf } from '../../src/lib/audit-fields';

describe('auditValueOf', () => {
  it('shows a JSON object as its fields, in the order stored', () => {
    expect(auditValueOf('{"status":"pending","seats":3,"decidedBy":null,"tags":["a"]}')).toEqual({
      kind: 'fields',
      fields: [
        { key: 'status', value: 'pending' },
        { key: 'seats', value: '3' },
        { key: 'decidedBy', value: 'none' },
        { key: 'tags', value: '["a"]' }
      ]
    });
  });

  it('shows anything else exactly as stored, and nothing as none', () => {
    expect(auditValueOf('not json')).toEqual({ kind: 'text', text: 'not json' });
    expect(auditValueOf('[1,2]')).toEqual({ kind: 'text', text: '[1,2]' });
    expect(auditValueOf('"plain"')).toEqual({ kind: 'text', text: '"plain"' });
    expect(auditValueOf(null)).toEqual({ kind: 'none' });
    expect(auditValueOf('{}')).toEqual({ kind: 'none' });
  });
});
