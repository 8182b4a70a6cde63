import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const MY_ACCOUNT = graphql(`
  query TimebankMyAccount($after: String) {
    myAccount {
      balanceMinutes floorMinutes ceilingMinutes availableMinutes isCoordinator
      statement(first: 20, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id at kind amountMinutes balanceAfterMinutes label memo exchangeId } }
      }
    }
    myExchanges(first: 20) {
      totalCount
      edges { node { id status minutes spentMinutes myRole post { title } provider { displayName } beneficiary { displayName } actions { accept complete confirm } } }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me) redirect(303, `/connexion?retour=${encodeURIComponent(event.url.pathname)}`);
  const data = await query(event, MY_ACCOUNT, { after: event.url.searchParams.get('apres') });
  return { account: data.myAccount, exchanges: data.myExchanges };
};
