import { error } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { query } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

const VERSION = graphql(`
  query CharterVersionPage($number: Int!) {
    charter(number: $number) {
      id
      number
      publishedAt
      changelogHtml
      isCurrent
      signatureCount
      articles {
        id
        number
        title
        bodyHtml
      }
      changes {
        fromNumber
        toNumber
        changedCount
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
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const number = Number(event.params.number);
  if (!Number.isInteger(number) || number < 1) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  const data = await query(event, VERSION, { number });
  if (!data.charter) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return { version: data.charter };
};
