import { guard, mutation } from '../graphql/guard.ts';
import { KefuError } from '../graphql/errors.ts';

// Temporary while the contract is published ahead of the implementation.
const pending = (field: string) => () => {
  throw new KefuError('INTERNAL', `${field} is not implemented yet`);
};

export const helpCenterResolvers = {
  Query: {
    helpLocales: guard('public', pending('helpLocales')),
    helpCategories: guard('public', pending('helpCategories')),
    helpCategory: guard('public', pending('helpCategory')),
    helpSection: guard('public', pending('helpSection')),
    helpArticle: guard('public', pending('helpArticle')),
    popularArticles: guard('public', pending('popularArticles')),
    helpSitemap: guard('public', pending('helpSitemap')),
  },
  Mutation: {
    recordArticleView: mutation('public', pending('recordArticleView')),
    voteHelpful: mutation('public', pending('voteHelpful')),
    recordSuggestionOpen: mutation('public', pending('recordSuggestionOpen')),
  },
};
