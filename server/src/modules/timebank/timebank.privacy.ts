import type { EntityManager } from '@mikro-orm/postgresql';
import { say, type Text } from '../../i18n/lang.js';
import { notify } from '../notifications/notifications.service.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';

/**
 * A person's time-bank account, ledger entries, offers, requests and exchanges.
 * Ledger entries and transfers are never touched: every balance and the network's total stay the same.
 */
export const timebankPrivacy: PrivacyProvider = {
  section: 'banque-de-temps',
  label: say('Banque de temps', 'Time bank'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select to_jsonb(a) from (select balance as "balanceMinutes", created_at as "openedAt" from timebank_account where user_id = ?) a) as account,
              (select coalesce(json_agg(e order by e.id), '[]') from (
                 select n.id, n.created_at as "at", n.amount as "minutes", n.balance_after as "balanceAfterMinutes", t.kind, t.memo,
                        case when n.amount < 0 then coalesce(tu.display_name, 'Fonds commun') else coalesce(fu.display_name, 'Fonds commun') end as counterparty
                   from timebank_entry n join timebank_account me on me.id = n.account_id and me.user_id = ?
                   join timebank_transfer t on t.id = n.transfer_id
                   left join timebank_account fa on fa.id = t.from_account_id left join app_user fu on fu.id = fa.user_id
                   left join timebank_account ta on ta.id = t.to_account_id left join app_user tu on tu.id = ta.user_id) e) as ledger_entries,
              (select coalesce(json_agg(p order by p."createdAt"), '[]') from (
                 select id, kind, title, description, category, tags, departement, commune, availability, status,
                        created_at as "createdAt", closed_at as "closedAt", hidden_at as "hiddenAt", hidden_reason as "hiddenReason"
                   from timebank_post where author_id = ?) p) as posts,
              (select coalesce(json_agg(x order by x."createdAt"), '[]') from (
                 select x.id, p.title as post, case when x.provider_id = ? then 'provider' else 'beneficiary' end as "myRole",
                        case when x.provider_id = ? then b.display_name else pr.display_name end as "otherPerson",
                        x.status, x.minutes, x.spent_minutes as "spentMinutes", x.message, x.created_at as "createdAt",
                        x.confirmed_at as "confirmedAt", x.cancelled_at as "cancelledAt", x.dispute_reason as "disputeReason"
                   from timebank_exchange x join timebank_post p on p.id = x.post_id
                   join app_user pr on pr.id = x.provider_id join app_user b on b.id = x.beneficiary_id
                  where ? in (x.provider_id, x.beneficiary_id)) x) as exchanges`,
      [userId, userId, userId, userId, userId, userId],
    );
    return { account: data.account, ledgerEntries: data.ledger_entries, posts: data.posts, exchanges: data.exchanges };
  },
  async erase(em: EntityManager, userId: string) {
    // Nobody can answer the open offers and requests of a deleted account any more.
    await em.execute(`update timebank_post set status = 'closed', closed_at = now(), updated_at = now() where author_id = ? and status = 'open'`, [userId]);
    const cancelled = await em.execute<{ other_id: string; title: string }[]>(
      `update timebank_exchange x set status = 'cancelled', cancelled_at = now(), cancelled_by_id = ?, updated_at = now()
         from timebank_post p
        where p.id = x.post_id and ? in (x.provider_id, x.beneficiary_id) and x.status in ('proposed', 'accepted', 'done')
        returning case when x.provider_id = ? then x.beneficiary_id else x.provider_id end as other_id, p.title`,
      [userId, userId, userId],
    );
    for (const row of cancelled) {
      await notify(em, [row.other_id], {
        kind: 'timebank.exchange.cancelled',
        text: say(
          `L'échange « ${row.title} » est annulé : l'autre personne a supprimé son compte. Aucun temps n'a été débité.`,
          `The exchange "${row.title}" is cancelled: the other person deleted their account. No time was debited.`,
        ),
        link: '/banque-de-temps/compte',
      }, null);
    }
    const [ledger] = await em.execute<{ entries: number }[]>(
      `select count(*)::int as entries from timebank_entry n join timebank_account a on a.id = n.account_id where a.user_id = ?`,
      [userId],
    );
    const kept: Text[] = [];
    if (ledger.entries) {
      kept.push(
        say(
          `Vos ${ledger.entries} écriture(s) de la banque de temps sont gardées telles quelles (durées et personnes avec qui vous avez échangé), au nom de « Compte supprimé » : sans elles, le solde des autres membres et le total du réseau seraient faux.`,
          `Your ${ledger.entries} time-bank ledger entr(y/ies) are kept as they are (durations and the people you exchanged with), under "Deleted account": without them, other members' balances and the network's total would be wrong.`,
        ),
      );
    }
    if (cancelled.length) {
      kept.push(say(`${cancelled.length} échange(s) en cours ont été annulés et les personnes concernées prévenues.`, `${cancelled.length} exchange(s) under way were cancelled and the people concerned told.`));
    }
    return kept;
  },
};
