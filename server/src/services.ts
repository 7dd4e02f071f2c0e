import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { AuthService } from './auth/auth.service.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { SessionService } from './auth/session.service.ts';
import type { KefuConfig } from './config/config.ts';
import type { EventBus } from './events/event-bus.ts';
import { createExtraServices, type ExtraServices } from './extra-services.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { createKnowledgeBase, type KnowledgeBase } from './knowledge-base/knowledge-base.ts';
import type { PluginStatus } from './plugins/plugin-status.ts';
import { SearchService } from './search/search.service.ts';
import { SetupService } from './setup/setup.service.ts';
import { TeamsService } from './teams/teams.service.ts';
import { ConversationStore } from './conversations/conversation-store.ts';
import { ConversationsService } from './conversations/conversations.service.ts';
import { MessagesService } from './conversations/messages.service.ts';
import { CustomersService } from './customers/customers.service.ts';
import { OrganizationsService } from './customers/organizations.service.ts';
import { PresenceService } from './tickets/presence.service.ts';
import { TicketConfigService } from './tickets/ticket-config.service.ts';
import { TicketQueries } from './tickets/ticket-queries.service.ts';
import { TicketRelationsService } from './tickets/ticket-relations.service.ts';
import { TicketViewsService } from './tickets/ticket-views.service.ts';
import { TicketsService } from './tickets/tickets.service.ts';
import { UsersService } from './users/users.service.ts';

/** The app's services, built once per process and shared by resolvers, CLI, jobs and plugins. */
export interface Services extends ExtraServices {
  config: KefuConfig;
  logger: Logger;
  orm: MikroORM;
  events: EventBus;
  jobs: JobQueue;
  sessions: SessionService;
  auth: AuthService;
  setup: SetupService;
  users: UsersService;
  teams: TeamsService;
  customers: CustomersService;
  organizations: OrganizationsService;
  /** Ticket reads through the viewer's visibility. */
  ticketQueries: TicketQueries;
  /** Ticket writes; `tickets.createFromChannel(em, …)` is the entry point for channel plugins. */
  tickets: TicketsService;
  ticketRelations: TicketRelationsService;
  ticketViews: TicketViewsService;
  ticketConfig: TicketConfigService;
  presence: PresenceService;
  conversationStore: ConversationStore;
  conversations: ConversationsService;
  messages: MessagesService;
  search: SearchService;
  knowledgeBase: KnowledgeBase;
  plugins: { statuses(): (PluginStatus & { handlerFailures: number })[] };
}

export function createServices(deps: {
  config: KefuConfig;
  logger: Logger;
  orm: MikroORM;
  events: EventBus;
  jobs: JobQueue;
  pluginStatuses: () => PluginStatus[];
}): Services {
  const { config, events } = deps;
  const sessions = new SessionService(config, events);
  const throttle = new LoginThrottle(config);
  const users = new UsersService({ sessions, events });
  const customers = new CustomersService({ events });
  const ticketViews = new TicketViewsService();
  const ticketQueries = new TicketQueries({ views: () => ticketViews });
  const conversationStore = new ConversationStore({ events });
  const tickets = new TicketsService({ events, store: conversationStore, customers, queries: ticketQueries });
  const conversations = new ConversationsService({ events, store: conversationStore, customers, tickets: () => tickets, queries: ticketQueries });
  const search = new SearchService({ config, orm: deps.orm, jobs: deps.jobs, logger: deps.logger });
  const core = {
    ...deps,
    sessions,
    auth: new AuthService({ sessions, throttle, events }),
    setup: new SetupService({ sessions, users }),
    users,
    teams: new TeamsService({ events }),
    customers,
    organizations: new OrganizationsService(),
    ticketQueries,
    tickets,
    ticketRelations: new TicketRelationsService({ events, queries: ticketQueries }),
    ticketViews,
    ticketConfig: new TicketConfigService(),
    presence: new PresenceService(),
    conversationStore,
    conversations,
    messages: new MessagesService({ store: conversationStore, conversations, tickets, queries: ticketQueries, customers }),
    search,
    knowledgeBase: createKnowledgeBase({ config, orm: deps.orm, events, jobs: deps.jobs, logger: deps.logger, search }),
    plugins: {
      statuses: () =>
        deps.pluginStatuses().map((status) => ({ ...status, handlerFailures: events.failures.get(status.id) ?? 0 })),
    },
  };
  const services: Services = Object.assign(core, createExtraServices(core, () => services));
  return services;
}
