/**
 * What search engines and link previews fetch: /robots.txt, /sitemap.xml and its parts, the card
 * images of shared links (/cartes/…), /favicon.ico and /apple-touch-icon.png (docs/web.md, "Partage").
 */
import type { Express, Request, Response } from 'express';
import { logger } from '../../../logger.js';
import { cardProviders, installedSections, sitemapProviders } from '../plugs.js';
import type { HttpRouteDeps } from '../section.js';
import { cardTag, renderCard, type CardDrawing } from './card-image.js';
import { siteIcons } from './icons.js';
import { sectionPagesPart, sitemapIndex, streamPart } from './sitemap.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SITE_COLOUR = '#1f5f5b';
const SITE_LINE = 'Le réseau de la médiation numérique';

/** Pages nobody should find through a search engine: accounts, personal pages, private links, the API. */
export const DISALLOWED = [
  '/connexion',
  '/inscription',
  '/deconnexion',
  '/activation/',
  '/mot-de-passe/',
  '/profil',
  '/mes-donnees',
  '/notifications',
  '/moderation',
  '/signaler',
  '/langue',
  '/agenda/mes-inscriptions',
  '/banque-de-temps/compte',
  '/api/',
  '/graphql',
  '/ical/',
  '/flux/',
];

export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', ...DISALLOWED.map((path) => `Disallow: ${path}`), '', `Sitemap: ${origin}/sitemap.xml`, ''].join(
    '\n',
  );
}

function origin(req: Request, deps: HttpRouteDeps): string {
  return (deps.config.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
}

function plain(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain; charset=utf-8').send(text);
}

const guarded = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
  try {
    await handler(req, res);
  } catch (error) {
    logger.error({ err: error, path: req.path }, 'sharing route failed');
    if (res.headersSent) res.destroy();
    else plain(res, 500, 'Une erreur inattendue s’est produite. Réessayez dans un instant.');
  }
};

/** A card's PNG: immutable when the address names the content's current version (`?v=`), revalidated otherwise. */
async function sendCard(req: Request, res: Response, drawing: CardDrawing, version: string): Promise<void> {
  const tag = cardTag(drawing, version);
  const current = typeof req.query.v === 'string' && req.query.v === version;
  res.set({
    etag: tag,
    'cache-control': current ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
  });
  if (req.get('if-none-match') === tag) {
    res.status(304).end();
    return;
  }
  res
    .status(200)
    .type('image/png')
    .send(await renderCard(drawing, tag));
}

export function mountSharingRoutes(app: Express, deps: HttpRouteDeps): void {
  app.get('/robots.txt', (req, res) => {
    res.set('cache-control', 'public, max-age=3600');
    plain(res, 200, robotsTxt(origin(req, deps)));
  });

  app.get(
    '/sitemap.xml',
    guarded(async (req, res) => {
      const body = await sitemapIndex(deps.orm.em.fork(), sitemapProviders(), origin(req, deps));
      res.status(200).set({ 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' }).send(body);
    }),
  );

  app.get(
    '/sitemaps/:file',
    guarded(async (req, res) => {
      const match = /^([a-z-]+)-([1-9][0-9]{0,5})\.xml$/.exec(String(req.params.file));
      if (!match) return plain(res, 404, 'Cette partie du plan du site n’existe pas.');
      const [, part, n] = match;
      if (part === 'pages' && n === '1') {
        res.status(200).set({ 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' });
        res.send(sectionPagesPart(origin(req, deps)));
        return;
      }
      const provider = sitemapProviders().find((candidate) => candidate.part === part);
      const sent = provider && (await streamPart(deps.orm.em.fork(), provider, Number(n), origin(req, deps), res));
      if (!sent) plain(res, 404, 'Cette partie du plan du site n’existe pas.');
    }),
  );

  app.get(
    '/cartes/:kind/:file',
    guarded(async (req, res) => {
      const id = String(req.params.file).replace(/\.png$/, '');
      const provider = cardProviders().find((candidate) => candidate.kind === req.params.kind);
      if (!provider || !String(req.params.file).endsWith('.png') || !UUID.test(id)) return plain(res, 404, 'Cette image n’existe pas.');
      const content = await provider.load(deps.orm.em.fork(), id.toLowerCase());
      if (!content) return plain(res, 404, 'Cette image n’existe pas ou plus.');
      await sendCard(
        req,
        res,
        { label: provider.label, colour: provider.colour, title: content.title, lines: content.lines },
        content.version,
      );
    }),
  );

  // A section's card (its main page) or the site's (`maillage.png`, the home page and the other pages).
  app.get(
    '/cartes/:file',
    guarded(async (req, res) => {
      const name = String(req.params.file).replace(/\.png$/, '');
      if (!String(req.params.file).endsWith('.png')) return plain(res, 404, 'Cette image n’existe pas.');
      if (name === 'maillage') {
        return sendCard(
          req,
          res,
          { label: SITE_LINE, colour: SITE_COLOUR, title: 'Maillage', lines: ['Lieux, ateliers, entraide et projets près de chez vous'] },
          'site',
        );
      }
      const section = installedSections().find((candidate) => candidate.name === name);
      if (!section) return plain(res, 404, 'Cette image n’existe pas.');
      const colour = section.sharing?.cards?.[0]?.colour ?? SITE_COLOUR;
      await sendCard(req, res, { label: SITE_LINE, colour, title: section.label.fr, lines: [] }, 'site');
    }),
  );

  app.get(
    '/favicon.ico',
    guarded(async (_req, res) => {
      res
        .status(200)
        .set({ 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=86400' })
        .send((await siteIcons()).ico);
    }),
  );
  app.get(
    '/apple-touch-icon.png',
    guarded(async (_req, res) => {
      res
        .status(200)
        .set({ 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' })
        .send((await siteIcons()).appleTouch);
    }),
  );
}
