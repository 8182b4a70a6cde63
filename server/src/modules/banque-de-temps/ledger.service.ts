import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql, whereAll, type Sql } from '../../db/sql.js';
import {
  afterCursor,
  boundedCount,
  countBounded,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { AppError, FieldErrors, badInput, conflict, forbidden } from '../../graphql/errors.js';
import { currentLang, say, type Lang, type Text } from '../../i18n/lang.js';
import { hasProfile } from '../comptes/comptes.read.js';
import { AccountStatus, Role, User } from '../comptes/user.entity.js';
import { notify, writeNotifications } from '../commun/notifications/notifications.service.js';
import { POOL_ACCOUNT_ID, TransferKind } from './ledger.entity.js';
import { formatMinutes } from './minutes.js';
import type {
  LedgerStats,
  StatementLine,
  TimebankAccountView,
  TimebankPoolView,
  TimebankSettingsView,
  TransferReceipt,
} from './banque-de-temps.types.js';
import { FRENCH_SPREADSHEET, toCsv } from '../../shared/csv.js';
import type { LiveMessage } from '../../live/bus.js';
import { publishLiveMany } from '../../live/publish.js';
import { deName, frenchSpaces } from '../../i18n/french.js';

/** The largest single movement (50 h): keeps a typo ("6000" for "60") from emptying an account. */
export const MAX_TRANSFER_MINUTES = 3000;

// ---------------------------------------------------------------- settings

/** The bounds the platform team may set: a floor down to −100 h, a ceiling from 1 h to 200 h (in minutes). */
const LOWEST_FLOOR = -6000;
const LOWEST_CEILING = 60;
const HIGHEST_CEILING = 12000;

interface SettingsRow {
  floor_minutes: number;
  ceiling_minutes: number;
  updated_at: Date | string;
}

export async function getSettings(em: EntityManager): Promise<TimebankSettingsView> {
  // The settings row always exists (the migration inserts it).
  const row = (await queryOne<SettingsRow>(
    em,
    sql`select floor_minutes, ceiling_minutes, updated_at from timebank_settings where id = 1`,
  ))!;
  return { floorMinutes: row.floor_minutes, ceilingMinutes: row.ceiling_minutes, updatedAt: new Date(row.updated_at) };
}

/** The platform admin sets the floor and the ceiling. A new floor applies to the next debits. */
export async function updateSettings(
  em: EntityManager,
  admin: User,
  input: { floorMinutes: number; ceilingMinutes: number },
): Promise<TimebankSettingsView> {
  if (admin.role !== Role.ADMIN)
    throw forbidden(say('Seule l’équipe de la plateforme règle la banque de temps.', 'Only the platform team sets the time bank.'));
  const errors = new FieldErrors();
  if (!Number.isInteger(input.floorMinutes) || input.floorMinutes > 0 || input.floorMinutes < LOWEST_FLOOR) {
    errors.add(
      'floorMinutes',
      say(
        `Le plancher est un nombre entier de minutes, entre ${formatMinutes(LOWEST_FLOOR, 'fr')} et 0.`,
        `The floor is a whole number of minutes, from ${formatMinutes(LOWEST_FLOOR, 'en')} to 0.`,
      ),
    );
  }
  if (!Number.isInteger(input.ceilingMinutes) || input.ceilingMinutes < LOWEST_CEILING || input.ceilingMinutes > HIGHEST_CEILING) {
    errors.add(
      'ceilingMinutes',
      say(
        `Le plafond est un nombre entier de minutes, entre ${formatMinutes(LOWEST_CEILING, 'fr')} et ${formatMinutes(HIGHEST_CEILING, 'fr')}.`,
        `The ceiling is a whole number of minutes, from ${formatMinutes(LOWEST_CEILING, 'en')} to ${formatMinutes(HIGHEST_CEILING, 'en')}.`,
      ),
    );
  }
  errors.throwIfAny();
  await execute(
    em,
    sql`update timebank_settings set floor_minutes = ${input.floorMinutes}, ceiling_minutes = ${input.ceilingMinutes}, updated_at = now(), updated_by_id = ${admin.id}
         where id = 1`,
  );
  return getSettings(em);
}

// ---------------------------------------------------------------- posting

export interface PostTransferArgs {
  kind: TransferKind;
  /** null = the pool. */
  fromUserId: string | null;
  /** null = the pool. */
  toUserId: string | null;
  minutes: number;
  memo?: string | null;
  idempotencyKey?: string | null;
  createdById: string;
  exchangeId?: string | null;
}

export interface PostedTransfer {
  transferId: string;
  replayed: boolean;
  overflowMinutes: number;
  payerBalance: number;
  createdAt: Date;
  /** The recipient, when the posting checked that they are an active member. */
  to?: Recipient;
}

/** What to say when the payer cannot give that much (the database says how much they could). */
export type FloorMessage = (availableMinutes: number, lang: Lang) => Text;

const RETRYABLE = new Set(['40001', '40P01']);

interface PostedRow {
  transfer_id: string;
  replayed: boolean;
  overflow_minutes: number;
  payer_balance: number;
  created_at: Date | string;
  to_name?: string;
  to_commune?: string | null;
}

/** The live topic of a member's time account (banque-de-temps.live.ts). */
export const balanceTopic = (userId: string) => `timebank:${userId}`;

/** Both accounts' open pages (the pool, null, has none); a replayed transfer moved nothing. */
function balanceMessages(args: PostTransferArgs, posted: PostedTransfer): LiveMessage[] {
  if (posted.replayed) return [];
  return [...new Set([args.fromUserId, args.toUserId])].filter((id): id is string => !!id).map((id) => ({ topic: balanceTopic(id) }));
}

/**
 * Posts one transfer through the database function `timebank_post_transfer()`, which enforces the
 * floor, the ceiling overflow, double entry and idempotency, then tells both accounts' open pages.
 * Run it inside the caller's transaction when something else must happen with it (an exchange's new status).
 */
export async function postTransfer(em: EntityManager, args: PostTransferArgs, floorMessage: FloorMessage): Promise<PostedTransfer> {
  const posted = (await postTransferOnce(em, args, floorMessage))!;
  await publishLiveMany(em, balanceMessages(args, posted));
  return posted;
}

/**
 * The posting, retried on a deadlock. With `toActiveMember`, the recipient is checked in the same
 * statement: the function runs only for an active member, else no row (`undefined`): one round trip
 * less on the hot path of a transfer. Without it, the function returns one row or raises. Prepared (its
 * text never changes): parsing and planning it cost PostgreSQL as much as a third of running it.
 */
async function postTransferOnce(
  em: EntityManager,
  args: PostTransferArgs,
  floorMessage: FloorMessage,
  toActiveMember = false,
): Promise<PostedTransfer | undefined> {
  const call = (to: Sql) =>
    sql`timebank_post_transfer(${args.kind}::timebank_transfer_kind, ${args.fromUserId}::uuid, ${to}, ${args.minutes}::int,
                               ${args.memo ?? null}::text, ${args.idempotencyKey ?? null}::text, ${args.createdById}::uuid,
                               ${args.exchangeId ?? null}::uuid)`;
  const statement = toActiveMember
    ? sql`select p.*, r.display_name as to_name, r.commune as to_commune
            from member_card r cross join lateral ${call(sql`r.id`)} p
           where r.id = ${args.toUserId}::uuid and r.status = ${AccountStatus.ACTIVE}::account_status`.prepared()
    : sql`select * from ${call(sql`${args.toUserId}::uuid`)}`.prepared();
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await queryOne<PostedRow>(em, statement);
      if (!row) return undefined;
      return {
        transferId: row.transfer_id,
        replayed: row.replayed,
        overflowMinutes: row.overflow_minutes,
        payerBalance: row.payer_balance,
        createdAt: new Date(row.created_at),
        ...(row.to_name !== undefined
          ? { to: { id: args.toUserId!, displayName: row.to_name, hasProfile: true, commune: row.to_commune ?? null } }
          : {}),
      };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'TB001') {
        const available = Number((error as { detail?: string }).detail ?? 0);
        throw new AppError(
          'BAD_USER_INPUT',
          floorMessage(available, currentLang()),
          { minutes: floorMessage(available, currentLang()) },
          { availableMinutes: available },
        );
      }
      if (code === 'TB005') {
        throw conflict(
          say(
            'Cette demande a déjà servi pour un autre virement. Rechargez la page et recommencez.',
            'This request was already used for another transfer. Reload the page and try again.',
          ),
        );
      }
      // A deadlock or serialization failure outside a caller's transaction is safe to retry as is.
      if (code && RETRYABLE.has(code) && !em.isInTransaction() && attempt < 4) continue;
      throw error;
    }
  }
}

const payerFloor: FloorMessage = (available) =>
  say(
    `Votre solde ne permet pas ce virement : vous pouvez donner au plus ${formatMinutes(available, 'fr')}.`,
    `Your balance does not allow this transfer: you can give at most ${formatMinutes(available, 'en')}.`,
  );

const poolFloor: FloorMessage = (available) =>
  say(
    `Le fonds commun ne contient que ${formatMinutes(available, 'fr')} : vous pouvez attribuer au plus cela.`,
    `The solidarity pool only holds ${formatMinutes(available, 'en')}: you can grant at most that.`,
  );

export { payerFloor };

function checkMinutes(errors: FieldErrors, minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1) {
    errors.add('minutes', say('Indiquez une durée en minutes (au moins 1).', 'Enter a duration in minutes (at least 1).'));
  } else if (minutes > MAX_TRANSFER_MINUTES) {
    errors.add(
      'minutes',
      say(
        `Un virement ne peut pas dépasser ${formatMinutes(MAX_TRANSFER_MINUTES, 'fr')}.`,
        `A transfer cannot exceed ${formatMinutes(MAX_TRANSFER_MINUTES, 'en')}.`,
      ),
    );
  }
}

function checkIdempotencyKey(errors: FieldErrors, key: string): void {
  if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) {
    errors.add(
      'idempotencyKey',
      say(
        'Identifiant de demande invalide (8 à 100 lettres, chiffres, « - », « _ », « . » ou « : »).',
        'Invalid request id (8 to 100 letters, digits, "-", "_", "." or ":").',
      ),
    );
  }
}

/** An active member (`hasProfile` always true). */
type Recipient = { id: string; displayName: string; hasProfile: boolean; commune: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NO_SUCH_MEMBER = say(
  'Ce membre n’existe pas ou son compte n’est pas encore activé.',
  'This member does not exist or has not activated their account yet.',
);

interface MemberRow {
  id: string;
  display_name: string;
  commune: string | null;
}

/** A plain read (no entity to hydrate): this sits on the hot path of every transfer. */
async function activeRecipient(em: EntityManager, errors: FieldErrors, userId: string, field = 'toUserId'): Promise<Recipient | null> {
  const row = UUID.test(userId)
    ? await queryOne<MemberRow>(
        em,
        sql`select id, display_name, commune from member_card where id = ${userId} and status = ${AccountStatus.ACTIVE}`,
      )
    : undefined;
  if (!row) {
    errors.add(field, NO_SUCH_MEMBER);
    return null;
  }
  return { id: row.id, displayName: row.display_name, hasProfile: true, commune: row.commune };
}

function receipt(kind: TransferKind, minutes: number, posted: PostedTransfer, to: Recipient | null): TransferReceipt {
  return {
    transferId: posted.transferId,
    kind,
    minutes,
    receivedMinutes: minutes - posted.overflowMinutes,
    toPoolMinutes: posted.overflowMinutes,
    replayed: posted.replayed,
    payerBalanceMinutes: posted.payerBalance,
    to,
    createdAt: posted.createdAt,
  };
}

function overflowNote(overflow: number): Text {
  if (overflow <= 0) return say('', '');
  return say(
    ` (dont ${formatMinutes(overflow, 'fr')} versées au fonds commun : vous avez atteint le plafond)`,
    ` (${formatMinutes(overflow, 'en')} of it went to the solidarity pool: you reached the ceiling)`,
  );
}

/** A member gives time to another, with a memo. The same idempotency key never posts twice. */
export async function transferTime(
  em: EntityManager,
  payer: User,
  input: { toUserId: string; minutes: number; memo: string; idempotencyKey: string },
): Promise<TransferReceipt> {
  const memo = input.memo.trim();
  const errors = new FieldErrors();
  if (input.toUserId === payer.id)
    errors.add('toUserId', say('Vous ne pouvez pas vous virer du temps à vous-même.', 'You cannot transfer time to yourself.'));
  if (!UUID.test(input.toUserId)) errors.add('toUserId', NO_SUCH_MEMBER);
  checkMinutes(errors, input.minutes);
  if (memo.length < 2)
    errors.add('memo', say('Dites en quelques mots pourquoi vous donnez ce temps.', 'Say in a few words why you give this time.'));
  if (memo.length > 300) errors.add('memo', say('Le mémo ne peut pas dépasser 300 caractères.', 'The memo cannot exceed 300 characters.'));
  checkIdempotencyKey(errors, input.idempotencyKey);
  // A form with mistakes hears about all of them, the recipient's too; a good one checks the recipient
  // in the posting's own statement.
  if (!errors.isEmpty) {
    if (!errors.has('toUserId')) await activeRecipient(em, errors, input.toUserId);
    errors.throwIfAny();
  }

  // The posting function is one statement, committed on its own: the two accounts stay locked only while
  // it runs (a deadlock is retried). The recipient's notification (and its e-mail in the outbox) is
  // written after that commit, by a statement of its own, not while the accounts are locked.
  const args: PostTransferArgs = {
    kind: TransferKind.DIRECT,
    fromUserId: payer.id,
    toUserId: input.toUserId,
    minutes: input.minutes,
    memo,
    idempotencyKey: input.idempotencyKey,
    createdById: payer.id,
  };
  const posted = await postTransferOnce(em, args, payerFloor, true);
  if (!posted) throw badInput({ toUserId: NO_SUCH_MEMBER });
  if (!posted.replayed) {
    const note = overflowNote(posted.overflowMinutes);
    // One statement (notifications.service.ts), atomic on its own, no transaction to open, which also
    // sends the recipient's badge and both balances to open pages (over Redis, right after).
    const { unsent } = await writeNotifications(
      em,
      [input.toUserId],
      {
        kind: 'timebank.transfer',
        text: say(
          `${payer.displayName} vous a donné ${formatMinutes(input.minutes, 'fr')}${note.fr} : « ${memo} »`,
          `${payer.displayName} gave you ${formatMinutes(input.minutes, 'en')}${note.en}: “${memo}”`,
        ),
        link: '/banque-de-temps/compte',
      },
      payer.id,
      balanceMessages(args, posted),
    );
    await publishLiveMany(em, unsent);
  }
  return receipt(TransferKind.DIRECT, input.minutes, posted, posted.to!);
}

/** A member gives time to the solidarity pool. */
export async function donateToPool(
  em: EntityManager,
  donor: User,
  input: { minutes: number; memo?: string | null; idempotencyKey: string },
): Promise<TransferReceipt> {
  const memo = input.memo?.trim() || null;
  const errors = new FieldErrors();
  checkMinutes(errors, input.minutes);
  if (memo && memo.length > 300)
    errors.add('memo', say('Le mémo ne peut pas dépasser 300 caractères.', 'The memo cannot exceed 300 characters.'));
  checkIdempotencyKey(errors, input.idempotencyKey);
  errors.throwIfAny();
  const posted = await postTransfer(
    em,
    {
      kind: TransferKind.DONATION,
      fromUserId: donor.id,
      toUserId: null,
      minutes: input.minutes,
      memo,
      idempotencyKey: input.idempotencyKey,
      createdById: donor.id,
    },
    payerFloor,
  );
  return receipt(TransferKind.DONATION, input.minutes, posted, null);
}

/** Platform admins, and admins of a local network (réseau), look after the pool. */
export async function isCoordinator(em: EntityManager, user: User | null): Promise<boolean> {
  if (!user) return false;
  if (user.role === Role.ADMIN) return true;
  const row = await queryOne<{ coordinator: boolean }>(
    em,
    sql`select exists (select 1 from organization_member m join organization_card o on o.id = m.organization_id
          where m.user_id = ${user.id} and m.role = 'admin' and o.kind = 'reseau') as coordinator`,
  );
  return row?.coordinator === true;
}

const NOT_COORDINATOR = say(
  'Seuls les coordinateurs (équipe de la plateforme, administrateurs d’un réseau) gèrent le fonds commun.',
  'Only coordinators (platform team, network admins) manage the solidarity pool.',
);

/** A coordinator grants hours from the pool, usually to a newcomer, with a reason. */
export async function grantFromPool(
  em: EntityManager,
  coordinator: User,
  input: { toUserId: string; minutes: number; reason: string; idempotencyKey: string },
): Promise<TransferReceipt> {
  if (!(await isCoordinator(em, coordinator))) throw forbidden(NOT_COORDINATOR);
  const reason = input.reason.trim();
  const errors = new FieldErrors();
  if (input.toUserId === coordinator.id)
    errors.add(
      'toUserId',
      say('Vous ne pouvez pas vous attribuer des heures du fonds commun.', 'You cannot grant pool hours to yourself.'),
    );
  const recipient = errors.has('toUserId') ? null : await activeRecipient(em, errors, input.toUserId);
  checkMinutes(errors, input.minutes);
  if (reason.length < 3) errors.add('reason', say('Indiquez la raison de cette attribution.', 'Give the reason for this grant.'));
  if (reason.length > 300)
    errors.add('reason', say('La raison ne peut pas dépasser 300 caractères.', 'The reason cannot exceed 300 characters.'));
  checkIdempotencyKey(errors, input.idempotencyKey);
  errors.throwIfAny();

  return em.transactional(async (tx) => {
    const posted = await postTransfer(
      tx,
      {
        kind: TransferKind.GRANT,
        fromUserId: null,
        toUserId: recipient!.id,
        minutes: input.minutes,
        memo: reason,
        idempotencyKey: input.idempotencyKey,
        createdById: coordinator.id,
      },
      poolFloor,
    );
    if (!posted.replayed) {
      await notify(
        tx,
        [recipient!.id],
        {
          kind: 'timebank.grant',
          text: say(
            `Le fonds commun vous attribue ${formatMinutes(input.minutes, 'fr')} : « ${reason} »`,
            `The solidarity pool grants you ${formatMinutes(input.minutes, 'en')}: “${reason}”`,
          ),
          link: '/banque-de-temps/compte',
        },
        coordinator.id,
      );
    }
    return receipt(TransferKind.GRANT, input.minutes, posted, recipient);
  });
}

// ---------------------------------------------------------------- reading

/** Active members whose name contains the words typed (accents ignored), for the transfer form. */
export async function findRecipients(em: EntityManager, viewer: User, search: string) {
  const words = search.trim();
  if (words.length < 2) return [];
  const rows = await query<MemberRow>(
    em,
    sql`select id, display_name, commune from member_card
         where status = 'active' and id <> ${viewer.id}
           and immutable_unaccent(lower(display_name)) like '%' || immutable_unaccent(lower(${words.replace(/[%_\\]/g, '')})) || '%'
         order by display_name limit 10`,
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, hasProfile: true, commune: row.commune }));
}

interface AccountRow {
  floor_minutes: number;
  ceiling_minutes: number;
  account_id: string | null;
  balance: number;
}

export async function myAccount(em: EntityManager, user: User): Promise<TimebankAccountView> {
  const [found, coordinator] = await Promise.all([
    queryOne<AccountRow>(
      em,
      sql`select s.floor_minutes, s.ceiling_minutes, a.id as account_id, coalesce(a.balance, 0) as balance
            from timebank_settings s left join timebank_account a on a.user_id = ${user.id} where s.id = 1`,
    ),
    isCoordinator(em, user),
  ]);
  const row = found!;
  return {
    accountId: row.account_id ?? null,
    balanceMinutes: row.balance,
    floorMinutes: row.floor_minutes,
    ceilingMinutes: row.ceiling_minutes,
    availableMinutes: Math.max(0, row.balance - row.floor_minutes),
    isCoordinator: coordinator,
  };
}

/** The member's account, or null before their first movement. */
export async function accountIdOf(em: EntityManager, userId: string): Promise<string | null> {
  const row = await queryOne<{ id: string }>(em, sql`select id from timebank_account where user_id = ${userId}`);
  return row?.id ?? null;
}

export async function pool(em: EntityManager, user: User): Promise<TimebankPoolView> {
  if (!(await isCoordinator(em, user))) throw forbidden(NOT_COORDINATOR);
  // The pool account always exists (the migration creates it).
  const row = (await queryOne<{ balance: number }>(em, sql`select balance from timebank_account where id = ${POOL_ACCOUNT_ID}`))!;
  return { accountId: POOL_ACCOUNT_ID, balanceMinutes: row.balance };
}

interface StatementRow {
  id: string;
  at: Date;
  amount: number;
  balance_after: number;
  transfer_id: string;
  kind: TransferKind;
  memo: string | null;
  exchange_id: string | null;
  with_pool: boolean;
  counterpart_id: string | null;
  counterpart_name: string | null;
  counterpart_commune: string | null;
  counterpart_has_profile: boolean | null;
  overflow_minutes: number;
  post_title: string | null;
  total_count?: number;
}

/**
 * Newest first: entries are numbered by a sequence, and per account they are posted under a row
 * lock, so the entry number is the order of the balance (and unique).
 */
const STATEMENT_ORDER: SortKey[] = [{ expression: sql`e.entry_id`, direction: 'desc' }];

/** The entries of an account with who was on the other side; `e` is the entry. */
function statementSelect(accountId: string): Sql {
  return sql`select e.id as entry_id, e.id::text as id, e.created_at as at, e.amount, e.balance_after, t.id as transfer_id, t.kind, t.memo, t.exchange_id,
            oa.kind = 'pool' as with_pool, ou.id as counterpart_id, ou.display_name as counterpart_name, ou.commune as counterpart_commune,
            ${hasProfile('ou')} as counterpart_has_profile,
            coalesce(ov.minutes, 0) as overflow_minutes, p.title as post_title
       from timebank_entry e
       join timebank_transfer t on t.id = e.transfer_id
       join timebank_account oa on oa.id = case when e.amount < 0 then t.to_account_id else t.from_account_id end
       left join member_card ou on ou.id = oa.user_id
       left join timebank_transfer ov on ov.caused_by_id = t.id
       left join timebank_exchange x on x.id = t.exchange_id
       left join timebank_post p on p.id = x.post_id
      where e.account_id = ${accountId}`;
}

function toStatementLine(row: StatementRow, lang: Lang): StatementLine {
  return {
    id: row.id,
    at: new Date(row.at),
    kind: row.kind,
    amountMinutes: row.amount,
    balanceAfterMinutes: row.balance_after,
    label: lineLabel(row, lang),
    memo: row.memo,
    counterpart: row.counterpart_id
      ? {
          id: row.counterpart_id,
          displayName: row.counterpart_name!,
          hasProfile: !!row.counterpart_has_profile,
          commune: row.counterpart_commune,
        }
      : null,
    withPool: row.with_pool,
    overflowMinutes: row.overflow_minutes,
    transferId: row.transfer_id,
    exchangeId: row.exchange_id,
  };
}

/** Every entry of an account, newest first (the CSV export). */
export async function statementRows(em: EntityManager, accountId: string | null): Promise<StatementLine[]> {
  if (!accountId) return [];
  const rows = await query<StatementRow>(em, sql`select e.* from (${statementSelect(accountId)}) e ${keysetOrder(STATEMENT_ORDER)}`);
  const lang = currentLang();
  return rows.map((row) => toStatementLine(row, lang));
}

/** One page of an account's entries, newest first, in one SQL statement (keyset pages, docs/read-models.md). */
export async function statementPage(
  em: EntityManager,
  accountId: string | null,
  page: { first?: number | null; after?: string | null },
): Promise<Connection<StatementLine>> {
  const window = keysetWindow(page, STATEMENT_ORDER);
  if (!accountId) return keysetConnection<StatementLine>([], window, 0);
  // Inner select: the entries; outer: the page, with the statement's total counted up to the cap.
  const entries = sql`select 1 from timebank_entry where account_id = ${accountId}`;
  const rows = await query<StatementRow>(
    em,
    sql`select e.*, ${boundedCount(entries)} as total_count, ${keysetColumns(STATEMENT_ORDER)}
          from (${statementSelect(accountId)}) e
         ${whereAll([afterCursor(STATEMENT_ORDER, window)])}
         ${keysetOrder(STATEMENT_ORDER)}
         limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? (rows[0].total_count ?? 0) : window.after ? await countBounded(em, entries) : 0;
  const lang = currentLang();
  const connection = keysetConnection(rows, window, total);
  return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: toStatementLine(node, lang) })) };
}

function lineLabel(row: StatementRow, lang: Lang): string {
  const fr = lang === 'fr';
  const name =
    row.counterpart_name ?? (row.with_pool ? (fr ? 'fonds commun' : 'solidarity pool') : fr ? 'un ancien membre' : 'a former member');
  const out = row.amount < 0;
  let label: string;
  switch (row.kind) {
    case TransferKind.DIRECT:
      label = out ? (fr ? `Virement à ${name}` : `Transfer to ${name}`) : fr ? `Virement ${deName(name)}` : `Transfer from ${name}`;
      break;
    case TransferKind.EXCHANGE: {
      const what = row.post_title ? `${fr ? ' :' : ':'} ${row.post_title}` : '';
      label = out
        ? fr
          ? `Échange avec ${name}${what}`
          : `Exchange with ${name}${what}`
        : fr
          ? `Échange avec ${name}${what}`
          : `Exchange with ${name}${what}`;
      break;
    }
    case TransferKind.GRANT:
      label = out
        ? fr
          ? `Attribution à ${name}`
          : `Grant to ${name}`
        : fr
          ? 'Attribution du fonds commun'
          : 'Grant from the solidarity pool';
      break;
    case TransferKind.DONATION:
      label = out ? (fr ? 'Don au fonds commun' : 'Gift to the solidarity pool') : fr ? `Don ${deName(name)}` : `Gift from ${name}`;
      break;
    case TransferKind.OVERFLOW:
      label = out
        ? fr
          ? 'Au-delà du plafond : versé au fonds commun'
          : 'Above the ceiling: moved to the solidarity pool'
        : fr
          ? `Au-delà du plafond ${deName(name)}`
          : `Above ${name}'s ceiling`;
      break;
  }
  if (row.overflow_minutes > 0) {
    const part = formatMinutes(row.overflow_minutes, lang);
    label += out
      ? fr
        ? ` (dont ${part} versées au fonds commun : ${name} a atteint le plafond)`
        : ` (${part} of it went to the solidarity pool: ${name} reached the ceiling)`
      : fr
        ? ` (dont ${part} versées au fonds commun : plafond atteint)`
        : ` (${part} of it went to the solidarity pool: ceiling reached)`;
  }
  return fr ? frenchSpaces(label) : label;
}

const KIND_FR: Record<TransferKind, string> = {
  [TransferKind.DIRECT]: 'Virement',
  [TransferKind.EXCHANGE]: 'Échange',
  [TransferKind.GRANT]: 'Attribution',
  [TransferKind.DONATION]: 'Don',
  [TransferKind.OVERFLOW]: 'Dépassement du plafond',
};

/**
 * A statement as CSV with French columns, for a spreadsheet: « ; » separators, a BOM so Excel
 * reads the accents, dates in Europe/Paris, minutes and readable hours; a memo such as `@SUM(…)`
 * stays text (shared/csv.ts).
 */
export async function statementCsv(em: EntityManager, accountId: string | null): Promise<string> {
  const lines = await statementRows(em, accountId);
  const date = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
  const header = [
    'Date',
    'Heure',
    'Opération',
    'Libellé',
    'Contrepartie',
    'Mémo',
    'Débit (minutes)',
    'Crédit (minutes)',
    'Montant',
    'Solde après (minutes)',
    'Solde après',
  ];
  const body = lines
    .slice()
    .reverse()
    .map((line) => [
      date.format(line.at),
      time.format(line.at),
      KIND_FR[line.kind],
      line.label,
      line.withPool ? 'Fonds commun' : (line.counterpart?.displayName ?? ''),
      line.memo ?? '',
      line.amountMinutes < 0 ? -line.amountMinutes : '',
      line.amountMinutes > 0 ? line.amountMinutes : '',
      formatMinutes(line.amountMinutes, 'fr'),
      line.balanceAfterMinutes,
      formatMinutes(line.balanceAfterMinutes, 'fr'),
    ]);
  return toCsv([header, ...body], FRENCH_SPREADSHEET);
}

interface StatsRow {
  month: string;
  members_month: number;
  minutes_month: number;
  transfers_month: number;
  /** How many members took part how many times this month, most active first: one row per distinct count. */
  histogram: Array<[participations: number, members: number]>;
  ever: number;
  pool: number;
  sum_balances: number;
}

/**
 * The share of participations made by the most active 10 % of the members who took part (rounded up
 * to whole members), from the month's histogram read from the highest count down: the top members
 * are the first ones of that order, whoever they are among those with the same count.
 */
export function topTenPercentShare(histogram: ReadonlyArray<readonly [number, number]>, members: number): number {
  const total = histogram.reduce((sum, [participations, count]) => sum + participations * count, 0);
  if (total === 0) return 0;
  let left = Math.ceil(members * 0.1);
  let top = 0;
  for (const [participations, count] of histogram) {
    if (left <= 0) break;
    const taken = Math.min(count, left);
    top += taken * participations;
    left -= taken;
  }
  return top / total;
}

/**
 * Public figures of circulation, in one SQL statement reading summaries kept by the ledger's own
 * triggers (migration 20261205500100): the same few rows whatever the size of the ledger.
 */
export async function ledgerStats(em: EntityManager): Promise<LedgerStats> {
  const row = (await queryOne<StatsRow>(
    em,
    sql`with this_month as (select to_char(now() at time zone 'Europe/Paris', 'YYYY-MM') as month)
     select m.month,
            coalesce(t.members, 0)::int as members_month,
            coalesce(t.minutes, 0)::int as minutes_month,
            coalesce(t.transfers, 0)::int as transfers_month,
            coalesce((select json_agg(json_build_array(h.participations, h.members) order by h.participations desc)
                        from timebank_month_histogram h where h.month = m.month and h.members > 0), '[]'::json) as histogram,
            coalesce((select value from timebank_ledger_tally where key = 'members_exchanged'), 0)::int as ever,
            (select balance from timebank_account where id = ${POOL_ACCOUNT_ID}) as pool,
            coalesce((select value from timebank_ledger_tally where key = 'sum_balances'), 0)::int as sum_balances
       from this_month m left join timebank_month_tally t on t.month = m.month`,
  ))!;
  return {
    month: row.month,
    membersExchangedThisMonth: row.members_month,
    minutesExchangedThisMonth: row.minutes_month,
    transfersThisMonth: row.transfers_month,
    topTenPercentShare: Math.round(topTenPercentShare(row.histogram, row.members_month) * 1000) / 1000,
    membersEverExchanged: row.ever,
    poolBalanceMinutes: row.pool,
    sumOfBalancesMinutes: row.sum_balances,
  };
}

export { NOT_COORDINATOR };
