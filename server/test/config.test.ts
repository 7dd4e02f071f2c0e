import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.ts';

const issuesOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.join('\n');
    throw error;
  }
  return '';
};

describe('configuration', () => {
  it('defaults to the embedded setup on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', database: { url: undefined }, redisUrl: undefined });
  });

  it('names the variable that is wrong', () => {
    expect(issuesOf({ PORT: 'eighty' })).toMatch(/^PORT:/m);
    expect(issuesOf({ DATABASE_URL: 'mysql://x' })).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(issuesOf({ REDIS_URL: 'localhost:6379' })).toMatch(/^REDIS_URL:/m);
  });

  it('refuses production without a secret, or with the placeholder from .env.example', () => {
    expect(issuesOf({ NODE_ENV: 'production' })).toMatch(/KEFU_SECRET: required in production/);
    expect(issuesOf({ NODE_ENV: 'production', KEFU_SECRET: 'change-me' })).toMatch(/KEFU_SECRET: must be a random value/);
    expect(issuesOf({ NODE_ENV: 'production', KEFU_SECRET: 'x'.repeat(12) })).toMatch(/KEFU_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', KEFU_SECRET: 'a'.repeat(64) }).secret).toBe('a'.repeat(64));
  });

  it('keeps orphaned knowledge-base files 7 days unless told otherwise, and at least a day', () => {
    expect(loadConfig({}).knowledgeBase.orphanedFilesGraceDays).toBe(7);
    expect(loadConfig({ KB_ORPHANED_FILES_GRACE_DAYS: '30' }).knowledgeBase.orphanedFilesGraceDays).toBe(30);
    expect(issuesOf({ KB_ORPHANED_FILES_GRACE_DAYS: '0' })).toMatch(/^KB_ORPHANED_FILES_GRACE_DAYS:/m);
  });

  it('treats empty variables as unset (docker compose passes FOO=)', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.url).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  it('accepts a boolean, a hop count or an address list, and nothing else', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(issuesOf({ TRUST_PROXY: 'yes please' })).toMatch(/^TRUST_PROXY:/m);
  });
});
