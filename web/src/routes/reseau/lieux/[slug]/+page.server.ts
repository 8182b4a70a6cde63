import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { phoneDisplay } from '$lib/reseau/telephone';
import type { Actions, PageServerLoad } from './$types';

const PLACE = graphql(`
  query ReseauPlace($slug: String!) {
    organization(slug: $slug) {
      id
      name
      slug
      kind
      myRole
      pendingPlaceRequests
      myPlaceClaim {
        id
        status
      }
      logoUrl
      logo {
        url
        alt
      }
      standardId
      commune
      codePostal
      adresse
      complementAdresse
      latitude
      longitude
      telephone
      courriels
      siteWeb
      horaires
      presentationResume
      presentationDetail
      updatedAt
      source
      dateMaj
      sources {
        source
        dateMaj
      }
      services
      publicsSpecifiquementAdresses
      priseEnChargeSpecifique
      fraisACharge
      dispositifProgrammesNationaux
      formationsLabels
      autresFormationsLabels
      modalitesAcces
      modalitesAccompagnement
      ficheAccesLibre
      priseRdv
      openNow
      openingStatus
      openingWeek {
        day
        hours
      }
      openingRanges {
        dayOfWeek
        opens
        closes
      }
      networks {
        id
        name
        slug
      }
      members(first: 50) {
        totalCount
        edges {
          node {
            id
            role
            user {
              id
              displayName
              metier
            }
          }
        }
      }
      networkMembers(first: 100) {
        totalCount
        edges {
          node {
            id
            name
            slug
            commune
            openingStatus
          }
        }
      }
      pendingNetworkRequests {
        id
        message
        member {
          id
          name
          slug
        }
      }
      myNetworkRequests {
        id
        status
        network {
          id
          name
          slug
        }
      }
    }
    organizations(kind: RESEAU, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const JOIN = graphql(`
  mutation ReseauJoinNetwork($input: JoinNetworkInput!) {
    requestToJoinNetwork(input: $input) {
      id
      status
    }
  }
`);

const DECIDE = graphql(`
  mutation ReseauDecideRequest($input: DecideNetworkRequestInput!) {
    decideNetworkRequest(input: $input) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PLACE, { slug: event.params.slug });
  if (!data.organization) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  const networks = data.organizations.edges.map((edge) => edge.node).filter((network) => network.id !== data.organization!.id);
  // The number is written the French way here, on the server: libphonenumber's metadata stays out of the page's script.
  const phone = data.organization.telephone ? phoneDisplay(data.organization.telephone) : null;
  return { place: data.organization, networks, phone };
};

export const actions: Actions = {
  join: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      JOIN,
      { input: { networkId: values.networkId ?? '', organizationId: values.organizationId ?? '', message: values.message || null } },
      values,
    );
    if (!result.ok) return result.failure;
    return { joined: true };
  },
  decide: async (event) => {
    const values = formValues(await event.request.formData());
    const accept = values.decision === 'accept';
    const result = await mutate(event, DECIDE, { input: { requestId: values.requestId ?? '', accept } }, values);
    if (!result.ok) return result.failure;
    return { decided: accept ? 'accepted' : 'declined' };
  },
};
