/**
 * The one declaration through which a section plugs into Maillage (docs/sections.md).
 *
 * Each module writes `<module>.section.ts` exporting one `Section`; `server/src/sections.ts` lists
 * them, and the app, the ORM, the GraphQL schema and the commun (notifications, moderation,
 * "mes données", the home page) are fed from that list. The commun's services never import a
 * section: they read what the sections declared through `commun/plugs.ts`.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';
import type { AppConfig } from '../../config.js';
import type { Text } from '../../i18n/lang.js';
import type { ContentListener } from './content-changes.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from './accueil/accueil-provider.js';
import type { PrivacyProvider } from './mes-donnees/mes-donnees-provider.js';
import type { AuditSummary } from './moderation/audit.service.js';
import type { ModeratedContentType } from './moderation/moderated-content.js';
import type { NotificationKind } from './notifications/notification-kinds.js';
import type { CardProvider, SitemapProvider } from './partage/partage-provider.js';

export interface HttpRouteDeps {
  orm: MikroORM;
  config: AppConfig;
}

/** Plain HTTP routes beside /graphql (open data, calendars, CSV), mounted before the web app. */
export type HttpRoutes = (app: Express, deps: HttpRouteDeps) => void;

export interface Section {
  /** The domain's one word, as in its URL, folder, messages and docs: "banque-de-temps". */
  name: string;
  label: Text;
  /**
   * The tables it owns (its entities' and those its migrations create by hand). No other module's
   * SQL names them: others go through this module's services or the `views` below.
   */
  tables: readonly string[];
  /** Read views it publishes for the other modules (created in its migrations). */
  views?: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- MikroORM's own type for any entity class
  entities: ReadonlyArray<EntityClass<any>>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes
  resolvers: readonly Function[];
  httpRoutes?: readonly HttpRoutes[];
  /** Kinds of notification it sends, which members can choose how to receive. */
  notificationKinds?: readonly NotificationKind[];
  /** Content members can report and moderators can hide. */
  moderatedContent?: readonly ModeratedContentType[];
  /** How the audit log (/moderation/journal) says each action it writes with `recordAudit`, by action ("reseau.place_claim_accepted"). */
  auditActions?: Readonly<Record<string, AuditSummary>>;
  /** What it shows on the home page. Each item carries its `position` there (smaller first). */
  home?: {
    feeds?: readonly HomeFeedProvider[];
    figures?: readonly HomeFigureProvider[];
    personal?: readonly HomePersonalProvider[];
  };
  /**
   * "Télécharger mes données" and "supprimer mon compte" for what it holds about a person.
   * Required: a section cannot be added without saying what it keeps and erases.
   */
  myData: readonly PrivacyProvider[];
  /** What its public pages offer when shared and to search engines: card images, sitemap parts (commun/partage). */
  sharing?: { cards?: readonly CardProvider[]; sitemap?: readonly SitemapProvider[] };
  /**
   * Columns (`table.column`) of its tables that still point at a deleted account, on purpose: what its
   * privacy rules keep (public contributions signed "Compte supprimé", ledger entries, the audit log).
   * Any other reference to a deleted account is a leak: tests/api/account-deletion.test.ts fails on it.
   */
  keptAfterAccountDeletion?: readonly string[];
  /** What it does when a section announces a change of its content (commun/content-changes.ts). */
  contentListeners?: readonly ContentListener[];
  /** Background jobs `npm start` runs every `everyMs` (and once at start): retention, clean-ups (commun/jobs.ts). */
  jobs?: readonly SectionJob[];
}

/** A section's background job: one run in its own transaction, reported to /metrics by `name`. */
export interface SectionJob {
  name: string;
  everyMs: number;
  run(em: EntityManager): Promise<unknown>;
}

/** Identity function that checks the declaration's shape where it is written. */
export function defineSection(section: Section): Section {
  return section;
}
