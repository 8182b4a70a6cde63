import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const CHARTER_PAGE = graphql(`
  query CharterPage {
    charter {
      id
      number
      publishedAt
      changelogHtml
      signatoryCount
      signatureCount
      articles {
        id
        number
        title
        bodyHtml
      }
    }
    myCharterStatus {
      currentVersion
      signedVersion
      signedCurrent
      newVersionAwaitsSignature
      canAmend
      changesSinceSigned {
        fromNumber
        toNumber
        articles {
          number
          change
          titleBefore
          titleAfter
          title {
            kind
            text
          }
          body {
            kind
            text
          }
        }
      }
      organizations {
        organizationId
        organizationName
        signedVersion
      }
    }
  }
`);

const SIGN = graphql(`
  mutation SignCharterPage($input: SignCharterInput!) {
    signCharter(input: $input) {
      id
      versionNumber
      name
    }
  }
`);

const WITHDRAW = graphql(`
  mutation WithdrawCharterSignaturePage($input: WithdrawCharterSignatureInput!) {
    withdrawCharterSignature(input: $input) {
      signedVersion
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, me] = await Promise.all([query(event, CHARTER_PAGE, {}), signedIn(event)]);
  return { charter: data.charter, status: data.myCharterStatus, isAdmin: me?.role === 'ADMIN' };
};

export const actions: Actions = {
  sign: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, SIGN, { input: { organizationId: values.organizationId || null } }, values);
    if (!result.ok) return result.failure;
    return { signed: result.data.signCharter };
  },
  withdraw: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, WITHDRAW, { input: { organizationId: values.organizationId || null } }, values);
    if (!result.ok) return result.failure;
    return { withdrawn: true };
  },
};
