import { graphql } from '$lib/graphql';
import { apiFetch } from '$lib/server/api';
import { query } from '$lib/server/forms';
import type { ImportJob } from '$lib/reseau/import';
import type { PageServerLoad } from './$types';

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

/**
 * The file is not sent to this page: the form posts it to the API's own route (`/api/reseau/import`,
 * server/src/modules/reseau/import.http.ts), which takes big files and sends the browser back here with
 * `?import=<id>` (or `?erreur=<code>`). This page shows that import: its progress, then its row report.
 */
const IMPORT_PATH = '/api/reseau/import';
const ERRORS = new Set(['trop-gros', 'interdit', 'en-cours', 'fichier', 'illisible', 'reseau', 'source', 'origine', 'connexion']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The page lists every rejected row and the first imported ones; the CSV report has them all. */
const REJECTED_SHOWN = 1000;
const IMPORTED_SHOWN = 300;

export const load: PageServerLoad = async (event) => {
  const data = await query(event, MY_NETWORKS, {});
  const networks = data.myMemberships.filter((m) => m.role === 'ADMIN' && m.organization.kind === 'RESEAU').map((m) => m.organization);
  const limit = await apiFetch(event, IMPORT_PATH).then((response) =>
    response.ok ? (response.json() as Promise<{ maxBytes: number }>) : null,
  );
  const maxBytes = limit?.maxBytes ?? 50 * 1024 * 1024;

  const id = event.url.searchParams.get('import');
  let job: ImportJob | null = null;
  let gone = false;
  if (id && UUID.test(id)) {
    const response = await apiFetch(event, `${IMPORT_PATH}/${id}`, { headers: { accept: 'application/json' } });
    if (response.ok) job = (await response.json()) as ImportJob;
    else gone = true;
  }
  const rows = job?.report?.rows ?? [];
  const rejected = rows.filter((row) => row.outcome === 'rejected');
  const imported = rows.filter((row) => row.outcome !== 'rejected');
  const code = event.url.searchParams.get('erreur');
  const networkParam = event.url.searchParams.get('reseau');
  return {
    networks,
    maxBytes,
    job: job && { ...job, report: job.report && { ...job.report, rows: [] } },
    rejectedRows: rejected.slice(0, REJECTED_SHOWN),
    importedRows: imported.slice(0, IMPORTED_SHOWN),
    notShown: Math.max(0, rejected.length - REJECTED_SHOWN) + Math.max(0, imported.length - IMPORTED_SHOWN),
    gone,
    error: code && ERRORS.has(code) ? code : null,
    // The network and the source chosen for the last import stay chosen for the next one.
    networkId: job?.networkId ?? (networkParam && UUID.test(networkParam) ? networkParam : ''),
    source: job?.source ?? '',
  };
};
