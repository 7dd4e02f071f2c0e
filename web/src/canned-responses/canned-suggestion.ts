import { Extension, VueRenderer } from '@tiptap/vue-3';
import type { Client } from '@urql/vue';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion, { type SuggestionOptions } from '@tiptap/suggestion';
import { insertCanned, searchCanned, type CannedOption } from './canned-insert.ts';
import CannedList from './components/CannedList.vue';

/**
 * Typing `::` or `/` at the start of a word opens the canned-response picker
 * (the server matches the typed shortcut prefix, title or text); choosing
 * one replaces what was typed with the response rendered for this ticket.
 */
function suggestion(char: string, client: Client, ticketId: () => string): Omit<SuggestionOptions<CannedOption>, 'editor'> {
  return {
    char,
    pluginKey: new PluginKey(`canned-${char}`),
    debounce: 150,
    items: ({ query }) => searchCanned(client, query),
    command: ({ editor, range, props }) => void insertCanned(client, editor, ticketId(), props, range),
    render: () => {
      let renderer: VueRenderer | null = null;
      let unmount: (() => void) | null = null;
      return {
        onStart(props) {
          const dom = props.editor.view.dom;
          const onActive = (id: string | null) => (id ? dom.setAttribute('aria-activedescendant', id) : dom.removeAttribute('aria-activedescendant'));
          renderer = new VueRenderer(CannedList, { editor: props.editor, props: { items: props.items, loading: props.loading, command: props.command, onActive } });
          dom.setAttribute('aria-controls', 'canned-list');
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

export function cannedResponseSuggestions(client: Client, ticketId: () => string) {
  return Extension.create({
    name: 'cannedResponseSuggestions',
    addProseMirrorPlugins() {
      return [suggestion('::', client, ticketId), suggestion('/', client, ticketId)].map((options) => Suggestion({ editor: this.editor, ...options }));
    },
  });
}
