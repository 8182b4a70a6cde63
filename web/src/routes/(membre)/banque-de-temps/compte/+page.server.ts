import { randomUUID } from 'node:crypto';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { signedIn } from '$lib/server/user';

const MY_ACCOUNT = graphql(`
  query TimebankMyAccount($after: String) {
    myAccount {
      balanceMinutes
      floorMinutes
      ceilingMinutes
      availableMinutes
      isCoordinator
      statement(first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            at
            kind
            amountMinutes
            balanceAfterMinutes
            label
            memo
            exchangeId
          }
        }
      }
    }
    myExchanges(first: 20) {
      totalCount
      edges {
        node {
          id
          status
          minutes
          spentMinutes
          myRole
          post {
            title
          }
          provider {
            displayName
          }
          beneficiary {
            displayName
          }
          actions {
            accept
            complete
            confirm
          }
        }
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, me] = await Promise.all([query(event, MY_ACCOUNT, { after: event.url.searchParams.get('apres') }), signedIn(event)]);
  const role = me?.role;
  const moderator = role === 'MODERATOR' || role === 'ADMIN';
  return { account: data.myAccount, exchanges: data.myExchanges, moderator, idempotencyKey: randomUUID() };
};

const DONATE = graphql(`
  mutation DonateToPool($input: DonateToPoolInput!) {
    donateToPool(input: $input) {
      minutes
      replayed
    }
  }
`);

export const actions: Actions = {
  donate: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      DONATE,
      { input: { minutes: Number(values.minutes), memo: values.memo || null, idempotencyKey: values.idempotencyKey ?? '' } },
      values,
    );
    if (!result.ok) return result.failure;
    return { donated: result.data.donateToPool.minutes };
  },
};
