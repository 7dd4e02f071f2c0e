import type { Client } from '@urql/vue';
import type { SuggestionOptions } from '@tiptap/suggestion';
import { AgentSearchDocument, type AgentRefFragment } from '../../graphql/generated.ts';
import { suggestionPopup } from '../../shared/editor/suggestion-popup.ts';
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
    render: suggestionPopup<AgentRefFragment>(MentionList, 'mention-list'),
  };
}
