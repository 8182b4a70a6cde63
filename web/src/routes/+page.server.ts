import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { api } from '$lib/server/api';
import { signedIn } from '$lib/server/user';
import type { PageServerLoad } from './$types';

const HOME = graphql(`
  query HomePage($departement: String) {
    home(departement: $departement, perSection: 5) {
      sections {
        kind
        label
        items {
          kind
          id
          title
          summary
          link
          at
          timeZone
          departement
          place
        }
      }
      figures {
        key
        label
        value
      }
      forMe {
        kind
        label
        items {
          kind
          id
          title
          summary
          link
          at
          timeZone
        }
      }
    }
  }
`);

/** The pulse of the network, near the visitor when they give a département. */
export const load: PageServerLoad = async (event) => {
  const departement = event.url.searchParams.get('departement')?.trim() || null;
  // Who is there, asked beside the home's own request.
  const member = signedIn(event);
  let result = await api(event).query(HOME, { departement }).toPromise();
  let departementError: string | null = null;
  const first = result.error?.graphQLErrors[0];
  if (first?.extensions?.code === 'BAD_USER_INPUT') {
    // A mistyped département: say so next to the field and show the whole network.
    departementError = (first.extensions.fields as Record<string, string> | undefined)?.departement ?? first.message;
    result = await api(event).query(HOME, { departement: null }).toPromise();
  }
  if (!result.data) error(500, { message: translate(event.locals.lang, 'common.networkError') });
  const me = await member;
  return {
    home: result.data.home,
    myDepartement: me?.departement ?? null,
    departement: departementError ? null : departement,
    typed: departement,
    departementError,
    // Back from signing out at ProConnect too (/auth/proconnect/deconnexion checked the state).
    signedOutOfProConnect: event.url.searchParams.get('deconnexion') === 'proconnect' && !me,
  };
};
