import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const TAGS = graphql(`
  query EntraideWhoKnowsTags {
    tags(first: 20) {
      edges {
        node {
          slug
          label
          questionCount
        }
      }
    }
  }
`);
const EXPERTS = graphql(`
  query EntraideExperts($tag: String!, $departement: String, $after: String) {
    tag(slug: $tag) {
      slug
      label
    }
    experts(tag: $tag, departement: $departement, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          distanceKm
          member {
            id
            displayName
            metier
            commune
            departement
          }
          expertise {
            score
            acceptedAnswers
            upVotes
            answers
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const tag = params.get('mot-cle')?.trim() ?? '';
  const departement = params.get('departement')?.trim() ?? '';
  const { tags } = await query(event, TAGS, {});
  const filters = { tag, departement };
  if (!tag) return { tags: tags.edges.map((edge) => edge.node), filters, ranking: null, problem: null };
  // A wrong département is said next to its field, not as an error page.
  const result = await api(event)
    .query(EXPERTS, { tag, departement: departement || null, after: params.get('apres') })
    .toPromise();
  const error = result.error?.graphQLErrors[0];
  return {
    tags: tags.edges.map((edge) => edge.node),
    filters,
    ranking: result.data ? { tag: result.data.tag, experts: result.data.experts } : null,
    problem: error ? { message: error.message, fields: (error.extensions?.fields as Record<string, string> | undefined) ?? {} } : null,
  };
};
