import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';

/**
 * The activation links a person opened for others (an organisation's mediator opening an account
 * for someone they help), for "télécharger mes données": a JSON array, oldest first.
 */
export async function activationLinksOpenedBy(em: EntityManager, userId: string): Promise<unknown> {
  const row = await queryOne<{ links: unknown }>(
    em,
    sql`select coalesce(json_agg(a order by a."createdAt"), '[]') as links from (
          select u.display_name as "person", t.created_at as "createdAt", t.used_at as "activatedAt"
            from activation_token t join app_user u on u.id = t.user_id where t.created_by_id = ${userId}) a`,
  );
  return row?.links;
}

/** When the person who opened activation links deletes their account, the links forget who opened them. */
export async function forgetActivationLinksOpenedBy(em: EntityManager, userId: string): Promise<void> {
  await execute(em, sql`update activation_token set created_by_id = null where created_by_id = ${userId}`);
}
