import type { JSONContent } from '@tiptap/core';
import type { ArticleVisibility, KbArticleFieldsFragment, KbArticleTranslationInput } from '../../graphql/generated.ts';

export interface TranslationDraft {
  title: string;
  slug: string;
  summary: string;
  body: JSONContent;
  /** True once the user typed a slug: then the title no longer rewrites it. */
  slugTouched: boolean;
  /** The server already has this translation (removing it needs removeLocales). */
  saved: boolean;
}

export interface ArticleDraft {
  sectionId: string | null;
  visibility: ArticleVisibility;
  tags: string[];
  /** Null for a new article: the server makes its author the owner. */
  ownerId: string | null;
  /** Epoch milliseconds (Naive UI's date picker value), or null. */
  reviewAt: number | null;
  translations: Record<string, TranslationDraft>;
}

export const emptyDoc = (): JSONContent => ({ type: 'doc', content: [{ type: 'paragraph' }] });

export function emptyTranslation(): TranslationDraft {
  return { title: '', slug: '', summary: '', body: emptyDoc(), slugTouched: false, saved: false };
}

/** The editable copy of a saved article, with a blank tab for each language it lacks. */
export function draftFromArticle(article: KbArticleFieldsFragment | null, localeCodes: string[], sectionId: string | null = null): ArticleDraft {
  const translations: Record<string, TranslationDraft> = {};
  for (const code of new Set([...localeCodes, ...(article?.translations.map((item) => item.locale) ?? [])])) {
    const saved = article?.translations.find((item) => item.locale === code);
    translations[code] = saved
      ? {
          title: saved.title,
          slug: saved.slug,
          summary: saved.summary ?? '',
          body: (saved.body as JSONContent | null) ?? emptyDoc(),
          slugTouched: true,
          saved: true,
        }
      : emptyTranslation();
  }
  return {
    sectionId: article?.section.id ?? sectionId,
    visibility: article?.visibility ?? 'public',
    tags: [...(article?.tags ?? [])],
    ownerId: article?.owner?.id ?? null,
    reviewAt: article?.reviewAt ? new Date(article.reviewAt).getTime() : null,
    translations,
  };
}

/** Languages with a title are the ones to save. */
export function filledTranslations(draft: ArticleDraft): KbArticleTranslationInput[] {
  return Object.entries(draft.translations)
    .filter(([, item]) => item.title.trim())
    .map(([locale, item]) => ({
      locale,
      title: item.title.trim(),
      slug: item.slug.trim(),
      summary: item.summary.trim() || null,
      body: item.body,
    }));
}

/** Saved languages whose title was cleared: the user removed that translation. */
export function removedLocales(draft: ArticleDraft): string[] {
  return Object.entries(draft.translations)
    .filter(([, item]) => item.saved && !item.title.trim())
    .map(([locale]) => locale);
}

/** Comparable form of a draft, to know whether there is anything to save. */
export function draftKey(draft: ArticleDraft): string {
  return JSON.stringify({
    sectionId: draft.sectionId,
    visibility: draft.visibility,
    tags: draft.tags,
    ownerId: draft.ownerId,
    reviewAt: draft.reviewAt,
    translations: filledTranslations(draft),
    removed: removedLocales(draft),
  });
}
