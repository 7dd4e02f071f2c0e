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
  /** A plugin finished loading (emitted by the loader, once per instance). */
  'plugin.loaded': { pluginId: string; version: string };
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
