import { graphql } from '$lib/graphql';
import { fail } from '@sveltejs/kit';
import { uploadedFileId } from '$lib/server/fichiers';
import { formValues, mutate, query } from '$lib/server/forms';
import { toSignIn, forgetWhoIsSignedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const PROFILE = graphql(`
  query MyProfile {
    me {
      id
      email
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
      bio
      bioHtml
      avatar {
        fileId
        url
        thumbnailUrl
        alt
      }
      bioHidden
      bioHiddenReason
      showEmail
      locale
      createdAt
      expertise {
        score
        acceptedAnswers
        upVotes
        answers
        tag {
          slug
          label
        }
      }
    }
    myMemberships {
      id
      role
      organization {
        id
        name
        slug
        kind
      }
    }
  }
`);

const UPDATE_PROFILE = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      displayName
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROFILE, {});
  // The group's layout let a member in; their session may still end before this query.
  if (!data.me) toSignIn(event.url);
  return { profile: data.me, memberships: data.myMemberships };
};

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const actions: Actions = {
  default: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    const metier = values.metier ? (values.metier as never) : null;
    const avatar = await uploadedFileId(event, data, 'avatarFileId', 'avatar');
    if (avatar.error) return fail(400, { message: avatar.error, fields: { avatarFileId: avatar.error } as Record<string, string>, values });
    if (avatar.id) values.avatarFileId = avatar.id;
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
          ...(avatar.id !== undefined ? { avatarFileId: avatar.id, avatarAlt: values.avatarAlt?.trim() || null } : {}),
        },
      },
      values,
    );
    if (!result.ok) return result.failure;
    // The page is drawn again in this same request (without JavaScript): the header shows the new name.
    forgetWhoIsSignedIn(event);
    return { saved: true };
  },
};
