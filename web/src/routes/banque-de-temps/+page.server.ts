import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const TIMEBANK_HOME = graphql(`
  query TimebankHome($search: String, $kind: TimebankPostKind, $category: TimebankCategory, $departement: String, $after: String) {
    timebankPosts(search: $search, kind: $kind, category: $category, departement: $departement, first: 20, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          category
          tags
          tagList {
            slug
            label
          }
          commune
          departement
          availability
          hidden
          author {
            id
            displayName
            hasProfile
          }
        }
      }
    }
    ledgerStats {
      membersExchangedThisMonth
      minutesExchangedThisMonth
      topTenPercentShare
      poolBalanceMinutes
      sumOfBalancesMinutes
    }
  }
`);

const KINDS = ['OFFER', 'REQUEST'] as const;
const CATEGORIES = ['FORMATION', 'MATERIEL', 'USAGES', 'DEMARCHES', 'COMMUNICATION', 'ANIMATION', 'AUTRE'] as const;

/** Offers and requests with the filters of the address bar (so a search can be shared), and the public figures. */
export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const kind = KINDS.find((k) => k === params.get('type')) ?? null;
  const category = CATEGORIES.find((c) => c === params.get('categorie')) ?? null;
  const filters = {
    search: params.get('recherche')?.trim() || null,
    kind,
    category,
    departement: params.get('departement')?.trim() || null,
  };
  const data = await query(event, TIMEBANK_HOME, { ...filters, after: params.get('apres') });
  return { posts: data.timebankPosts, stats: data.ledgerStats, filters };
};
