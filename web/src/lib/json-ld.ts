/**
 * A schema.org description (for search engines and assistants) as the `<script type="application/ld+json">`
 * element a page puts in its head with `{@html}`. Every "<" is written \u003c (the same JSON), so no text
 * of a member can close the element: the HTML is safe whatever the data holds.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
