import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { problemFrom } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PEOPLE = graphql(`
  query ReseauPeople($first: Int, $after: String, $search: String, $tag: String, $departement: String, $near: DirectoryNearInput) {
    people(first: $first, after: $after, search: $search, tag: $tag, departement: $departement, near: $near) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          displayName
          metier
          commune
          expertiseTags
          skills {
            slug
            label
          }
          distanceKm
          organizations {
            role
            organization {
              id
              name
              slug
            }
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const commune = params.get('autour')?.trim() || null;
  const result = await api(event)
    .query(PEOPLE, {
      first: 20,
      after: params.get('apres') || null,
      search: params.get('q')?.trim() || null,
      tag: params.get('competence')?.trim() || null,
      departement: params.get('dep')?.trim() || null,
      near: commune ? { commune, radiusKm: Number(params.get('rayon') ?? 20) || 20 } : null,
    })
    .toPromise();
  const problem = result.error ? problemFrom(event, result.error, {}) : null;
  return { people: result.data?.people ?? null, problem: problem ? { message: problem.message, fields: problem.fields } : null };
};
