import { AttachmentsService } from './attachments/attachments.service.ts';
import { LocalFileStorage } from './attachments/file-storage.ts';
import { messageAccess } from './attachments/message-access.ts';
import type { Services } from './services.ts';

/** Services around tickets: attachments. */
export interface ExtraServices {
  attachments: AttachmentsService;
}

/**
 * Built after the ticket services they use. Registers their job handlers and
 * in-transaction event handlers, so this runs before the job queue starts.
 */
export function createExtraServices(core: Omit<Services, keyof ExtraServices>, _all: () => Services): ExtraServices {
  const { config } = core;
  return {
    attachments: new AttachmentsService({
      ...core,
      storage: new LocalFileStorage(config.attachments.dir),
      messageAccess: messageAccess(core.conversations),
    }),
  };
}
