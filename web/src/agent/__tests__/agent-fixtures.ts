/**
 * Data shaped like the server's answers for the agent workspace tests, and
 * responders for the queries every agent page makes.
 */
import type {
  AgentTicketQuery,
  MessageFieldsFragment,
  TicketDetailFieldsFragment,
  TicketListFieldsFragment,
  TicketViewFieldsFragment,
  TimelineEntryFieldsFragment,
} from '../../graphql/generated.ts';
import { boot, viewer } from '../../testing/fixtures.ts';
import type { Responder } from '../../testing/render-app.ts';

export const me = viewer('agent', { id: 'agent-1', name: 'Ada Agent', email: 'ada@example.com' });
export const bo = { id: 'agent-2', name: 'Bo Agent', email: 'bo@example.com' };
export const cy = { id: 'agent-3', name: 'Cy Agent', email: 'cy@example.com' };

export function viewFilter(overrides: Partial<TicketViewFieldsFragment['filter']> = {}): TicketViewFieldsFragment['filter'] {
  return {
    status: null, priority: null, typeIds: null, assigneeIds: null, unassigned: null, assignedToMe: null, teamIds: null, myTeams: null,
    followedByMe: null, tags: null, requesterId: null, organizationId: null, channels: null, createdAfter: null, createdBefore: null,
    updatedAfter: null, updatedBefore: null, search: null, ...overrides,
  };
}

export function view(overrides: Partial<TicketViewFieldsFragment> = {}): TicketViewFieldsFragment {
  return {
    id: 'view-mine', key: 'mine', name: 'Mine', builtIn: true, shared: false, count: 0, owner: null,
    filter: viewFilter({ status: ['new', 'open', 'pending', 'on_hold'] }), sort: { field: 'updatedAt', direction: 'desc' }, ...overrides,
  };
}

export const builtInViews = [
  view({ id: 'view-mine', key: 'mine', count: 3 }),
  view({ id: 'view-unassigned', key: 'unassigned', name: 'Unassigned', count: 7 }),
  view({ id: 'view-teams', key: 'my_teams', name: 'My teams', count: 12 }),
  view({ id: 'view-all', key: 'all', name: 'All', count: 40 }),
  view({ id: 'view-vip', key: null, name: 'VIP waiting', builtIn: false, count: 2 }),
];

export function listTicket(n: number, overrides: Partial<TicketListFieldsFragment> = {}): TicketListFieldsFragment {
  return {
    id: `ticket-${n}`,
    number: 1000 + n,
    reference: `#${1000 + n}`,
    subject: `Subject ${n}`,
    status: 'open',
    priority: 'normal',
    type: null,
    tags: [],
    requester: { id: 'customer-1', name: 'Carol Customer' },
    assignee: null,
    team: null,
    dueAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    lastMessage: null,
    ...overrides,
  };
}

export function message(id: string, overrides: Partial<MessageFieldsFragment> = {}): MessageFieldsFragment {
  return {
    id,
    kind: 'reply',
    conversationId: 'conversation-1',
    ticketId: 'ticket-1',
    author: { kind: 'customer', userId: null, customerId: 'customer-1', name: 'Carol Customer' },
    html: `<p>Message ${id}</p>`,
    text: `Message ${id}`,
    event: null,
    data: null,
    mentionedUserIds: [],
    attachments: [],
    createdAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

export function messageEntry(msg: MessageFieldsFragment): TimelineEntryFieldsFragment {
  return {
    id: `entry-${msg.id}`,
    ticketId: 'ticket-1',
    kind: 'message',
    actor: msg.author ?? { kind: 'system', userId: null, customerId: null, name: '' },
    at: msg.createdAt,
    message: msg,
    field: null,
    from: null,
    to: null,
    data: null,
    relatedTicket: null,
  };
}

export function detail(overrides: Partial<TicketDetailFieldsFragment> = {}): TicketDetailFieldsFragment {
  return {
    ...listTicket(1),
    channel: 'portal',
    allowedStatuses: ['pending', 'on_hold', 'solved'],
    viewerIsFollowing: false,
    openedSuggestions: [],
    followers: [],
    organization: null,
    conversations: [{ id: 'conversation-1', status: 'open' }],
    mergedInto: null,
    mergedTickets: [],
    linkedTickets: [],
    ...overrides,
  };
}

export function agentTicket(
  overrides: Partial<TicketDetailFieldsFragment> = {},
  entries: TimelineEntryFieldsFragment[] = [],
): NonNullable<AgentTicketQuery['ticket']> {
  return {
    ...detail(overrides),
    requester: {
      id: 'customer-1',
      name: 'Carol Customer',
      emails: ['carol@example.com'],
      phones: [],
      type: 'individual',
      tier: 'vip',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      attributes: { plan: 'Gold', order_count: 12 },
      organization: { id: 'org-1', name: 'Acme Ltd', tier: 'standard' },
      user: null,
      tickets: {
        nodes: [
          { id: 'ticket-1', reference: '#1001', subject: 'Subject 1', status: 'open', updatedAt: '2026-11-21T10:00:00.000Z' },
          { id: 'ticket-9', reference: '#0990', subject: 'Old refund question', status: 'solved', updatedAt: '2026-10-01T10:00:00.000Z' },
        ],
        pageInfo: { hasNextPage: false },
      },
    },
    timeline: { nodes: entries, pageInfo: { endCursor: entries.length ? 'cursor-1' : null, hasNextPage: false } },
  };
}

/** Answers for the queries every agent page (or its pickers) makes. */
export function agentResponders(): Record<string, Responder> {
  return {
    SessionBoot: boot(me),
    TicketPickerOptions: () => ({
      data: {
        ticketTypes: [{ id: 'type-1', key: 'order', name: 'Order' }],
        teams: [{ id: 'team-1', name: 'Support' }],
      },
    }),
    AgentSearch: () => ({ data: { agents: [{ ...me.user, id: me.user.id, name: me.user.name, email: me.user.email }, bo, cy].map(({ id, name, email }) => ({ id, name, email })) } }),
    TagSearch: () => ({ data: { tags: [{ id: 'tag-1', name: 'refund' }] } }),
    // The notification bell in the header asks for its count on every agent page.
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 0 } }),
  };
}

/** A keydown as the browser sends it, on the focused element (or body). */
export function press(key: string, init: KeyboardEventInit = {}, target: Element = document.activeElement ?? document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}
