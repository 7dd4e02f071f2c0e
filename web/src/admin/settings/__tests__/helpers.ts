import { vi } from 'vitest';
import { settle } from '../../../testing/render-app.ts';

/** Dialogs and messages are teleported to <body>: tests look there, not in the wrapper. */
export const text = () => document.body.textContent ?? '';
export const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
export const buttonNamed = (name: string, root: ParentNode = document) =>
  [...root.querySelectorAll('button')].find((button) => button.textContent?.trim() === name || button.getAttribute('aria-label') === name) as HTMLButtonElement | undefined;
/** The message Naive UI shows under the form item holding `element`. */
export const feedbackOf = (element: Element) => element.closest('.n-form-item')?.querySelector('.n-form-item-feedback')?.textContent?.trim();
export const dialog = () => document.querySelector('.n-dialog') as HTMLElement | null;

export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

export async function click(name: string, root: ParentNode = document): Promise<void> {
  const button = buttonNamed(name, root);
  if (!button) throw new Error(`no button named "${name}"`);
  button.click();
  await settle();
}

/** Opens the Naive UI select whose input has `id`; returns the options it offers once some are there. */
export async function openSelect(id: string): Promise<HTMLElement[]> {
  byId(id).closest('.n-base-selection')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  await settle();
  return vi.waitFor(() => {
    const options = [...document.querySelectorAll<HTMLElement>('.n-base-select-option')];
    if (!options.length) throw new Error(`select #${id} offers nothing`);
    return options;
  });
}

/** Picks the option containing `label` in the select whose input has `id`. */
export async function pick(id: string, label: string): Promise<void> {
  const option = (await openSelect(id)).find((item) => item.textContent?.includes(label));
  if (!option) throw new Error(`no option "${label}"`);
  option.click();
  await settle();
}

export const submitFormOf = async (element: Element) => {
  element.closest('form')!.dispatchEvent(new Event('submit'));
  await settle();
};
