import { graphql } from '$lib/graphql';
import { query, queryLeavingOut } from '$lib/server/forms';
import { forMember } from '$lib/server/user';
import { DEFAULT_WEIGHTS, STAGES, commaList, type Stage } from '$lib/projets';
import type { PageServerLoad } from './$types';

const PROJECTS = graphql(`
  query ProjectList(
    $search: String
    $tags: [String!]
    $stages: [ProjectStage!]
    $preferredStage: ProjectStage
    $near: NearInput
    $seekingTesters: Boolean
    $weights: ProjectSearchWeights
    $after: String
  ) {
    projects(
      search: $search
      tags: $tags
      stages: $stages
      preferredStage: $preferredStage
      near: $near
      seekingTesters: $seekingTesters
      weights: $weights
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
          slug
          title
          summary
          stage
          tags
          tagList {
            slug
            label
          }
          commune
          departement
          distanceKm
          openCampaignCount
          score
          holder {
            name
          }
          coverImage {
            url
            alt
          }
        }
      }
    }
  }
`);

/** The weights of the URL (0–10), or the defaults of the API. */
const WEIGHT_PARAMS = { proximity: 'poids_proximite', tags: 'poids_themes', stage: 'poids_etape', recency: 'poids_nouveaute' } as const;

const MY_APPLICATIONS = graphql(`
  query MyTesterApplications {
    myCampaignApplications {
      id
      status
      campaign {
        id
        title
        phase
        project {
          title
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const weights = Object.fromEntries(
    Object.entries(WEIGHT_PARAMS).map(([key, param]) => {
      const value = Number(params.get(param));
      return [
        key,
        params.has(param) && Number.isInteger(value) && value >= 0 && value <= 10
          ? value
          : DEFAULT_WEIGHTS[key as keyof typeof DEFAULT_WEIGHTS],
      ];
    }),
  ) as typeof DEFAULT_WEIGHTS;
  const stages = params.getAll('etape').filter((stage): stage is Stage => (STAGES as readonly string[]).includes(stage));
  const preferred = params.get('preferee');
  const preferredStage = (STAGES as readonly string[]).includes(preferred ?? '') ? (preferred as Stage) : null;
  const lat = Number(params.get('lat'));
  const lng = Number(params.get('lng'));
  const near = params.get('lat') && params.get('lng') && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
  const filters = {
    search: params.get('q') ?? '',
    tags: params.get('themes') ?? '',
    stages,
    preferredStage,
    seekingTesters: params.get('testeurs') === '1',
    near,
    weights,
  };
  // A search or themes the API refuses (too long) are said next to their field, over all projects.
  const projects = queryLeavingOut(
    event,
    PROJECTS,
    {
      search: filters.search || null,
      tags: commaList(filters.tags),
      stages: stages.length ? stages : null,
      preferredStage,
      near,
      seekingTesters: filters.seekingTesters || null,
      weights,
      after: params.get('apres'),
    },
    ['search', 'tags'],
  );
  // A member's own applications, asked beside the list.
  const mine = forMember(event, async () => (await query(event, MY_APPLICATIONS, {})).myCampaignApplications, []);
  const [{ data, refused }, myApplications] = await Promise.all([projects, mine]);
  return { projects: data.projects, filters, errors: { search: refused.search ?? null, tags: refused.tags ?? null }, myApplications };
};
