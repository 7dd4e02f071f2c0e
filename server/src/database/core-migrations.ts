import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261121000000Foundation } from '../../../migrations/Migration20261121000000_foundation.ts';
import { Migration20261121100000Tickets } from '../../../migrations/Migration20261121100000_tickets.ts';
import { Migration20261121200000KnowledgeBase } from '../../../migrations/Migration20261121200000_knowledge_base.ts';
import { Migration20261121200100SearchIndex } from '../../../migrations/Migration20261121200100_search_index.ts';

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
];
