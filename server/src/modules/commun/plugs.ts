/**
 * What the sections declared, as the commun's services read it. The list of sections
 * (`server/src/sections.ts`) installs itself here when it is loaded; the commun never imports it,
 * so no import loop runs from a shared service back to the sections that use it.
 */
import type { ContentListener } from './content-changes.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from './accueil/accueil-provider.js';
import type { PrivacyProvider } from './mes-donnees/mes-donnees-provider.js';
import type { AuditSummary } from './moderation/audit.service.js';
import { checkContentType, type ModeratedContentType } from './moderation/moderated-content.js';
import type { NotificationKind } from './notifications/notification-kinds.js';
import type { CardProvider, SitemapProvider } from './partage/partage-provider.js';
import type { Section, SectionJob } from './section.js';

let installed: readonly Section[] | null = null;

export function installSections(sections: readonly Section[]): void {
  installed = sections;
}

export function installedSections(): readonly Section[] {
  if (!installed) throw new Error('No section installed: import server/src/sections.ts (the ORM and the app do) before using the commun');
  return installed;
}

function all<T>(pick: (section: Section) => readonly T[] | undefined): T[] {
  return installedSections().flatMap((section) => pick(section) ?? []);
}

function byPosition<T extends { position: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.position - b.position);
}

/** Kinds of notification members can choose how to receive (in the site, e-mail, weekly digest, off). */
export const notificationKinds = (): NotificationKind[] => all((section) => section.notificationKinds);

/** Content members can report and moderators can hide, each checked once. */
export const moderatedContentTypes = (): ModeratedContentType[] => all((section) => section.moderatedContent).map(checkContentType);

/** The audit log's sentence for each action a section writes (`reseau.place_claim_accepted`…), by action. */
export const auditSummaries = (): Record<string, AuditSummary> =>
  Object.fromEntries(all((section) => Object.entries(section.auditActions ?? {})));

/** What the sections do when another announces a change of its content (commun/content-changes.ts). */
export const contentListeners = (): ContentListener[] => all((section) => section.contentListeners);

/** Background jobs (retention, clean-ups), started by `npm start` (commun/jobs.ts). */
export const sectionJobs = (): SectionJob[] => all((section) => section.jobs);

/** "Télécharger mes données" and "supprimer mon compte", section by section, in the list's order. */
export const privacyProviders = (): PrivacyProvider[] => all((section) => section.myData);

/** The home page's sections, figures and "Ce qui vous concerne", each in its declared position. */
export const homeFeedProviders = (): HomeFeedProvider[] => byPosition(all((section) => section.home?.feeds));
export const homeFigureProviders = (): HomeFigureProvider[] => byPosition(all((section) => section.home?.figures));
export const homePersonalProviders = (): HomePersonalProvider[] => byPosition(all((section) => section.home?.personal));

/** Card images of shared links (/cartes/<kind>/<id>.png) and sitemap parts (/sitemaps/<part>-<n>.xml). */
export const cardProviders = (): CardProvider[] => all((section) => section.sharing?.cards);
export const sitemapProviders = (): SitemapProvider[] => all((section) => section.sharing?.sitemap);
