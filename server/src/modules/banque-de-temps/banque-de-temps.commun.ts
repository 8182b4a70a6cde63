import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { count } from '../../i18n/count.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import { notify } from '../commun/notifications/notifications.service.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** How the time bank plugs into the commun (declared in banque-de-temps.section.ts): data and SQL only. */
export const timebankNotificationKinds: NotificationKind[] = [
  {
    kind: 'timebank.exchange.proposed',
    label: say('Quelqu’un me propose un échange de temps', 'Someone proposes a time exchange to me'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'timebank.exchange.accepted',
    label: say('Un échange que j’ai proposé est accepté', 'An exchange I proposed is accepted'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'timebank.exchange.done',
    label: say('Un échange est fait : à moi de le confirmer', 'An exchange is done: I need to confirm it'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'timebank.exchange.confirmed',
    label: say('Un échange est confirmé (les heures sont versées)', 'An exchange is confirmed (hours transferred)'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'timebank.exchange.cancelled',
    label: say('Un échange est annulé', 'An exchange is cancelled'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'timebank.exchange.disputed',
    label: say('Un échange est contesté', 'An exchange is disputed'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'timebank.transfer',
    label: say('Je reçois des heures d’un membre', 'I receive hours from a member'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'timebank.grant',
    label: say('Le fonds commun m’attribue des heures', 'The solidarity pool grants me hours'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
];

export const timebankPostContent: ModeratedContentType = {
  type: 'timebank.post',
  label: say('une annonce de la banque de temps', 'a time-bank post'),
  table: 'timebank_post',
  authorColumn: 'author_id',
  excerptSql: `t.title || ' — ' || left(t.description, 240)`,
  linkSql: `'/banque-de-temps/annonces/' || t.id`,
};

export const timebankPrivacy: PrivacyProvider = {
  section: 'banque-de-temps',
  label: say('Banque de temps', 'Time bank'),
  words: {
    account: say('Compte de temps', 'Time account'),
    ledger: say('Opérations du compte', 'Account entries'),
    posts: say('Annonces', 'Posts'),
    exchanges: say('Échanges', 'Exchanges'),
    balanceMinutes: say('Solde (minutes)', 'Balance (minutes)'),
    minutes: say('Minutes', 'Minutes'),
    balanceAfterMinutes: say('Solde après (minutes)', 'Balance after (minutes)'),
    memo: say('Mémo', 'Memo'),
    counterparty: say('Contrepartie', 'Counterparty'),
    category: say('Catégorie', 'Category'),
    myRole: say('Mon rôle', 'My role'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select to_jsonb(a) from (select id, balance as "balanceMinutes", created_at as "createdAt" from timebank_account where user_id = ${userId}) a) as account,
              (select coalesce(json_agg(e order by e."createdAt", e.id), '[]') from (
                 select en.id, en.amount as "minutes", en.balance_after as "balanceAfterMinutes", en.created_at as "createdAt", tr.kind, tr.memo,
                        coalesce(cu.display_name, case when ca.kind = 'pool' then 'Fonds commun' end) as counterparty
                   from timebank_entry en
                   join timebank_account mine on mine.id = en.account_id and mine.user_id = ${userId}
                   join timebank_transfer tr on tr.id = en.transfer_id
                   join timebank_account ca on ca.id = case when tr.from_account_id = en.account_id then tr.to_account_id else tr.from_account_id end
                   left join member_card cu on cu.id = ca.user_id) e) as ledger,
              (select coalesce(json_agg(p order by p."createdAt"), '[]') from (
                 select id, kind, title, description, category, tags, departement, commune, status, created_at as "createdAt" from timebank_post where author_id = ${userId}) p) as posts,
              (select coalesce(json_agg(x order by x."createdAt"), '[]') from (
                 select id, status, minutes, message, case when provider_id = ${userId} then 'provider' else 'beneficiary' end as "myRole", created_at as "createdAt"
                   from timebank_exchange where provider_id = ${userId} or beneficiary_id = ${userId}) x) as exchanges`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    // Nobody can answer these posts any more; the exchanges and the ledger stay as they are.
    await execute(em, sql`update timebank_post set status = 'closed', closed_at = now() where author_id = ${userId} and status = 'open'`);
    // Exchanges not yet confirmed cannot go on without the person: cancelled, and the other side is told.
    const cancelled = await query<{ id: string; other_id: string; title: string }>(
      em,
      sql`update timebank_exchange x set status = 'cancelled', cancelled_at = now(), cancelled_by_id = null, updated_at = now()
            from timebank_post p
           where p.id = x.post_id and (x.provider_id = ${userId} or x.beneficiary_id = ${userId}) and x.status in ('proposed', 'accepted', 'done')
          returning x.id, case when x.provider_id = ${userId} then x.beneficiary_id else x.provider_id end as other_id, p.title`,
    );
    for (const exchange of cancelled) {
      await notify(em, [exchange.other_id], {
        kind: 'timebank.exchange.cancelled',
        text: say(
          `L’échange « ${exchange.title} » est annulé : l’autre personne a supprimé son compte. Aucun temps n’a été transféré.`,
          `The exchange “${exchange.title}” is cancelled: the other person deleted their account. No time was transferred.`,
        ),
        link: `/banque-de-temps/echanges/${exchange.id}`,
      });
    }
    const counted = await queryOne<{ entries: number; posts: number }>(
      em,
      sql`select (select count(*)::int from timebank_entry e join timebank_account a on a.id = e.account_id where a.user_id = ${userId}) as entries,
                 (select count(*)::int from timebank_post where author_id = ${userId}) as posts`,
    );
    const entries = counted?.entries ?? 0;
    const posts = counted?.posts ?? 0;
    const kept = [];
    if (entries > 0) {
      kept.push(
        say(
          'Les écritures de votre compte de temps sont gardées telles quelles (montants, dates et membres concernés) : chaque heure donnée est une heure reçue par quelqu’un, et le total de tous les comptes doit rester à zéro. Elles apparaissent au nom de « Compte supprimé ».',
          'Your time account entries are kept as they are (amounts, dates and members concerned): each hour given is an hour someone received, and the total of all accounts must stay at zero. They show under the name "Compte supprimé".',
        ),
      );
    }
    if (cancelled.length > 0) {
      kept.push(
        say(
          `${cancelled.length === 1 ? 'Un échange en cours a été annulé' : `${count('fr', cancelled.length, 'échange en cours', 'échanges en cours')} ont été annulés`}, sans transfert de temps ; ${cancelled.length === 1 ? 'l’autre personne a été prévenue' : 'les autres personnes ont été prévenues'}.`,
          `${cancelled.length === 1 ? 'One exchange in progress was cancelled' : `${count('en', cancelled.length, 'exchange in progress', 'exchanges in progress')} were cancelled`}, with no time transferred; ${cancelled.length === 1 ? 'the other person was told' : 'the other people were told'}.`,
        ),
      );
    }
    if (posts > 0)
      kept.push(
        say(
          'Vos annonces sont fermées et restent visibles, signées « Compte supprimé », dans l’historique des échanges.',
          'Your posts are closed and stay visible, signed "Compte supprimé", in the exchange history.',
        ),
      );
    return kept;
  },
};

function postsFeed(kind: 'offer' | 'request'): HomeFeedProvider {
  return {
    position: kind === 'offer' ? 20 : 30,
    kind: `timebank.${kind}`,
    label: kind === 'offer' ? say('Offres de temps', 'Time offers') : say('Demandes de temps', 'Time requests'),
    query: (filter, limit) => {
      const place = placeCondition(filter, { departement: 'p.departement' });
      return sql`select p.id, p.title, left(p.description, 160) as summary, '/banque-de-temps/annonces/' || p.id as link,
                        p.created_at as at, p.departement, p.commune as place
                   from timebank_post p
                  where p.kind = ${kind} and p.status = 'open' and p.hidden_at is null and ${place}
                  order by p.created_at desc, p.id limit ${limit}`;
    },
  };
}

export const timebankOffersFeed = postsFeed('offer');
export const timebankRequestsFeed = postsFeed('request');

/** Read from the tally a trigger keeps as transfers are written (docs/read-models.md, "Tallies"). */
export const timebankFigures: HomeFigureProvider[] = [
  {
    position: 40,
    key: 'heures_echangees',
    label: say('{n, plural, one {heure échangée} other {heures échangées}}', '{n, plural, one {hour exchanged} other {hours exchanged}}'),
    sql: sql`select coalesce((select sum(value) from timebank_transfer_tally where key in ('exchange', 'direct')), 0) / 60.0`,
  },
];

export const exchangesWaitingForMe: HomePersonalProvider = {
  position: 40,
  kind: 'timebank.exchange',
  label: say('Échanges qui attendent ma réponse', 'Exchanges waiting for me'),
  query: (user, limit, lang) => {
    const untitled = lang === 'en' ? 'Time exchange' : 'Échange de temps';
    const proposed = lang === 'en' ? 'Proposed to you: accept or decline' : 'On vous le propose : acceptez ou refusez';
    const done = lang === 'en' ? 'Done: confirm it so the hours are transferred' : 'Fait : confirmez-le pour verser les heures';
    return sql`select x.id, coalesce(p.title, ${untitled}) as title,
                      case when x.status = 'proposed' then ${proposed} else ${done} end as summary,
                      '/banque-de-temps/echanges/' || x.id as link, x.updated_at as at, null::text as departement, null::text as place
                 from timebank_exchange x left join timebank_post p on p.id = x.post_id
                where (x.status = 'proposed' and x.proposed_by_id <> ${user.id} and (x.provider_id = ${user.id} or x.beneficiary_id = ${user.id}))
                   or (x.status = 'done' and x.beneficiary_id = ${user.id})
                order by x.updated_at desc, x.id limit ${limit}`;
  },
};
