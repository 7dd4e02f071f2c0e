import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { activatesOnEnter, isTypingTarget, keyOf } from './key-events.ts';

/** Sections of the `?` dialog, in the order shown. */
export const SHORTCUT_GROUPS = ['general', 'inbox', 'ticket', 'conversation', 'composer'] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export interface Shortcut {
  /** Key string as produced by `keyOf`: `j`, `?`, `enter`, `mod+enter`. */
  keys: string;
  group: ShortcutGroup;
  /** i18n key of what it does, shown in the `?` dialog. */
  description: string;
  run(event: KeyboardEvent): void;
  /**
   * Shortcuts never fire while the user types, except one that names the
   * element it belongs to (the composer's send): it fires only for keys
   * pressed inside that element.
   */
  whileTypingIn?: () => Element | null | undefined;
}

/**
 * Every keyboard shortcut currently bound, and the one keydown listener that
 * runs them. Components bind through `useShortcuts`, so what the `?` dialog
 * lists is exactly what is bound at that moment.
 */
export const useShortcutRegistry = defineStore('shortcuts', () => {
  const bindings = shallowRef<readonly Shortcut[]>([]);

  function matches(shortcut: Shortcut, key: string, event: KeyboardEvent): boolean {
    if (shortcut.keys !== key) return false;
    const target = event.target;
    if (shortcut.whileTypingIn) {
      const scope = shortcut.whileTypingIn();
      return scope != null && target instanceof Node && scope.contains(target);
    }
    if (isTypingTarget(target)) return false;
    // A modal dialog owns the keyboard; the page behind it must not react.
    if (document.querySelector('[aria-modal="true"]')) return false;
    if (key === 'enter' && activatesOnEnter(target)) return false;
    return true;
  }

  function dispatch(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const key = keyOf(event);
    // The newest binding wins, so a page can take over a key while it is shown.
    const shortcut = [...bindings.value].reverse().find((candidate) => matches(candidate, key, event));
    if (!shortcut) return;
    // Keeps the letter out of whatever gets focus (`r` focuses the composer) and, for
    // mod+enter, stops the editor from inserting a line break.
    event.preventDefault();
    event.stopPropagation();
    shortcut.run(event);
  }

  function register(shortcuts: readonly Shortcut[]): () => void {
    // Capture phase: runs before the editor's own key handling.
    if (bindings.value.length === 0) window.addEventListener('keydown', dispatch, true);
    bindings.value = [...bindings.value, ...shortcuts];
    return () => {
      bindings.value = bindings.value.filter((binding) => !shortcuts.includes(binding));
      if (bindings.value.length === 0) window.removeEventListener('keydown', dispatch, true);
    };
  }

  return { bindings, register };
});
