/** The ticket page over faked answers: one ticket with a reply, a field change and a note. */
import type { Editor } from '@tiptap/vue-3';
import { expect, vi } from 'vitest';
import type { RenderOptions, Responder } from '../../testing/render-app.ts';
import { renderApp } from '../../testing/render-app.ts';
import { agentResponders, agentTicket, bo, detail, me, message, messageEntry } from './agent-fixtures.ts';

export const customerReply = message('m1', { html: '<p>My order has not arrived.</p>', text: 'My order has not arrived.' });
export const boNote = message('m2', {
  kind: 'note',
  author: { kind: 'agent', userId: bo.id, customerId: null, name: bo.name },
  html: '<p>Checked the courier, it is stuck.</p>',
  text: 'Checked the courier, it is stuck.',
});
const entries = [
  { ...messageEntry(customerReply), id: 'entry-created', kind: 'created' as const, message: null },
  messageEntry(customerReply),
  {
    ...messageEntry(customerReply),
    id: 'entry-priority',
    kind: 'field_changed' as const,
    actor: { kind: 'agent' as const, userId: bo.id, customerId: null, name: bo.name },
    message: null,
    field: 'priority',
    from: 'normal',
    to: 'high',
  },
  messageEntry(boNote),
];

export function ticketResponders(overrides: Record<string, Responder> = {}): Record<string, Responder> {
  return {
    ...agentResponders(),
    AgentTicket: () => ({ data: { ticket: agentTicket({}, entries) } }),
    TicketTimelinePage: () => ({ data: { ticket: { id: 'ticket-1', timeline: { nodes: [], pageInfo: { endCursor: 'cursor-1', hasNextPage: false } } } } }),
    CustomerAttributeLabels: () => ({ data: { customerAttributeDefinitions: [{ key: 'plan', label: 'Plan', type: 'string' }] } }),
    TicketPresenceHeartbeat: () => ({ data: { ticketPresenceHeartbeat: { ticketId: 'ticket-1', viewers: [{ user: { id: me.user.id, name: me.user.name }, composing: false, since: '2026-11-21T10:00:00.000Z' }] } } }),
    LeaveTicket: () => ({ data: { leaveTicket: true } }),
    SuggestArticles: () => ({ data: { suggestArticles: [] } }),
    TicketReminders: () => ({ data: { reminders: [] } }),
    SetTyping: () => ({ data: { setTyping: true } }),
    SendMessage: (variables) => {
      const input = variables.input as { kind: 'reply' | 'note' };
      return { data: { sendMessage: message('sent-1', { kind: input.kind, author: { kind: 'agent', userId: me.user.id, customerId: null, name: me.user.name }, html: '<p>Sent text</p>', text: 'Sent text' }) } };
    },
    UpdateTicket: (variables) => {
      const input = variables.input as Record<string, unknown>;
      return { data: { updateTicket: detail({ ...(input.status ? { status: input.status as 'solved' } : {}), ...(input.priority ? { priority: input.priority as 'high' } : {}) }) } };
    },
    ...overrides,
  };
}

export async function openTicket(overrides: Record<string, Responder> = {}, options: RenderOptions = {}) {
  const app = await renderApp('/agent/tickets/ticket-1', ticketResponders(overrides), options);
  await vi.waitFor(() => expect(document.querySelector('.ProseMirror')).not.toBeNull(), { timeout: 10_000 });
  return app;
}

/** The Tiptap editor of the composer (Tiptap puts it on its DOM node). */
export function composerEditor(): Editor {
  return (document.querySelector('.ProseMirror') as HTMLElement & { editor: Editor }).editor;
}

