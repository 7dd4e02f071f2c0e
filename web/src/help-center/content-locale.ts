import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { useLocaleStore } from '../i18n/locale-store.ts';

/**
 * The language of the help-center content: the `<locale>` of /help/<locale>/…,
 * which may be an admin-added language the UI itself is not translated into.
 * Outside those paths (e.g. the 404 page) it is the UI language.
 */
export function useContentLocale() {
  const route = useRoute();
  const localeStore = useLocaleStore();
  return computed(() => {
    const param = route.params.locale;
    return typeof param === 'string' && param ? param : localeStore.locale;
  });
}
