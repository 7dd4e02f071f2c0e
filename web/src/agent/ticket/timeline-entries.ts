import type { MessageFieldsFragment, TimelineEntryFieldsFragment } from '../../graphql/generated.ts';

/** A message pushed live, shaped like the timeline entry the server will list for it. */
export function entryForMessage(message: MessageFieldsFragment): TimelineEntryFieldsFragment {
  return {
    id: `message:${message.id}`,
    ticketId: message.ticketId ?? '',
    kind: 'message',
    actor: message.author ?? { kind: 'system', userId: null, customerId: null, name: '' },
    at: message.createdAt,
    message,
    field: null,
    from: null,
    to: null,
    data: null,
    relatedTicket: null,
  };
}

/**
 * Appends entries not shown yet. A message can arrive twice (from our own
 * sendMessage, its messageAdded event, and a timeline refetch), so messages
 * are matched by message id as well as entry id.
 */
export function mergeEntries(current: TimelineEntryFieldsFragment[], incoming: TimelineEntryFieldsFragment[]): TimelineEntryFieldsFragment[] {
  const entryIds = new Set(current.map((entry) => entry.id));
  const messageIds = new Set(current.flatMap((entry) => (entry.message ? [entry.message.id] : [])));
  const added: TimelineEntryFieldsFragment[] = [];
  for (const entry of incoming) {
    if (entryIds.has(entry.id) || (entry.message && messageIds.has(entry.message.id))) continue;
    entryIds.add(entry.id);
    if (entry.message) messageIds.add(entry.message.id);
    added.push(entry);
  }
  return added.length ? [...current, ...added] : current;
}
