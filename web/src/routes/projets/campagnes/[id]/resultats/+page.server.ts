import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const RESULTS = graphql(`
  query CampaignResultsPage($id: ID!) {
    campaign(id: $id) {
      id
      title
      phase
      closedAt
      canManage
      resultsCsvUrl
      testStartsAt
      testEndsAt
      project {
        slug
        title
        holder {
          name
        }
      }
      results {
        reportCount
        overallSuccessRate
        overallMeanRating
        scenarios {
          scenarioId
          position
          title
          expectedResult
          reportCount
          successCount
          successRate
          meanRating
          verbatims {
            text
            authorName
            testerNumber
            level
            device
            succeeded
            rating
          }
        }
        questions {
          questionId
          position
          text
          answers {
            text
            authorName
            testerNumber
            level
          }
        }
        testers {
          testerCount
          levels {
            value
            count
          }
          publics {
            value
            count
          }
          devices {
            value
            count
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, RESULTS, { id: event.params.id });
  if (!data.campaign) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { campaign: data.campaign };
};
