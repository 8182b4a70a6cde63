import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, whereAll, type Sql } from '../../db/sql.js';
import { isModerator } from '../../graphql/auth.js';
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
import { FieldErrors, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say, type Text } from '../../i18n/lang.js';
import { hasProfile } from '../comptes/comptes.read.js';
import { Role, User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { ExchangeStatus, TimebankExchange } from './exchange.entity.js';
import { MAX_TRANSFER_MINUTES, payerFloor, postTransfer } from './ledger.service.js';
import { TransferKind } from './ledger.entity.js';
import { formatMinutes } from './minutes.js';
import { PostKind, PostStatus } from './post.entity.js';
import { findPostEntity } from './posts.service.js';
import { ExchangeRole, type TimebankExchangeView } from './banque-de-temps.types.js';

export const EXCHANGE_NOT_FOUND = say(
  'Cet échange n’existe pas ou ne vous concerne pas.',
  'This exchange does not exist or does not concern you.',
);

const link = (id: string) => `/banque-de-temps/echanges/${id}`;

function checkMinutes(errors: FieldErrors, minutes: number, field = 'minutes'): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TRANSFER_MINUTES) {
    errors.add(
      field,
      say(
        `Indiquez une durée entre 1 minute et ${formatMinutes(MAX_TRANSFER_MINUTES, 'fr')}.`,
        `Enter a duration from 1 minute to ${formatMinutes(MAX_TRANSFER_MINUTES, 'en')}.`,
      ),
    );
  }
}

/**
 * Proposes an exchange from a post: answering an offer makes you the beneficiary,
 * answering a request makes you the provider.
 */
export async function proposeExchange(
  em: EntityManager,
  user: User,
  input: { postId: string; minutes: number; message?: string | null },
): Promise<TimebankExchangeView> {
  const post = await findPostEntity(em, input.postId);
  if (post.hiddenAt && post.author.id !== user.id && !isModerator(user)) throw notFound();
  const message = input.message?.trim() || null;
  const errors = new FieldErrors();
  if (post.author.id === user.id)
    errors.add(
      'postId',
      say('Vous ne pouvez pas proposer un échange sur votre propre annonce.', 'You cannot propose an exchange on your own post.'),
    );
  if (post.status === PostStatus.CLOSED)
    errors.add(
      'postId',
      say('Cette annonce est close : elle n’accepte plus d’échange.', 'This post is closed: it takes no more exchanges.'),
    );
  checkMinutes(errors, input.minutes);
  if (message && message.length > 1000)
    errors.add('message', say('Le message ne peut pas dépasser 1 000 caractères.', 'The message cannot exceed 1,000 characters.'));
  errors.throwIfAny();
  const author = em.getReference(User, post.author.id);
  const exchange = em.create(TimebankExchange, {
    post,
    provider: post.kind === PostKind.OFFER ? author : user,
    beneficiary: post.kind === PostKind.OFFER ? user : author,
    proposedBy: user,
    minutes: input.minutes,
    message,
  });
  await em.flush();
  await notify(
    em,
    [post.author.id],
    {
      kind: 'timebank.exchange.proposed',
      text: say(
        `${user.displayName} propose un échange de ${formatMinutes(input.minutes, 'fr')} sur « ${post.title} »`,
        `${user.displayName} proposes a ${formatMinutes(input.minutes, 'en')} exchange on “${post.title}”`,
      ),
      link: link(exchange.id),
    },
    user.id,
  );
  return (await getExchange(em, user, exchange.id))!;
}

/** Locks the exchange row for this transaction so two clicks never both move it forward. */
async function lockExchange(em: EntityManager, user: User, exchangeId: string): Promise<TimebankExchange> {
  const exchange = /^[0-9a-f-]{36}$/i.test(exchangeId)
    ? await em.findOne(TimebankExchange, { id: exchangeId }, { populate: ['post'], lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (!exchange) throw notFound(EXCHANGE_NOT_FOUND);
  const party = exchange.provider.id === user.id || exchange.beneficiary.id === user.id;
  if (!party && !isModerator(user)) throw notFound(EXCHANGE_NOT_FOUND);
  return exchange;
}

function wrongStep(text: Text): never {
  throw conflict(text);
}

const other = (exchange: TimebankExchange, user: User) =>
  exchange.provider.id === user.id ? exchange.beneficiary.id : exchange.provider.id;

/** The party who did not propose accepts. */
export async function acceptExchange(em: EntityManager, user: User, exchangeId: string): Promise<TimebankExchangeView> {
  await em.transactional(async (tx) => {
    const exchange = await lockExchange(tx, user, exchangeId);
    const party = exchange.provider.id === user.id || exchange.beneficiary.id === user.id;
    if (!party || exchange.proposedBy.id === user.id) {
      throw forbidden(
        say('C’est l’autre personne qui accepte ou non votre proposition.', 'The other person accepts your proposal or not.'),
      );
    }
    if (exchange.status !== ExchangeStatus.PROPOSED)
      wrongStep(say('Cet échange n’attend plus d’acceptation.', 'This exchange no longer awaits acceptance.'));
    exchange.status = ExchangeStatus.ACCEPTED;
    exchange.acceptedAt = new Date();
    await tx.flush();
    await notify(
      tx,
      [exchange.proposedBy.id],
      {
        kind: 'timebank.exchange.accepted',
        text: say(
          `${user.displayName} a accepté l’échange « ${exchange.post.title} »`,
          `${user.displayName} accepted the exchange “${exchange.post.title}”`,
        ),
        link: link(exchange.id),
      },
      user.id,
    );
  });
  return (await getExchange(em, user, exchangeId))!;
}

/** The provider says the service was given, and how long it actually took. */
export async function completeExchange(
  em: EntityManager,
  user: User,
  input: { exchangeId: string; minutes: number },
): Promise<TimebankExchangeView> {
  await em.transactional(async (tx) => {
    const exchange = await lockExchange(tx, user, input.exchangeId);
    if (exchange.provider.id !== user.id) {
      throw forbidden(
        say('C’est la personne qui a rendu le service qui le déclare fait.', 'The person who gave the service declares it done.'),
      );
    }
    if (exchange.status !== ExchangeStatus.ACCEPTED)
      wrongStep(say('Cet échange doit d’abord être accepté.', 'This exchange must be accepted first.'));
    const errors = new FieldErrors();
    checkMinutes(errors, input.minutes);
    errors.throwIfAny();
    exchange.status = ExchangeStatus.DONE;
    exchange.spentMinutes = input.minutes;
    exchange.doneAt = new Date();
    await tx.flush();
    await notify(
      tx,
      [exchange.beneficiary.id],
      {
        kind: 'timebank.exchange.done',
        text: say(
          `${user.displayName} indique avoir passé ${formatMinutes(input.minutes, 'fr')} pour « ${exchange.post.title} » : confirmez pour lui transférer ce temps`,
          `${user.displayName} reports ${formatMinutes(input.minutes, 'en')} spent on “${exchange.post.title}”: confirm to transfer this time`,
        ),
        link: link(exchange.id),
      },
      user.id,
    );
  });
  return (await getExchange(em, user, input.exchangeId))!;
}

/**
 * The beneficiary confirms: the transfer is posted in the same transaction, keyed by the exchange,
 * so a double click or a retry never pays twice.
 */
export async function confirmExchange(em: EntityManager, user: User, exchangeId: string): Promise<TimebankExchangeView> {
  await em.transactional(async (tx) => {
    const exchange = await lockExchange(tx, user, exchangeId);
    if (exchange.beneficiary.id !== user.id) {
      throw forbidden(
        say(
          'C’est la personne qui a reçu le service qui confirme l’échange.',
          'The person who received the service confirms the exchange.',
        ),
      );
    }
    if (exchange.status === ExchangeStatus.CONFIRMED) return;
    if (exchange.status !== ExchangeStatus.DONE)
      wrongStep(say('Cet échange n’a pas encore été déclaré fait.', 'This exchange has not been declared done yet.'));
    const minutes = exchange.spentMinutes!;
    const posted = await postTransfer(
      tx,
      {
        kind: TransferKind.EXCHANGE,
        fromUserId: exchange.beneficiary.id,
        toUserId: exchange.provider.id,
        minutes,
        memo: exchange.post.title,
        idempotencyKey: `exchange:${exchange.id}`,
        createdById: user.id,
        exchangeId: exchange.id,
      },
      payerFloor,
    );
    exchange.status = ExchangeStatus.CONFIRMED;
    exchange.confirmedAt = new Date();
    await tx.flush();
    const overflow =
      posted.overflowMinutes > 0
        ? say(
            ` (dont ${formatMinutes(posted.overflowMinutes, 'fr')} versées au fonds commun : plafond atteint)`,
            ` (${formatMinutes(posted.overflowMinutes, 'en')} of it went to the solidarity pool: ceiling reached)`,
          )
        : say('', '');
    await notify(
      tx,
      [exchange.provider.id],
      {
        kind: 'timebank.exchange.confirmed',
        text: say(
          `${user.displayName} a confirmé l’échange « ${exchange.post.title} » : vous recevez ${formatMinutes(minutes, 'fr')}${overflow.fr}`,
          `${user.displayName} confirmed the exchange “${exchange.post.title}”: you receive ${formatMinutes(minutes, 'en')}${overflow.en}`,
        ),
        link: link(exchange.id),
      },
      user.id,
    );
  });
  return (await getExchange(em, user, exchangeId))!;
}

/** Either side cancels before confirmation; a moderator may cancel a disputed exchange. */
export async function cancelExchange(
  em: EntityManager,
  user: User,
  input: { exchangeId: string; reason?: string | null },
): Promise<TimebankExchangeView> {
  await em.transactional(async (tx) => {
    const exchange = await lockExchange(tx, user, input.exchangeId);
    const party = exchange.provider.id === user.id || exchange.beneficiary.id === user.id;
    if (!party && !(isModerator(user) && exchange.disputedAt)) {
      throw forbidden(
        say('Seules les deux personnes de l’échange peuvent l’annuler.', 'Only the two people of the exchange can cancel it.'),
      );
    }
    if (exchange.status === ExchangeStatus.CONFIRMED)
      wrongStep(
        say(
          'Un échange confirmé ne s’annule plus : le temps a été transféré.',
          'A confirmed exchange cannot be cancelled: the time was transferred.',
        ),
      );
    if (exchange.status === ExchangeStatus.CANCELLED) return;
    exchange.status = ExchangeStatus.CANCELLED;
    exchange.cancelledAt = new Date();
    exchange.cancelledBy = user;
    await tx.flush();
    const reason = input.reason?.trim();
    await notify(
      tx,
      [exchange.provider.id, exchange.beneficiary.id],
      {
        kind: 'timebank.exchange.cancelled',
        text: say(
          `${user.displayName} a annulé l’échange « ${exchange.post.title} »${reason ? ` : « ${reason} »` : ''}`,
          `${user.displayName} cancelled the exchange “${exchange.post.title}”${reason ? `: “${reason}”` : ''}`,
        ),
        link: link(exchange.id),
      },
      user.id,
    );
  });
  return (await getExchange(em, user, input.exchangeId))!;
}

/** A party disagrees: the exchange is flagged and moderators are told. */
export async function flagExchange(
  em: EntityManager,
  user: User,
  input: { exchangeId: string; reason: string },
): Promise<TimebankExchangeView> {
  await em.transactional(async (tx) => {
    const exchange = await lockExchange(tx, user, input.exchangeId);
    if (exchange.provider.id !== user.id && exchange.beneficiary.id !== user.id) {
      throw forbidden(
        say(
          'Seules les deux personnes de l’échange peuvent signaler un désaccord.',
          'Only the two people of the exchange can flag a disagreement.',
        ),
      );
    }
    const reason = input.reason.trim();
    const errors = new FieldErrors();
    if (reason.length < 10)
      errors.add(
        'reason',
        say(
          'Expliquez le désaccord en quelques mots (au moins 10 caractères).',
          'Explain the disagreement in a few words (at least 10 characters).',
        ),
      );
    if (reason.length > 1000)
      errors.add('reason', say('L’explication ne peut pas dépasser 1 000 caractères.', 'The explanation cannot exceed 1,000 characters.'));
    errors.throwIfAny();
    if (exchange.disputedAt)
      wrongStep(say('Un désaccord est déjà signalé sur cet échange.', 'A disagreement is already flagged on this exchange.'));
    exchange.disputedAt = new Date();
    exchange.disputedBy = user;
    exchange.disputeReason = reason;
    await tx.flush();
    const moderators = await tx.find(User, { role: { $in: [Role.MODERATOR, Role.ADMIN] } }, { fields: ['id'] });
    await notify(
      tx,
      [...moderators.map((m) => m.id), other(exchange, user)],
      {
        kind: 'timebank.exchange.disputed',
        text: say(
          `Désaccord signalé par ${user.displayName} sur l’échange « ${exchange.post.title} »`,
          `Disagreement flagged by ${user.displayName} on the exchange “${exchange.post.title}”`,
        ),
        link: link(exchange.id),
      },
      user.id,
    );
  });
  return (await getExchange(em, user, input.exchangeId))!;
}

export interface ExchangeFilters {
  id?: string | null;
  status?: ExchangeStatus | null;
  /** Only exchanges with a flagged disagreement (moderators). */
  disputed?: boolean;
}

interface ExchangeRow {
  id: string;
  status: ExchangeStatus;
  post_id: string;
  post_kind: PostKind;
  post_title: string;
  provider_id: string;
  provider_name: string;
  provider_commune: string | null;
  provider_has_profile: boolean;
  beneficiary_id: string;
  beneficiary_name: string;
  beneficiary_commune: string | null;
  beneficiary_has_profile: boolean;
  proposed_by_id: string;
  proposer_name: string;
  proposer_commune: string | null;
  proposer_has_profile: boolean;
  minutes: number;
  spent_minutes: number | null;
  message: string | null;
  created_at: Date | string;
  accepted_at: Date | string | null;
  done_at: Date | string | null;
  confirmed_at: Date | string | null;
  cancelled_at: Date | string | null;
  disputed_at: Date | string | null;
  dispute_reason: string | null;
  transfer_id: string | null;
  total_count: number;
}

/** Latest activity first; the id breaks ties between exchanges moved at the same instant. */
const EXCHANGE_ORDER: SortKey[] = [
  { expression: sql`x.updated_at`, direction: 'desc' },
  { expression: sql`x.id`, direction: 'desc' },
];

/**
 * One page of the exchanges seen by `viewer` (theirs, or all disputed ones for a moderator), in one
 * SQL statement (keyset pages, docs/read-models.md).
 */
export async function listExchanges(
  em: EntityManager,
  viewer: User,
  filters: ExchangeFilters,
  page: { first?: number | null; after?: string | null },
): Promise<Connection<TimebankExchangeView>> {
  const window = keysetWindow(page, EXCHANGE_ORDER);
  const where: Sql[] = [];
  if (filters.disputed) {
    if (!isModerator(viewer)) throw forbidden();
    where.push(sql`x.disputed_at is not null`);
  } else if (isModerator(viewer) && filters.id) {
    // a moderator may open any exchange
  } else {
    where.push(sql`(x.provider_id = ${viewer.id} or x.beneficiary_id = ${viewer.id})`);
  }
  if (filters.id) where.push(sql`x.id = ${filters.id}`);
  if (filters.status) where.push(sql`x.status = ${filters.status}`);
  // Inner select: the filters; outer: the page, with the list's total counted up to the cap.
  const listed = sql`select 1
                       from timebank_exchange x
                       join timebank_post p on p.id = x.post_id
                       join member_card pu on pu.id = x.provider_id
                       join member_card bu on bu.id = x.beneficiary_id
                       join member_card ou on ou.id = x.proposed_by_id
                      ${whereAll(where)}`;
  const rows = await query<ExchangeRow>(
    em,
    sql`select x.*, ${boundedCount(listed)} as total_count, ${keysetColumns(EXCHANGE_ORDER)}
       from (select x.*, p.kind as post_kind, p.title as post_title,
                    pu.display_name as provider_name, pu.commune as provider_commune, ${hasProfile('pu')} as provider_has_profile,
                    bu.display_name as beneficiary_name, bu.commune as beneficiary_commune, ${hasProfile('bu')} as beneficiary_has_profile,
                    ou.display_name as proposer_name, ou.commune as proposer_commune, ${hasProfile('ou')} as proposer_has_profile,
                    t.id as transfer_id
               from timebank_exchange x
               join timebank_post p on p.id = x.post_id
               join member_card pu on pu.id = x.provider_id
               join member_card bu on bu.id = x.beneficiary_id
               join member_card ou on ou.id = x.proposed_by_id
               left join timebank_transfer t on t.exchange_id = x.id
              ${whereAll(where)}) x
      ${whereAll([afterCursor(EXCHANGE_ORDER, window)])}
      ${keysetOrder(EXCHANGE_ORDER)}
      limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  const date = (value: Date | string | null) => (value ? new Date(value) : null);
  const toView = (row: ExchangeRow): TimebankExchangeView => {
    const myRole =
      row.provider_id === viewer.id ? ExchangeRole.PROVIDER : row.beneficiary_id === viewer.id ? ExchangeRole.BENEFICIARY : null;
    const open = row.status !== ExchangeStatus.CONFIRMED && row.status !== ExchangeStatus.CANCELLED;
    return {
      id: row.id,
      status: row.status,
      post: { id: row.post_id, kind: row.post_kind, title: row.post_title },
      provider: {
        id: row.provider_id,
        displayName: row.provider_name,
        hasProfile: row.provider_has_profile,
        commune: row.provider_commune,
      },
      beneficiary: {
        id: row.beneficiary_id,
        displayName: row.beneficiary_name,
        hasProfile: row.beneficiary_has_profile,
        commune: row.beneficiary_commune,
      },
      proposedBy: {
        id: row.proposed_by_id,
        displayName: row.proposer_name,
        hasProfile: row.proposer_has_profile,
        commune: row.proposer_commune,
      },
      minutes: row.minutes,
      spentMinutes: row.spent_minutes,
      message: row.message,
      createdAt: new Date(row.created_at),
      acceptedAt: date(row.accepted_at),
      doneAt: date(row.done_at),
      confirmedAt: date(row.confirmed_at),
      cancelledAt: date(row.cancelled_at),
      disputedAt: date(row.disputed_at),
      disputeReason: row.dispute_reason,
      transferId: row.transfer_id,
      myRole,
      actions: {
        accept: row.status === ExchangeStatus.PROPOSED && myRole !== null && row.proposed_by_id !== viewer.id,
        complete: row.status === ExchangeStatus.ACCEPTED && myRole === ExchangeRole.PROVIDER,
        confirm: row.status === ExchangeStatus.DONE && myRole === ExchangeRole.BENEFICIARY,
        cancel: open && (myRole !== null || (isModerator(viewer) && row.disputed_at !== null)),
        flag: myRole !== null && row.disputed_at === null,
      },
    };
  };
  const connection = keysetConnection(rows, window, total);
  return { ...connection, edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: toView(node) })) };
}

export async function getExchange(em: EntityManager, viewer: User, id: string): Promise<TimebankExchangeView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { edges } = await listExchanges(em, viewer, { id }, { first: 1 });
  return edges[0]?.node ?? null;
}
