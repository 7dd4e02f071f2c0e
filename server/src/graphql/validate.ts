import type { z } from 'zod';
import { badInput } from './errors.ts';

/**
 * Validates resolver input with a zod schema; failures become one
 * BAD_USER_INPUT error listing every field, before any state is touched.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw badInput(
    result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message })),
  );
}
