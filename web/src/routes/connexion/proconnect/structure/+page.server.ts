import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { mutate, query, safeReturnPath } from '$lib/server/forms';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const PROPOSAL = graphql(`
  query ProConnectOrganization {
    proConnectOrganization {
      id
      name
      slug
      pivot
    }
  }
`);

const JOINED = graphql(`
  query ProConnectJoinedOrganization($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      myRole
    }
  }
`);

const JOIN = graphql(`
  mutation JoinOrganizationBySiret($input: JoinOrganizationBySiretInput!) {
    joinOrganizationBySiret(input: $input) {
      id
      organization {
        slug
      }
    }
  }
`);

/**
 * After a ProConnect sign-in with a SIRET: proposes the organization of the directory with that
 * SIRET (`pivot`). Nothing to propose (no such organization, already a member): straight on.
 * After joining (`?rejoint=<slug>`): says so, with the way on.
 */
export const load: PageServerLoad = async (event) => {
  const retour = safeReturnPath(event.url.searchParams.get('retour'), '/');
  if (!(await signedIn(event))) redirect(303, '/connexion?retour=' + encodeURIComponent(retour));
  const joined = event.url.searchParams.get('rejoint');
  if (joined) {
    const { organization } = await query(event, JOINED, { slug: joined.slice(0, 200) });
    if (!organization?.myRole) redirect(303, retour);
    return { joined: organization, organization: null, retour };
  }
  const { proConnectOrganization } = await query(event, PROPOSAL, {});
  if (!proConnectOrganization) redirect(303, retour);
  return { joined: null, organization: proConnectOrganization, retour };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const result = await mutate(event, JOIN, { input: { organizationId: String(data.get('organizationId') ?? '') } });
    if (!result.ok) return result.failure;
    const params = new URLSearchParams({
      rejoint: result.data.joinOrganizationBySiret.organization.slug,
      retour: safeReturnPath(event.url.searchParams.get('retour'), '/'),
    });
    redirect(303, `${event.url.pathname}?${params}`);
  },
};
