import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { imageFields } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import { STAGES, commaList, decimal, parseImages, parseLinks, type Stage } from '$lib/projets';
import type { Actions, PageServerLoad } from './$types';

const PROJECT = graphql(`
  query EditProjectPage($slug: String!) {
    project(slug: $slug) {
      id
      slug
      title
      summary
      description
      essaimage
      stage
      tags
      tagList {
        slug
        label
      }
      commune
      departement
      latitude
      longitude
      canEdit
      links {
        label
        url
      }
      images {
        url
        alt
      }
      image {
        fileId
        thumbnailUrl
        alt
      }
      team {
        id
        role
        user {
          id
          displayName
        }
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateProjectPage($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      id
      slug
    }
  }
`);
const ADD_MEMBER = graphql(`
  mutation AddProjectTeamMemberPage($input: AddProjectTeamMemberInput!) {
    addProjectTeamMember(input: $input) {
      id
      user {
        displayName
      }
    }
  }
`);
const REMOVE_MEMBER = graphql(`
  mutation RemoveProjectTeamMemberPage($input: RemoveProjectTeamMemberInput!) {
    removeProjectTeamMember(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROJECT, { slug: event.params.slug });
  if (!data.project) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  if (!data.project.canEdit) error(403, { message: translate(event.locals.lang, 'projets.forbidden') });
  return { project: data.project };
};

export const actions: Actions = {
  save: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const image = await imageFields(event, data, values);
    if (image.error) return fail(400, { message: image.error, fields: { imageFileId: image.error } as Record<string, string>, values });
    const stage = ((STAGES as readonly string[]).includes(values.stage) ? values.stage : null) as Stage | null;
    const result = await mutate(
      event,
      UPDATE,
      {
        input: {
          projectId: values.projectId ?? '',
          title: values.title ?? '',
          summary: values.summary ?? '',
          description: values.description ?? '',
          essaimage: values.essaimage ?? '',
          stage,
          commune: values.commune || null,
          departement: values.departement || null,
          latitude: decimal(values.latitude),
          longitude: decimal(values.longitude),
          tags: commaList(values.tags),
          links: parseLinks(values.links),
          images: parseImages(values.images),
          ...image.input,
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { saved: true };
  },
  addMember: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      ADD_MEMBER,
      { input: { projectId: values.projectId ?? '', email: values.email ?? '', role: values.role || null } },
      values,
    );
    if (!result.ok) return result.failure;
    return { added: result.data.addProjectTeamMember.user.displayName };
  },
  removeMember: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      REMOVE_MEMBER,
      { input: { projectId: values.projectId ?? '', userId: values.userId ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { removed: true };
  },
};
