import type { Express } from 'express';
import { query } from '../../../db/sql.js';
import { pickLang, type Lang } from '../../../i18n/lang.js';
import type { HttpRouteDeps } from '../section.js';
import { homeFeedProviders } from '../plugs.js';
import { checkHomeFilter } from './accueil.service.js';
import { writeCounted, type HomeItemRow } from './accueil-provider.js';

const ATOM_ITEMS = 50;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** An Atom 1.0 (RFC 4287) document of one section's latest items. */
export function atomFeed(options: { selfUrl: string; siteUrl: string; title: string; lang: Lang; rows: HomeItemRow[] }): string {
  const updated = options.rows.reduce((latest, row) => Math.max(latest, new Date(row.at).getTime()), 0);
  const entries = options.rows.map((row) => {
    const href = new URL(row.link, options.siteUrl).href;
    const summary = [row.summary, row.place, row.departement ? `(${row.departement})` : null].filter(Boolean).join(' ');
    return `  <entry>
    <id>${escapeXml(href)}</id>
    <title>${escapeXml(row.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(href)}"/>
    <updated>${new Date(row.at).toISOString()}</updated>${summary ? `\n    <summary>${escapeXml(summary)}</summary>` : ''}
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.lang}">
  <id>${escapeXml(options.selfUrl)}</id>
  <title>${escapeXml(options.title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(options.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(options.siteUrl)}"/>
  <updated>${new Date(updated || Date.now()).toISOString()}</updated>
  <author><name>Maillage</name></author>
${entries.join('\n')}
</feed>
`;
}

/**
 * GET /flux/<kind>.atom (e.g. /flux/entraide.question.atom, ?departement=44): an Atom feed for every
 * section's feed on the home page, from the same single SQL statement.
 */
export function mountHomeFeeds(app: Express, { orm, config }: HttpRouteDeps): void {
  app.get('/flux/:file', async (req, res, next) => {
    try {
      const file = String(req.params.file);
      const provider = file.endsWith('.atom') ? homeFeedProviders().find((p) => `${p.kind}.atom` === file) : undefined;
      if (!provider) {
        res.status(404).type('text/plain; charset=utf-8').send('Flux inconnu.');
        return;
      }
      const lang = pickLang(undefined, req.get('accept-language'));
      let filter;
      try {
        filter = checkHomeFilter({ departement: typeof req.query.departement === 'string' ? req.query.departement : null });
      } catch {
        res.status(400).type('text/plain; charset=utf-8').send('Département inconnu.');
        return;
      }
      const rows = (await query<HomeItemRow>(orm.em.fork(), provider.query(filter, ATOM_ITEMS, lang))).map((row) =>
        writeCounted(row, provider.counted, lang),
      );
      const siteUrl = (config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
      res.set('Cache-Control', 'public, max-age=300');
      res.type('application/atom+xml; charset=utf-8').send(
        atomFeed({
          selfUrl: `${siteUrl}${req.originalUrl}`,
          siteUrl: `${siteUrl}/`,
          title: `Maillage — ${provider.label[lang]}`,
          lang,
          rows,
        }),
      );
    } catch (error) {
      next(error);
    }
  });
}
