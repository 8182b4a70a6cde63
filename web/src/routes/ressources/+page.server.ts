import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { query } from '$lib/server/forms';
import { RESOURCE_SUMMARY } from '$lib/ressources/fields';
import { KIND_VALUES, LEVELS, LICENCE_VALUES, oneOf } from '$lib/ressources/format';
import type { PageServerLoad } from './$types';

const RESOURCES = graphql(
  `
    query RessourcesList(
      $search: String
      $theme: String
      $public: String
      $level: Int
      $kind: ResourceKind
      $licence: ResourceLicence
      $baseSlug: String
      $after: String
    ) {
      resources(
        search: $search
        theme: $theme
        public: $public
        level: $level
        kind: $kind
        licence: $licence
        baseSlug: $baseSlug
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
            ...ResourceSummaryFields
          }
        }
      }
    }
  `,
  [RESOURCE_SUMMARY],
);

const VOCABULARY = graphql(`
  query RessourcesVocabulary {
    resourceVocabulary {
      themes
      publics
    }
  }
`);

const BASE_NAME = graphql(`
  query RessourcesBaseName($slug: String!) {
    resourceBase(slug: $slug) {
      name
      slug
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const text = (name: string, max = 200) => params.get(name)?.trim().slice(0, max) || null;
  const levelNumber = Number(params.get('niveau'));
  const filters = {
    q: text('q') ?? '',
    theme: text('theme') ?? '',
    public: text('public') ?? '',
    niveau: (LEVELS as readonly number[]).includes(levelNumber) ? levelNumber : null,
    type: oneOf(KIND_VALUES, params.get('type')),
    licence: oneOf(LICENCE_VALUES, params.get('licence')),
    base: text('base', 140) ?? '',
  };
  const [vocabulary, data, base] = await Promise.all([
    query(event, VOCABULARY, {}),
    query(event, RESOURCES, {
      search: filters.q || null,
      theme: filters.theme || null,
      public: filters.public || null,
      level: filters.niveau,
      kind: filters.type,
      licence: filters.licence,
      baseSlug: filters.base || null,
      after: params.get('apres'),
    }),
    filters.base ? api(event).query(BASE_NAME, { slug: filters.base }).toPromise() : null,
  ]);
  return {
    resources: data.resources,
    themes: vocabulary.resourceVocabulary.themes,
    publics: vocabulary.resourceVocabulary.publics,
    baseName: base?.data?.resourceBase?.name ?? null,
    filters,
  };
};
