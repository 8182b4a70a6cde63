import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const TAG_PAGE = graphql(`
  query EntraideTag($slug: String!, $after: String) {
    tag(slug: $slug) {
      slug
      label
      questionCount
      followerCount
      followedByMe
    }
    questions(tag: $slug, first: 20, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          excerpt
          score
          answerCount
          acceptedAnswerId
          createdAt
          tags {
            slug
            label
          }
          author {
            id
            displayName
            hasProfile
          }
          duplicateOf {
            id
          }
        }
      }
    }
    experts(tag: $slug, first: 5) {
      totalCount
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
const FOLLOW_TAG = graphql(`
  mutation EntraideFollowTag($input: FollowTagInput!) {
    followTag(input: $input) {
      slug
      followedByMe
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, me] = await Promise.all([
    query(event, TAG_PAGE, { slug: event.params.slug, after: event.url.searchParams.get('apres') }),
    signedIn(event),
  ]);
  if (!data.tag) error(404, { message: translate(event.locals.lang, 'entraide.tagNotFound') });
  return { tag: data.tag, questions: data.questions, experts: data.experts, signedIn: !!me };
};

export const actions: Actions = {
  follow: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, FOLLOW_TAG, { input: { tag: event.params.slug, follow: values.follow === 'true' } }, values);
    if (!result.ok) return result.failure;
    return { followed: result.data.followTag.followedByMe };
  },
};
