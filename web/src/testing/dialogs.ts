import { expect } from 'vitest';
import { settle } from './render-app.ts';

/**
 * Reaching a Naive UI card dialog the way a person does: by its accessible
 * name, its ×, Esc and a click beside it.
 */

/** The open dialog with this accessible name, if any. */
export function dialogNamed(name: string): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].find((dialog) => dialog.getAttribute('aria-label') === name);
}

/** The dialog's × (absent while it may not be closed). */
export const closeButtonOf = (dialog: Element) => dialog.querySelector<HTMLElement>('.n-card-header__close');

/** Esc on the focused element; Naive UI's focus trap reads `code`. */
export function pressEscape(): void {
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
}

/** A click on the dimmed page around the dialog. */
export function clickBeside(): void {
  const around = document.querySelector('.n-modal-body-wrapper')!;
  for (const type of ['mousedown', 'mouseup', 'click']) around.dispatchEvent(new MouseEvent(type, { bubbles: true }));
}

/**
 * The dialog named `name` cannot be closed now (its action is running): no ×,
 * Cancel disabled, and neither Esc nor a click beside it closes it.
 */
export async function expectLockedOpen(name: string): Promise<void> {
  const dialog = dialogNamed(name);
  expect(dialog, `dialog "${name}"`).toBeDefined();
  expect(closeButtonOf(dialog!)).toBeNull();
  const cancel = [...dialog!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cancel');
  expect(cancel?.disabled).toBe(true);
  pressEscape();
  clickBeside();
  await settle();
  expect(dialogNamed(name)).toBe(dialog);
}
