import { say, type Text } from '../../i18n/lang.js';
import { territoryCondition, type HomeFeedProvider, type HomeFigureProvider, type HomePersonalProvider } from '../home/home-provider.js';

/** Newest open offers (or requests) of the time bank, in the asked département or near the visitor. */
function openPostsFeed(kind: 'offer' | 'request', label: Text): HomeFeedProvider {
  return {
    kind: `timebank.${kind}`,
    label,
    query: (filter, limit) => {
      const territory = territoryCondition(filter, { departement: 'p.departement' });
      return {
        sql: `select p.id, p.title, left(regexp_replace(p.description, '\\s+', ' ', 'g'), 200) as summary, '/banque-de-temps/annonces/' || p.id as link,
                     p.created_at as at, p.departement, p.commune as place
                from timebank_post p
               where p.kind = ? and p.status = 'open' and p.hidden_at is null and ${territory.sql}
               order by p.created_at desc, p.id limit ?`,
        params: [kind, ...territory.params, limit],
      };
    },
  };
}

export const timebankOffersFeed = openPostsFeed('offer', say('Offres de temps', 'Time offers'));
export const timebankRequestsFeed = openPostsFeed('request', say('Demandes de temps', 'Time requests'));

export const timebankFigures: HomeFigureProvider[] = [
  {
    key: 'heures_echangees',
    label: say('heures échangées', 'hours exchanged'),
    sql: `select round(coalesce(sum(minutes), 0) / 60.0, 1) from timebank_transfer where kind = 'exchange'`,
  },
];

const STEP_LABELS = {
  fr: { accept: 'Proposition à accepter', declare: 'Service à déclarer fait', confirm: 'Temps à confirmer' },
  en: { accept: 'Proposal to accept', declare: 'Service to mark as done', confirm: 'Time to confirm' },
};

/** Exchanges where the next step is mine: accept a proposal, say the service was given, confirm the time. */
export const exchangesWaitingForMe: HomePersonalProvider = {
  kind: 'timebank.exchange',
  label: say("Échanges qui m'attendent", 'Exchanges waiting for me'),
  query: (user, limit, lang) => ({
    sql: `select x.id, p.title,
                 (?::jsonb ->> case x.status when 'proposed' then 'accept' when 'accepted' then 'declare' else 'confirm' end) as summary,
                 '/banque-de-temps/echanges/' || x.id as link, x.updated_at as at, p.departement, p.commune as place
            from timebank_exchange x join timebank_post p on p.id = x.post_id
           where (x.status = 'proposed' and x.proposed_by_id <> ? and ? in (x.provider_id, x.beneficiary_id))
              or (x.status = 'accepted' and x.provider_id = ?)
              or (x.status = 'done' and x.beneficiary_id = ?)
           order by x.updated_at desc, x.id limit ?`,
    params: [JSON.stringify(STEP_LABELS[lang]), user.id, user.id, user.id, user.id, limit],
  }),
};
