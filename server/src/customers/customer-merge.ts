import type { Viewer } from '@kefu/plugin-sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../database/sql.ts';
import type { EventBus } from '../events/event-bus.ts';
import { badInput, conflict, notFound } from '../graphql/errors.ts';
import { CUSTOMER_SELECT, type CustomerRow } from './customers.service.ts';

/**
 * Merges source into target: tickets and conversations move to the target,
 * contact data is combined, and the source stays as a pointer (so links and
 * a portal account pointing at it still lead somewhere).
 */
export async function mergeCustomers(em: EntityManager, events: EventBus, actor: Viewer, sourceId: string, targetId: string): Promise<string> {
  if (sourceId === targetId) throw badInput([{ field: 'targetId', message: 'must differ from sourceId' }]);
  const rows = await sql<CustomerRow>(em, `SELECT ${CUSTOMER_SELECT} FROM customers c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`, [[sourceId, targetId]]);
  const source = rows.find((row) => row.id === sourceId);
  const target = rows.find((row) => row.id === targetId);
  if (!source || !target) throw notFound('Customer');
  if (source.mergedIntoId || target.mergedIntoId) throw conflict('A merged customer cannot be merged again.');
  const union = <T>(a: T[], b: T[], key: (item: T) => string = String) => [...new Map([...a, ...b].map((item) => [key(item), item])).values()];
  // The source first: its portal account (unique) may move to the target.
  await sql(
    em,
    `UPDATE customers SET merged_into_id = $2, emails = '{}', phones = '{}', external_ids = '[]',
            user_id = CASE WHEN $3::boolean THEN NULL ELSE user_id END, updated_at = now() WHERE id = $1`,
    [sourceId, targetId, !target.userId],
  );
  await sql(
    em,
    `UPDATE customers SET emails = $2, phones = $3, external_ids = $4::jsonb, attributes = $5::jsonb,
            organization_id = coalesce(organization_id, $6), user_id = coalesce(user_id, $7), updated_at = now()
      WHERE id = $1`,
    [
      targetId,
      union(target.emails, source.emails),
      union(target.phones, source.phones),
      JSON.stringify(union(target.externalIds, source.externalIds, (item) => `${item.source}\u0000${item.value}`)),
      JSON.stringify({ ...source.attributes, ...target.attributes }),
      source.organizationId,
      // A portal account moves to the survivor only when the survivor has none; otherwise it keeps
      // following the pointer (see customerIdsForUser).
      target.userId ? null : source.userId,
    ],
  );
  // Profiles merged into the source earlier now point at the survivor directly.
  await sql(em, `UPDATE customers SET merged_into_id = $2 WHERE merged_into_id = $1`, [sourceId, targetId]);
  await sql(em, `UPDATE tickets SET requester_id = $2, updated_at = now() WHERE requester_id = $1`, [sourceId, targetId]);
  await sql(em, `UPDATE conversations SET customer_id = $2, updated_at = now() WHERE customer_id = $1`, [sourceId, targetId]);
  await events.publishIn(em, 'customer.merged', { sourceId, targetId }, actor.id);
  return targetId;
}

