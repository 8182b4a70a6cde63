import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const MEMBER = graphql(`
  query MemberPage($id: ID!) {
    user(id: $id) {
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
      bioHidden
      bioHiddenReason
      createdAt
    }
  }
`);

/** A member's public profile (the directory of people links here). */
export const load: PageServerLoad = async (event) => {
  const data = await query(event, MEMBER, { id: event.params.id });
  if (!data.user) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { member: data.user };
};
