import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { formValues, mutate, problemFrom, query, type FormProblem } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Members shown at once: "Afficher plus de membres" gives the next ones (a keyset page, never an offset). */
const MEMBERS_PER_PAGE = 30;
/** Requests to join shown at once to the admins, oldest first: "Afficher plus de demandes" gives the next ones. */
const REQUESTS_PER_PAGE = 20;

const ORGANIZATION = graphql(`
  query OrganizationPage($slug: String!, $first: Int!, $after: String, $requestsFirst: Int!, $requestsAfter: String) {
    organization(slug: $slug) {
      id
      name
      slug
      kind
      commune
      presentationResume
      updatedAt
      logoUrl
      logo {
        url
        alt
      }
      siteWeb
      timeZone
      myRole
      myMembershipRequest {
        id
        status
        createdAt
        decidedAt
        askAgainFrom
      }
      membershipRequests(first: $requestsFirst, after: $requestsAfter) {
        totalCount
        totalCountCapped
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            createdAt
            message
            user {
              id
              displayName
              status
              metier
            }
          }
        }
      }
      members(first: $first, after: $after) {
        totalCount
        totalCountCapped
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            role
            user {
              id
              displayName
              status
              metier
            }
          }
        }
      }
    }
  }
`);

/**
 * The people directory searched by name only (one keyset page), for an admin looking for someone to add: "Nantes"
 * finds a Nantes among the names, not everyone who lives there (`search` would also read the commune and the skills).
 */
const CANDIDATES = graphql(`
  query OrganizationCandidates($name: String!, $first: Int, $after: String) {
    people(name: $name, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          displayName
          metier
          commune
          organizations {
            organization {
              id
            }
          }
        }
      }
    }
  }
`);

const CREATE_MANAGED = graphql(`
  mutation CreateManagedAccount($input: CreateManagedAccountInput!) {
    createManagedAccount(input: $input) {
      message
      displayName
      email
      expiresAt
    }
  }
`);

const ADD_MEMBER = graphql(`
  mutation AddOrganizationMember($input: MemberInput!) {
    addMember(input: $input) {
      id
      role
      user {
        id
        displayName
      }
    }
  }
`);

const SET_MEMBER_ROLE = graphql(`
  mutation SetOrganizationMemberRole($input: SetMemberRoleInput!) {
    setMemberRole(input: $input) {
      id
      role
      user {
        id
        displayName
      }
    }
  }
`);

const ASK_TO_JOIN = graphql(`
  mutation AskToJoinOrganization($input: AskToJoinOrganizationInput!) {
    askToJoinOrganization(input: $input) {
      id
      status
    }
  }
`);

const WITHDRAW_REQUEST = graphql(`
  mutation WithdrawMembershipRequest($input: WithdrawMembershipRequestInput!) {
    withdrawMembershipRequest(input: $input) {
      id
      status
    }
  }
`);

const DECIDE_REQUEST = graphql(`
  mutation DecideMembershipRequest($input: DecideMembershipRequestInput!) {
    decideMembershipRequest(input: $input) {
      id
      status
    }
  }
`);

const REMOVE_MEMBER = graphql(`
  mutation RemoveOrganizationMember($input: RemoveMemberInput!) {
    removeMember(input: $input)
  }
`);

const ROLES = ['MEMBER', 'EDITOR', 'ADMIN'] as const;
type Role = (typeof ROLES)[number];
const roleOf = (value: string | undefined): Role | null => ROLES.find((role) => role === value) ?? null;

/** The words typed in the "add a member" search, within the API's bound for a string. */
const SEARCH_MAX = 200;

async function candidates(event: RequestEvent, search: string) {
  if (search.length > SEARCH_MAX) {
    return { people: null, problem: translate(event.locals.lang, 'org.members.searchTooLong', { max: SEARCH_MAX }) };
  }
  const result = await api(event)
    .query(CANDIDATES, { name: search, first: 20, after: event.url.searchParams.get('apres') || null })
    .toPromise();
  if (result.error || !result.data) return { people: null, problem: problemFrom(event, result.error, {}).message };
  return { people: result.data.people, problem: null };
}

export const load: PageServerLoad = async (event) => {
  const search = event.url.searchParams.get('personne')?.trim() ?? '';
  // The search is public (the people directory): asked beside the page, shown to the place's admins only.
  const [data, found] = await Promise.all([
    query(event, ORGANIZATION, {
      slug: event.params.slug,
      first: MEMBERS_PER_PAGE,
      after: event.url.searchParams.get('membres') || null,
      requestsFirst: REQUESTS_PER_PAGE,
      requestsAfter: event.url.searchParams.get('demandes') || null,
    }),
    search ? candidates(event, search) : Promise.resolve(null),
  ]);
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  const admin = data.organization.myRole === 'ADMIN';
  return { organization: data.organization, search, candidates: admin ? found : null };
};

/** A failed change of one member: the API's sentence, shown next to that member (or that person of the search). */
function failedFor(failure: { status: number; data: { message: string } }, action: string, userId: string, values: Record<string, string>) {
  return fail(failure.status, { action, userId, message: failure.data.message, values });
}

/** A failed form of this page, marked with its `action` (and the request it was about) so only that form shows the API's sentence. */
function failedAs(action: string, failure: { status: number; data: FormProblem }, requestId = '') {
  return fail(failure.status, { ...failure.data, action, requestId });
}

export const actions: Actions = {
  askToJoin: async (event) => {
    const values = formValues(await event.request.formData());
    const input = { organizationId: values.organizationId ?? '', message: values.message?.trim() || null };
    const result = await mutate(event, ASK_TO_JOIN, { input }, values);
    if (!result.ok) return failedAs('join', result.failure);
    return { asked: true };
  },

  withdrawRequest: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, WITHDRAW_REQUEST, { input: { requestId: values.requestId ?? '' } }, values);
    if (!result.ok) return failedAs('withdraw', result.failure);
    return { withdrawn: true };
  },

  decideRequest: async (event) => {
    const values = formValues(await event.request.formData());
    const requestId = values.requestId ?? '';
    if (values.decision !== 'accept' && values.decision !== 'decline') {
      return fail(400, { action: 'decide', requestId, message: translate(event.locals.lang, 'org.requests.choose'), values });
    }
    const accept = values.decision === 'accept';
    const result = await mutate(event, DECIDE_REQUEST, { input: { requestId, accept } }, values);
    if (!result.ok) return failedAs('decide', result.failure, requestId);
    // The name is the one the page showed, as for a removal.
    return { decided: { accepted: accept, name: (values.displayName ?? '').slice(0, 200) } };
  },

  managedAccount: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CREATE_MANAGED,
      { input: { organizationId: values.organizationId ?? '', displayName: values.displayName ?? '', email: values.email ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { created: result.data.createManagedAccount };
  },

  addMember: async (event) => {
    const values = formValues(await event.request.formData());
    const userId = values.userId ?? '';
    const role = roleOf(values.role) ?? 'MEMBER';
    const result = await mutate(event, ADD_MEMBER, { input: { organizationId: values.organizationId ?? '', userId, role } }, values);
    if (!result.ok) return failedFor(result.failure, 'add', userId, values);
    return { added: { userId, name: result.data.addMember.user.displayName } };
  },

  setRole: async (event) => {
    const values = formValues(await event.request.formData());
    const userId = values.userId ?? '';
    const role = roleOf(values.role);
    if (!role) return fail(400, { action: 'role', userId, message: translate(event.locals.lang, 'org.members.chooseRole'), values });
    const result = await mutate(event, SET_MEMBER_ROLE, { input: { organizationId: values.organizationId ?? '', userId, role } }, values);
    if (!result.ok) return failedFor(result.failure, 'role', userId, values);
    const membership = result.data.setMemberRole;
    return { roleSet: { userId, name: membership.user.displayName, role: membership.role } };
  },

  removeMember: async (event) => {
    const values = formValues(await event.request.formData());
    const userId = values.userId ?? '';
    const result = await mutate(event, REMOVE_MEMBER, { input: { organizationId: values.organizationId ?? '', userId } }, values);
    if (!result.ok) return failedFor(result.failure, 'remove', userId, values);
    // The name is the one the page showed: the membership is gone, nothing left to read it from.
    return { removed: { userId, name: (values.displayName ?? '').slice(0, 200), self: values.self === 'oui' } };
  },
};
