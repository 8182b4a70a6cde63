import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { LEVELS, commaList, type Level } from '$lib/projets';
import type { Actions, PageServerLoad } from './$types';

const CAMPAIGN = graphql(`
  query CampaignPage($id: ID!) {
    campaign(id: $id) {
      id
      title
      goal
      goalHtml
      hiddenAt
      hiddenReason
      phase
      seats
      seatsLeft
      applicationDeadline
      testStartsAt
      testEndsAt
      closedAt
      canManage
      testerLevels
      testerPublics
      testerDevices
      project {
        id
        slug
        title
        holder {
          name
        }
      }
      scenarios {
        id
        position
        title
        steps
        expectedResult
      }
      questions {
        id
        position
        text
      }
      myApplication {
        id
        status
        decisionMessage
        level
        device
      }
      myReports {
        id
        succeeded
        rating
        comment
        device
        scenario {
          id
        }
      }
      myAnswers {
        answer
        question {
          id
        }
      }
    }
  }
`);

const APPLY = graphql(`
  mutation ApplyToCampaignPage($input: ApplyToCampaignInput!) {
    applyToCampaign(input: $input) {
      id
      status
    }
  }
`);
const REPORT = graphql(`
  mutation SubmitTestReportPage($input: SubmitTestReportInput!) {
    submitTestReport(input: $input) {
      id
      scenario {
        id
      }
    }
  }
`);
const ANSWER = graphql(`
  mutation AnswerQuestionnairePage($input: AnswerQuestionnaireInput!) {
    answerQuestionnaire(input: $input) {
      answer
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, CAMPAIGN, { id: event.params.id });
  if (!data.campaign) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { campaign: data.campaign };
};

export const actions: Actions = {
  apply: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const level = ((LEVELS as readonly string[]).includes(values.level) ? values.level : undefined) as Level | undefined;
    if (!level) {
      const message = translate(event.locals.lang, 'projets.apply.levelMissing');
      return fail(400, { message, fields: { level: message }, values });
    }
    const result = await mutate(
      event,
      APPLY,
      {
        input: {
          campaignId: event.params.id,
          motivation: values.motivation ?? '',
          level,
          publics: commaList(values.publics),
          device: values.device ?? '',
          agreesToBeNamed: data.get('agreesToBeNamed') === 'on',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { applied: true };
  },
  report: async (event) => {
    const values = formValues(await event.request.formData());
    if (values.succeeded !== 'oui' && values.succeeded !== 'non') {
      const message = translate(event.locals.lang, 'projets.report.succeededMissing');
      return fail(400, { message, fields: { succeeded: message }, values });
    }
    const result = await mutate(
      event,
      REPORT,
      {
        input: {
          scenarioId: values.scenarioId ?? '',
          succeeded: values.succeeded === 'oui',
          rating: Number(values.rating) || 0,
          comment: values.comment || null,
          device: values.device ?? '',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { reported: result.data.submitTestReport.scenario.id };
  },
  answer: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const answers = [...data.keys()]
      .filter((key) => key.startsWith('question-'))
      .map((key) => ({ questionId: key.slice('question-'.length), answer: String(data.get(key) ?? '') }));
    const result = await mutate(event, ANSWER, { input: { campaignId: event.params.id, answers } }, values);
    if (!result.ok) return result.failure;
    return { answered: true };
  },
};
