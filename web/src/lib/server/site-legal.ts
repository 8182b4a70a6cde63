import type { RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { query } from './forms';

const SITE_LEGAL = graphql(`
  query SiteLegal {
    siteLegal {
      publisher
      host
      director
      contact
    }
  }
`);

/** Who publishes the site (LEGAL_* on the server); null where the operator has not set it. */
export async function siteLegal(event: RequestEvent) {
  return (await query(event, SITE_LEGAL, {})).siteLegal;
}
