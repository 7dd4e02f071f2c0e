import type { KefuContext } from '../graphql/context.ts';
import { guard } from '../graphql/guard.ts';
import { existingVisitorKey } from '../knowledge-base/visitor.ts';

type Args = Record<string, unknown>;
const caller = (context: KefuContext) => ({
  viewer: context.viewer,
  ip: context.ip,
  visitorKey: existingVisitorKey(context) ?? `ip:${context.ip}:${context.userAgent ?? ''}`,
});

export const searchResolvers = {
  Query: {
    searchArticles: guard('public', (_p, args: Args, context) =>
      context.services.search.searchArticles(context.em, caller(context), args.input),
    ),
    suggestArticles: guard('public', (_p, args: Args, context) => context.services.search.suggest(context.em, caller(context), args)),
    searchKnowledgeBase: guard('workspace.use', (_p, args: Args, context) =>
      context.services.search.searchStaff(context.em, caller(context), args.input),
    ),
    searchIndexStatus: guard('settings.manage', (_p, _a, context) => context.services.search.status()),
  },
};
