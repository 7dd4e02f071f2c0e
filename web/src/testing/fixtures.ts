import type { Role, ViewerFieldsFragment } from '../graphql/generated.ts';
import type { GraphqlReply } from './render-app.ts';

export function viewer(role: Role = 'admin', overrides: Partial<ViewerFieldsFragment['user']> = {}): ViewerFieldsFragment {
  return {
    csrfToken: 'csrf-token-1',
    sessionExpiresAt: '2026-12-05T10:00:00.000Z',
    user: {
      id: `${role}-1`,
      email: `${role}@example.com`,
      name: `Ada ${role}`,
      role,
      locale: 'en',
      timeZone: 'UTC',
      active: true,
      createdAt: '2026-11-21T10:00:00.000Z',
      ...overrides,
    },
  };
}

/** The boot query's answer: set-up instance, signed in as `me` (or signed out), customer sign-up on (the server's default). */
export function boot(me: ViewerFieldsFragment | null, needsSetup = false, { signupEnabled = true } = {}): () => GraphqlReply {
  return () => ({ data: { setupStatus: { needsSetup }, portalSignupEnabled: signupEnabled, me } });
}

/** Answers for an empty agent inbox (one "My tickets" view, no tickets), for tests that only pass through it. */
export function emptyInbox(): Record<string, () => GraphqlReply> {
  return {
    InboxViews: () => ({ data: { ticketViews: [{ id: 'view-mine', key: 'mine', name: 'Mine', builtIn: true, shared: false, count: 0 }] } }),
    InboxTickets: () => ({ data: { tickets: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } } }),
    TicketPickerOptions: () => ({ data: { ticketTypes: [], teams: [] } }),
    AgentSearch: () => ({ data: { agents: [] } }),
    TagSearch: () => ({ data: { tags: [] } }),
    UnreadNotificationCount: () => ({ data: { unreadNotificationCount: 0 } }),
  };
}
