import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ORIENTATION = graphql(`
  query OrienterOrientation($id: ID!) {
    orientation(id: $id) {
      id
      status
      createdAt
      consentAt
      personName
      personContact
      need
      note
      answer
      answeredAt
      answeredByName
      closedAt
      erasedAt
      senderName
      organizationName
      organizationSlug
      youSent
      youAnswer
    }
  }
`);

const RESPOND = graphql(`
  mutation OrienterRespond($input: RespondToOrientationInput!) {
    respondToOrientation(input: $input) {
      id
      status
    }
  }
`);

const CLOSE = graphql(`
  mutation OrienterClose($id: ID!) {
    closeOrientation(id: $id) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, ORIENTATION, { id: event.params.id });
  return { orientation: data.orientation };
};

async function respond(event: Parameters<Actions[string]>[0], action: 'ACCEPT' | 'ANSWER' | 'DECLINE') {
  const values = formValues(await event.request.formData());
  const result = await mutate(event, RESPOND, { input: { id: event.params.id!, action, message: values.message || null } }, values);
  if (!result.ok) return result.failure;
  return { done: action };
}

export const actions: Actions = {
  accepter: (event) => respond(event, 'ACCEPT'),
  repondre: (event) => respond(event, 'ANSWER'),
  decliner: (event) => respond(event, 'DECLINE'),
  clore: async (event) => {
    const result = await mutate(event, CLOSE, { id: event.params.id! });
    if (!result.ok) return result.failure;
    return { done: 'CLOSE' };
  },
};
