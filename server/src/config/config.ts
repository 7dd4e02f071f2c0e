import { join } from 'node:path';
import { z } from 'zod';

/**
 * Everything Kefu reads from the environment, validated once at boot.
 * A bad value stops the process with a message naming the variable, so an
 * operator never has to guess which line of `.env` is wrong.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used for cookies' Secure flag and links in e-mails. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  KEFU_SECRET: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 14),
  SESSION_IDLE_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 3),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  KEFU_PLUGINS: z.string().default(''),
  /** false, true (trust all: only when the port is unreachable except through the proxy), a hop count, or IPs/CIDRs. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count, or a comma-separated list of IPs/CIDRs')
    .default('false')
    .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHIQL: booleanFromEnv.optional(),
  WEB_DIST: z.string().optional(),
  MEILISEARCH_URL: z.url().optional(),
  MEILISEARCH_MASTER_KEY: z.string().optional(),
  /** Index name in Meilisearch; distinct per Kefu installation sharing one server. */
  MEILISEARCH_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, - and _ only').default('kefu_articles'),
  /** Help-center searches and suggestions per client IP and minute (search-as-you-type sends one per keystroke pause). */
  SEARCH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Background jobs (reminders, index updates, plugin jobs) run on every instance unless turned off here. */
  JOBS_ENABLED: booleanFromEnv.default(true),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** Attachments: where bytes are kept (only `local` today; the FileStorage interface admits S3 later). */
  ATTACHMENT_STORAGE: z.enum(['local']).default('local'),
  /** Directory of the local attachment store; default DATA_DIR/attachments. */
  ATTACHMENT_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 ** 3).default(25 * 1024 * 1024),
  /** Comma-separated MIME types replacing the default allow-list (types are detected from the bytes). */
  ATTACHMENT_ALLOWED_TYPES: z
    .string()
    .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(\s*,\s*[a-z0-9.+-]+\/[a-z0-9.+-]+)*$/, 'must be a comma-separated list of MIME types')
    .optional(),
  /** Uploaded files not attached to a message within this time are deleted. */
  ATTACHMENT_DRAFT_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Knowledge-base files that no article or version uses any more are deleted after this many days. */
  KB_ORPHANED_FILES_GRACE_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Customers may create their own portal account (e-mail + password). */
  PORTAL_SIGNUP_ENABLED: booleanFromEnv.default(true),
  PORTAL_SIGNUP_MAX_PER_IP: z.coerce.number().int().min(1).default(5),
  PORTAL_SIGNUP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** How long a staff invitation to the portal stays valid. */
  PORTAL_INVITE_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(72),
});

export type RawEnv = Record<string, string | undefined>;

export interface KefuConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  database: { url: string | undefined; poolMax: number; embeddedPort: number };
  redisUrl: string | undefined;
  /** Undefined until resolved by `resolveSecret` (generated for the embedded default). */
  secret: string | undefined;
  session: { ttlHours: number; idleHours: number };
  loginThrottle: { maxPerAccount: number; maxPerIp: number; windowSeconds: number };
  plugins: string[];
  /** Passed to fastify's trustProxy (boolean, hop count, or IP/CIDR list). */
  trustProxy: boolean | number | string;
  logLevel: string;
  graphiql: boolean;
  webDist: string | undefined;
  meilisearch: { url: string | undefined; masterKey: string | undefined; index: string };
  search: { ratePerMinute: number };
  jobs: { enabled: boolean; concurrency: number };
  portal: { signupEnabled: boolean; signupMaxPerIp: number; signupWindowSeconds: number; inviteTtlHours: number };
  attachments: { storage: 'local'; dir: string; maxBytes: number; allowedTypes: string[] | undefined; draftTtlHours: number };
  knowledgeBase: { orphanedFilesGraceDays: number };
}

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Values shipped in `.env.example`; production must not run with them. */
export const PLACEHOLDER_SECRETS = new Set(['change-me', 'changeme', 'secret', 'please-change-this-secret']);
export const MIN_SECRET_LENGTH = 32;

export function loadConfig(rawEnv: RawEnv = process.env): KefuConfig {
  // Empty strings mean "unset" (docker compose passes `FOO=` through).
  const cleaned = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production') {
    if (!env.KEFU_SECRET) {
      problems.push('KEFU_SECRET: required in production (generate one with `openssl rand -hex 32`)');
    } else if (PLACEHOLDER_SECRETS.has(env.KEFU_SECRET) || env.KEFU_SECRET.length < MIN_SECRET_LENGTH) {
      problems.push(`KEFU_SECRET: must be a random value of at least ${MIN_SECRET_LENGTH} characters, not a placeholder`);
    }
  } else if (env.KEFU_SECRET && env.KEFU_SECRET.length < MIN_SECRET_LENGTH) {
    problems.push(`KEFU_SECRET: must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (env.MEILISEARCH_URL && !env.MEILISEARCH_MASTER_KEY && env.NODE_ENV === 'production') {
    problems.push('MEILISEARCH_MASTER_KEY: required when MEILISEARCH_URL is set in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL,
    dataDir: env.DATA_DIR,
    database: { url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX, embeddedPort: env.EMBEDDED_PG_PORT },
    redisUrl: env.REDIS_URL,
    secret: env.KEFU_SECRET,
    session: { ttlHours: env.SESSION_TTL_HOURS, idleHours: env.SESSION_IDLE_HOURS },
    loginThrottle: {
      maxPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS,
    },
    plugins: env.KEFU_PLUGINS.split(',').map((name) => name.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    graphiql: env.GRAPHIQL ?? env.NODE_ENV === 'development',
    webDist: env.WEB_DIST,
    meilisearch: { url: env.MEILISEARCH_URL, masterKey: env.MEILISEARCH_MASTER_KEY, index: env.MEILISEARCH_INDEX },
    search: { ratePerMinute: env.SEARCH_RATE_LIMIT_PER_MINUTE },
    jobs: { enabled: env.JOBS_ENABLED, concurrency: env.JOBS_CONCURRENCY },
    portal: {
      signupEnabled: env.PORTAL_SIGNUP_ENABLED,
      signupMaxPerIp: env.PORTAL_SIGNUP_MAX_PER_IP,
      signupWindowSeconds: env.PORTAL_SIGNUP_WINDOW_SECONDS,
      inviteTtlHours: env.PORTAL_INVITE_TTL_HOURS,
    },
    attachments: {
      storage: env.ATTACHMENT_STORAGE,
      dir: env.ATTACHMENT_DIR ?? join(env.DATA_DIR, 'attachments'),
      maxBytes: env.ATTACHMENT_MAX_BYTES,
      allowedTypes: env.ATTACHMENT_ALLOWED_TYPES?.split(',').map((type) => type.trim()),
      draftTtlHours: env.ATTACHMENT_DRAFT_TTL_HOURS,
    },
    knowledgeBase: { orphanedFilesGraceDays: env.KB_ORPHANED_FILES_GRACE_DAYS },
  };
}
