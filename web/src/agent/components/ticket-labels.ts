import { useI18n } from 'vue-i18n';
import type { TicketPriority, TicketStatus } from '../../graphql/generated.ts';
import { translatedTypeKey } from '../../shared/seeded-ticket-types.ts';

export const TICKET_STATUSES: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const TICKET_PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const BUILT_IN_VIEW_KEYS = new Set(['mine', 'unassigned', 'my_teams', 'all']);

/** Status, priority, type and view names in the reader's language (server names for admin-made ones). */
export function useTicketLabels() {
  const { t } = useI18n();
  return {
    status: (status: TicketStatus) => t(`agent.status.${status}`),
    priority: (priority: TicketPriority) => t(`agent.priority.${priority}`),
    type: (type: { key: string; name: string }) => {
      const seeded = translatedTypeKey(type);
      return seeded ? t(`agent.ticketTypes.${seeded}`) : type.name;
    },
    view: (view: { key?: string | null; name: string }) => (view.key && BUILT_IN_VIEW_KEYS.has(view.key) ? t(`agent.views.${view.key}`) : view.name),
    statusOptions: (statuses: TicketStatus[] = TICKET_STATUSES) => statuses.map((value) => ({ value, label: t(`agent.status.${value}`) })),
    priorityOptions: () => TICKET_PRIORITIES.map((value) => ({ value, label: t(`agent.priority.${value}`) })),
  };
}

/** Naive UI tag colours per status, so a glance tells new/open from waiting. */
export const STATUS_TAG_TYPE: Record<TicketStatus, 'info' | 'success' | 'warning' | 'default' | 'error'> = {
  new: 'info',
  open: 'error',
  pending: 'warning',
  on_hold: 'default',
  solved: 'success',
  closed: 'default',
};
