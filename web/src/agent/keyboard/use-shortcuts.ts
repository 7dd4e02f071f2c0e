import { onScopeDispose } from 'vue';
import { useShortcutRegistry, type Shortcut } from './shortcut-registry.ts';

/** Binds shortcuts for as long as the calling component (or effect scope) lives. */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const unregister = useShortcutRegistry().register(shortcuts);
  onScopeDispose(unregister);
}
