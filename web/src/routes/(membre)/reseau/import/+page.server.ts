import { fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const MY_NETWORKS = graphql(`
  query ReseauImportNetworks {
    myMemberships {
      role
      organization {
        id
        name
        kind
      }
    }
  }
`);

const IMPORT = graphql(`
  mutation ReseauImportPlaces($input: ImportPlacesInput!) {
    importPlaces(input: $input) {
      format
      v0Rows
      total
      created
      updated
      unchanged
      rejected
      rejectedRows {
        line
        name
        reasons
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_NETWORKS, {});
  const networks = data.myMemberships.filter((m) => m.role === 'ADMIN' && m.organization.kind === 'RESEAU').map((m) => m.organization);
  return { networks };
};

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const file = data.get('file');
    const networkId = String(data.get('networkId') ?? '') || null;
    const values = { networkId: networkId ?? '' };
    if (!(file instanceof File) || file.size === 0) {
      const fields: Record<string, string> = { file: translate(event.locals.lang, 'reseau.import.empty') };
      return fail(400, { message: fields.file, fields, values });
    }
    const content = await file.text();
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : file.name.toLowerCase().endsWith('.csv') ? 'csv' : null;
    const result = await mutate(event, IMPORT, { input: { content, format, networkId } }, values);
    if (!result.ok) return result.failure;
    return { report: result.data.importPlaces };
  },
};
