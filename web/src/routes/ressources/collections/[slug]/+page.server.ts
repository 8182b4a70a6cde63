import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { RESOURCE_SUMMARY } from '$lib/ressources/fields';
import type { Actions, PageServerLoad } from './$types';

const COLLECTION = graphql(
  `
    query RessourcesCollection($slug: String!, $token: String, $after: String) {
      resourceCollection(slug: $slug, token: $token) {
        id
        slug
        title
        description
        visibility
        sharedUrl
        viewerIsOwner
        owner {
          displayName
        }
        resourceCount
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

const REMOVE = graphql(`
  mutation RessourcesRemoveFromCollection($resourceId: ID!, $collectionId: ID!) {
    removeResourceFromCollection(resourceId: $resourceId, collectionId: $collectionId) {
      id
      resourceCount
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const token = event.url.searchParams.get('cle')?.slice(0, 100) || null;
  const data = await query(event, COLLECTION, { slug: event.params.slug, token, after: event.url.searchParams.get('apres') });
  if (!data.resourceCollection) error(404, { message: translate(event.locals.lang, 'ressources.collections.notFound') });
  return { collection: data.resourceCollection };
};

export const actions: Actions = {
  remove: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, REMOVE, { resourceId: values.resourceId ?? '', collectionId: values.collectionId ?? '' }, values);
    if (!result.ok) return result.failure;
    return { removed: true };
  },
};
