import { useI18n } from 'vue-i18n';
import type { ConversationStatus } from '../../graphql/generated.ts';

/** Channels of the core; plugin channels (telegram, …) show their own name. */
const CORE_CHANNELS = new Set(['web', 'email', 'portal', 'agent', 'api']);

/** Conversation status and channel names in the reader's language. */
export function useConversationLabels() {
  const { t } = useI18n();
  return {
    status: (status: ConversationStatus) => t(`agent.conversations.status.${status}`),
    channel: (channel: string) => (CORE_CHANNELS.has(channel) ? t(`agent.conversations.channels.${channel}`) : channel),
  };
}
