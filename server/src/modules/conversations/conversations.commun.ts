import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';

/** How conversations plug into the commun (declared in conversations.section.ts). */
export const conversationsNotificationKinds: NotificationKind[] = [
  {
    kind: 'conversations.message',
    // One notice per unread run, never the message itself: "Camille vous a écrit" and a link.
    label: say('Un membre m’a écrit un message privé', 'A member sent me a private message'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
];

/**
 * A private message, once reported: the moderation queue shows this one message's excerpt and nothing
 * else of the conversation (moderators cannot open conversations). Only its participants may report it.
 */
export const conversationMessageContent: ModeratedContentType = {
  type: 'conversations.message',
  label: say('un message privé', 'a private message'),
  table: 'conversation_message',
  authorColumn: 'author_id',
  excerptSql: `left(t.body, 500)`,
  // No link: moderators cannot open a conversation, so the queue offers nothing to follow.
  linkSql: `null`,
  async canReport(em: EntityManager, reporterId: string, contentId: string) {
    return !!(await queryOne(
      em,
      sql`select 1 from conversation_message m join conversation_participant p on p.conversation_id = m.conversation_id
           where m.id = ${contentId} and p.user_id = ${reporterId}`,
    ));
  },
};

export const conversationsPrivacy: PrivacyProvider = {
  section: 'conversations',
  label: say('Conversations', 'Conversations'),
  words: {
    conversations: say('Conversations', 'Conversations'),
    blockedMembers: say('Membres bloqués', 'Blocked members'),
    lastMessageAt: say('Dernier message le', 'Last message on'),
    archived: say('Archivée', 'Archived'),
    with: say('Avec', 'With'),
    myMessages: say('Mes messages', 'My messages'),
    member: say('Membre', 'Member'),
    since: say('Bloqué depuis le', 'Blocked since'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(c order by c."lastMessageAt"), '[]') from (
                    select c.id, c.kind, o.name as organization, c.last_message_at as "lastMessageAt", p.archived,
                           (select coalesce(json_agg(u.display_name order by u.display_name), '[]') from conversation_participant q
                              join member_card u on u.id = q.user_id where q.conversation_id = c.id and q.user_id <> ${userId}) as "with",
                           (select coalesce(json_agg(json_build_object('body', m.body, 'createdAt', m.created_at, 'hiddenReason', m.hidden_reason)
                                                     order by m.created_at), '[]')
                              from conversation_message m where m.conversation_id = c.id and m.author_id = ${userId}) as "myMessages"
                      from conversation_participant p join conversation c on c.id = p.conversation_id
                      left join organization_card o on o.id = c.organization_id
                     where p.user_id = ${userId}) c) as conversations,
                 (select coalesce(json_agg(b order by b."since"), '[]') from (
                    select u.display_name as member, b.created_at as "since" from member_block b join member_card u on u.id = b.blocked_id
                     where b.blocker_id = ${userId}) b) as "blockedMembers"`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    const erased = await execute(
      em,
      sql`update conversation_message set body = '', erased_at = now(), updated_at = now() where author_id = ${userId} and erased_at is null`,
    );
    await execute(em, sql`delete from member_block where blocker_id = ${userId} or blocked_id = ${userId}`);
    // The key naming two people would still name the deleted one: the others keep the conversation, not the key.
    await execute(
      em,
      sql`update conversation set pair_key = null where id in (select conversation_id from conversation_participant where user_id = ${userId})`,
    );
    await execute(em, sql`delete from conversation_participant where user_id = ${userId}`);
    await execute(
      em,
      sql`delete from conversation c where not exists (select 1 from conversation_participant p where p.conversation_id = c.id)`,
    );
    if (erased === 0) return [];
    return [
      say(
        'Le texte de vos messages privés est effacé : les personnes avec qui vous échangiez voient « Message supprimé » à sa place, signé « Compte supprimé », pour que leurs propres messages gardent leur sens.',
        'The text of your private messages is erased: the people you talked with see "Message supprimé" in its place, signed "Compte supprimé", so that their own messages keep their meaning.',
      ),
    ];
  },
};
