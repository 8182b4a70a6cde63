import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const MINE = graphql(`
  query RessourcesMyCollections {
    myResourceCollections {
      id
      slug
      title
      description
      visibility
      resourceCount
      sharedUrl
    }
  }
`);

const CREATE = graphql(`
  mutation RessourcesCreateCollection($title: String!, $description: String, $visibility: CollectionVisibility) {
    createResourceCollection(title: $title, description: $description, visibility: $visibility) {
      id
      slug
    }
  }
`);
const DELETE = graphql(`
  mutation RessourcesDeleteCollection($id: ID!) {
    deleteResourceCollection(id: $id)
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MINE, {});
  return { collections: data.myResourceCollections };
};

export const actions: Actions = {
  create: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CREATE,
      {
        title: values.title ?? '',
        description: values.description?.trim() || null,
        visibility: values.visibility === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE',
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { created: true };
  },
  delete: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, DELETE, { id: values.id ?? '' }, values);
    if (!result.ok) return result.failure;
    return { deleted: true };
  },
};
