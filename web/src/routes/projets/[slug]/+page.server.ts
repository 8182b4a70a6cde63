import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const PROJECT = graphql(`
  query ProjectPage($slug: String!) {
    project(slug: $slug) {
      id
      slug
      title
      summary
      stage
      tags
      tagList {
        slug
        label
      }
      commune
      departement
      descriptionHtml
      essaimageHtml
      canEdit
      hiddenAt
      hiddenReason
      createdAt
      updatedAt
      holder {
        id
        name
        slug
      }
      team {
        id
        role
        user {
          id
          displayName
          status
        }
      }
      links {
        label
        url
      }
      image {
        url
        alt
      }
      images {
        url
        alt
      }
      campaigns {
        id
        title
        phase
        seats
        seatsLeft
        applicationDeadline
        testStartsAt
        testEndsAt
        closedAt
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, PROJECT, { slug: event.params.slug });
  if (!data.project) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { project: data.project };
};
