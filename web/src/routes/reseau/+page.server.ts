import { graphql } from '$lib/graphql';
import { api } from '$lib/server/api';
import { problemFrom, query } from '$lib/server/forms';
import { LIST_FILTERS } from '$lib/reseau/filters';
import type { PageServerLoad } from './$types';

const DIRECTORY = graphql(`
  query ReseauDirectory(
    $first: Int
    $after: String
    $search: String
    $kind: OrganizationKind
    $departement: String
    $near: DirectoryNearInput
    $openNow: Boolean
    $services: [String!]
    $publicsSpecifiquementAdresses: [String!]
    $priseEnChargeSpecifique: [String!]
    $fraisACharge: [String!]
    $modalitesAccompagnement: [String!]
    $dispositifProgrammesNationaux: [String!]
    $formationsLabels: [String!]
    $itinerance: [String!]
    $typologie: [String!]
  ) {
    organizations(
      first: $first
      after: $after
      search: $search
      kind: $kind
      departement: $departement
      near: $near
      openNow: $openNow
      services: $services
      publicsSpecifiquementAdresses: $publicsSpecifiquementAdresses
      priseEnChargeSpecifique: $priseEnChargeSpecifique
      fraisACharge: $fraisACharge
      modalitesAccompagnement: $modalitesAccompagnement
      dispositifProgrammesNationaux: $dispositifProgrammesNationaux
      formationsLabels: $formationsLabels
      itinerance: $itinerance
      typologie: $typologie
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
          name
          slug
          kind
          commune
          codePostal
          adresse
          latitude
          longitude
          services
          fraisACharge
          distanceKm
          openNow
          openingStatus
          networks {
            name
            slug
          }
        }
      }
    }
  }
`);

const VOCABULARY = graphql(`
  query ReseauVocabulary {
    standardVocabulary {
      field
      values
    }
    placeTypologies {
      code
      label
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const params = event.url.searchParams;
  const commune = params.get('autour')?.trim() || null;
  const radiusKm = Number(params.get('rayon') ?? 10) || 10;
  const type = params.get('type');
  const kind = type === 'LIEU' || type === 'STRUCTURE' || type === 'RESEAU' ? (type as 'LIEU' | 'STRUCTURE' | 'RESEAU') : null;
  const typologie = params.get('typologie')?.trim();
  const list = (param: keyof typeof LIST_FILTERS) => (params.getAll(param).length ? params.getAll(param) : null);
  const variables = {
    first: 20,
    after: params.get('apres') || null,
    search: params.get('q')?.trim() || null,
    kind,
    departement: params.get('dep')?.trim() || null,
    near: commune ? { commune, radiusKm } : null,
    openNow: params.get('ouvert') === '1' || null,
    services: list('service'),
    publicsSpecifiquementAdresses: list('public'),
    priseEnChargeSpecifique: list('accueil'),
    fraisACharge: list('frais'),
    modalitesAccompagnement: list('accompagnement'),
    dispositifProgrammesNationaux: list('programme'),
    formationsLabels: list('label'),
    itinerance: list('itinerance'),
    typologie: typologie ? [typologie] : null,
  };
  const [vocabulary, result] = await Promise.all([query(event, VOCABULARY, {}), api(event).query(DIRECTORY, variables).toPromise()]);
  // A wrong filter (an unknown commune…) is said next to its field; the page stays usable.
  const problem = result.error ? problemFrom(event, result.error, {}) : null;
  return {
    vocabulary: vocabulary.standardVocabulary,
    typologies: vocabulary.placeTypologies,
    organizations: result.data?.organizations ?? null,
    problem: problem ? { message: problem.message, fields: problem.fields } : null,
  };
};
