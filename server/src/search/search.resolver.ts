import { guard } from '../graphql/guard.ts';
import { KefuError } from '../graphql/errors.ts';

// Temporary while the contract is published ahead of the implementation.
const pending = (field: string) => () => {
  throw new KefuError('INTERNAL', `${field} is not implemented yet`);
};

export const searchResolvers = {
  Query: {
    searchArticles: guard('public', pending('searchArticles')),
    suggestArticles: guard('public', pending('suggestArticles')),
    searchKnowledgeBase: guard('workspace.use', pending('searchKnowledgeBase')),
    searchIndexStatus: guard('settings.manage', pending('searchIndexStatus')),
  },
};
