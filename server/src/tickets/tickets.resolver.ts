import { guard, guardSubscription, mutation } from '../graphql/guard.ts';

const notYet = (field: string) => () => {
  throw new Error(`${field} is not implemented yet`);
};

export const ticketsResolvers = {
  Query: {
    tickets: guard('authenticated', notYet('tickets')),
    ticket: guard('authenticated', notYet('ticket')),
    ticketByNumber: guard('authenticated', notYet('ticketByNumber')),
    ticketViews: guard('workspace.use', notYet('ticketViews')),
    ticketTypes: guard('authenticated', notYet('ticketTypes')),
    tags: guard('workspace.use', notYet('tags')),
    ticketSettings: guard('workspace.use', notYet('ticketSettings')),
    ticketPresence: guard('workspace.use', notYet('ticketPresence')),
  },
  Mutation: {
    createTicket: mutation('workspace.use', notYet('createTicket')),
    submitTicket: mutation('portal.use', notYet('submitTicket')),
    updateTicket: mutation('workspace.use', notYet('updateTicket')),
    bulkUpdateTickets: mutation('workspace.use', notYet('bulkUpdateTickets')),
    addTicketFollower: mutation('workspace.use', notYet('addTicketFollower')),
    removeTicketFollower: mutation('workspace.use', notYet('removeTicketFollower')),
    linkTickets: mutation('workspace.use', notYet('linkTickets')),
    unlinkTickets: mutation('workspace.use', notYet('unlinkTickets')),
    mergeTickets: mutation('workspace.use', notYet('mergeTickets')),
    createTicketView: mutation('workspace.use', notYet('createTicketView')),
    updateTicketView: mutation('workspace.use', notYet('updateTicketView')),
    deleteTicketView: mutation('workspace.use', notYet('deleteTicketView')),
    createTicketType: mutation('settings.manage', notYet('createTicketType')),
    updateTicketType: mutation('settings.manage', notYet('updateTicketType')),
    updateTicketSettings: mutation('settings.manage', notYet('updateTicketSettings')),
    ticketPresenceHeartbeat: mutation('workspace.use', notYet('ticketPresenceHeartbeat')),
    leaveTicket: mutation('workspace.use', notYet('leaveTicket')),
  },
  Subscription: {
    ticketChanged: guardSubscription('authenticated', { subscribe: notYet('ticketChanged') }),
    ticketViewCounts: guardSubscription('workspace.use', { subscribe: notYet('ticketViewCounts') }),
    ticketPresence: guardSubscription('workspace.use', { subscribe: notYet('ticketPresence') }),
  },
};
