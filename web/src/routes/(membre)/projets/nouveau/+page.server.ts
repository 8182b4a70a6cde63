import { fail, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { imageFields } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import { STAGES, commaList, decimal, parseImages, parseLinks, type Stage } from '$lib/projets';
import type { Actions, PageServerLoad } from './$types';

const MY_ORGANIZATIONS = graphql(`
  query ProjectHolders {
    myMemberships {
      id
      role
      organization {
        id
        name
      }
    }
  }
`);

const CREATE_PROJECT = graphql(`
  mutation CreateProjectPage($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      slug
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_ORGANIZATIONS, {});
  const holders = data.myMemberships.filter((m) => m.role === 'ADMIN' || m.role === 'EDITOR').map((m) => m.organization);
  return { holders };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const image = await imageFields(event, data, values);
    if (image.error) return fail(400, { message: image.error, fields: { imageFileId: image.error } as Record<string, string>, values });
    const stage = ((STAGES as readonly string[]).includes(values.stage) ? values.stage : 'IDEE') as Stage;
    const result = await mutate(
      event,
      CREATE_PROJECT,
      {
        input: {
          holderId: values.holderId ?? '',
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
    redirect(303, `/projets/${result.data.createProject.slug}`);
  },
};
