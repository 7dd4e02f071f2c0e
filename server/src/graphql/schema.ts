import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The core schema is SDL files next to their feature (`auth/auth.graphql`),
 * joined with `extend type` — the same mechanism plugins use. base.graphql
 * comes first because it declares the root types the others extend.
 */
export async function loadCoreTypeDefs(): Promise<string[]> {
  const files = (await readdir(SOURCE_ROOT, { recursive: true }))
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => Number(!a.endsWith('base.graphql')) - Number(!b.endsWith('base.graphql')) || a.localeCompare(b));
  return Promise.all(files.map((file) => readFile(join(SOURCE_ROOT, file), 'utf8')));
}
