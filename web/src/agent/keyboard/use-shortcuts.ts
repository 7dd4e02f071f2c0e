import { getCurrentInstance, onActivated, onDeactivated, onScopeDispose } from 'vue';
import { useShortcutRegistry, type Shortcut } from './shortcut-registry.ts';

/**
 * Binds shortcuts while the calling component is on screen: from setup to
 * unmount, and — for a page kept alive in the background (the inbox) — only
 * while it is active, so a hidden list never reacts to j/k.
 */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const registry = useShortcutRegistry();
  let unregister: (() => void) | null = registry.register(shortcuts);
  if (getCurrentInstance()) {
    onActivated(() => (unregister ??= registry.register(shortcuts)));
    onDeactivated(() => {
      unregister?.();
      unregister = null;
    });
  }
  onScopeDispose(() => unregister?.());
}
