/**
 * The rows `npm run bench:scale` measures against, generated in SQL (generate_series) on a scratch database:
 * `rows` places across France with opening hours, questions with tags (⅔ as many answers), time-bank transfers
 * and posts, projects with tags and positions, and a tenth as many events (published). Deterministic (no random()), so the
 * two sizes differ only in their row counts.
 */
import type pg from 'pg';

/** Points spread over mainland France, a third of them around ten big towns (where people search). */
const position = (i: string) => `
  case when ${i} % 3 = 0 then (array[48.8566, 45.764, 43.2965, 47.2184, 44.8378, 50.6292, 43.6047, 48.5734, 48.1173, 43.7102])[1 + ${i} % 10]
                              + ((${i} * 37) % 1000 - 500) / 2500.0
       else 42.5 + ((${i}::bigint * 7919) % 8500) / 1000.0 end`;
const longitude = (i: string) => `
  case when ${i} % 3 = 0 then (array[2.3522, 4.8357, 5.3698, -1.5536, -0.5792, 3.0573, 1.4442, 7.7521, -1.6778, 7.262])[1 + ${i} % 10]
                              + ((${i} * 53) % 1000 - 500) / 2500.0
       else -4.5 + ((${i}::bigint * 104729) % 12500) / 1000.0 end`;

export async function generateScaleData(client: pg.Client, rows: number, log: (line: string) => void): Promise<void> {
  const users = Math.max(1_000, Math.round(rows / 10));
  const events = Math.max(1_000, Math.round(rows / 10));
  const answers = Math.round((rows * 2) / 3);
  const step = async (label: string, text: string) => {
    const started = performance.now();
    await client.query(text);
    log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  await step(
    `${users} members`,
    `insert into app_user (id, email, display_name, departement, metier, status, created_at, updated_at)
     select gen_random_uuid(), 'membre' || i || '@bench.maillage.fr', 'Membre ' || i, lpad((1 + i % 95)::text, 2, '0'),
            (array['mediateur','conseiller_numerique','aidant','benevole']::metier[])[1 + i % 4], 'active',
            now() - make_interval(mins => i), now()
     from generate_series(1, ${users}) i`,
  );
  await step(
    '204 tags',
    `insert into tag (slug, label) select 'theme-' || i, 'Thème ' || i from generate_series(1, 200) i;
     insert into tag (slug, label) values ('caf', 'CAF'), ('demarches-en-ligne', 'Démarches en ligne'), ('smartphone', 'Smartphone'), ('pix', 'Pix')
     on conflict do nothing`,
  );
  await step(
    `${rows} places`,
    `with words as (select array['Médiathèque', 'Espace numérique', 'FabLab', 'Centre social', 'France Services', 'Tiers-lieu', 'Maison de quartier', 'Mairie'] as w,
                           array['Nantes', 'Savenay', 'Angers', 'Rennes', 'Lyon', 'Marseille', 'Lille', 'Bordeaux'] as c,
                           array['Mo-Fr 09:00-12:00,14:00-18:00', 'Tu-Sa 10:00-19:00', 'Mo,We,Fr 14:00-17:30', '24/7',
                                 'Mo-Fr 08:30-17:00; PH off', 'Sa 09:00-12:00', 'Mo-Th 09:00-12:30,13:30-17:00; Fr 09:00-12:00'] as h)
     insert into organization (id, name, slug, kind, standard_id, commune, code_postal, departement, adresse, latitude, longitude,
                               horaires, services, frais_a_charge, date_maj, source, created_at, updated_at)
     select gen_random_uuid(), words.w[1 + i % 8] || ' ' || i || ' de ' || words.c[1 + (i / 8) % 8], 'bench-lieu-' || i, 'lieu', 'bench-' || i,
            words.c[1 + (i / 8) % 8], lpad(((i % 95) + 1)::text, 2, '0') || '000', lpad(((i % 95) + 1)::text, 2, '0'), i || ' rue de la République',
            ${position('i')}, ${longitude('i')},
            case when i % 10 = 9 then null else words.h[1 + i % 7] end,
            case when i % 3 = 0 then array['Aide aux démarches administratives'] else array['Maîtrise des outils numériques du quotidien', 'Compréhension du monde numérique'] end,
            array['Gratuit'], date '2024-01-01', 'bench', now() - make_interval(mins => i), now()
     from generate_series(1, ${rows}) i, words`,
  );
  await step(
    `${rows} questions`,
    `with users as (select array_agg(id order by email) as ids from app_user),
     words as (select array['Démarches CAF', 'événement', 'smartphone', 'Aidants Connect', 'Pix', 'imprimante', 'courriel', 'tablette',
                            'France Services', 'impôts', 'ameli', 'mot de passe', 'banque en ligne', 'visioconférence', 'atelier', 'réseau'] as w)
     insert into question (id, author_id, title, body, tags, departement, created_at, updated_at, last_activity_at)
     select gen_random_uuid(), users.ids[1 + (i::bigint * 7919) % ${users}],
            'Question ' || i || ' : ' || words.w[1 + i % 16] || ' et ' || words.w[1 + (i / 16) % 16] || ' pour une personne accompagnée',
            'Bonjour, une personne me demande comment faire avec ' || words.w[1 + (i / 3) % 16] || '. Merci pour vos idées !',
            array['theme-' || (1 + i % 200), case when i % 3 = 0 then 'caf' when i % 3 = 1 then 'smartphone' else 'pix' end],
            lpad((1 + i % 95)::text, 2, '0'), now() - make_interval(mins => i), now(), now() - make_interval(mins => i)
     from generate_series(1, ${rows}) i, users, words`,
  );
  // Answers and transfers without their row triggers (counts and balances are set once after, below).
  await step(
    `${answers} answers`,
    `set session_replication_role = replica;
     with users as (select array_agg(id order by email) as ids from app_user),
     questions as (select array_agg(id order by created_at) as ids from question)
     insert into answer (id, question_id, author_id, body, up_votes, score, created_at, updated_at)
     select gen_random_uuid(), questions.ids[1 + (i::bigint * 104729) % ${rows}], users.ids[1 + (i::bigint * 31) % ${users}],
            'Voici ce que nous faisons dans notre lieu : on prend rendez-vous et on vérifie les identifiants ensemble (' || i || ').',
            i % 4, i % 4, now() - make_interval(mins => i % 50000), now()
     from generate_series(1, ${answers}) i, users, questions;
     update question q set answer_count = a.n from (select question_id, count(*)::int as n from answer group by question_id) a where a.question_id = q.id;
     set session_replication_role = origin`,
  );
  await step(
    `${users} time-bank accounts, ${rows} transfers`,
    `set session_replication_role = replica;
     insert into timebank_account (id, kind, user_id, balance, created_at) select gen_random_uuid(), 'member', id, 0, created_at from app_user;
     with accounts as (select array_agg(id order by id) as ids from timebank_account where kind = 'member')
     insert into timebank_transfer (id, kind, from_account_id, to_account_id, minutes, memo, created_at)
     select gen_random_uuid(), 'direct', accounts.ids[1 + (i::bigint * 7919) % ${users}], accounts.ids[1 + (i::bigint * 7919 + 1 + i % 97) % ${users}],
            15 * (1 + i % 8), 'Atelier ' || i, now() - make_interval(mins => i)
     from generate_series(1, ${rows}) i, accounts;
     set session_replication_role = origin;
     select timebank_stats_rebuild()`,
  );
  await step(
    `${rows} time-bank posts`,
    `with users as (select array_agg(id order by email) as ids from app_user)
     insert into timebank_post (id, author_id, kind, title, description, category, tags, departement, commune, status, created_at, updated_at)
     select gen_random_uuid(), users.ids[1 + (i::bigint * 131) % ${users}], (array['offer','request']::timebank_post_kind[])[1 + i % 2],
            'Coup de main ' || i, 'Une heure pour aider à prendre en main une tablette ou un smartphone.',
            (array['formation','materiel','usages','demarches','communication','animation','autre']::timebank_category[])[1 + i % 7],
            array['theme-' || (1 + i % 200)], lpad((1 + i % 95)::text, 2, '0'), 'Commune ' || (i % 5000),
            (array['open','open','open','closed']::timebank_post_status[])[1 + i % 4], now() - make_interval(mins => i), now()
     from generate_series(1, ${rows}) i, users`,
  );
  await step(
    `${rows} projects`,
    `with holders as (select array_agg(id order by slug) as ids from (select id, slug from organization order by slug limit 5000) o)
     insert into project (id, title, slug, summary, stage, commune, departement, latitude, longitude, tags, holder_id, created_at, updated_at)
     select gen_random_uuid(), 'Projet ' || i, 'bench-projet-' || i, 'Un outil pour accompagner les démarches en ligne (' || i || ').',
            (array['idee','prototype','beta','deploye']::project_stage[])[1 + i % 4], 'Commune ' || (i % 5000), lpad((1 + i % 95)::text, 2, '0'),
            case when i % 5 = 0 then null else ${position('i')} end, case when i % 5 = 0 then null else ${longitude('i')} end,
            array['theme-' || (1 + i % 200), case when i % 2 = 0 then 'smartphone' else 'caf' end],
            holders.ids[1 + i % array_length(holders.ids, 1)], now() - make_interval(mins => i), now() - make_interval(mins => i)
     from generate_series(1, ${rows}) i, holders`,
  );
  await step(
    `${events} events`,
    `with organizers as (select array_agg(id order by slug) as ids from (select id, slug from organization order by slug limit 5000) o)
     insert into agenda_event (id, kind, title, description, starts_at, ends_at, organizer_id, commune, departement, latitude, longitude, themes,
                               published_at, created_at, updated_at)
     select gen_random_uuid(), (array['atelier','formation','cafe_citoyen','permanence']::event_kind[])[1 + i % 4], 'Atelier ' || i, 'Prendre en main son smartphone.',
            now() + make_interval(hours => (i % 8760) - 2000), now() + make_interval(hours => (i % 8760) - 2000 + 2),
            organizers.ids[1 + i % array_length(organizers.ids, 1)], 'Commune ' || (i % 5000), lpad((1 + i % 95)::text, 2, '0'),
            ${position('i')}, ${longitude('i')}, array['theme-' || (1 + i % 200)], now() - make_interval(mins => i), now() - make_interval(mins => i), now()
     from generate_series(1, ${events}) i, organizers`,
  );
  await step('vacuum analyze', 'vacuum analyze');
}
