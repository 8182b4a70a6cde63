import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { frenchSpaces } from '../i18n/french.js';

// Raw HTML is not accepted in Markdown; the sanitizer is a second lock on the door.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

// A space a member typed before « : », « ; », « ? », « ! » or inside guillemets is made no-break, in running text
// only (never in code, nor in a link's address), as in the product's own sentences (i18n/lang.ts).
markdown.core.ruler.push('french_spaces', (state) => {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    for (const token of block.children) if (token.type === 'text') token.content = frenchSpaces(token.content);
  }
});

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'h2',
    'h3',
    'h4',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer ugc' }),
    // Headings inside user content start at level 2: the page keeps its own h1.
    h1: 'h2',
  },
};

/** Markdown as written by a member → HTML that is safe to show to everyone. */
export function renderMarkdown(source: string | null | undefined, options: { uploadedImages?: boolean } = {}): string {
  if (!source) return '';
  return sanitizeHtml(markdown.render(source), options.uploadedImages ? WITH_UPLOADED_IMAGES : SANITIZE_OPTIONS);
}

// Resources (ressources) embed images, but only files uploaded here (`/fichiers/<id>/…`): no tracking pixel from elsewhere.
const WITH_UPLOADED_IMAGES: sanitizeHtml.IOptions = {
  ...SANITIZE_OPTIONS,
  allowedTags: [...(SANITIZE_OPTIONS.allowedTags as string[]), 'img'],
  allowedAttributes: { ...SANITIZE_OPTIONS.allowedAttributes, img: ['src', 'alt', 'title'] },
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^\/fichiers\/[0-9a-f-]{36}(\/[^\s"'<>]*)?$/i.test(frame.attribs.src ?? ''),
};

// Comments: one paragraph of inline marks only (bold, italic, code, links), never a heading or a list.
const INLINE_OPTIONS: sanitizeHtml.IOptions = {
  ...SANITIZE_OPTIONS,
  allowedTags: ['strong', 'em', 'del', 's', 'code', 'a', 'br'],
};

/** Inline Markdown (a comment) → safe HTML without blocks. */
export function renderInlineMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(markdown.renderInline(source), INLINE_OPTIONS);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': '\u00a0' };

/**
 * Markdown as plain text, for what shows no formatting (a calendar app's description): no `**` nor `#` left,
 * paragraphs and headings on their own lines, list items as "• …", a link as its words and its address.
 */
export function markdownAsPlainText(source: string | null | undefined): string {
  if (!source) return '';
  const html = renderMarkdown(source)
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_, href: string, words: string) =>
      words === href ? href : `${words} (${href})`,
    )
    .replace(/<li>/g, '• ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|h[1-6]|blockquote|pre|ul|ol)>/g, '\n');
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity])
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
