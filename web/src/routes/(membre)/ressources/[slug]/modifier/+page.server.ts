import { error, fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { formValues, mutate, query } from '$lib/server/forms';
import { readResourceForm } from '$lib/ressources/editor.server';
import type { Actions, PageServerLoad } from './$types';

const EDITED = graphql(`
  query RessourcesEdited($slug: String!) {
    resource(slug: $slug) {
      id
      slug
      title
      summary
      contentMarkdown
      kind
      licence
      visibility
      themes
      publics
      levels
      tags {
        label
      }
      base {
        id
      }
      authors {
        id
        displayName
      }
      authorOrganizations {
        id
        name
      }
      files {
        id
        name
        contentType
        size
      }
      links {
        url
        title
      }
      viewerCanEdit
    }
    resourceVocabulary {
      themes
      publics
    }
  }
`);
const MY_BASES = graphql(`
  query RessourcesMyBasesForEdit {
    myResourceBases {
      id
      name
    }
    myMemberships {
      organization {
        id
        name
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation RessourcesUpdate($id: ID!, $input: ResourceInput!, $versionNote: String!) {
    updateResource(id: $id, input: $input, versionNote: $versionNote) {
      slug
    }
  }
`);
const DELETE = graphql(`
  mutation RessourcesDelete($id: ID!) {
    deleteResource(id: $id)
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, bases] = await Promise.all([query(event, EDITED, { slug: event.params.slug }), api(event).query(MY_BASES, {}).toPromise()]);
  const resource = data.resource;
  if (!resource) error(404, { message: translate(event.locals.lang, 'ressources.notFound') });
  if (!resource.viewerCanEdit) error(403, { message: translate(event.locals.lang, 'ressources.forbiddenEdit') });
  const myBases = bases.data?.myResourceBases ?? [];
  // The editor's organizations, and those already credited (unticking one removes it).
  const organizations = [...resource.authorOrganizations];
  for (const { organization } of bases.data?.myMemberships ?? [])
    if (!organizations.some((known) => known.id === organization.id)) organizations.push(organization);
  return {
    organizations,
    resource,
    themes: data.resourceVocabulary.themes,
    publics: data.resourceVocabulary.publics,
    bases: myBases,
  };
};

export const actions: Actions = {
  save: async (event) => {
    const resource = await query(event, EDITED, { slug: event.params.slug });
    if (!resource.resource) error(404, { message: translate(event.locals.lang, 'ressources.notFound') });
    const { input, values, lists, uploadError, versionNote } = await readResourceForm(event);
    if (uploadError) return fail(400, { message: uploadError, fields: { fileIds: uploadError }, values, lists });
    const result = await mutate(event, UPDATE, { id: resource.resource.id, input, versionNote }, values);
    if (!result.ok) return fail(result.failure.status, { ...result.failure.data, lists });
    redirect(303, `/ressources/${result.data.updateResource.slug}?modifiee`);
  },
  delete: async (event) => {
    const values = formValues(await event.request.formData());
    if (values.confirm !== 'oui')
      return fail(400, { message: translate(event.locals.lang, 'ressources.deleteConfirm'), fields: {}, values });
    const result = await mutate(event, DELETE, { id: values.resourceId ?? '' }, values);
    if (!result.ok) return result.failure;
    redirect(303, '/ressources?supprimee');
  },
};
