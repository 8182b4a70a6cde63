import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, type Sql } from '../../db/sql.js';
import { TESTER_LEVELS, type TesterLevel } from './campaign.entity.js';
import type { CampaignResults, ProfileCount, QuestionResult, ScenarioResult, Verbatim } from './projets.types.js';

/**
 * Accepted testers of a campaign, each with a stable number (by order of acceptance) so that the
 * public results can say "Testeur·rice n° 2" for those who did not agree to be named.
 */
const testers = (campaignId: string): Sql => sql`testers as (
  select a.id, a.level, a.publics, a.device, a.agrees_to_be_named, u.display_name,
         row_number() over (order by a.decided_at, a.id)::int as tester_number
    from campaign_application a
    join member_card u on u.id = a.applicant_id
   where a.campaign_id = ${campaignId} and a.status = 'accepted'
)`;

/** One verbatim as JSON; `text` and `extra` are column expressions. */
const verbatim = (text: Sql, extra: Sql): Sql => sql`json_build_object(
  'text', ${text}, 'authorName', case when t.agrees_to_be_named then t.display_name end,
  'testerNumber', t.tester_number, 'level', t.level, ${extra})`;

interface ScenarioRow {
  id: string;
  position: number;
  title: string;
  expected_result: string;
  report_count: number;
  success_count: number;
  mean_rating: number | null;
  verbatims: Verbatim[];
}

/** The aggregated results of a campaign: three statements whatever the number of testers and reports. */
export async function campaignResults(em: EntityManager, campaignId: string): Promise<CampaignResults> {
  const scenarioRows = await query<ScenarioRow>(
    em,
    sql`with ${testers(campaignId)}
     select sc.id, sc.position, sc.title, sc.expected_result,
            count(t.id)::int as report_count,
            (count(t.id) filter (where r.succeeded))::int as success_count,
            avg(r.rating) filter (where t.id is not null)::float8 as mean_rating,
            coalesce(json_agg(${verbatim(sql`r.comment`, sql`'device', r.device, 'succeeded', r.succeeded, 'rating', r.rating`)} order by t.tester_number)
                     filter (where t.id is not null and r.comment is not null and r.hidden_at is null), '[]'::json) as verbatims
       from campaign_scenario sc
       left join test_report r on r.scenario_id = sc.id
       left join testers t on t.id = r.application_id
      where sc.campaign_id = ${campaignId}
      group by sc.id
      order by sc.position`,
  );
  const questionRows = await query<{ id: string; position: number; text: string; answers: Verbatim[] }>(
    em,
    sql`with ${testers(campaignId)}
     select q.id, q.position, q.text,
            coalesce(json_agg(${verbatim(sql`qa.answer`, sql`'device', t.device, 'succeeded', null, 'rating', null`)} order by t.tester_number)
                     filter (where t.id is not null and qa.hidden_at is null), '[]'::json) as answers
       from campaign_question q
       left join questionnaire_answer qa on qa.question_id = q.id
       left join testers t on t.id = qa.application_id
      where q.campaign_id = ${campaignId}
      group by q.id
      order by q.position`,
  );
  const mixRows = await query<{ facet: 'level' | 'public' | 'device' | 'all'; value: string; count: number }>(
    em,
    sql`with ${testers(campaignId)}
     select 'all' as facet, '' as value, count(*)::int as count from testers
     union all
     select 'level', level::text, count(*)::int from testers group by level
     union all
     select 'public', p, count(*)::int from testers, unnest(publics) p group by p
     union all
     select 'device', device, count(*)::int from testers group by device`,
  );

  const scenarios: ScenarioResult[] = scenarioRows.map((row) => ({
    scenarioId: row.id,
    position: row.position,
    title: row.title,
    expectedResult: row.expected_result,
    reportCount: row.report_count,
    successCount: row.success_count,
    successRate: row.report_count ? row.success_count / row.report_count : null,
    meanRating: row.mean_rating == null ? null : Number(row.mean_rating),
    verbatims: row.verbatims,
  }));
  const questions: QuestionResult[] = questionRows.map((row) => ({
    questionId: row.id,
    position: row.position,
    text: row.text,
    answers: row.answers,
  }));
  const facet = (name: string): ProfileCount[] =>
    mixRows
      .filter((row) => row.facet === name)
      .map((row) => ({ value: row.value, count: row.count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'fr'));
  const levels = facet('level').sort(
    (a, b) => TESTER_LEVELS.indexOf(a.value as TesterLevel) - TESTER_LEVELS.indexOf(b.value as TesterLevel),
  );
  const reportCount = scenarios.reduce((sum, s) => sum + s.reportCount, 0);
  const successCount = scenarios.reduce((sum, s) => sum + s.successCount, 0);
  const ratingSum = scenarios.reduce((sum, s) => sum + (s.meanRating ?? 0) * s.reportCount, 0);
  return {
    reportCount,
    overallSuccessRate: reportCount ? successCount / reportCount : null,
    overallMeanRating: reportCount ? ratingSum / reportCount : null,
    scenarios,
    questions,
    testers: {
      testerCount: mixRows.find((row) => row.facet === 'all')?.count ?? 0,
      levels,
      publics: facet('public'),
      devices: facet('device'),
    },
  };
}
