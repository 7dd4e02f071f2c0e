import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

/**
 * Hand-written SQL with real bind parameters ($1, $2 …) on the entity
 * manager's connection — inside its transaction when it has one. Used on hot
 * paths (lists, loaders) where MikroORM's query builder costs more CPU than
 * the query itself, and for set-based writes.
 */
export async function sql<Row = Record<string, any>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  const result = await em.getKysely().executeQuery(CompiledQuery.raw(text, params as unknown[]));
  return result.rows as Row[];
}

export async function sqlOne<Row = Record<string, any>>(em: EntityManager, text: string, params: readonly unknown[] = []): Promise<Row | undefined> {
  return (await sql<Row>(em, text, params))[0];
}

/** Collects bind parameters while a statement is assembled: `where.push(\`t.status = \${p.add(status)}\`)`. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
