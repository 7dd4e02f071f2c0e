import { useClientHandle, useSubscription } from '@urql/vue';
import { computed, onScopeDispose, ref, type Ref } from 'vue';
import { ConversationTypingDocument, SetTypingDocument, type MessageKind } from '../../graphql/generated.ts';

/** Re-announce typing at most this often while keys keep coming. */
const ANNOUNCE_EVERY_MS = 3_000;
/** Typing stops counting after this long without a key. */
const IDLE_MS = 5_000;
/** Someone else's indicator disappears if their "stopped" never arrives. */
const EXPIRE_MS = 8_000;

/**
 * Typing indicators of one conversation: who else is typing (customer or
 * agents, from the `typing` subscription), and our own announcements through
 * `setTyping`, throttled, with a stop after a pause or on send.
 */
export function useTyping(conversationId: Ref<string | null>, meId: Ref<string | undefined>) {
  const client = useClientHandle().client;
  const typers = ref(new Map<string, string>());
  const expiries = new Map<string, ReturnType<typeof setTimeout>>();

  function forget(key: string): void {
    clearTimeout(expiries.get(key));
    expiries.delete(key);
    const next = new Map(typers.value);
    next.delete(key);
    typers.value = next;
  }

  useSubscription(
    {
      query: ConversationTypingDocument,
      variables: computed(() => ({ conversationId: conversationId.value ?? '' })),
      pause: computed(() => !conversationId.value),
    },
    (_previous, data) => {
      const { participant, typing } = data.typing;
      if (participant.kind === 'agent' && participant.userId === meId.value) return data;
      const key = `${participant.kind}:${participant.userId ?? participant.customerId ?? participant.name}`;
      if (!typing) {
        forget(key);
        return data;
      }
      typers.value = new Map(typers.value).set(key, participant.name);
      clearTimeout(expiries.get(key));
      expiries.set(key, setTimeout(() => forget(key), EXPIRE_MS));
      return data;
    },
  );

  let announcedAt = 0;
  let announcedKind: MessageKind | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function send(typing: boolean, kind: MessageKind): void {
    if (!conversationId.value) return;
    void client.mutation(SetTypingDocument, { conversationId: conversationId.value, typing, kind }).toPromise();
  }

  /** Call on every edit of the composer. */
  function typed(kind: MessageKind): void {
    const now = Date.now();
    if (announcedKind !== kind || now - announcedAt > ANNOUNCE_EVERY_MS) {
      // A switch from reply to note must not leave a customer-visible indicator behind.
      if (announcedKind && announcedKind !== kind) send(false, announcedKind);
      send(true, kind);
      announcedAt = now;
      announcedKind = kind;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stopped, IDLE_MS);
  }

  function stopped(): void {
    clearTimeout(idleTimer);
    if (announcedKind) send(false, announcedKind);
    announcedKind = null;
  }

  onScopeDispose(() => {
    stopped();
    for (const timer of expiries.values()) clearTimeout(timer);
  });

  return { typingNames: computed(() => [...typers.value.values()]), typed, stopped };
}
