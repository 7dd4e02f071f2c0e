import { useQuery } from '@urql/vue';
import { computed, onScopeDispose, ref } from 'vue';
import { AgentSearchDocument, TagSearchDocument, TicketPickerOptionsDocument } from '../../graphql/generated.ts';
import { useTicketLabels } from './ticket-labels.ts';

/** Ticket types and teams for selects (small lists, loaded whole). */
export function useTypeAndTeamOptions() {
  const labels = useTicketLabels();
  const query = useQuery({ query: TicketPickerOptionsDocument });
  return {
    typeOptions: computed(() => (query.data.value?.ticketTypes ?? []).map((type) => ({ value: type.id, label: labels.type(type) }))),
    teamOptions: computed(() => (query.data.value?.teams ?? []).map((team) => ({ value: team.id, label: team.name }))),
  };
}

/** A search term that follows typing with a short delay, so each keystroke is not a request. */
function useDebouncedSearch(delayMs = 200) {
  const term = ref('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onScopeDispose(() => clearTimeout(timer));
  return {
    term,
    onSearch(value: string) {
      clearTimeout(timer);
      timer = setTimeout(() => (term.value = value.trim()), delayMs);
    },
  };
}

/** Staff users for assignee, follower and mention pickers, searched on the server. */
export function useAgentOptions(first = 100) {
  const { term, onSearch } = useDebouncedSearch();
  const query = useQuery({ query: AgentSearchDocument, variables: computed(() => ({ search: term.value || null, first })) });
  return {
    agents: computed(() => query.data.value?.agents ?? []),
    agentOptions: computed(() => (query.data.value?.agents ?? []).map((agent) => ({ value: agent.id, label: agent.name }))),
    onSearch,
  };
}

/** Existing tag names for tag pickers (new names may be typed too). */
export function useTagOptions() {
  const { term, onSearch } = useDebouncedSearch();
  const query = useQuery({ query: TagSearchDocument, variables: computed(() => ({ search: term.value || null })) });
  return {
    tagOptions: computed(() => (query.data.value?.tags ?? []).map((tag) => ({ value: tag.name, label: tag.name }))),
    onSearch,
  };
}
