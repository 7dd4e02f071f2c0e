import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

/** A statement PostgreSQL keeps prepared on each pooled connection (see `prepared`). */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** What `sql()` and `PipelinedStatements` accept: a plain text, or a prepared statement. */
export type Statement = string | PreparedStatement;

/**
 * Names a statement whose text never varies, so each pooled connection
 * prepares it once: PostgreSQL then skips parsing it on every later run, and
 * planning it once its generic plan proves as cheap as a fresh one (after
 * five runs). For the fixed lookups of list pages — rows by a list of ids —
 * whose best plan does not depend on the values; on the 1M-ticket inbox the
 * loaders' parse and plan cost PostgreSQL about as much time as running them.
 * Never for assembled texts (filters, sorts): every connection keeps every
 * prepared text for its life, and a generic plan can be wrong for skewed
 * values. Inside a transaction the text runs unprepared (MikroORM's driver).
 */
export function prepared(text: string): PreparedStatement {
  return { name: `kefu_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`, text };
}

export const statementText = (statement: Statement): string => (typeof statement === 'string' ? statement : statement.text);

/** pg's form of a statement: a named one is parsed once per connection (pg remembers which it sent). */
export const queryConfig = (statement: Statement, values: readonly unknown[]): QueryConfig =>
  typeof statement === 'string' ? { text: statement, values: values as unknown[] } : { name: statement.name, text: statement.text, values: values as unknown[] };
