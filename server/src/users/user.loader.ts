import type { KefuContext } from '../graphql/context.ts';
import { byKeys, loaderFor } from '../graphql/loaders.ts';
import { prepared } from '../database/prepared-statements.ts';
import { sql } from '../database/sql.ts';

/** The columns the GraphQL `User` type shows (never the password hash). */
export const USER_SELECT = `u.id, u.email, u.name, u.role, u.locale, u.time_zone AS "timeZone", u.active, u.created_at AS "createdAt"`;

export const USERS_BY_IDS = prepared(`SELECT ${USER_SELECT} FROM users u WHERE u.id = ANY($1::uuid[])`);

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  timeZone: string;
  active: boolean;
  createdAt: Date;
}

export function userLoader(context: KefuContext) {
  return loaderFor<string, UserRow | null>(context, 'userById', async (ids) =>
    byKeys(ids, await sql<UserRow>(context.em, USERS_BY_IDS, [ids]), (row) => row.id, null),
  );
}

/** Loads a user by id through the request's loader; null for a null id. */
export const loadUser = (context: KefuContext, id: string | null | undefined) => (id ? userLoader(context).get(id) : null);
