import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { hashToken, newToken } from '../comptes/tokens.js';
import type { User } from '../comptes/user.entity.js';
import { CalendarToken } from './calendar-token.entity.js';

/** A new private "my agenda" token; the previous URL stops working at once. */
export async function renewCalendarToken(em: EntityManager, user: User): Promise<string> {
  const token = newToken();
  await execute(
    em,
    sql`insert into calendar_token (id, user_id, token_hash) values (gen_random_uuid(), ${user.id}, ${hashToken(token)})
     on conflict (user_id) do update set token_hash = excluded.token_hash, updated_at = now()`,
  );
  return token;
}

export async function revokeCalendarToken(em: EntityManager, user: User): Promise<boolean> {
  return (await em.nativeDelete(CalendarToken, { user: user.id })) > 0;
}

export async function hasCalendarToken(em: EntityManager, user: User): Promise<boolean> {
  return (await em.count(CalendarToken, { user: user.id })) > 0;
}

/** The person whose feed a token opens, or null (unknown or revoked). */
export async function calendarTokenOwner(em: EntityManager, token: string): Promise<{ userId: string; displayName: string } | null> {
  const row = await queryOne<{ userId: string; displayName: string }>(
    em,
    sql`select u.id as "userId", u.display_name as "displayName"
     from calendar_token t join member_card u on u.id = t.user_id where t.token_hash = ${hashToken(token)}`,
  );
  return row ?? null;
}
