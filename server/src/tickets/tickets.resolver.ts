import type { KefuContext } from '../graphql/context.ts';
import { guard, mutation } from '../graphql/guard.ts';
import { parseInput } from '../graphql/validate.ts';
import { visitorOf } from '../knowledge-base/visitor.ts';
import { z } from 'zod';
import { presenceTopic } from './presence.service.ts';
import { bulkUpdate } from './ticket-bulk.ts';
import { ticketFields } from './ticket.fields.ts';
import { preloadTicketPage } from './ticket.loaders.ts';
import { ticketsSubscriptions } from './tickets.subscriptions.ts';

type Args = Record<string, unknown>;
const viewer = (context: KefuContext) => context.viewer!;

/** Heartbeat/leave: check the ticket is visible, update presence, tell the others. */
async function presence(context: KefuContext, args: Args, leave: boolean) {
  const ticket = await context.services.ticketQueries.get(context.em, viewer(context), args.ticketId);
  const composing = parseInput(z.boolean().nullish(), args.composing) ?? false;
  const payload = leave
    ? await context.services.presence.leave(context.em, viewer(context), ticket.id)
    : await context.services.presence.heartbeat(context.em, viewer(context), ticket.id, composing);
  await context.pubsub.publish({ topic: presenceTopic(ticket.id), payload: { ticketPresence: payload } });
  return payload;
}

export const ticketsResolvers = {
  Query: {
    tickets: guard('authenticated', async (_parent, args: Args, context, info) => {
      const page = await context.services.ticketQueries.list(context.em, viewer(context), args);
      await preloadTicketPage(context, page.nodes, info);
      return page;
    }),
    ticket: guard('authenticated', (_parent, args: Args, context) => context.services.ticketQueries.get(context.em, viewer(context), args.id)),
    ticketByNumber: guard('authenticated', (_parent, args: Args, context) => context.services.ticketQueries.byNumber(context.em, viewer(context), args.number)),
    ticketViews: guard('workspace.use', (_parent, _args, context) => context.services.ticketViews.list(context.em, viewer(context))),
    ticketTypes: guard('authenticated', (_parent, args: Args, context) =>
      // Customers pick from active types only.
      context.services.ticketConfig.types(context.em, viewer(context).role !== 'customer' && args.includeInactive === true),
    ),
    tags: guard('workspace.use', (_parent, args: Args, context) => context.services.ticketConfig.tags(context.em, args)),
    ticketSettings: guard('workspace.use', (_parent, _args, context) => context.services.ticketConfig.settings(context.em)),
    ticketPresence: guard('workspace.use', async (_parent, args: Args, context) => {
      const ticket = await context.services.ticketQueries.get(context.em, viewer(context), args.ticketId);
      return context.services.presence.list(context.em, ticket.id);
    }),
  },
  Mutation: {
    createTicket: mutation('workspace.use', async (_parent, args: Args, context) => {
      const ticket = await context.services.tickets.create(context.em, viewer(context), args.input);
      await context.services.attachments.attachToNewTicket(context.em, viewer(context), ticket.id, (args.input as Args)?.attachmentIds);
      return ticket;
    }),
    submitTicket: mutation('portal.use', async (_parent, args: Args, context) => {
      const ticket = await context.services.tickets.submit(context.em, viewer(context), args.input);
      await context.services.attachments.attachToNewTicket(context.em, viewer(context), ticket.id, (args.input as Args)?.attachmentIds);
      const suggestionOpenId = (args.input as Args)?.suggestionOpenId;
      if (typeof suggestionOpenId === 'string') {
        // Deflection: the article the customer opened on the contact form is linked to the ticket.
        await context.services.knowledgeBase.metrics.linkSuggestionToTicket(context.em, suggestionOpenId, ticket.id, visitorOf(context).key);
      }
      return ticket;
    }),
    updateTicket: mutation('workspace.use', (_parent, args: Args, context) => context.services.tickets.update(context.em, viewer(context), args.input)),
    bulkUpdateTickets: mutation('workspace.use', (_parent, args: Args, context) =>
      bulkUpdate(context.em, viewer(context), args.input, { tickets: context.services.tickets, queries: context.services.ticketQueries }),
    ),
    addTicketFollower: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.ticketRelations.addFollower(context.em, viewer(context), args.ticketId, args.userId),
    ),
    removeTicketFollower: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.ticketRelations.removeFollower(context.em, viewer(context), args.ticketId, args.userId),
    ),
    linkTickets: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.ticketRelations.link(context.em, viewer(context), args.ticketId, args.otherTicketId),
    ),
    unlinkTickets: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.ticketRelations.link(context.em, viewer(context), args.ticketId, args.otherTicketId, true),
    ),
    mergeTickets: mutation('workspace.use', (_parent, args: Args, context) =>
      context.services.ticketRelations.merge(context.em, viewer(context), args.sourceId, args.targetId),
    ),
    createTicketView: mutation('workspace.use', (_parent, args: Args, context) => context.services.ticketViews.create(context.em, viewer(context), args.input)),
    updateTicketView: mutation('workspace.use', (_parent, args: Args, context) => context.services.ticketViews.update(context.em, viewer(context), args.input)),
    deleteTicketView: mutation('workspace.use', (_parent, args: Args, context) => context.services.ticketViews.delete(context.em, viewer(context), args.id)),
    createTicketType: mutation('settings.manage', (_parent, args: Args, context) => context.services.ticketConfig.createType(context.em, args.input)),
    updateTicketType: mutation('settings.manage', (_parent, args: Args, context) => context.services.ticketConfig.updateType(context.em, args.input)),
    reorderTicketTypes: mutation('settings.manage', (_parent, args: Args, context) => context.services.ticketConfig.reorderTypes(context.em, args.ids)),
    updateTicketSettings: mutation('settings.manage', async (_parent, args: Args, context) => {
      await context.services.pendingReopen.updateSetting(context.em, args.input);
      return context.services.ticketConfig.updateSettings(context.em, args.input);
    }),
    ticketPresenceHeartbeat: mutation('workspace.use', (_parent, args: Args, context) => presence(context, args, false)),
    leaveTicket: mutation('workspace.use', async (_parent, args: Args, context) => {
      await presence(context, args, true);
      return true;
    }),
  },
  Subscription: ticketsSubscriptions,
  ...ticketFields,
};
