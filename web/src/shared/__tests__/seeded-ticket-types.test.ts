import { describe, expect, it } from 'vitest';
import { translatedTypeKey } from '../seeded-ticket-types.ts';

describe('translatedTypeKey', () => {
  it('translates a seeded type while it keeps its seeded name', () => {
    expect(translatedTypeKey({ key: 'after_sales', name: 'After-sales' })).toBe('after_sales');
  });

  it('shows the name of a seeded type an admin renamed, and of admin-made types', () => {
    expect(translatedTypeKey({ key: 'order', name: 'Orders and shipping' })).toBeNull();
    expect(translatedTypeKey({ key: 'billing', name: 'Billing' })).toBeNull();
    expect(translatedTypeKey({ key: 'toString', name: 'toString' })).toBeNull();
  });
});
