import type { Directive } from 'vue';

/**
 * Names a Naive UI select for assistive technology. NSelect renders a
 * focusable <div> (or, when filterable, an <input>) and offers no ARIA props,
 * so an `aria-label` on the component lands on a wrapper nobody focuses.
 * `v-select-label="text"` puts the name (and a button role with a listbox
 * popup on the div) on the element that actually takes focus.
 */
function apply(root: HTMLElement, label: string): void {
  const targets = root.querySelectorAll<HTMLElement>('[tabindex="0"], input');
  for (const target of targets) {
    target.setAttribute('aria-label', label);
    if (target.tagName !== 'INPUT') {
      target.setAttribute('role', 'button');
      target.setAttribute('aria-haspopup', 'listbox');
    }
  }
}

export const vSelectLabel: Directive<HTMLElement, string> = {
  mounted: (el, binding) => apply(el, binding.value),
  updated: (el, binding) => apply(el, binding.value),
};
