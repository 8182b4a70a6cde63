import { graphql } from '$lib/graphql';
import { mutate, query } from '$lib/server/forms';
import { toSignIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const MY_SESSIONS = graphql(`
  query MySessions {
    mySessions {
      id
      device
      createdAt
      lastSeenAt
      current
    }
  }
`);
const REVOKE_SESSION = graphql(`
  mutation RevokeSession($input: RevokeSessionInput!) {
    revokeSession(input: $input)
  }
`);

export const load: PageServerLoad = async (event) => {
  const { me } = await event.parent();
  if (!me) toSignIn(event.url);
  const data = await query(event, MY_SESSIONS, {});
  return { sessions: data.mySessions };
};

export const actions: Actions = {
  revoke: async (event) => {
    const data = await event.request.formData();
    const result = await mutate(event, REVOKE_SESSION, { input: { id: String(data.get('id') ?? '') } });
    if (!result.ok) return result.failure;
    return { revoked: true };
  },
};
