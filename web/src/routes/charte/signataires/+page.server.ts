import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const SIGNATORIES = graphql(`
  query CharterSignatoriesPage($after: String, $search: String, $departement: String, $kind: SignerKind, $versionNumber: Int) {
    charter {
      number
    }
    charterSignatories(first: 30, after: $after, search: $search, departement: $departement, kind: $kind, versionNumber: $versionNumber) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          name
          signer {
            id
            displayName
            hasProfile
          }
          organizationName
          departement
          versionNumber
          signedCurrentVersion
          signedAt
        }
      }
      byDepartement {
        departement
        count
      }
      byKind {
        kind
        count
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const type = params.get('type');
  const kind: 'PERSON' | 'ORGANIZATION' | null = type === 'PERSON' || type === 'ORGANIZATION' ? type : null;
  const version = Number(params.get('version'));
  const filters = {
    search: params.get('recherche')?.trim() || null,
    departement: params.get('departement')?.trim() || null,
    kind,
    versionNumber: Number.isInteger(version) && version > 0 ? version : null,
  };
  const data = await query(event, SIGNATORIES, { ...filters, after: params.get('apres') });
  return { signatories: data.charterSignatories, currentVersion: data.charter?.number ?? null, filters };
};
