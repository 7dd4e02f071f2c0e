import { ref, watch } from 'vue';

interface SuggestionListProps<Item> {
  items: Item[];
  /** Tells the editor which option is highlighted (aria-activedescendant). */
  onActive?: (optionId: string | null) => void;
}

/**
 * The highlight and keys of a suggestion listbox (@mentions, canned
 * responses). The editor keeps focus while the list is open, so the keys
 * arrive through `onKeyDown` (called by the suggestion plugin, see
 * suggestion-popup.ts): ↑/↓ move the highlight round the list, Enter or Tab
 * choose. The highlighted option's id (`<idPrefix>-<index>`) goes to
 * `onActive`; a new list of items starts at the top.
 */
export function useSuggestionList<Item>(props: SuggestionListProps<Item>, idPrefix: string, pick: (item: Item) => void) {
  const index = ref(0);
  const optionId = (i: number) => `${idPrefix}-${i}`;

  watch(
    () => props.items,
    () => (index.value = 0),
  );
  watch([index, () => props.items], () => props.onActive?.(props.items.length ? optionId(index.value) : null), { immediate: true });

  function choose(i: number): void {
    const item = props.items[i];
    if (item) pick(item);
  }

  function onKeyDown({ event }: { event: KeyboardEvent }): boolean {
    const count = props.items.length;
    if (event.key === 'ArrowDown' && count) index.value = (index.value + 1) % count;
    else if (event.key === 'ArrowUp' && count) index.value = (index.value + count - 1) % count;
    else if ((event.key === 'Enter' || event.key === 'Tab') && count) choose(index.value);
    else return false;
    return true;
  }

  return { index, optionId, choose, onKeyDown };
}
