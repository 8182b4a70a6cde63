import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PAGE = graphql(`
  query FederationPage($after: String) {
    federationStatus {
      enabled
      host
    }
    remoteEvents(first: 20, after: $after) {
      id
      name
      content
      startsAt
      endsAt
      location
      url
      actorName
      actorHandle
      cursor
    }
  }
`);

const MY_ORGANIZATIONS = graphql(`
  query FederationMyOrganizations {
    myMemberships {
      role
      organization {
        id
        name
        slug
      }
    }
  }
`);

const FOLLOWINGS = graphql(`
  query FederationFollowings($organizationId: ID!) {
    remoteFollowings(organizationId: $organizationId) {
      id
      handle
      name
      accepted
    }
  }
`);

const FOLLOW = graphql(`
  mutation FederationFollow($input: FollowRemoteActorInput!) {
    followRemoteActor(input: $input) {
      id
    }
  }
`);

const UNFOLLOW = graphql(`
  mutation FederationUnfollow($id: ID!) {
    unfollowRemoteActor(id: $id)
  }
`);

/** The events received from other instances; for an organization's admins, whom it follows and the form to follow more. */
export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  const after = event.url.searchParams.get('apres')?.slice(0, 2100) || null;
  const page = await query(event, PAGE, { after });
  const memberships = me ? (await query(event, MY_ORGANIZATIONS, {})).myMemberships : [];
  // An admin belongs to a handful of organizations: one small query each.
  const administered = memberships.filter((membership) => membership.role === 'ADMIN').map((membership) => membership.organization);
  const organizations = await Promise.all(
    administered.map(async (organization) => ({
      ...organization,
      followings: (await query(event, FOLLOWINGS, { organizationId: organization.id })).remoteFollowings,
    })),
  );
  return { status: page.federationStatus, events: page.remoteEvents, organizations, signedIn: Boolean(me) };
};

export const actions: Actions = {
  follow: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      FOLLOW,
      { input: { organizationId: values.organizationId ?? '', handle: values.handle ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { followed: true };
  },
  unfollow: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UNFOLLOW, { id: values.id ?? '' }, values);
    if (!result.ok) return result.failure;
    return { unfollowed: true };
  },
};
