import { useClientHandle, useSubscription } from '@urql/vue';
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import {
  LeaveTicketDocument,
  TicketPresenceHeartbeatDocument,
  TicketPresenceLiveDocument,
  type TicketPresenceFieldsFragment,
} from '../../graphql/generated.ts';

/** The server forgets a viewer 30 s after their last heartbeat. */
export const HEARTBEAT_MS = 10_000;

/**
 * Collision warning: tells the server every ~10 s that we are on the ticket
 * (and whether we are writing), and follows who else is. `others` are the
 * other agents, `othersComposing` those writing a reply or note right now.
 */
export function usePresence(ticketId: string, composing: Ref<boolean>, meId: Ref<string | undefined>) {
  const client = useClientHandle().client;
  const viewers = ref<TicketPresenceFieldsFragment['viewers']>([]);

  async function heartbeat(): Promise<void> {
    const result = await client.mutation(TicketPresenceHeartbeatDocument, { ticketId, composing: composing.value }).toPromise();
    if (result.data) viewers.value = result.data.ticketPresenceHeartbeat.viewers;
  }

  void heartbeat();
  const timer = setInterval(() => void heartbeat(), HEARTBEAT_MS);
  // Others learn at once when we start or stop writing.
  watch(composing, () => void heartbeat());

  useSubscription({ query: TicketPresenceLiveDocument, variables: { ticketId } }, (_previous, data) => {
    if (data.ticketPresence.ticketId === ticketId) viewers.value = data.ticketPresence.viewers;
    return data;
  });

  onScopeDispose(() => {
    clearInterval(timer);
    void client.mutation(LeaveTicketDocument, { ticketId }).toPromise();
  });

  const others = computed(() => viewers.value.filter((viewer) => viewer.user.id !== meId.value));
  const othersComposing = computed(() => others.value.filter((viewer) => viewer.composing).map((viewer) => viewer.user.name));
  return { others, othersComposing };
}
