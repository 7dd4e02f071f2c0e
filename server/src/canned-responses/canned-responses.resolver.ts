import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { byKeys, loaderFor } from '../graphql/loaders.ts';
import { loadUser } from '../users/user.loader.ts';
import type { CannedActions } from './canned-actions.ts';
import type { CannedResponseRow } from './canned-responses.service.ts';
import { PLACEHOLDER_PATHS } from './template-data.ts';

const teamById = (context: KefuContext, id: string | null | undefined) =>
  id
    ? loaderFor(context, 'cannedResponses.teamById', async (ids: readonly string[]) =>
        byKeys(ids, await context.services.teams.byIds(context.em, ids), (row) => row.id, null),
      ).load(id)
    : null;
const typeById = (context: KefuContext, id: string | undefined) =>
  id
    ? loaderFor(context, 'cannedResponses.typeById', async (ids: readonly string[]) =>
        byKeys(ids, await context.services.ticketConfig.typesByIds(context.em, ids), (row) => row.id, null),
      ).load(id)
    : null;

export const cannedResponsesResolvers = {
  Query: {
    cannedResponses: guard('workspace.use', (_parent, args, context) => context.services.cannedResponses.list(context.em, context.viewer!, args)),
    cannedResponse: guard('workspace.use', (_parent, args: { id: unknown }, context) =>
      context.services.cannedResponses.get(context.em, context.viewer!, args.id),
    ),
    renderCannedResponse: guard('workspace.use', (_parent, args, context) =>
      context.services.cannedResponses.render(context.em, context.viewer!, args),
    ),
    previewCannedResponse: guard('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.cannedResponses.preview(context.em, context.viewer!, args.input),
    ),
    cannedResponsePlaceholders: guard('workspace.use', () => PLACEHOLDER_PATHS),
  },
  Mutation: {
    createCannedResponse: mutation('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.cannedResponses.create(context.em, context.viewer!, args.input),
    ),
    updateCannedResponse: mutation('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.cannedResponses.update(context.em, context.viewer!, args.input),
    ),
    deleteCannedResponse: mutation('workspace.use', (_parent, args: { id: unknown }, context) =>
      context.services.cannedResponses.delete(context.em, context.viewer!, args.id),
    ),
    applyCannedResponse: mutation('workspace.use', (_parent, args: { ticketId: unknown; id: unknown }, context) =>
      context.services.cannedResponses.apply(context.em, context.viewer!, args.ticketId, args.id),
    ),
  },
  CannedResponse: {
    owner: (row: CannedResponseRow, _args: unknown, context: KefuContext) => loadUser(context, row.ownerId),
    team: (row: CannedResponseRow, _args: unknown, context: KefuContext) => teamById(context, row.teamId),
    createdBy: (row: CannedResponseRow, _args: unknown, context: KefuContext) => loadUser(context, row.createdById),
    actions: (row: CannedResponseRow) => (Object.keys(row.actions ?? {}).length ? row.actions : null),
    viewerCanManage: (row: CannedResponseRow, _args: unknown, context: KefuContext) =>
      context.services.cannedResponses.canManage(context.em, context.viewer!, row),
  },
  CannedResponseActions: {
    type: (actions: CannedActions, _args: unknown, context: KefuContext) => typeById(context, actions.typeId),
    assignee: (actions: CannedActions, _args: unknown, context: KefuContext) => loadUser(context, actions.assigneeId),
    team: (actions: CannedActions, _args: unknown, context: KefuContext) => teamById(context, actions.teamId),
    addTags: (actions: CannedActions) => actions.addTags ?? [],
    removeTags: (actions: CannedActions) => actions.removeTags ?? [],
  },
};
