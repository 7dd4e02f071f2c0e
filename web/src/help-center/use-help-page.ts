import { useQuery, type TypedDocumentNode } from '@urql/vue';
import { computed, type Ref } from 'vue';
import { useRoute } from 'vue-router';
import { problemFromError } from '../graphql/problems.ts';
import { useContentLocale } from './content-locale.ts';
import { useHelpCenterStore } from './help-center-store.ts';
import { usePageMeta } from './page-meta.ts';

/**
 * One help-center page (a category, section or article), found by the
 * route's slug in the content language: the item, whether it does not exist
 * (the page shows NotFoundView then) and why it could not be loaded.
 */
export function useHelpPage<Data, Item>(query: TypedDocumentNode<Data, { slug: string; locale: string }>, pick: (data: Data) => Item | null | undefined) {
  const route = useRoute();
  const locale = useContentLocale();
  const page = useQuery({ query, variables: computed(() => ({ slug: String(route.params.slug), locale: locale.value })) });
  const item = computed(() => (page.data.value ? (pick(page.data.value) ?? null) : null));
  const missing = computed(() => !page.fetching.value && page.data.value !== undefined && !item.value);
  const problem = computed(() => (page.error.value ? problemFromError(page.error.value) : null));
  return { locale, item, missing, problem };
}

interface Listing {
  name: string;
  description?: string | null;
  url: string;
  slug: string;
}

/**
 * Title, description and links of a category or section page. Its slug is
 * the same in every language, so its alternates are the same path under each
 * help-center language (and the language switcher needs none of its own).
 */
export function useListingMeta(listing: Ref<Listing | null>, kind: 'categories' | 'sections'): void {
  const store = useHelpCenterStore();
  store.alternates = {};
  usePageMeta(() =>
    listing.value
      ? {
          title: listing.value.name,
          description: listing.value.description,
          canonical: listing.value.url,
          alternates: store.locales.map((item) => ({ locale: item.code, url: `/help/${item.code}/${kind}/${listing.value!.slug}` })),
          defaultLocale: store.defaultLocale,
        }
      : null,
  );
}
