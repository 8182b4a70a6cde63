import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql } from '../../db/sql.js';
import type { AccountStatus } from './user.entity.js';

/**
 * Locks the account's row until the caller's transaction ends and returns its status (undefined
 * when there is no such account): two deletions of one account (two clicks, two tabs) run one
 * after the other, and the second sees the first one's result.
 */
export async function lockAccount(em: EntityManager, userId: string): Promise<AccountStatus | undefined> {
  const row = await queryOne<{ status: AccountStatus }>(em, sql`select status from app_user where id = ${userId} for update`);
  return row?.status;
}
