import { graphql } from '$lib/graphql';
import { queryLeavingOut } from '$lib/server/forms';
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
  // A mistyped département: said next to the field, over the whole network.
  const { data, refused } = await queryLeavingOut(event, HOME, { departement }, ['departement']);
  const departementError = refused.departement ?? null;
  const me = await member;
  return {
    home: data.home,
    myDepartement: me?.departement ?? null,
    departement: departementError ? null : departement,
    typed: departement,
    departementError,
    // Back from signing out at ProConnect too (/auth/proconnect/deconnexion checked the state).
    signedOutOfProConnect: event.url.searchParams.get('deconnexion') === 'proconnect' && !me,
  };
};
