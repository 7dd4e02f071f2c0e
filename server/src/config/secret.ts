import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KefuConfig } from './config.ts';

/**
 * The embedded default has no operator to pick a secret, so Kefu generates
 * one on first start and keeps it beside the data it protects. Production
 * (`NODE_ENV=production`) never reaches this: `loadConfig` demands KEFU_SECRET.
 */
export async function resolveSecret(config: KefuConfig): Promise<string> {
  if (config.secret) return config.secret;
  if (config.env === 'production') throw new Error('KEFU_SECRET is required in production');
  return readOrCreateSecretFile(config.dataDir, 'secret');
}

/** Reads `<dataDir>/<name>`, creating it with 32 random bytes (hex, mode 600) the first time. */
export async function readOrCreateSecretFile(dataDir: string, name: string): Promise<string> {
  const file = join(dataDir, name);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
