import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane) from
 * a prebuilt native binding: no compiler needed at install time.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  // argon2 hashes any length; the cap keeps a request from burning CPU.
  .max(256, 'must be at most 256 characters');

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

/** A hash to verify against when the account does not exist, so timing does not reveal accounts. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
