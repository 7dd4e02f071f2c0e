import { onScopeDispose, ref, watch, type Ref } from 'vue';

/** `source`, trimmed, once typing has paused for `delayMs`: each keystroke is not a request. */
export function useDebouncedText(source: Ref<string>, delayMs = 300): Ref<string> {
  const settled = ref(source.value.trim());
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(source, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => (settled.value = value.trim()), delayMs);
  });
  onScopeDispose(() => clearTimeout(timer));
  return settled;
}
