import type { KefuContext } from '../graphql/context.ts';
import { openedSuggestions } from './deflection.ts';

export const deflectionResolvers = {
  Ticket: {
    // The parent ticket was already checked against the viewer's visibility.
    openedSuggestions: (ticket: { id: string }, _args: unknown, context: KefuContext) => openedSuggestions(context.em, context.viewer, ticket.id),
  },
};
