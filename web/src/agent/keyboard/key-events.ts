/**
 * Pure helpers of the shortcut system: how a keydown becomes a key string,
 * when the user is typing (so letters must stay letters), and how keys are
 * shown to the user.
 */

/**
 * The key string of a keydown, matching how shortcuts are declared:
 * printable characters as typed (`j`, `?`, `J` for shift+j), named keys in
 * lower case with `shift+` (`enter`, `shift+enter`), prefixed by `mod+`
 * (Ctrl, or ⌘ on a Mac) and `alt+`.
 */
export function keyOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  const printable = event.key.length === 1;
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('mod');
  if (event.altKey) parts.push('alt');
  // For characters the shift state is already in the character itself (`?`, `J`).
  if (event.shiftKey && !printable) parts.push('shift');
  parts.push(printable ? event.key : event.key.toLowerCase());
  return parts.join('+');
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'time', 'month', 'week']);
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/**
 * True when keys pressed on `target` produce text: text inputs, textareas,
 * selects, rich-text editors (contenteditable) and ARIA text widgets. A
 * focused checkbox, link or button is not typing.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type || 'text');
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  const role = target.getAttribute('role');
  return role !== null && TEXT_ROLES.has(role);
}

/** Elements where Enter already does something (follow, press, toggle): a shortcut must not add to it. */
export function activatesOnEnter(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('a[href], button, summary, [role="button"], [role="link"], [role="menuitem"], [role="option"]') !== null;
}

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');
}

const KEY_NAMES: Record<string, string> = { enter: 'Enter', escape: 'Esc', arrowup: '↑', arrowdown: '↓', ' ': 'Space' };

/** The parts of a key string as shown in <kbd>s, e.g. `mod+enter` → ['Ctrl', 'Enter']. */
export function displayKeys(keys: string): string[] {
  return keys.split('+').map((part) => {
    if (part === 'mod') return isMac() ? '⌘' : 'Ctrl';
    if (part === 'alt') return isMac() ? '⌥' : 'Alt';
    if (part === 'shift') return 'Shift';
    return KEY_NAMES[part] ?? part;
  });
}
