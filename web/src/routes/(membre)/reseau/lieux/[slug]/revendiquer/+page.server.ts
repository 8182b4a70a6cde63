import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PLACE = graphql(`
  query ReseauClaimPlace($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      myRole
      myPlaceClaim {
        id
        status
      }
    }
  }
`);

const CLAIM = graphql(`
  mutation ReseauClaimPlaceSend($input: ClaimPlaceInput!) {
    claimPlace(input: $input) {
      id
      status
    }
  }
`);

const WITHDRAW = graphql(`
  mutation ReseauWithdrawPlaceClaim($input: WithdrawPlaceClaimInput!) {
    withdrawPlaceClaim(input: $input) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PLACE, { slug: event.params.slug });
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { place: data.organization };
};

export const actions: Actions = {
  claim: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CLAIM,
      { input: { organizationId: values.organizationId ?? '', message: values.message || null } },
      values,
    );
    if (!result.ok) return result.failure;
    return { claimed: result.data.claimPlace.status };
  },
  withdraw: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, WITHDRAW, { input: { claimId: values.claimId ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { withdrawn: true };
  },
};
