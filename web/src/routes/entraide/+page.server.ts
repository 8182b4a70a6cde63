import { graphql } from '$lib/graphql';
import { queryLeavingOut } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const QUESTIONS = graphql(`
  query EntraideQuestions(
    $search: String
    $tag: String
    $departement: String
    $unanswered: Boolean
    $accepted: Boolean
    $sort: QuestionSort
    $after: String
  ) {
    questions(
      search: $search
      tag: $tag
      departement: $departement
      unanswered: $unanswered
      accepted: $accepted
      sort: $sort
      first: 20
      after: $after
    ) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          excerpt
          score
          answerCount
          acceptedAnswerId
          createdAt
          tags {
            slug
            label
          }
          author {
            id
            displayName
            hasProfile
          }
          duplicateOf {
            id
          }
        }
      }
    }
    tags(first: 12) {
      edges {
        node {
          slug
          label
        }
      }
    }
  }
`);

/** URL words (French, shareable) ↔ API sorts. */
const SORTS = { pertinence: 'RELEVANCE', recentes: 'RECENT', actives: 'ACTIVE', votes: 'VOTES' } as const;

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const search = params.get('q')?.trim() || null;
  const tag = params.get('mot-cle')?.trim() || null;
  const departement = params.get('departement')?.trim() || null;
  const statut = params.get('statut') ?? 'toutes';
  const tri = params.get('tri') as keyof typeof SORTS | null;
  // A search, keyword or département the API refuses (too long, unknown) is said next to its field, over all questions.
  const { data, refused } = await queryLeavingOut(
    event,
    QUESTIONS,
    {
      search,
      tag,
      departement,
      unanswered: statut === 'sans-reponse' ? true : null,
      accepted: statut === 'resolues' ? true : null,
      sort: tri && tri in SORTS ? SORTS[tri] : null,
      after: params.get('apres'),
    },
    ['search', 'tag', 'departement'],
  );
  return {
    questions: data.questions,
    popularTags: data.tags.edges.map((edge) => edge.node),
    errors: { q: refused.search ?? null, tag: refused.tag ?? null, departement: refused.departement ?? null },
    filters: {
      q: search ?? '',
      tag: tag ?? '',
      departement: departement ?? '',
      statut,
      tri: tri && tri in SORTS ? tri : search && !refused.search ? 'pertinence' : 'recentes',
    },
  };
};
