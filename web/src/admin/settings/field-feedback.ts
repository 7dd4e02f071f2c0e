import type { Problem } from '../../graphql/problems.ts';

/**
 * Naive UI form-item props that show the server's message for `field` next to
 * it: the field itself or anything under it (`domains` also takes
 * `domains.2`), so a list input shows which of its entries was refused.
 * `fallback` words a problem that names no field but belongs to this one
 * (a CONFLICT on a taken name).
 */
export function fieldFeedback(problem: Problem | null, field: string, fallback?: string) {
  const text = problem?.fields.find((item) => item.field === field || item.field.startsWith(`${field}.`))?.message ?? fallback;
  return { feedback: text, validationStatus: text ? ('error' as const) : undefined };
}
