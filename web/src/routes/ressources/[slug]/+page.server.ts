import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { formValues, mutate, query } from '$lib/server/forms';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const RESOURCE_PAGE = graphql(`
  query RessourcesResource($slug: String!) {
    resource(slug: $slug) {
      id
      slug
      title
      summary
      contentHtml
      kind
      licence
      licenceLabel
      licenceMeaning
      licenceUrl
      visibility
      themes
      publics
      levels
      tags {
        slug
        label
      }
      base {
        id
        slug
        name
      }
      authors {
        id
        displayName
        hasProfile
      }
      authorOrganizations {
        slug
        name
      }
      files {
        id
        name
        contentType
        size
        url
        thumbnailUrl
      }
      links {
        url
        title
      }
      versions {
        number
        note
        at
        author {
          id
          displayName
          hasProfile
        }
      }
      feedbackCount
      averageRating
      myFeedback {
        rating
        comment
      }
      citedBy {
        id
        title
        url
      }
      savedInMyCollections
      publishedAt
      updatedAt
      hiddenAt
      hiddenReason
      viewerCanEdit
    }
  }
`);

const FEEDBACK = graphql(`
  query RessourcesFeedback($resourceId: ID!) {
    resourceFeedback(resourceId: $resourceId, first: 20) {
      edges {
        node {
          id
          rating
          comment
          at
          author {
            id
            displayName
            hasProfile
          }
        }
      }
    }
  }
`);

const MY_COLLECTIONS = graphql(`
  query RessourcesMyCollectionsForSave {
    myResourceCollections {
      id
      title
    }
  }
`);

const ADD_FEEDBACK = graphql(`
  mutation RessourcesAddFeedback($resourceId: ID!, $rating: Int!, $comment: String) {
    addResourceFeedback(resourceId: $resourceId, rating: $rating, comment: $comment) {
      feedback {
        id
      }
    }
  }
`);

const SAVE = graphql(`
  mutation RessourcesSave($resourceId: ID!, $collectionId: ID, $newCollectionTitle: String) {
    saveResourceToCollection(resourceId: $resourceId, collectionId: $collectionId, newCollectionTitle: $newCollectionTitle) {
      id
      title
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, member] = await Promise.all([query(event, RESOURCE_PAGE, { slug: event.params.slug }), signedIn(event)]);
  if (!data.resource) error(404, { message: translate(event.locals.lang, 'ressources.notFound') });
  const [feedback, collections] = await Promise.all([
    api(event).query(FEEDBACK, { resourceId: data.resource.id }).toPromise(),
    member ? api(event).query(MY_COLLECTIONS, {}).toPromise() : null,
  ]);
  return {
    resource: data.resource,
    feedback: feedback.data?.resourceFeedback.edges.map((edge) => edge.node) ?? [],
    collections: collections?.data?.myResourceCollections ?? [],
  };
};

export const actions: Actions = {
  feedback: async (event) => {
    const values = formValues(await event.request.formData());
    const resourceId = values.resourceId ?? '';
    const result = await mutate(
      event,
      ADD_FEEDBACK,
      { resourceId, rating: Number(values.rating) || 0, comment: values.comment?.trim() || null },
      values,
    );
    if (!result.ok) return result.failure;
    return { feedbackSaved: true };
  },
  save: async (event) => {
    const values = formValues(await event.request.formData());
    const newTitle = values.newCollectionTitle?.trim();
    const result = await mutate(
      event,
      SAVE,
      {
        resourceId: values.resourceId ?? '',
        collectionId: newTitle ? null : values.collectionId || null,
        newCollectionTitle: newTitle || null,
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { savedTo: result.data.saveResourceToCollection.title };
  },
};
