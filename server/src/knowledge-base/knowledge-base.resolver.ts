import { guard, mutation } from '../graphql/guard.ts';
import { KefuError } from '../graphql/errors.ts';

// Temporary while the contract is published ahead of the implementation.
const pending = (field: string) => () => {
  throw new KefuError('INTERNAL', `${field} is not implemented yet`);
};

export const knowledgeBaseResolvers = {
  Query: {
    kbLocales: guard('knowledge.edit', pending('kbLocales')),
    kbCategories: guard('knowledge.edit', pending('kbCategories')),
    kbArticle: guard('knowledge.edit', pending('kbArticle')),
    kbArticles: guard('knowledge.edit', pending('kbArticles')),
    kbArticleVersionDiff: guard('knowledge.edit', pending('kbArticleVersionDiff')),
    kbStaleArticles: guard('knowledge.edit', pending('kbStaleArticles')),
    kbContentGaps: guard('knowledge.edit', pending('kbContentGaps')),
    kbMetrics: guard('knowledge.edit', pending('kbMetrics')),
  },
  Mutation: {
    createKbCategory: mutation('knowledge.publish', pending('createKbCategory')),
    updateKbCategory: mutation('knowledge.publish', pending('updateKbCategory')),
    deleteKbCategory: mutation('knowledge.publish', pending('deleteKbCategory')),
    reorderKbCategories: mutation('knowledge.publish', pending('reorderKbCategories')),
    createKbSection: mutation('knowledge.publish', pending('createKbSection')),
    updateKbSection: mutation('knowledge.publish', pending('updateKbSection')),
    deleteKbSection: mutation('knowledge.publish', pending('deleteKbSection')),
    reorderKbSections: mutation('knowledge.publish', pending('reorderKbSections')),
    createKbArticle: mutation('knowledge.edit', pending('createKbArticle')),
    updateKbArticle: mutation('knowledge.edit', pending('updateKbArticle')),
    transitionArticle: mutation('knowledge.edit', pending('transitionArticle')),
    reorderKbArticles: mutation('knowledge.edit', pending('reorderKbArticles')),
    restoreKbArticleVersion: mutation('knowledge.edit', pending('restoreKbArticleVersion')),
    deleteKbArticle: mutation('knowledge.publish', pending('deleteKbArticle')),
    upsertKbLocale: mutation('settings.manage', pending('upsertKbLocale')),
  },
};
