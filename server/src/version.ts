import { readFileSync } from 'node:fs';

/** The core's version, from server/package.json (one source of truth). */
export const KEFU_VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
