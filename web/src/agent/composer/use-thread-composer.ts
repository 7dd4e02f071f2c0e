import { useMessage } from 'naive-ui';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useSessionStore } from '../../auth/session-store.ts';
import type { MessageFieldsFragment } from '../../graphql/generated.ts';
import type { ShortcutGroup } from '../keyboard/shortcut-registry.ts';
import { useShortcuts } from '../keyboard/use-shortcuts.ts';
import { useTyping } from '../ticket/use-typing.ts';
import type { ComposerMode } from './composer-mode.ts';
import type TicketComposer from './TicketComposer.vue';

/**
 * What the ticket page and the conversation page do around their composer:
 * its mode and instance (bind `ref="composer"`; AgentAssist writes into it),
 * the typing indicators of the conversation replies go to, `r`/`n` to start a
 * reply or a note, and the toast after sending.
 */
export function useThreadComposer(options: {
  /** The conversation replies go to; typing is announced and watched there. */
  conversationId: () => string | null;
  shortcutGroup: ShortcutGroup;
}) {
  const { t } = useI18n();
  const message = useMessage();
  const session = useSessionStore();
  const meId = computed(() => session.user?.id);
  const mode = ref<ComposerMode>('reply');
  const composer = ref<InstanceType<typeof TicketComposer> | null>(null);
  const typing = useTyping(computed(options.conversationId), meId);

  function announceSent(sent: MessageFieldsFragment): void {
    message.success(sent.kind === 'note' ? t('agent.composer.noteAdded') : t('agent.composer.replySent'));
  }

  useShortcuts([
    { keys: 'r', group: options.shortcutGroup, description: 'agent.shortcuts.reply', run: () => composer.value?.focusIn('reply') },
    { keys: 'n', group: options.shortcutGroup, description: 'agent.shortcuts.note', run: () => composer.value?.focusIn('note') },
  ]);

  return { meId, mode, composer, typing, announceSent };
}
