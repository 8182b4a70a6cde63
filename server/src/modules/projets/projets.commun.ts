import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** How projects plug into the commun (declared in projets.section.ts): data and SQL only. */
export const projetsNotificationKinds: NotificationKind[] = [
  {
    kind: 'projets.application',
    label: say('Quelqu’un se propose comme testeur de mon projet', 'Someone applies to test my project'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'projets.decision',
    label: say('La réponse à ma candidature de testeur', 'The answer to my tester application'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  {
    kind: 'projets.results',
    label: say('Les résultats d’une campagne de test à laquelle j’ai participé', 'The results of a test campaign I took part in'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
];

export const projectContent: ModeratedContentType = {
  type: 'projets.project',
  label: say('un projet', 'a project'),
  table: 'project',
  authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.summary, 240)`,
  linkSql: `'/projets/' || t.slug`,
};

export const campaignContent: ModeratedContentType = {
  type: 'projets.campaign',
  label: say('une campagne de test', 'a test campaign'),
  table: 'campaign',
  authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.goal, 240)`,
  linkSql: `'/projets/campagnes/' || t.id`,
};

export const projetsPrivacy: PrivacyProvider = {
  section: 'projets',
  label: say('Projets et tests', 'Projects and tests'),
  words: {
    projectsCreated: say('Projets créés', 'Projects created'),
    teams: say('Équipes de projet', 'Project teams'),
    testerApplications: say('Candidatures aux tests', 'Applications to test'),
    project: say('Projet', 'Project'),
    campaign: say('Campagne de test', 'Test campaign'),
    motivation: say('Motivation', 'Motivation'),
    level: say('Niveau', 'Level'),
    publics: say('Publics accompagnés', 'People you support'),
    device: say('Appareil', 'Device'),
    decisionMessage: say('Message de la décision', 'Decision message'),
    reports: say('Comptes rendus de test', 'Test reports'),
    scenario: say('Scénario', 'Scenario'),
    succeeded: say('Réussi', 'Succeeded'),
    rating: say('Note donnée', 'Rating'),
    questionnaire: say('Questionnaire', 'Questionnaire'),
    question: say('Question', 'Question'),
    answer: say('Réponse', 'Answer'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(p order by p."createdAt"), '[]') from (
                 select id, title, slug, summary, created_at as "createdAt" from project where created_by_id = ${userId}) p) as "projectsCreated",
              (select coalesce(json_agg(m), '[]') from (
                 select p.title as project, m.role from project_team_member m join project p on p.id = m.project_id where m.user_id = ${userId}) m) as "teams",
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select c.title as campaign, a.motivation, a.level, a.publics, a.device, a.status, a.decision_message as "decisionMessage", a.created_at as "createdAt",
                        (select coalesce(json_agg(json_build_object('scenario', s.title, 'succeeded', r.succeeded, 'rating', r.rating, 'comment', r.comment, 'device', r.device)), '[]')
                           from test_report r join campaign_scenario s on s.id = r.scenario_id where r.application_id = a.id) as reports,
                        (select coalesce(json_agg(json_build_object('question', q.text, 'answer', qa.answer)), '[]')
                           from questionnaire_answer qa join campaign_question q on q.id = qa.question_id where qa.application_id = a.id) as questionnaire
                   from campaign_application a join campaign c on c.id = a.campaign_id where a.applicant_id = ${userId}) a) as "testerApplications"`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    await execute(em, sql`delete from project_team_member where user_id = ${userId}`);
    // Never named in results again; the reports themselves stay in the campaigns' figures.
    await execute(em, sql`update campaign_application set agrees_to_be_named = false where applicant_id = ${userId}`);
    const counted = await queryOne<{ kept: number }>(
      em,
      sql`select ((select count(*) from campaign_application where applicant_id = ${userId})
                 + (select count(*) from project where created_by_id = ${userId}))::int as kept`,
    );
    if (!counted?.kept) return [];
    return [
      say(
        'Vos rapports de test restent dans les résultats des campagnes, sans votre nom, pour que les porteurs de projet gardent des résultats justes ; les projets que vous avez créés restent à leur structure porteuse.',
        'Your test reports stay in the campaigns’ results, without your name, so project holders keep accurate results; the projects you created stay with their holder organization.',
      ),
    ];
  },
};

export const campaignsSeekingTestersFeed: HomeFeedProvider = {
  position: 50,
  kind: 'projets.campaign',
  label: say('Projets qui cherchent des testeurs', 'Projects looking for testers'),
  counted: {
    field: 'summary',
    message: say(
      '{n, plural, =0 {Plus de place de testeur} one {# place de testeur restante} other {# places de testeur restantes}}',
      '{n, plural, =0 {No tester seat left} one {# tester seat left} other {# tester seats left}}',
    ),
  },
  query: (filter, limit) => {
    const place = placeCondition(filter, { departement: 'p.departement', lat: 'p.latitude', lng: 'p.longitude' });
    return sql`select c.id, p.title || ' — ' || c.title as title, null::text as summary,
                      greatest(c.seats - c.accepted_count, 0) as count, '/projets/campagnes/' || c.id as link, c.created_at as at, p.departement, p.commune as place
                 from campaign c join project p on p.id = c.project_id
                where c.closed_at is null and c.hidden_at is null and p.hidden_at is null
                  and (c.application_deadline is null or c.application_deadline > now()) and ${place}
                order by c.created_at desc, c.id limit ${limit}`;
  },
};
