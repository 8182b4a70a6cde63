import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const MEMBER = graphql(`
  query NewConversationMember($id: ID!) {
    user(id: $id) {
      id
      displayName
    }
  }
`);
const ORGANIZATION = graphql(`
  query NewConversationOrganization($slug: String!) {
    organization(slug: $slug) {
      id
      name
    }
  }
`);
const START = graphql(`
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      id
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** To whom: `?membre=<id>` (from a profile) or `?organisation=<slug>` (from an organization's page). */
async function recipient(event: RequestEvent) {
  const notFound = () => error(404, { message: translate(event.locals.lang, 'error.404Text') });
  const memberId = event.url.searchParams.get('membre');
  const slug = event.url.searchParams.get('organisation');
  if (memberId) {
    if (!UUID.test(memberId)) notFound();
    const data = await query(event, MEMBER, { id: memberId });
    if (!data.user) notFound();
    return { kind: 'member' as const, id: data.user!.id, name: data.user!.displayName };
  }
  if (slug) {
    const data = await query(event, ORGANIZATION, { slug: slug.slice(0, 200) });
    if (!data.organization) notFound();
    return { kind: 'team' as const, id: data.organization!.id, name: data.organization!.name };
  }
  return notFound();
}

export const load: PageServerLoad = async (event) => ({ recipient: await recipient(event) });

export const actions: Actions = {
  default: async (event) => {
    const to = await recipient(event);
    const values = formValues(await event.request.formData());
    const input = to.kind === 'member' ? { memberId: to.id, body: values.body ?? '' } : { organizationId: to.id, body: values.body ?? '' };
    const result = await mutate(event, START, { input }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/conversations/${result.data.startConversation.id}`);
  },
};
