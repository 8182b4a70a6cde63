import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { formValues, mutate, query } from '$lib/server/forms';
import { signedIn, type SignedInUser } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const TAGS = graphql(`
  query EntraideWhoKnowsTags {
    tags(first: 20) {
      edges {
        node {
          slug
          label
          questionCount
        }
      }
    }
  }
`);
const EXPERTS = graphql(`
  query EntraideExperts($tag: String!, $departement: String, $after: String) {
    tag(slug: $tag) {
      slug
      label
    }
    experts(tag: $tag, departement: $departement, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          distanceKm
          member {
            id
            displayName
            hasProfile
            metier
            commune
            departement
          }
          expertise {
            score
            acceptedAnswers
            upVotes
            answers
          }
        }
      }
    }
  }
`);

const MY_QUESTIONS = graphql(`
  query EntraideMyOpenQuestions($authorId: ID!) {
    questions(authorId: $authorId, accepted: false, first: 20) {
      edges {
        node {
          id
          title
          duplicateOf {
            id
          }
        }
      }
    }
  }
`);
const INVITE = graphql(`
  mutation EntraideInviteExpert($input: InviteExpertsInput!) {
    inviteExperts(input: $input) {
      id
      title
    }
  }
`);

/** My questions still waiting for an answer I accept: what "Qui sait ?" can invite an expert to. */
async function myOpenQuestions(event: Parameters<PageServerLoad>[0], me: SignedInUser | null) {
  if (!me) return [];
  const { questions } = await query(event, MY_QUESTIONS, { authorId: me.id });
  return questions.edges.map((edge) => edge.node).filter((question) => !question.duplicateOf);
}

export const actions: Actions = {
  invite: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      INVITE,
      { input: { questionId: values.questionId ?? '', memberIds: [values.memberId ?? ''] } },
      values,
    );
    if (!result.ok) return result.failure;
    return {
      invited: { memberId: values.memberId ?? '', questionId: result.data.inviteExperts.id, title: result.data.inviteExperts.title },
    };
  },
};

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const tag = params.get('mot-cle')?.trim() ?? '';
  const departement = params.get('departement')?.trim() ?? '';
  const [{ tags }, me] = await Promise.all([query(event, TAGS, {}), signedIn(event)]);
  const filters = { tag, departement };
  if (!tag) return { tags: tags.edges.map((edge) => edge.node), filters, ranking: null, problem: null, myQuestions: [], meId: null };
  // A wrong département is said next to its field, not as an error page.
  const [result, myQuestions] = await Promise.all([
    api(event)
      .query(EXPERTS, { tag, departement: departement || null, after: params.get('apres') })
      .toPromise(),
    myOpenQuestions(event, me),
  ]);
  const error = result.error?.graphQLErrors[0];
  return {
    tags: tags.edges.map((edge) => edge.node),
    filters,
    ranking: result.data ? { tag: result.data.tag, experts: result.data.experts } : null,
    problem: error ? { message: error.message, fields: (error.extensions?.fields as Record<string, string> | undefined) ?? {} } : null,
    myQuestions,
    meId: me?.id ?? null,
  };
};
