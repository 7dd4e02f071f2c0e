import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261121000000Foundation } from '../../../migrations/Migration20261121000000_foundation.ts';
import { Migration20261121100000Tickets } from '../../../migrations/Migration20261121100000_tickets.ts';
import { Migration20261121200000KnowledgeBase } from '../../../migrations/Migration20261121200000_knowledge_base.ts';
import { Migration20261121200100SearchIndex } from '../../../migrations/Migration20261121200100_search_index.ts';
import { Migration20261121300000Attachments } from '../../../migrations/Migration20261121300000_attachments.ts';
import { Migration20261121300100PortalAccounts } from '../../../migrations/Migration20261121300100_portal_accounts.ts';
import { Migration20261121300200CannedResponses } from '../../../migrations/Migration20261121300200_canned_responses.ts';
import { Migration20261121300300Notifications } from '../../../migrations/Migration20261121300300_notifications.ts';
import { Migration20261121300400Reminders } from '../../../migrations/Migration20261121300400_reminders.ts';
import { Migration20261121400000Deflection } from '../../../migrations/Migration20261121400000_deflection.ts';
import { Migration20261121400100KbArticleAssets } from '../../../migrations/Migration20261121400100_kb_article_assets.ts';
import { Migration20261121500000ArticleStaleNotifications } from '../../../migrations/Migration20261121500000_article_stale_notifications.ts';
import { Migration20261121500100KbFileCleanup } from '../../../migrations/Migration20261121500100_kb_file_cleanup.ts';

/**
 * Core migrations in the order they run. Listed explicitly (not discovered by
 * glob) so the set is the same in a Docker image, under vitest and from the
 * CLI, and a missing file is a boot error rather than a silently skipped step.
 */
export const coreMigrations: MigrationObject[] = [
  { name: 'Migration20261121000000_foundation', class: Migration20261121000000Foundation },
  { name: 'Migration20261121100000_tickets', class: Migration20261121100000Tickets },
  { name: 'Migration20261121200000_knowledge_base', class: Migration20261121200000KnowledgeBase },
  { name: 'Migration20261121200100_search_index', class: Migration20261121200100SearchIndex },
  { name: 'Migration20261121300000_attachments', class: Migration20261121300000Attachments },
  { name: 'Migration20261121300100_portal_accounts', class: Migration20261121300100PortalAccounts },
  { name: 'Migration20261121300200_canned_responses', class: Migration20261121300200CannedResponses },
  { name: 'Migration20261121300300_notifications', class: Migration20261121300300Notifications },
  { name: 'Migration20261121300400_reminders', class: Migration20261121300400Reminders },
  { name: 'Migration20261121400000_deflection', class: Migration20261121400000Deflection },
  { name: 'Migration20261121400100_kb_article_assets', class: Migration20261121400100KbArticleAssets },
  { name: 'Migration20261121500000_article_stale_notifications', class: Migration20261121500000ArticleStaleNotifications },
  { name: 'Migration20261121500100_kb_file_cleanup', class: Migration20261121500100KbFileCleanup },
];
