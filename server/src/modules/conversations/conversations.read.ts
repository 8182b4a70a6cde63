import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql, type Sql } from '../../db/sql.js';
import { keysetPage, keysetWindow, mapNodes, type Connection, type SortKey } from '../../graphql/connection.js';
import { notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import type { ConversationKind } from './conversation.entity.js';

/** Shown at most in the header: beyond, "99+". */
export const UNREAD_CAP = 100;

export interface MemberRef {
  id: string;
  displayName: string;
  deleted: boolean;
}

export interface ConversationRow {
  id: string;
  kind: ConversationKind;
  organization: { id: string; name: string; slug: string } | null;
  asTeam: boolean;
  others: MemberRef[];
  lastMessageAt: Date;
  unreadCount: number;
  archived: boolean;
  lastMessage: { authorName: string; excerpt: string; mine: boolean } | null;
  blockedByMe: boolean;
  canWrite: boolean;
}

interface RawConversation extends Omit<ConversationRow, 'lastMessageAt' | 'canWrite'> {
  last_message_at: string;
}

/**
 * One conversation as its participant `me` sees it (the alias `p` is me's participant row):
 * the others (for a team conversation, the other side: the team, or the person who wrote to it),
 * the last message they can see, whether `me` blocked the other member of a one-to-one.
 */
function conversationColumns(me: string): Sql {
  return sql`c.id, c.kind, c.last_message_at, p.unread_count as "unreadCount", p.archived, p.team as "asTeam",
    case when o.id is null then null else json_build_object('id', o.id, 'name', o.name, 'slug', o.slug) end as organization,
    coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'deleted', u.status = 'deleted') order by u.display_name, u.id)
                from conversation_participant q join member_card u on u.id = q.user_id
               where q.conversation_id = c.id and q.user_id <> ${me} and (c.kind = 'direct' or q.team <> p.team)), '[]'::json) as others,
    (select json_build_object('authorName', a.display_name, 'excerpt', left(m.body, 140), 'mine', m.author_id = ${me})
       from conversation_message m join member_card a on a.id = m.author_id
      where m.conversation_id = c.id and m.erased_at is null and (m.hidden_at is null or m.author_id = ${me})
        and not exists (select 1 from member_block b where b.blocker_id = ${me} and b.blocked_id = m.author_id and b.created_at <= m.created_at)
      order by m.created_at desc, m.id desc limit 1) as "lastMessage",
    (c.kind = 'direct' and exists (select 1 from member_block b join conversation_participant q on q.user_id = b.blocked_id
                                     where b.blocker_id = ${me} and q.conversation_id = c.id and q.user_id <> ${me})) as "blockedByMe"`;
}

function toConversation(row: RawConversation): ConversationRow {
  const { last_message_at, ...rest } = row;
  const otherGone = row.kind === 'direct' && (row.others.length === 0 || row.others.every((other) => other.deleted));
  return { ...rest, lastMessageAt: new Date(last_message_at), canWrite: !otherGone && !row.blockedByMe };
}

const CONVERSATION_ORDER: SortKey[] = [
  { expression: sql`n.last_message_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'desc' },
];

/** The viewer's conversations, latest message first (archived ones apart); one statement a page. */
export async function listConversations(
  em: EntityManager,
  user: User,
  args: { archived?: boolean | null; first?: number | null; after?: string | null },
): Promise<Connection<ConversationRow>> {
  const window = keysetWindow(args, CONVERSATION_ORDER);
  const listed = sql`select ${conversationColumns(user.id)}
      from conversation_participant p join conversation c on c.id = p.conversation_id
      left join organization_card o on o.id = c.organization_id
     where p.user_id = ${user.id} and p.archived = ${Boolean(args.archived)}`;
  const page = await keysetPage<RawConversation>(em, listed, CONVERSATION_ORDER, window);
  return mapNodes(page, toConversation);
}

/** One conversation for one of its participants; null for anyone else (moderators included). */
export async function readConversation(em: EntityManager, user: User, id: string): Promise<ConversationRow | null> {
  const row = await queryOne<RawConversation>(
    em,
    sql`select ${conversationColumns(user.id)}
          from conversation_participant p join conversation c on c.id = p.conversation_id
          left join organization_card o on o.id = c.organization_id
         where p.user_id = ${user.id} and p.conversation_id = ${id}`,
  );
  return row ? toConversation(row) : null;
}

export interface MessageRow {
  id: string;
  authorId: string;
  authorName: string;
  body: string;
  mine: boolean;
  createdAt: Date;
  hidden: boolean;
  hiddenReason: string | null;
  erased: boolean;
}

const MESSAGE_ORDER: SortKey[] = [
  { expression: sql`n.created_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'desc' },
];

/**
 * A conversation's messages, newest first (the page shows them oldest first), for its participants only.
 * A hidden message keeps its place (its text for its author only), an erased one too ("Message supprimé");
 * what a member the viewer blocked wrote after the block is left out.
 */
export async function listMessages(
  em: EntityManager,
  user: User,
  conversationId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<MessageRow>> {
  const window = keysetWindow(args, MESSAGE_ORDER);
  const member = await queryOne(
    em,
    sql`select 1 from conversation_participant where conversation_id = ${conversationId} and user_id = ${user.id}`,
  );
  if (!member) throw notFound(say('Cette conversation n’existe pas ou plus.', 'This conversation does not exist.'));
  const me = user.id;
  const listed = sql`select m.id, m.created_at, m.author_id as "authorId", a.display_name as "authorName", m.author_id = ${me} as mine,
         m.hidden_at is not null as hidden, m.erased_at is not null as erased,
         case when m.author_id = ${me} then m.hidden_reason end as "hiddenReason",
         case when m.erased_at is not null or (m.hidden_at is not null and m.author_id <> ${me}) then '' else m.body end as body
      from conversation_message m join member_card a on a.id = m.author_id
     where m.conversation_id = ${conversationId}
       and not exists (select 1 from member_block b where b.blocker_id = ${me} and b.blocked_id = m.author_id and b.created_at <= m.created_at)`;
  const page = await keysetPage<Omit<MessageRow, 'createdAt'> & { created_at: string }>(em, listed, MESSAGE_ORDER, window);
  return mapNodes(page, ({ created_at, ...row }) => ({ ...row, createdAt: new Date(created_at) }));
}

/** How many conversations have unread messages for the viewer, counted up to UNREAD_CAP (the header's badge). */
export async function unreadConversationCount(em: EntityManager, user: User): Promise<number> {
  const row = await queryOne<{ n: number }>(
    em,
    sql`select count(*)::int as n from (select 1 from conversation_participant
           where user_id = ${user.id} and unread_count > 0 and not archived limit ${UNREAD_CAP}) u`,
  );
  return row?.n ?? 0;
}

export interface BlockedRow {
  id: string;
  displayName: string;
  blockedAt: Date;
}

const BLOCK_ORDER: SortKey[] = [
  { expression: sql`n.created_at`, direction: 'desc' },
  { expression: sql`n.id`, direction: 'desc' },
];

/** "Membres bloqués": the members the viewer blocked, latest first. */
export async function listBlocked(
  em: EntityManager,
  user: User,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<BlockedRow>> {
  const window = keysetWindow(args, BLOCK_ORDER);
  const listed = sql`select u.id, b.created_at, u.display_name as "displayName"
      from member_block b join member_card u on u.id = b.blocked_id where b.blocker_id = ${user.id}`;
  const page = await keysetPage<Omit<BlockedRow, 'blockedAt'> & { created_at: string }>(em, listed, BLOCK_ORDER, window);
  return mapNodes(page, ({ created_at, ...row }) => ({ ...row, blockedAt: new Date(created_at) }));
}

/** Whether the viewer blocked this member (their profile's "Débloquer"). */
export async function hasBlocked(em: EntityManager, user: User, memberId: string): Promise<boolean> {
  return !!(await queryOne(em, sql`select 1 from member_block where blocker_id = ${user.id} and blocked_id = ${memberId}`));
}
