import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const DASHBOARD = graphql(`
  query CampaignDashboard($id: ID!, $after: String) {
    campaign(id: $id) {
      id
      title
      phase
      seats
      seatsLeft
      acceptedCount
      canManage
      closedAt
      project {
        slug
        title
      }
      applications(first: 50, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            status
            motivation
            level
            publics
            device
            agreesToBeNamed
            matchesProfile
            decisionMessage
            createdAt
            applicant {
              id
              displayName
            }
          }
        }
      }
      pending: applications(first: 1, status: PENDING) {
        totalCount
      }
    }
  }
`);

const DECIDE = graphql(`
  mutation DecideApplicationPage($input: DecideApplicationInput!) {
    decideApplication(input: $input) {
      id
      status
      applicant {
        displayName
      }
    }
  }
`);

const CLOSE = graphql(`
  mutation CloseCampaignPage($input: CloseCampaignInput!) {
    closeCampaign(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, DASHBOARD, { id: event.params.id, after: event.url.searchParams.get('apres') });
  if (!data.campaign) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { campaign: data.campaign };
};

export const actions: Actions = {
  decide: async (event) => {
    const values = formValues(await event.request.formData());
    const decision = values.decision === 'ACCEPTED' ? 'ACCEPTED' : 'DECLINED';
    const result = await mutate(
      event,
      DECIDE,
      { input: { applicationId: values.applicationId ?? '', decision, message: values.message || null } },
      values,
    );
    if (!result.ok) return result.failure;
    return { decided: result.data.decideApplication.applicant.displayName };
  },
  close: async (event) => {
    const values = formValues(await event.request.formData());
    if (values.confirm !== 'on') {
      const message = translate(event.locals.lang, 'projets.manage.confirmMissing');
      return fail(400, { message, fields: { confirm: message }, values });
    }
    const result = await mutate(event, CLOSE, { input: { campaignId: event.params.id } }, {});
    if (!result.ok) return result.failure;
    redirect(303, `/projets/campagnes/${event.params.id}/resultats`);
  },
};
