import { KEFU_PLUGIN_API_VERSION, type PluginDefinition, type ResolverMap } from '@kefu/plugin-sdk';
import type { MigrationObject } from '@mikro-orm/core';
import Fastify, { type FastifyPluginAsync } from 'fastify';
import { parse } from 'graphql';
import semver from 'semver';
import type { Logger } from 'pino';
import type { ImportedPlugin } from './plugin-import.ts';
import type { PluginStatus } from './plugin-status.ts';
import { settingsFromEnv } from './plugin-settings.ts';
import { unguardedRootFields } from '../graphql/guard.ts';

/** What one plugin added during register(), applied only if register() succeeded. */
export interface PluginContributions {
  typeDefs: string[];
  resolvers: ResolverMap[];
  routes: FastifyPluginAsync[];
  handlers: { type: string; handler: (event: any) => unknown }[];
  /** Background job tasks, already namespaced `<plugin id>.<name>`. */
  jobs: { task: string; handler: (payload: unknown, job: { id: string; attempts: number; maxAttempts: number }) => Promise<void> }[];
}

export interface CandidatePlugin {
  definition: PluginDefinition<any>;
  status: PluginStatus;
}

const REGISTER_TIMEOUT_MS = 10_000;

/** Splits imported plugins into candidates (compatible, unique) and failures. */
export function checkPlugins(imported: ImportedPlugin[]): { candidates: CandidatePlugin[]; rejected: PluginStatus[] } {
  const candidates: CandidatePlugin[] = [];
  const rejected: PluginStatus[] = [];
  const seen = new Set<string>();
  for (const entry of imported) {
    const definition = entry.definition;
    if (!definition) {
      rejected.push({ id: entry.source, version: null, state: 'failed', description: null, error: entry.error ?? 'unknown error' });
      continue;
    }
    const base = { id: definition.id, version: definition.version ?? null, description: definition.description ?? null };
    if (seen.has(definition.id)) {
      rejected.push({ ...base, state: 'failed', error: 'another plugin with the same id is already configured' });
      continue;
    }
    seen.add(definition.id);
    if (!semver.valid(definition.version)) {
      rejected.push({ ...base, state: 'failed', error: `version "${definition.version}" is not valid semver` });
    } else if (!semver.validRange(definition.compatibility) || !semver.satisfies(KEFU_PLUGIN_API_VERSION, definition.compatibility)) {
      rejected.push({
        ...base,
        state: 'incompatible',
        error: `requires plugin API ${definition.compatibility}; this Kefu provides ${KEFU_PLUGIN_API_VERSION}`,
      });
    } else {
      candidates.push({ definition, status: { ...base, state: 'active', error: null } });
    }
  }
  return { candidates, rejected };
}

/** Plugin migrations are stored as `<plugin id>/<name>` so two plugins cannot clash. */
export function namespacedMigrations(definition: PluginDefinition<any>): MigrationObject[] {
  return (definition.migrations ?? []).map((migration) => ({ ...migration, name: `${definition.id}/${migration.name}` }));
}

export interface RegisterDeps {
  logger: Logger;
  env: Record<string, string | undefined>;
  /** Builds the SDK context whose calls record into `contributions`. */
  buildContext(definition: PluginDefinition<any>, settings: unknown, contributions: PluginContributions, logger: Logger): unknown;
  /** Throws when the SDL does not merge with what is accepted so far. */
  checkSchema(typeDefs: string[], resolvers: ResolverMap[]): void;
}

/**
 * Runs one plugin's register() with a time limit, then checks what it
 * contributed (settings, SDL, guards on every root field, routes) before any
 * of it reaches the app. Any failure leaves the app exactly as before.
 */
export async function registerPlugin(candidate: CandidatePlugin, deps: RegisterDeps): Promise<PluginContributions | null> {
  const { definition, status } = candidate;
  const logger = deps.logger.child({ plugin: definition.id });
  const contributions: PluginContributions = { typeDefs: [], resolvers: [], routes: [], handlers: [], jobs: [] };
  try {
    const settings = settingsFromEnv(definition, deps.env);
    const context = deps.buildContext(definition, settings, contributions, logger);
    await withTimeout(Promise.resolve(definition.register(context as never)), REGISTER_TIMEOUT_MS, 'register() timed out');
    for (const sdl of contributions.typeDefs) parse(sdl);
    for (const resolvers of contributions.resolvers) {
      const unguarded = unguardedRootFields(resolvers);
      if (unguarded.length) throw new Error(`resolvers without a permission guard: ${unguarded.join(', ')}`);
    }
    deps.checkSchema(contributions.typeDefs, contributions.resolvers);
    await probeRoutes(contributions.routes);
    return contributions;
  } catch (error) {
    status.state = 'failed';
    status.error = (error as Error).message;
    logger.error({ err: error }, 'plugin failed to load; it is disabled');
    return null;
  }
}

/** Registers routes in a scratch fastify first, so a broken route fails the plugin, not the app's boot. */
async function probeRoutes(routes: FastifyPluginAsync[]): Promise<void> {
  if (routes.length === 0) return;
  const probe = Fastify({ logger: false });
  try {
    for (const route of routes) await probe.register(route);
    await probe.ready();
  } finally {
    await probe.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
