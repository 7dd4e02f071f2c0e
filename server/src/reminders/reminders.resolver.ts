import type { KefuContext } from '../graphql/context.ts';
import { KefuError } from '../graphql/errors.ts';
import { guard, mutation } from '../graphql/guard.ts';
import type { ReminderRow } from './reminders.service.ts';

export const remindersResolvers = {
  Query: {
    reminders: guard('workspace.use', (_parent, args, context) => context.services.reminders.list(context.em, context.viewer!, args)),
  },
  Mutation: {
    createReminder: mutation('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.reminders.create(context.em, context.viewer!, args.input),
    ),
    updateReminder: mutation('workspace.use', (_parent, args: { input: unknown }, context) =>
      context.services.reminders.update(context.em, context.viewer!, args.input),
    ),
    cancelReminder: mutation('workspace.use', (_parent, args: { id: unknown }, context) =>
      context.services.reminders.cancel(context.em, context.viewer!, args.id),
    ),
  },
  Reminder: {
    // Through the viewer's visibility: a ticket they can no longer see shows as null.
    ticket: (reminder: ReminderRow, _args: unknown, context: KefuContext) =>
      context.services.ticketQueries.get(context.em, context.viewer!, reminder.ticketId).catch((error: unknown) => {
        if (error instanceof KefuError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return null;
        throw error;
      }),
  },
  TicketSettings: {
    pendingReopenDays: (_settings: unknown, _args: unknown, context: KefuContext) => context.services.pendingReopen.days(context.em),
  },
};
