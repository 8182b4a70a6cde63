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
      encoding
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
      notedRows {
        line
        name
        notes
      }
    }
  }
`);

/** UTF-8 goes as text; other bytes (a spreadsheet saved in windows-1252…) in base64, for the server to detect their encoding. */
async function fileContent(file: File): Promise<{ content: string } | { contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { content: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { contentBase64: Buffer.from(bytes).toString('base64') };
  }
}

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
    // No file chosen (an empty file that has a name goes to the server, which says it is empty).
    if (!(file instanceof File) || (file.size === 0 && !file.name)) {
      const fields: Record<string, string> = { file: translate(event.locals.lang, 'reseau.import.empty') };
      return fail(400, { message: fields.file, fields, values });
    }
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : file.name.toLowerCase().endsWith('.csv') ? 'csv' : null;
    const result = await mutate(event, IMPORT, { input: { ...(await fileContent(file)), format, networkId } }, values);
    if (!result.ok) return result.failure;
    return { report: result.data.importPlaces };
  },
};
