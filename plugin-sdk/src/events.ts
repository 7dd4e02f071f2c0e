/**
 * Domain events of the Kefu core. Handlers receive a {@link DomainEvent}
 * envelope whose payload type follows from the event name.
 *
 * Payloads carry ids, not whole records: a handler loads what it needs, so an
 * event stays small on the wire (Redis) and never leaks fields the handler
 * should not see.
 */
export interface CoreDomainEvents {
  /** A user account was created (setup, admin, sign-up or CLI). */
  'user.created': { userId: string; role: string };
  /** A user's role, name, locale or active flag changed. */
  'user.updated': { userId: string; changes: string[] };
  /** A user signed in; `sessionId` identifies the new session. */
  'user.signedIn': { userId: string; sessionId: string };
  /** Sessions of a user ended early (sign-out, password or role change, deactivation, admin action). */
  'session.revoked': { userId: string };
  /** A knowledge-base article went live (now, or at its scheduled time); `locales` are its translations. */
  'knowledge.articlePublished': { articleId: string; locales: string[] };
  /** A published article was taken down (back to draft, or archived). */
  'knowledge.articleUnpublished': { articleId: string; status: 'draft' | 'archived' };
  /** An article was saved (new version), whatever its status; `status` is the status after the save. */
  'knowledge.articleEdited': { articleId: string; version: number; status: string };
  /** An article and its versions were deleted. */
  'knowledge.articleDeleted': { articleId: string };
  /** An article was submitted for review (draft → in_review). */
  'knowledge.articleSubmitted': { articleId: string };
  /** A published article passed its review date; `ownerId` should review it. Published once per review date. */
  'knowledge.articleStale': { articleId: string; ownerId: string | null; reviewAt: string };
  /**
   * Staff users joined (`added`) or left (`removed`) a team. Deleting a team
   * removes all its members (`deleted: true`). What each of them may see
   * changed with it (the ticket visibility rule reads team membership).
   * `conversationsUnteamed`: the deleted team held conversations (live chats
   * in any state, ticket threads); each lost its team (recorded as a
   * `team_deleted` system message by the admin, `updated_at` touched) without
   * a `conversation.updated` or `message.created` of its own.
   * `chatsUnrouted`: some of them were live chats waiting in its queue (no
   * assignee, no ticket), now unrouted, which every agent sees (implies
   * `conversationsUnteamed`). `ticketsUnteamed`: the deleted team held
   * tickets; each lost its team (recorded in its timeline as a `team` change
   * by the admin, `updated_at` touched) without a `ticket.updated` of its own.
   * Published for any of these even when the team had no members.
   */
  'team.membersChanged': {
    teamId: string;
    added: string[];
    removed: string[];
    deleted: boolean;
    chatsUnrouted: boolean;
    ticketsUnteamed: boolean;
    conversationsUnteamed: boolean;
  };
  /** A plugin finished loading (emitted by the loader, once per instance). */
  'plugin.loaded': { pluginId: string; version: string };

  /** A customer profile was created (agent, portal sign-up, channel). */
  'customer.created': { customerId: string };
  /** A customer profile was edited. */
  'customer.updated': { customerId: string };
  /** `sourceId` was merged into `targetId` (its tickets and conversations moved there). */
  'customer.merged': { sourceId: string; targetId: string };

  /** A ticket was created (agent UI, portal, conversation, channel). */
  'ticket.created': {
    ticketId: string;
    number: number;
    requesterId: string;
    assigneeId: string | null;
    teamId: string | null;
    channel: string;
    /** The conversation holding the first message, if any. */
    conversationId: string | null;
  };
  /**
   * Fields of a ticket changed. `from`/`to` are strings for scalar fields,
   * `{ id, name }` for references (assignee, team, type, organization,
   * requester) and arrays of names for tags; null when empty.
   */
  'ticket.updated': { ticketId: string; changes: TicketFieldChange[] };
  /** The assignee changed (also reported in `ticket.updated`). */
  'ticket.assigned': { ticketId: string; assigneeId: string | null; previousAssigneeId: string | null; teamId: string | null };
  /** `sourceId` was merged into `targetId` (the source is now closed). */
  'ticket.merged': { sourceId: string; targetId: string };
  /** Followers of a ticket changed. */
  'ticket.followersChanged': { ticketId: string; added: string[]; removed: string[] };

  /** A conversation started (channel message, portal chat, agent outreach). */
  'conversation.created': { conversationId: string; customerId: string; channel: string; ticketId: string | null };
  /**
   * A conversation was transferred, closed, reopened or attached to a ticket
   * (`ticket`: it had none before). `assigneeId`, `teamId` and `ticketId` are
   * the values after the change; `previousAssigneeId` and `previousTeamId`
   * those before it (equal to the new ones when unchanged), so a handler can
   * tell who the conversation was taken from.
   */
  'conversation.updated': {
    conversationId: string;
    changes: ('assignee' | 'team' | 'status' | 'ticket')[];
    assigneeId: string | null;
    teamId: string | null;
    ticketId: string | null;
    previousAssigneeId: string | null;
    previousTeamId: string | null;
  };
  /**
   * A message was added. `kind` is reply (public), note (internal, never
   * shown to customers) or system. `authorId` is the staff or customer user
   * who wrote it (null for channel customers without an account and for
   * system messages; then see `authorCustomerId`). `mentionedUserIds` are the
   * staff users @mentioned in a note (Tiptap mention nodes); always empty for
   * replies.
   */
  'message.created': {
    messageId: string;
    kind: 'reply' | 'note' | 'system';
    conversationId: string;
    ticketId: string | null;
    authorId: string | null;
    authorCustomerId: string | null;
    mentionedUserIds: string[];
  };

  /**
   * A staff user got an in-app notification (`kind`: assigned, mentioned,
   * customer_replied, ticket_updated, reminder_due). A plugin may forward it
   * (e-mail, chat); the notification itself is read through the API.
   */
  'notification.created': { notificationId: string; recipientId: string; kind: string; ticketId: string | null };
}

/** One changed ticket field in a `ticket.updated` event. */
export interface TicketFieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type CoreEventType = keyof CoreDomainEvents;

/** The envelope every event travels in. */
export interface DomainEvent<Type extends string = string, Payload = unknown> {
  /** Unique id (UUID) of this occurrence. */
  id: string;
  type: Type;
  /** ISO 8601 time the event was published. */
  occurredAt: string;
  /** The user whose action caused it, or null for system actions. */
  actorId: string | null;
  payload: Payload;
}

export type CoreEvent<Type extends CoreEventType = CoreEventType> = DomainEvent<Type, CoreDomainEvents[Type]>;

export type EventHandler<Type extends CoreEventType> = (event: CoreEvent<Type>) => void | Promise<void>;
