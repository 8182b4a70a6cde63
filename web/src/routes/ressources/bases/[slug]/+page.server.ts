import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { RESOURCE_SUMMARY } from '$lib/ressources/fields';
import type { Actions, PageServerLoad } from './$types';

const BASE = graphql(
  `
    query RessourcesBase($slug: String!, $after: String) {
      resourceBase(slug: $slug) {
        id
        slug
        name
        description
        organization {
          name
          slug
        }
        followedByMe
        viewerCanManage
        resources(first: 20, after: $after) {
          totalCount
          totalCountCapped
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              ...ResourceSummaryFields
            }
          }
        }
      }
    }
  `,
  [RESOURCE_SUMMARY],
);

const FOLLOW = graphql(`
  mutation RessourcesFollowBase($baseId: ID!) {
    followResourceBase(baseId: $baseId) {
      id
      followedByMe
    }
  }
`);
const UNFOLLOW = graphql(`
  mutation RessourcesUnfollowBase($baseId: ID!) {
    unfollowResourceBase(baseId: $baseId) {
      id
      followedByMe
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, BASE, { slug: event.params.slug, after: event.url.searchParams.get('apres') });
  if (!data.resourceBase) error(404, { message: translate(event.locals.lang, 'ressources.base.notFound') });
  return { base: data.resourceBase };
};

export const actions: Actions = {
  follow: async (event) => {
    const values = formValues(await event.request.formData());
    const result =
      values.follow === 'true'
        ? await mutate(event, FOLLOW, { baseId: values.baseId ?? '' }, values)
        : await mutate(event, UNFOLLOW, { baseId: values.baseId ?? '' }, values);
    if (!result.ok) return result.failure;
    return { followed: values.follow === 'true' };
  },
};
