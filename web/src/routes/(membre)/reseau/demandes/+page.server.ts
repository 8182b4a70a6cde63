import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PLACE = graphql(`
  query ReseauRequestsPlace($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
    }
  }
`);

/** The oldest first: a page of each, enough for one sitting; answered ones leave the list. */
const REQUESTS = graphql(`
  query ReseauRequestsToDecide($organizationId: ID) {
    placeClaimsToDecide(organizationId: $organizationId, first: 30) {
      totalCount
      edges {
        node {
          id
          message
          createdAt
          bySiret
          user {
            id
            displayName
          }
          organization {
            id
            name
            slug
          }
        }
      }
    }
    placeSuggestionsToDecide(organizationId: $organizationId, first: 30) {
      totalCount
      edges {
        node {
          id
          comment
          createdAt
          author {
            id
            displayName
          }
          organization {
            id
            name
            slug
          }
          changes {
            field
            label
            from
            to
          }
        }
      }
    }
  }
`);

const DECIDE_CLAIM = graphql(`
  mutation ReseauDecidePlaceClaim($input: DecidePlaceClaimInput!) {
    decidePlaceClaim(input: $input) {
      id
      status
    }
  }
`);

const DECIDE_SUGGESTION = graphql(`
  mutation ReseauDecidePlaceSuggestion($input: DecidePlaceSuggestionInput!) {
    decidePlaceSuggestion(input: $input) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const slug = event.url.searchParams.get('lieu');
  let place: { id: string; name: string; slug: string } | null = null;
  if (slug) {
    place = (await query(event, PLACE, { slug })).organization;
    if (!place) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  }
  const data = await query(event, REQUESTS, { organizationId: place?.id ?? null });
  return { place, claims: data.placeClaimsToDecide, suggestions: data.placeSuggestionsToDecide };
};

export const actions: Actions = {
  claim: async (event) => {
    const values = formValues(await event.request.formData());
    const accept = values.decision === 'accept';
    const result = await mutate(event, DECIDE_CLAIM, { input: { claimId: values.id ?? '', accept } }, values);
    if (!result.ok) return result.failure;
    return { decided: accept ? 'accepted' : 'declined' };
  },
  suggestion: async (event) => {
    const values = formValues(await event.request.formData());
    const accept = values.decision === 'accept';
    const result = await mutate(event, DECIDE_SUGGESTION, { input: { suggestionId: values.id ?? '', accept } }, values);
    if (!result.ok) return result.failure;
    return { decided: accept ? 'accepted' : 'declined' };
  },
};
