import { isIP } from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql, type Sql } from '../../db/sql.js';
import { AppError } from '../../graphql/errors.js';
import { count } from '../../i18n/count.js';
import { say, type Text } from '../../i18n/lang.js';
import { hit, purgeOldCounters } from './rate-limit.js';

/**
 * Sign-in that nobody can block. Three counters of failures in a row (table sign_in_throttle),
 * each with the time of its last attempt:
 *
 * - per (account, address) pair: 5 attempts go at once; after n failures (n ≥ 5) the next one waits
 *   2^n seconds after the previous: 32 s, 64 s, 128 s… up to 15 minutes. This is the one that stops
 *   a guesser; it only concerns that address, so the owner signing in from their own address is
 *   never held back by a stranger. Forgotten a day after the last attempt;
 * - per address, whatever the account: 30 at once, then 15 s, 30 s, 60 s… up to 15 minutes (one
 *   address trying many accounts). A library's public computers share one address, hence the room,
 *   and it is forgotten after an hour without attempts;
 * - per account, from every address: past 100 failures (a botnet, each address trying a few
 *   passwords), an address that has ALREADY failed on this account waits 15 minutes between
 *   attempts; an address that never failed on it (the owner's usual one) is not slowed at all.
 *
 * The attempt is counted BEFORE the password is checked, in one transaction whose upserts lock the
 * counters' rows (account, then pair, then address: always that order, so two attempts never wait
 * on each other in a cycle). Concurrent guesses therefore queue on the row: 45 at once from one
 * address get 5 password checks, however many app processes share the database. A success clears
 * the pair and gives back the slot it took on the other two. Tested in
 * tests/api/sign-in-protection.test.ts.
 */
interface Rule {
  /** Failures in a row before attempts wait. */
  free: number;
  /** The wait after `free` failures; it doubles with each further one, up to MAX_DELAY_SECONDS. */
  firstDelaySeconds: number;
  /** A counter without attempt for this long starts again from nothing. */
  forgetAfterSeconds: number;
}

export const MAX_DELAY_SECONDS = 15 * 60;
const DAY = 24 * 3600;
export const PAIR_RULE: Rule = { free: 5, firstDelaySeconds: 2 ** 5, forgetAfterSeconds: DAY };
export const ADDRESS_RULE: Rule = { free: 30, firstDelaySeconds: 15, forgetAfterSeconds: 3600 };
// Never refuses by itself: its count only tells when the account is under attack.
const ACCOUNT_RULE: Rule = { free: 2 ** 31 - 1, firstDelaySeconds: 0, forgetAfterSeconds: DAY };
export const PAIR_FREE_FAILURES = PAIR_RULE.free;
export const ADDRESS_FREE_FAILURES = ADDRESS_RULE.free;
export const ACCOUNT_CEILING = 100;

export interface SignInAttempt {
  /** The password was right: the pair starts afresh, the slots taken on the address and account are given back. */
  succeeded(): Promise<void>;
}

interface Keys {
  pair: string;
  address: string;
  account: string;
}

/**
 * An IPv6 visitor usually holds a whole /64 and can change address inside it at will: counted as one.
 * "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64".
 */
export function addressNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const plain = address.toLowerCase().split('%')[0];
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head, tail] = plain.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${all
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function keysFor(email: string, address: string): Keys {
  const account = email.slice(0, 254);
  const network = addressNetwork(address).slice(0, 64);
  return { pair: `pair:${account} ${network}`, address: `address:${network}`, account: `account:${account}` };
}

function forgotten(rule: Rule): Sql {
  return sql`t.last_attempt_at <= clock_timestamp() - ${rule.forgetAfterSeconds} * interval '1 second'`;
}

/**
 * When the next attempt counted by row `t` may go: the growing delay past `rule.free` failures, and
 * the botnet rule; `-infinity` when it may go now. One formula for the check and for "wait N seconds".
 */
function allowedAt(rule: Rule, underAttack: boolean): Sql {
  const doublings = sql`least(greatest(t.failures - ${rule.free}, 0), 10)`;
  const delay = sql`least(${rule.firstDelaySeconds} * power(2, ${doublings}), ${MAX_DELAY_SECONDS}) * interval '1 second'`;
  return sql`case when ${forgotten(rule)} then '-infinity'::timestamptz
    else greatest(
      case when t.failures < ${rule.free} then '-infinity'::timestamptz else t.last_attempt_at + ${delay} end,
      case when ${underAttack}::boolean and t.failures > 0 then t.last_attempt_at + ${MAX_DELAY_SECONDS} * interval '1 second'
           else '-infinity'::timestamptz end)
    end`;
}

/** Counts one more attempt on `key` if it may go now; the failures so far, or undefined when refused. */
async function take(em: EntityManager, key: string, rule: Rule, underAttack = false): Promise<number | undefined> {
  const row = await queryOne<{ failures: number }>(
    em,
    sql`insert into sign_in_throttle as t (key, failures, last_attempt_at) values (${key}, 1, clock_timestamp())
        on conflict (key) do update
          set failures = case when ${forgotten(rule)} then 1 else t.failures + 1 end,
              last_attempt_at = clock_timestamp()
          where ${allowedAt(rule, underAttack)} <= clock_timestamp()
        returning failures`,
  );
  return row?.failures;
}

class Refused extends Error {
  constructor(readonly underAttack: boolean) {
    super('sign-in attempt refused');
  }
}

/**
 * Takes the slot of one sign-in attempt before the password is checked, or throws RATE_LIMITED
 * with the time to wait. The same for an unknown account as for a known one.
 */
export async function takeSignInAttempt(em: EntityManager, email: string, address: string): Promise<SignInAttempt> {
  const keys = keysFor(email, address);
  if (Math.random() < 0.01) await forgetOldAttempts(em);
  try {
    await em.transactional(async (tx) => {
      const accountFailures = (await take(tx, keys.account, ACCOUNT_RULE)) ?? 0;
      const underAttack = accountFailures > ACCOUNT_CEILING;
      // Throwing rolls the transaction back: a refused attempt counts nowhere.
      if ((await take(tx, keys.pair, PAIR_RULE, underAttack)) === undefined) throw new Refused(underAttack);
      if ((await take(tx, keys.address, ADDRESS_RULE)) === undefined) throw new Refused(underAttack);
    });
  } catch (error) {
    if (error instanceof Refused) throw tooManyAttempts(await secondsToWait(em, keys, error.underAttack));
    throw error;
  }
  return {
    async succeeded() {
      // One row per statement: a statement holding two rows' locks could deadlock with an attempt being taken.
      await execute(em, sql`delete from sign_in_throttle where key = ${keys.pair}`);
      for (const key of [keys.account, keys.address]) {
        await execute(em, sql`update sign_in_throttle set failures = greatest(failures - 1, 0) where key = ${key}`);
      }
    },
  };
}

async function secondsToWait(em: EntityManager, keys: Keys, underAttack: boolean): Promise<number> {
  const pair = allowedAt(PAIR_RULE, underAttack);
  const address = allowedAt(ADDRESS_RULE, false);
  const rows = await query<{ seconds: number }>(
    em,
    sql`select extract(epoch from ${pair} - clock_timestamp())::float8 as seconds
          from sign_in_throttle t where t.key = ${keys.pair} and ${pair} > clock_timestamp()
        union all
        select extract(epoch from ${address} - clock_timestamp())::float8
          from sign_in_throttle t where t.key = ${keys.address} and ${address} > clock_timestamp()`,
  );
  const seconds = Math.max(0, ...rows.map((row) => row.seconds));
  return Math.max(1, Math.ceil(seconds));
}

/** "Trop de tentatives. Réessayez dans 32 secondes." (rounded up to the minute past two minutes). */
export function tooManyAttempts(seconds: number): AppError {
  return new AppError('RATE_LIMITED', waitText(seconds), {}, { retryAfterSeconds: seconds });
}

function waitText(seconds: number): Text {
  if (seconds < 120) {
    return say(
      `Trop de tentatives. Réessayez dans ${count('fr', seconds, 'seconde', 'secondes')}.`,
      `Too many attempts. Try again in ${count('en', seconds, 'second', 'seconds')}.`,
    );
  }
  const minutes = Math.ceil(seconds / 60);
  return say(
    `Trop de tentatives. Réessayez dans ${count('fr', minutes, 'minute', 'minutes')}.`,
    `Too many attempts. Try again in ${count('en', minutes, 'minute', 'minutes')}.`,
  );
}

/** Counters a day old are useless: removed now and then, with the old fixed windows of rate_limit. */
export async function forgetOldAttempts(em: EntityManager): Promise<void> {
  await execute(em, sql`delete from sign_in_throttle where last_attempt_at < clock_timestamp() - ${DAY} * interval '1 second'`);
  await purgeOldCounters(em);
}

/** What account deletion erases: the account's counters and its pairs with every address. */
export async function forgetSignInAttempts(em: EntityManager, email: string): Promise<void> {
  const account = email.slice(0, 254);
  const pairPrefix = `pair:${account} `;
  await execute(
    em,
    sql`delete from sign_in_throttle where key = ${`account:${account}`} or left(key, ${pairPrefix.length}) = ${pairPrefix}`,
  );
}

export const PASSWORD_CONFIRMATIONS_PER_QUARTER = 5;

/**
 * Wrong passwords typed to confirm a sensitive action of a signed-in account (deleting it…): 5 per
 * quarter of an hour per account, counted before the check. Whoever holds the session is the only
 * one slowed.
 */
export async function takePasswordConfirmation(em: EntityManager, userId: string, action: string): Promise<{ succeeded(): Promise<void> }> {
  const key = `confirm-password:${action}:${userId}`;
  if ((await hit(em, key, 15 * 60)) > PASSWORD_CONFIRMATIONS_PER_QUARTER) {
    throw new AppError(
      'RATE_LIMITED',
      say(
        'Trop de mots de passe incorrects. Patientez un quart d’heure avant de réessayer.',
        'Too many wrong passwords. Please wait a quarter of an hour before trying again.',
      ),
    );
  }
  return {
    async succeeded() {
      await execute(em, sql`update rate_limit set hits = greatest(hits - 1, 0) where key = ${key}`);
    },
  };
}
