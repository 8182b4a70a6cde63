import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PERSON = graphql(`
  query ReseauPerson($id: ID!) {
    person(id: $id) {
      id
      displayName
      metier
      commune
      departement
      expertiseTags
      skills {
        slug
        label
      }
      languages
      bioHtml
      email
      organizations {
        role
        organization {
          id
          name
          slug
          kind
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PERSON, { id: event.params.id });
  if (!data.person) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { person: data.person };
};
