import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { KefuConfig } from '../config/config.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { SearchService } from '../search/search.service.ts';
import { ArticlesService } from './articles.service.ts';
import { FreshnessService } from './freshness.service.ts';
import { HelpCenterService } from './help-center.service.ts';
import { LocalesService } from './locales.service.ts';
import { MetricsService } from './metrics.service.ts';
import { OrphanedFilesCleanup } from './orphaned-files.ts';
import { StructureService } from './structure.service.ts';
import { WorkflowService } from './workflow.service.ts';

export interface KnowledgeBase {
  locales: LocalesService;
  structure: StructureService;
  articles: ArticlesService;
  workflow: WorkflowService;
  helpCenter: HelpCenterService;
  metrics: MetricsService;
  freshness: FreshnessService;
  orphanedFiles: OrphanedFilesCleanup;
}

/** Builds the knowledge-base services and registers their background jobs (before the worker starts). */
export function createKnowledgeBase(deps: {
  config: KefuConfig;
  orm: MikroORM;
  events: EventBus;
  jobs: JobQueue;
  logger: Logger;
  search: SearchService;
}): KnowledgeBase {
  const { config, orm, events, jobs, logger, search } = deps;
  const locales = new LocalesService();
  const structure = new StructureService({ locales, search });
  const articles = new ArticlesService({ events, search, locales, structure });
  const workflow = new WorkflowService({ orm, events, jobs, search, articles });
  const metrics = new MetricsService();
  const freshness = new FreshnessService({ orm, events, jobs, logger, metrics, workflow });
  const orphanedFiles = new OrphanedFilesCleanup({ orm, jobs, logger, graceDays: config.knowledgeBase.orphanedFilesGraceDays });
  return { locales, structure, articles, workflow, helpCenter: new HelpCenterService({ locales }), metrics, freshness, orphanedFiles };
}
