import { Extension } from '@tiptap/vue-3';
import type { Client } from '@urql/vue';
import { PluginKey } from '@tiptap/pm/state';
import Suggestion, { type SuggestionOptions } from '@tiptap/suggestion';
import { insertCanned, searchCanned, type CannedOption, type CannedTarget } from './canned-insert.ts';
import { suggestionPopup } from '../shared/editor/suggestion-popup.ts';
import CannedList from './components/CannedList.vue';

/**
 * Typing `::` or `/` at the start of a word opens the canned-response picker
 * (the server matches the typed shortcut prefix, title or text); choosing
 * one replaces what was typed with the response rendered for this ticket
 * (or conversation).
 */
function suggestion(char: string, client: Client, target: () => CannedTarget): Omit<SuggestionOptions<CannedOption>, 'editor'> {
  return {
    char,
    pluginKey: new PluginKey(`canned-${char}`),
    debounce: 150,
    items: ({ query }) => searchCanned(client, query),
    command: ({ editor, range, props }) => void insertCanned(client, editor, target(), props, range),
    render: suggestionPopup<CannedOption>(CannedList, 'canned-list'),
  };
}

export function cannedResponseSuggestions(client: Client, target: () => CannedTarget) {
  return Extension.create({
    name: 'cannedResponseSuggestions',
    addProseMirrorPlugins() {
      return [suggestion('::', client, target), suggestion('/', client, target)].map((options) => Suggestion({ editor: this.editor, ...options }));
    },
  });
}
