import { sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider } from '../commun/accueil/accueil-provider.js';

/** A member's métier on their card, in the words of their profile (web: `metier.*` in messages/comptes.ts). */
const METIER_LABELS = {
  fr: {
    conseiller_numerique: 'Conseiller ou conseillère numérique',
    mediateur: 'Médiateur ou médiatrice numérique',
    aidant: 'Aidant ou aidante',
    benevole: 'Bénévole',
    service_civique: 'Volontaire en service civique',
    formateur: 'Formateur ou formatrice',
    travailleur_social: 'Travailleur social ou travailleuse sociale',
  },
  en: {
    conseiller_numerique: 'Digital adviser (conseiller numérique)',
    mediateur: 'Digital mediator',
    aidant: 'Caregiver',
    benevole: 'Volunteer',
    service_civique: 'Civic service volunteer',
    formateur: 'Trainer',
    travailleur_social: 'Social worker',
  },
};

/** Who joined lately (their public profile), by département. */
export const newMembersFeed: HomeFeedProvider = {
  position: 70,
  kind: 'reseau.membre',
  label: say('Nouveaux membres', 'New members'),
  query: (filter, limit, lang) => {
    const departement = filter.departement ?? null;
    // Members have no coordinates: "près de chez moi" leaves this section out.
    return sql`select u.id, u.display_name as title, (${JSON.stringify(METIER_LABELS[lang])}::jsonb ->> u.metier::text) as summary,
                      '/membres/' || u.id as link, u.created_at as at, u.departement, u.commune as place
                 from app_user u
                where u.status = 'active' and (${departement}::text is null or u.departement = ${departement}) and not ${!!filter.near}::boolean
                order by u.created_at desc, u.id limit ${limit}`;
  },
};

/** Read from the tally a trigger keeps as accounts are written (docs/read-models.md, "Tallies"). */
export const memberFigures: HomeFigureProvider[] = [
  {
    position: 20,
    key: 'membres',
    label: say('{n, plural, one {membre} other {membres}}', '{n, plural, one {member} other {members}}'),
    sql: sql`select coalesce((select value from app_user_tally where key = 'active'), 0)`,
  },
];
