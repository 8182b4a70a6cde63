import { graphql } from '$lib/graphql';

/** What a resource's card in a list shows (ResourceSummary.svelte). */
export const RESOURCE_SUMMARY = graphql(`
  fragment ResourceSummaryFields on Resource {
    id
    slug
    title
    summary
    kind
    visibility
    themes
    levels
    feedbackCount
    averageRating
    publishedAt
    base {
      name
      slug
    }
    authors {
      displayName
    }
  }
`);
