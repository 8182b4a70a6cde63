import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider } from '../commun/accueil/accueil-provider.js';
import type { ContentListener } from '../commun/content-changes.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import { visibleTo } from './ressources.read.js';
import { recordCitations } from './ressources.service.js';

/** How ressources plugs into the commun (declared in ressources.section.ts). */
export const ressourcesNotificationKinds: NotificationKind[] = [
  {
    kind: 'ressources.nouvelle',
    label: say('Une nouvelle ressource dans une base ou sur un sujet que je suis', 'A new resource in a base or on a topic I follow'),
    defaultChannel: DeliveryChannel.DIGEST,
  },
];

export const resourceContent: ModeratedContentType = {
  type: 'ressources.resource',
  label: say('une ressource', 'a resource'),
  table: 'resource',
  authorColumn: 'created_by_id',
  excerptSql: `t.title || ' — ' || left(t.summary, 240)`,
  linkSql: `'/ressources/' || t.slug`,
  // Only someone who may see it can report it (a members-only resource does not exist for the others).
  async canReport(em, reporterId, contentId) {
    const row = await queryOne<{ yes: boolean }>(
      em,
      sql`select exists (select 1 from resource r where r.id = ${contentId}::uuid and ${visibleTo({ id: reporterId, moderator: false })}) as yes`,
    );
    return !!row?.yes;
  },
};

export const feedbackContent: ModeratedContentType = {
  type: 'ressources.feedback',
  label: say('un avis sur une ressource', 'feedback on a resource'),
  table: 'resource_feedback',
  authorColumn: 'author_id',
  excerptSql: `coalesce(t.comment, t.rating || '/5')`,
  linkSql: `'/ressources/' || (select r.slug from resource r where r.id = t.resource_id) || '#avis'`,
};

/** Entraide (or any section) announces its texts: ressources records the resources they cite. */
export const citationListener: ContentListener = {
  name: 'ressources.citations',
  onChange: (em, change) => recordCitations(em, change),
};

/**
 * "Mes données": resources stay (they serve the network), their author shown as "Compte supprimé"; private collections and base follows are erased; feedback keeps its rating
 * (the average stays right) but its comment is erased and it is no longer linked to the person.
 */
export const ressourcesPrivacy: PrivacyProvider = {
  section: 'ressources',
  label: say('Ressources', 'Resources'),
  words: {
    resources: say('Ressources', 'Resources'),
    versions: say('Versions', 'Versions'),
    feedback: say('Avis', 'Feedback'),
    collections: say('Collections', 'Collections'),
    followedBases: say('Bases suivies (identifiants)', 'Followed bases (ids)'),
    content: say('Contenu', 'Content'),
    licence: say('Licence', 'Licence'),
    publishedAt: say('Publiée le', 'Published on'),
    resourceId: say('Identifiant de la ressource', 'Resource id'),
    number: say('Numéro', 'Number'),
    note: say('Note de version', 'Version note'),
    rating: say('Note donnée', 'Rating'),
    resourceIds: say('Identifiants des ressources', 'Resource ids'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(r order by r."publishedAt"), '[]') from (
                    select id, slug, title, summary, content, kind, licence, visibility, published_at as "publishedAt"
                      from resource where created_by_id = ${userId} or author_ids @> array[${userId}]::uuid[]) r) as resources,
                 (select coalesce(json_agg(v order by v."at"), '[]') from (
                    select resource_id as "resourceId", number, note, created_at as "at" from resource_version where author_id = ${userId}) v) as versions,
                 (select coalesce(json_agg(f order by f."at"), '[]') from (
                    select resource_id as "resourceId", rating, comment, created_at as "at" from resource_feedback where author_id = ${userId}) f) as feedback,
                 (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
                    select c.id, c.title, c.description, c.visibility, c.created_at as "createdAt",
                           (select coalesce(json_agg(i.resource_id), '[]') from resource_collection_item i where i.collection_id = c.id) as "resourceIds"
                      from resource_collection c where c.owner_id = ${userId}) c) as collections,
                 (select coalesce(json_agg(b.base_id), '[]') from resource_base_follow b where b.user_id = ${userId}) as "followedBases"`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    const counted = await queryOne<{ resources: number; feedback: number }>(
      em,
      sql`select (select count(*) from resource where created_by_id = ${userId} or author_ids @> array[${userId}]::uuid[])::int as resources,
                 (select count(*) from resource_feedback where author_id = ${userId})::int as feedback`,
    );
    await execute(
      em,
      sql`delete from resource_collection_item where collection_id in (select id from resource_collection where owner_id = ${userId})`,
    );
    await execute(em, sql`delete from resource_collection where owner_id = ${userId}`);
    await execute(em, sql`delete from resource_base_follow where user_id = ${userId}`);
    await execute(em, sql`update resource_feedback set author_id = null, comment = null where author_id = ${userId}`);
    await execute(em, sql`update resource_version set author_id = null where author_id = ${userId}`);
    const kept = [];
    if (counted?.resources)
      kept.push(
        say(
          'Vos ressources restent en ligne, signées « Compte supprimé » : d’autres médiateurs s’en servent. Vos collections sont effacées.',
          'Your resources stay online, signed "Compte supprimé": other mediators use them. Your collections are erased.',
        ),
      );
    if (counted?.feedback)
      kept.push(
        say(
          'Vos notes de ressources restent comptées, sans votre nom ; vos commentaires sont effacés.',
          'Your ratings of resources still count, without your name; your comments are erased.',
        ),
      );
    return kept;
  },
};

export const newResourcesFeed: HomeFeedProvider = {
  position: 45,
  kind: 'ressources.nouvelle',
  label: say('Nouvelles ressources', 'New resources'),
  // Resources have no place: none when a place is asked for. Public ones only (the home page and its Atom feed are public).
  query: (filter, limit) => {
    const place = filter.departement || filter.near ? sql`false` : sql`true`;
    return sql`select r.id, r.title, r.summary, '/ressources/' || r.slug as link, r.published_at as at, null::text as departement, null::text as place
                 from resource r
                where r.hidden_at is null and r.visibility = 'public' and ${place}
                order by r.published_at desc, r.id desc limit ${limit}`;
  },
};
