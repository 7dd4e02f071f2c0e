import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { AttachmentsService } from './attachments/attachments.service.ts';
import { LocalFileStorage } from './attachments/file-storage.ts';
import { AuthService } from './auth/auth.service.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { SessionService } from './auth/session.service.ts';
import type { KefuConfig } from './config/config.ts';
import type { EventBus } from './events/event-bus.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { PluginStatus } from './plugins/plugin-status.ts';
import { SetupService } from './setup/setup.service.ts';
import { TeamsService } from './teams/teams.service.ts';
import { UsersService } from './users/users.service.ts';

/** The app's services, built once per process and shared by resolvers, CLI, jobs and plugins. */
export interface Services {
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
  attachments: AttachmentsService;
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
  const sessions = new SessionService(config);
  const throttle = new LoginThrottle(config);
  const users = new UsersService({ sessions, events });
  return {
    ...deps,
    sessions,
    auth: new AuthService({ sessions, throttle, events }),
    setup: new SetupService({ sessions, users }),
    users,
    teams: new TeamsService(),
    attachments: new AttachmentsService({ ...deps, storage: new LocalFileStorage(config.attachments.dir) }),
    plugins: {
      statuses: () =>
        deps.pluginStatuses().map((status) => ({ ...status, handlerFailures: events.failures.get(status.id) ?? 0 })),
    },
  };
}
