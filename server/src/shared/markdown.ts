import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML is not accepted in Markdown; the sanitizer is a second lock on the door.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

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
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(markdown.render(source), SANITIZE_OPTIONS);
}
