import { describe, expect, it } from 'vitest';
import { combineViewFilter, sortInput } from '../inbox/saved-view-filter.ts';
import { viewFilter } from './agent-fixtures.ts';

describe('combineViewFilter', () => {
  it('keeps the view’s own filter and adds the filters on top of it', () => {
    const base = { ...viewFilter({ status: ['new', 'open'], myTeams: true }), __typename: 'TicketFilterSpec' } as ReturnType<typeof viewFilter>;
    expect(combineViewFilter(base, { priority: ['urgent'], tags: ['vip'] })).toEqual({ status: ['new', 'open'], myTeams: true, priority: ['urgent'], tags: ['vip'] });
  });

  it('narrows a list set on both sides to what both allow, and requires both searches’ terms', () => {
    const base = viewFilter({ status: ['new', 'open', 'pending'], search: 'refund' });
    expect(combineViewFilter(base, { status: ['open', 'solved'], search: '退款' })).toEqual({ status: ['open'], search: 'refund 退款' });
  });

  it('drops the cache’s __typename from a saved sort', () => {
    expect(sortInput({ field: 'priority', direction: 'desc', __typename: 'TicketSortSpec' } as never)).toEqual({ field: 'priority', direction: 'desc' });
    expect(sortInput(null)).toBeNull();
  });
});
