import type { Client } from '@urql/vue';
import { VueRenderer } from '@tiptap/vue-3';
import type { SuggestionOptions } from '@tiptap/suggestion';
import { AgentSearchDocument, type AgentRefFragment } from '../../graphql/generated.ts';
import MentionList from './MentionList.vue';

/**
 * The @mention suggestion: agents from the `agents(search)` query, shown in
 * MentionList. The Mention node it inserts is
 * `{ type: 'mention', attrs: { id: <user id>, label: <name> } }` — the server
 * reads `attrs.id` to notify mentioned agents (Message.mentionedUserIds).
 * `allow` limits mentions to where they make sense (internal notes).
 */
export function agentMentionSuggestion(client: Client, allow: () => boolean): Omit<SuggestionOptions<AgentRefFragment>, 'editor'> {
  return {
    char: '@',
    allow: () => allow(),
    debounce: 150,
    items: async ({ query }) => {
      const result = await client.query(AgentSearchDocument, { search: query || null, first: 8 }, { requestPolicy: 'network-only' }).toPromise();
      return result.data?.agents ?? [];
    },
    render: () => {
      let renderer: VueRenderer | null = null;
      let unmount: (() => void) | null = null;
      const setActive = (dom: HTMLElement) => (optionId: string | null) => {
        if (optionId) dom.setAttribute('aria-activedescendant', optionId);
        else dom.removeAttribute('aria-activedescendant');
      };
      return {
        onStart(props) {
          const dom = props.editor.view.dom;
          renderer = new VueRenderer(MentionList, {
            editor: props.editor,
            props: { items: props.items, loading: props.loading, command: props.command, onActive: setActive(dom) },
          });
          dom.setAttribute('aria-controls', 'mention-list');
          unmount = props.mount(renderer.element as HTMLElement);
        },
        onUpdate(props) {
          renderer?.updateProps({ items: props.items, loading: props.loading, command: props.command });
        },
        onKeyDown(props) {
          if (props.event.key === 'Escape') return false;
          return (renderer?.ref as { onKeyDown?: (p: { event: KeyboardEvent }) => boolean } | null)?.onKeyDown?.(props) ?? false;
        },
        onExit(props) {
          const dom = props.editor.view.dom;
          dom.removeAttribute('aria-controls');
          dom.removeAttribute('aria-activedescendant');
          unmount?.();
          renderer?.destroy();
          renderer = null;
        },
      };
    },
  };
}
