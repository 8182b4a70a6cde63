import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const PROFILE = graphql(`
  query MyProfile {
    me {
      id email displayName metier commune departement expertiseTags languages bio bioHtml bioHidden bioHiddenReason showEmail locale createdAt
      expertise { score acceptedAnswers upVotes answers tag { slug label } }
    }
    myMemberships { id role organization { id name slug kind } }
  }
`);

const UPDATE_PROFILE = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) { id displayName }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROFILE, {});
  if (!data.me) redirect(303, `/connexion?retour=${encodeURIComponent(event.url.pathname)}`);
  return { profile: data.me, memberships: data.myMemberships };
};

const list = (text: string | undefined) => (text ?? '').split(',').map((item) => item.trim()).filter(Boolean);

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const metier = values.metier ? (values.metier as never) : null;
    const result = await mutate(
      event,
      UPDATE_PROFILE,
      {
        input: {
          displayName: values.displayName ?? '',
          metier,
          commune: values.commune || null,
          departement: values.departement || null,
          expertiseTags: list(values.expertiseTags),
          languages: list(values.languages),
          bio: values.bio || null,
          showEmail: data.get('showEmail') === 'on',
          locale: values.locale === 'en' ? 'en' : 'fr',
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    return { saved: true };
  },
};
