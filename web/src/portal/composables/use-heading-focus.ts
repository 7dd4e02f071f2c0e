import { inject, watch, type InjectionKey, type Ref } from 'vue';
import type { RouteLocationNormalized } from 'vue-router';

/** Whether the portal was entered from another page of the app (sign-in, help center) rather than loaded. */
let enteredByNavigation = false;

/** `beforeEnter` of the portal's route: remembers how the visitor arrived. */
export function noteHowThePortalWasEntered(_to: RouteLocationNormalized, from: RouteLocationNormalized): void {
  // The very first navigation of a page load comes from START_LOCATION, which matches nothing.
  enteredByNavigation = from.matched.length > 0;
}

export function enteredPortalByNavigation(): boolean {
  return enteredByNavigation;
}

/** Provided by PortalShell: true once the visitor moved between pages inside the app. */
export const portalNavigatedKey: InjectionKey<Ref<boolean>> = Symbol('kefu.portal.navigated');

/**
 * Moves focus to the page's heading after an in-app navigation, so screen
 * readers announce the new page and keyboard users start from its top. On a
 * fresh page load focus stays where the browser puts it (the skip link first).
 * Works for headings that appear only after data loads.
 */
export function useHeadingFocus(heading: Ref<HTMLElement | null>): void {
  const navigated = inject(portalNavigatedKey, null);
  watch(
    heading,
    (element) => {
      if (element && navigated?.value) element.focus();
    },
    { flush: 'post', immediate: true },
  );
}
