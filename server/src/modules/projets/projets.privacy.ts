import type { EntityManager } from '@mikro-orm/postgresql';
import { say, type Text } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';

/** Projects and campaigns a person published, their teams, tester applications, reports and answers. */
export const projetsPrivacy: PrivacyProvider = {
  section: 'projets',
  label: say('Projets et tests', 'Projects and tests'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select coalesce(json_agg(p order by p."createdAt"), '[]') from (
                 select p.id, p.title, p.slug, p.summary, o.name as holder, p.created_at as "createdAt",
                        p.hidden_at as "hiddenAt", p.hidden_reason as "hiddenReason"
                   from project p join organization o on o.id = p.holder_id where p.created_by_id = ?) p) as projects_published,
              (select coalesce(json_agg(t order by t."since"), '[]') from (
                 select p.title as project, m.role, m.created_at as "since"
                   from project_team_member m join project p on p.id = m.project_id where m.user_id = ?) t) as project_teams,
              (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
                 select id, title, goal, created_at as "createdAt", closed_at as "closedAt" from campaign where created_by_id = ?) c) as campaigns_opened,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select a.id, p.title as project, c.title as campaign, a.motivation, a.level, a.publics, a.device,
                        a.agrees_to_be_named as "agreesToBeNamed", a.status, a.decided_at as "decidedAt", a.decision_message as "decisionMessage",
                        a.created_at as "createdAt",
                        (select coalesce(json_agg(json_build_object('scenario', s.title, 'succeeded', r.succeeded, 'rating', r.rating, 'comment', r.comment,
                                'device', r.device, 'createdAt', r.created_at) order by r.created_at), '[]')
                           from test_report r join campaign_scenario s on s.id = r.scenario_id where r.application_id = a.id) as reports,
                        (select coalesce(json_agg(json_build_object('question', q.text, 'answer', qa.answer) order by qa.created_at), '[]')
                           from questionnaire_answer qa join campaign_question q on q.id = qa.question_id where qa.application_id = a.id) as "questionnaireAnswers"
                   from campaign_application a join campaign c on c.id = a.campaign_id join project p on p.id = c.project_id
                  where a.applicant_id = ?) a) as tester_applications`,
      [userId, userId, userId, userId],
    );
    return {
      projectsPublished: data.projects_published, projectTeams: data.project_teams,
      campaignsOpened: data.campaigns_opened, testerApplications: data.tester_applications,
    };
  },
  async erase(em: EntityManager, userId: string) {
    // Pending applications are only about the person: gone. Decided ones stay (campaign counts and
    // results depend on them), without the motivation and never under the person's name.
    await em.execute(`delete from campaign_application where applicant_id = ? and status = 'pending'`, [userId]);
    const [tested] = await em.execute<{ count: number }[]>(
      `with cleared as (update campaign_application set motivation = '', agrees_to_be_named = false, updated_at = now() where applicant_id = ? returning 1)
       select count(*)::int from cleared`,
      [userId],
    );
    await em.execute(`delete from project_team_member where user_id = ?`, [userId]);
    const [published] = await em.execute<{ count: number }[]>(`select count(*)::int from project where created_by_id = ?`, [userId]);
    const kept: Text[] = [];
    if (published.count) {
      kept.push(say(
        `Les ${published.count} projet(s) que vous avez publiés restent en ligne : ils appartiennent à leur structure porteuse. Vous ne faites plus partie de leurs équipes.`,
        `The ${published.count} project(s) you published stay online: they belong to their holder organization. You are no longer in their teams.`,
      ));
    }
    if (tested.count) {
      kept.push(say(
        'Vos comptes rendus de test et vos réponses aux questionnaires restent dans les résultats des campagnes, sans votre nom ; vos lettres de motivation sont effacées.',
        'Your test reports and questionnaire answers stay in the campaign results, without your name; your motivation letters are erased.',
      ));
    }
    return kept;
  },
};
