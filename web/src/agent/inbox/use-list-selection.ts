import { computed, reactive, ref, watch, type Ref } from 'vue';

/**
 * Keyboard focus ("active row", moved with j/k) and the checkbox selection
 * for bulk actions, over a list of items with ids. Shift-click selects the
 * range from the last toggled row.
 */
export function useListSelection<Item extends { id: string }>(items: Ref<Item[]>) {
  const activeIndex = ref(-1);
  const selected = reactive(new Set<string>());
  let anchorIndex: number | null = null;

  const active = computed(() => items.value[activeIndex.value] ?? null);
  const selectedIds = computed(() => items.value.filter((item) => selected.has(item.id)).map((item) => item.id));

  // Keep only ids still listed (a live update may remove a row), and the active row in range.
  watch(items, (list) => {
    const ids = new Set(list.map((item) => item.id));
    for (const id of [...selected]) if (!ids.has(id)) selected.delete(id);
    if (activeIndex.value >= list.length) activeIndex.value = list.length - 1;
  });

  function move(delta: number): void {
    if (items.value.length === 0) return;
    const next = activeIndex.value < 0 ? 0 : activeIndex.value + delta;
    activeIndex.value = Math.min(items.value.length - 1, Math.max(0, next));
  }

  function setSelected(index: number, value: boolean): void {
    const item = items.value[index];
    if (!item) return;
    if (value) selected.add(item.id);
    else selected.delete(item.id);
  }

  /** A checkbox click; with shift, the rows between the last toggled one and this one follow it. */
  function toggle(index: number, options: { range?: boolean } = {}): void {
    const item = items.value[index];
    if (!item) return;
    const value = !selected.has(item.id);
    if (options.range && anchorIndex !== null) {
      const [from, to] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex];
      for (let i = from; i <= to; i++) setSelected(i, value);
    } else {
      setSelected(index, value);
    }
    anchorIndex = index;
  }

  function clear(): void {
    selected.clear();
    anchorIndex = null;
  }

  function reset(): void {
    clear();
    activeIndex.value = -1;
  }

  return { activeIndex, active, selected, selectedIds, move, toggle, clear, reset };
}
