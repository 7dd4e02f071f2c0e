import { AttachmentsService } from './attachments/attachments.service.ts';
import { LocalFileStorage } from './attachments/file-storage.ts';
import { messageAccess } from './attachments/message-access.ts';
import { kbAssetAccess } from './knowledge-base/article-assets.ts';
import { CannedResponsesService } from './canned-responses/canned-responses.service.ts';
import { registerNotificationRules } from './notifications/notification-rules.ts';
import { NotificationsService } from './notifications/notifications.service.ts';
import { PortalAccountsService } from './portal-accounts/portal-accounts.service.ts';
import { SignupThrottle } from './portal-accounts/signup-throttle.ts';
import { PendingReopen } from './reminders/pending-reopen.ts';
import { RemindersService } from './reminders/reminders.service.ts';
import type { Services } from './services.ts';

/** Services around tickets: attachments, portal accounts, canned responses, notifications, reminders. */
export interface ExtraServices {
  attachments: AttachmentsService;
  portalAccounts: PortalAccountsService;
  cannedResponses: CannedResponsesService;
  notifications: NotificationsService;
  reminders: RemindersService;
  pendingReopen: PendingReopen;
}

/**
 * Built after the ticket services they use. Registers their job handlers and
 * in-transaction event handlers, so this runs before the job queue starts.
 */
export function createExtraServices(core: Omit<Services, keyof ExtraServices>, all: () => Services): ExtraServices {
  const { config, events, jobs, orm } = core;
  const notifications = new NotificationsService({ events });
  registerNotificationRules({ events, jobs, orm, notifications });
  return {
    attachments: new AttachmentsService({
      ...core,
      storage: new LocalFileStorage(config.attachments.dir),
      messageAccess: messageAccess(core.conversations),
      articleFileAccess: kbAssetAccess,
    }),
    portalAccounts: new PortalAccountsService({ ...core, throttle: new SignupThrottle(config) }),
    cannedResponses: new CannedResponsesService({ services: all }),
    notifications,
    reminders: new RemindersService({ ...core, notifications }),
    pendingReopen: new PendingReopen({ ...core }),
  };
}
