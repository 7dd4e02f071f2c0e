import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { prepared } from '../database/prepared-statements.ts';
import { Params, sql } from '../database/sql.ts';
import { decodeCursor, toPage } from '../graphql/cursor.ts';
import { notFound } from '../graphql/errors.ts';
import { parseInput } from '../graphql/validate.ts';

export interface OrganizationRow {
  id: string;
  name: string;
  domains: string[];
  tier: 'standard' | 'vip';
  createdAt: Date;
}

const ORGANIZATION_SELECT = `o.id, o.name, o.domains, o.tier, o.created_at AS "createdAt"`;
const ORGANIZATIONS_BY_IDS = prepared(`SELECT ${ORGANIZATION_SELECT} FROM organizations o WHERE o.id = ANY($1::uuid[])`);
const id = z.uuid('must be an id');
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'must be a domain like example.com');
const fields = { name: z.string().trim().min(1, 'is required').max(200), domains: z.array(domain).max(50), tier: z.enum(['standard', 'vip']) };
const createInput = z.object({ name: fields.name, domains: fields.domains.nullish(), tier: fields.tier.nullish() });
const updateInput = z.object({ id, name: fields.name.nullish(), domains: fields.domains.nullish(), tier: fields.tier.nullish() });
const listInput = z.object({ search: z.string().trim().max(100).nullish(), first: z.number().int().min(1).max(100).default(25), after: z.string().nullish() });

export class OrganizationsService {
  async byIds(em: EntityManager, ids: readonly string[]): Promise<OrganizationRow[]> {
    return sql<OrganizationRow>(em, ORGANIZATIONS_BY_IDS, [ids]);
  }

  async get(em: EntityManager, rawId: unknown): Promise<OrganizationRow | null> {
    return (await this.byIds(em, [parseInput(id, rawId)]))[0] ?? null;
  }

  /** By name, keyset-paginated. */
  async list(em: EntityManager, rawInput: unknown) {
    const input = parseInput(listInput, rawInput ?? {});
    const p = new Params();
    const where: string[] = [];
    if (input.search) where.push(`(o.name ILIKE ${p.add(`%${input.search.replace(/[%_\\]/g, '\\$&')}%`)} OR ${p.add(input.search.toLowerCase())} = ANY(o.domains))`);
    const cursor = decodeCursor(input.after, 2);
    if (cursor) where.push(`(o.name, o.id) > (${p.add(cursor[0])}, ${p.add(cursor[1])}::uuid)`);
    const rows = await sql<OrganizationRow>(
      em,
      `SELECT ${ORGANIZATION_SELECT} FROM organizations o ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY o.name, o.id LIMIT ${p.add(input.first + 1)}`,
      p.values,
    );
    return toPage(rows, input.first, (row) => [row.name, row.id]);
  }

  async create(em: EntityManager, rawInput: unknown): Promise<OrganizationRow> {
    const input = parseInput(createInput, rawInput);
    const organizationId = randomUUID();
    await sql(em, `INSERT INTO organizations (id, name, domains, tier) VALUES ($1, $2, $3, $4)`, [
      organizationId, input.name, [...new Set(input.domains ?? [])], input.tier ?? 'standard',
    ]);
    return (await this.get(em, organizationId))!;
  }

  async update(em: EntityManager, rawInput: unknown): Promise<OrganizationRow> {
    const input = parseInput(updateInput, rawInput);
    const updated = await sql(
      em,
      `UPDATE organizations SET name = coalesce($2, name), domains = coalesce($3, domains), tier = coalesce($4, tier), updated_at = now()
        WHERE id = $1 RETURNING id`,
      [input.id, input.name ?? null, input.domains ? [...new Set(input.domains)] : null, input.tier ?? null],
    );
    if (!updated.length) throw notFound('Organization');
    return (await this.get(em, input.id))!;
  }

  async delete(em: EntityManager, rawId: unknown): Promise<boolean> {
    const organizationId = parseInput(id, rawId);
    const deleted = await sql(em, `DELETE FROM organizations WHERE id = $1 RETURNING id`, [organizationId]);
    if (!deleted.length) throw notFound('Organization');
    return true;
  }
}
