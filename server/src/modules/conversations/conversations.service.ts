import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql } from '../../db/sql.js';
import { AppError, FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { assertCanPost, type PostingLimits } from '../commun/moderation/posting-limits.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { ConversationKind } from './conversation.entity.js';
import { deOrganizationName } from '../../i18n/french.js';

export const MESSAGE_MAX_LENGTH = 4000;

/** New conversations: 3 a day during an account's first week (the usual shape of unsolicited messages), 20 an hour after. */
export const START_LIMITS: PostingLimits = { newAccountDays: 7, newPerHour: 3, newPerDay: 3, perHour: 20 };
/** Messages: 20 a day during the first week, 120 an hour after (a flood guard, not a conversation's pace). */
export const MESSAGE_LIMITS: PostingLimits = { newAccountDays: 7, newPerHour: 20, newPerDay: 20, perHour: 120 };

const CONVERSATION_NOT_FOUND = say('Cette conversation n’existe pas ou plus.', 'This conversation does not exist.');
const MEMBER_NOT_FOUND = say('Ce membre n’existe pas ou plus.', 'This member does not exist.');
/** Said to someone a member blocked: no more than needed (not "you were blocked"). */
const CANNOT_WRITE = say('Vous ne pouvez pas écrire à ce membre.', 'You cannot write to this member.');
const YOU_BLOCKED = say(
  'Vous avez bloqué ce membre : débloquez-le depuis « Membres bloqués » pour lui écrire.',
  'You blocked this member: unblock them from "Blocked members" to write to them.',
);

export const conversationLink = (id: string) => `/conversations/${id}`;

function checkBody(raw: string | null | undefined): string {
  const body = (raw ?? '').trim();
  const errors = new FieldErrors();
  if (!body) errors.add('body', say('Écrivez votre message.', 'Write your message.'));
  else if (body.length > MESSAGE_MAX_LENGTH)
    errors.add('body', say(`${MESSAGE_MAX_LENGTH} caractères au plus.`, `At most ${MESSAGE_MAX_LENGTH} characters.`));
  errors.throwIfAny();
  return body;
}

/** The posting limits of the commun, told in the words of a conversation. */
async function assertCanWrite(em: EntityManager, user: User, kind: 'start' | 'message'): Promise<void> {
  const limits = kind === 'start' ? START_LIMITS : MESSAGE_LIMITS;
  try {
    await assertCanPost(em, user, `conversations.${kind}`, limits);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') throw error;
    const isNew = Date.now() - user.createdAt.getTime() < limits.newAccountDays * 24 * 3600 * 1000;
    if (isNew && kind === 'start') {
      throw new AppError(
        'RATE_LIMITED',
        say(
          `Bienvenue ! Pendant leur première semaine, les nouveaux comptes commencent au plus ${limits.newPerDay} conversations par jour. Vous pourrez en commencer d’autres demain.`,
          `Welcome! During their first week, new accounts start at most ${limits.newPerDay} conversations a day. You can start others tomorrow.`,
        ),
      );
    }
    if (isNew) {
      throw new AppError(
        'RATE_LIMITED',
        say(
          `Bienvenue ! Pendant leur première semaine, les nouveaux comptes envoient au plus ${limits.newPerDay} messages par jour. Vous pourrez continuer demain.`,
          `Welcome! During their first week, new accounts send at most ${limits.newPerDay} messages a day. You can go on tomorrow.`,
        ),
      );
    }
    throw new AppError(
      'RATE_LIMITED',
      say(
        `Vous avez envoyé beaucoup de messages dans l’heure : patientez un peu avant de continuer.`,
        'You sent many messages this hour: please wait a little before going on.',
      ),
    );
  }
}

interface BlockRow {
  by_me: boolean;
  by_them: boolean;
}

/** Whether `me` blocked `other`, and whether `other` blocked `me`: one statement. */
async function blocksBetween(em: EntityManager, me: string, other: string): Promise<BlockRow> {
  const row = await queryOne<BlockRow>(
    em,
    sql`select exists (select 1 from member_block where blocker_id = ${me} and blocked_id = ${other}) as by_me,
               exists (select 1 from member_block where blocker_id = ${other} and blocked_id = ${me}) as by_them`,
  );
  return row ?? { by_me: false, by_them: false };
}

function refuseBlocked(blocks: BlockRow): void {
  if (blocks.by_me) throw forbidden(YOU_BLOCKED);
  if (blocks.by_them) throw forbidden(CANNOT_WRITE);
}

export interface StartInput {
  memberId?: string | null;
  organizationId?: string | null;
  body: string;
}

/**
 * Writes to a member (from their profile) or to an organization's team (its admins, read through
 * reseau's published `organization_member`). Writing again continues the same conversation.
 * Returns the conversation's id.
 */
export async function startConversation(em: EntityManager, author: User, input: StartInput): Promise<string> {
  if (!input.memberId === !input.organizationId) {
    throw badInput({
      memberId: say('Choisissez à qui écrire : un membre ou une organisation.', 'Choose whom to write to: a member or an organization.'),
    });
  }
  const body = checkBody(input.body);
  let pairKey: string;
  let kind: ConversationKind;
  let participants: Array<{ id: string; team: boolean }>;
  let organizationId: string | null = null;
  if (input.memberId) {
    if (input.memberId === author.id)
      throw badInput({ memberId: say('Vous ne pouvez pas vous écrire à vous-même.', 'You cannot write to yourself.') });
    const target = await queryOne<{ id: string }>(em, sql`select id from member_card where id = ${input.memberId} and status <> 'deleted'`);
    if (!target) throw notFound(MEMBER_NOT_FOUND);
    refuseBlocked(await blocksBetween(em, author.id, target.id));
    kind = ConversationKind.DIRECT;
    pairKey = `direct:${[author.id, target.id].sort().join(':')}`;
    participants = [
      { id: author.id, team: false },
      { id: target.id, team: false },
    ];
  } else {
    organizationId = input.organizationId!;
    const organization = await queryOne<{ id: string }>(em, sql`select id from organization_card where id = ${organizationId}`);
    if (!organization) throw notFound(say('Cette organisation n’existe pas ou plus.', 'This organization does not exist.'));
    const admins = await query<{ user_id: string }>(
      em,
      sql`select m.user_id from organization_member m join member_card u on u.id = m.user_id
           where m.organization_id = ${organizationId} and m.role = 'admin' and u.status = 'active'
           order by m.created_at limit 50`,
    );
    if (admins.some((admin) => admin.user_id === author.id)) {
      throw badInput({
        organizationId: say('Vous faites partie de l’équipe de cette organisation.', 'You are part of this organization’s team.'),
      });
    }
    if (admins.length === 0) {
      throw conflict(
        say(
          'Cette organisation n’a pas encore d’équipe pour vous répondre sur Maillage.',
          'This organization has no team to answer you on Maillage yet.',
        ),
      );
    }
    kind = ConversationKind.TEAM;
    pairKey = `team:${organizationId}:${author.id}`;
    participants = [{ id: author.id, team: false }, ...admins.map((admin) => ({ id: admin.user_id, team: true }))];
  }

  const existing = await queryOne<{ id: string }>(em, sql`select id from conversation where pair_key = ${pairKey}`);
  if (existing) {
    await sendMessage(em, author, { conversationId: existing.id, body });
    return existing.id;
  }
  await assertCanWrite(em, author, 'start');
  const id = await em.transactional(async (tx) => {
    // Two clicks at once: the unique key makes the second one continue the first one's conversation.
    const created = await queryOne<{ id: string }>(
      tx,
      sql`insert into conversation (id, kind, organization_id, pair_key) values (gen_random_uuid(), ${kind}, ${organizationId}, ${pairKey})
          on conflict (pair_key) do nothing returning id`,
    );
    if (!created) return null;
    await execute(
      tx,
      sql`insert into conversation_participant (id, conversation_id, user_id, team)
          select gen_random_uuid(), ${created.id}, p.id::uuid, p.team
            from json_to_recordset(${JSON.stringify(participants)}::json) as p(id text, team boolean)`,
    );
    return created.id;
  });
  const conversationId = id ?? (await queryOne<{ id: string }>(em, sql`select id from conversation where pair_key = ${pairKey}`))!.id;
  await sendMessage(em, author, { conversationId, body });
  return conversationId;
}

interface ParticipantRow {
  kind: ConversationKind;
  organization_name: string | null;
  team: boolean;
}

/** The viewer's part in a conversation, or NOT_FOUND (a stranger learns nothing, not even that it exists). */
async function participantOf(em: EntityManager, user: User, conversationId: string): Promise<ParticipantRow> {
  const row = await queryOne<ParticipantRow>(
    em,
    sql`select c.kind, o.name as organization_name, p.team
          from conversation_participant p join conversation c on c.id = p.conversation_id
          left join organization_card o on o.id = c.organization_id
         where p.conversation_id = ${conversationId} and p.user_id = ${user.id}`,
  );
  if (!row) throw notFound(CONVERSATION_NOT_FOUND);
  return row;
}

/** Sends a message; the others hear of it by their preferences, once per unread run (no e-mail per message). */
export async function sendMessage(em: EntityManager, author: User, input: { conversationId: string; body: string }): Promise<string> {
  const body = checkBody(input.body);
  const part = await participantOf(em, author, input.conversationId);
  if (part.kind === ConversationKind.DIRECT) {
    const other = await queryOne<{ id: string; status: string }>(
      em,
      sql`select u.id, u.status from conversation_participant p join member_card u on u.id = p.user_id
           where p.conversation_id = ${input.conversationId} and p.user_id <> ${author.id}`,
    );
    if (!other || other.status === 'deleted') {
      throw conflict(
        say('Ce compte a été supprimé : vous ne pouvez plus lui écrire.', 'This account was deleted: you can no longer write to it.'),
      );
    }
    refuseBlocked(await blocksBetween(em, author.id, other.id));
  }
  await assertCanWrite(em, author, 'message');
  return em.transactional(async (tx) => {
    const message = await queryOne<{ id: string }>(
      tx,
      sql`insert into conversation_message (id, conversation_id, author_id, body) values (gen_random_uuid(), ${input.conversationId}, ${author.id}, ${body})
          returning id`,
    );
    await execute(tx, sql`update conversation set last_message_at = now(), updated_at = now() where id = ${input.conversationId}`);
    await execute(
      tx,
      sql`update conversation_participant set last_read_at = now(), unread_count = 0, updated_at = now()
           where conversation_id = ${input.conversationId} and user_id = ${author.id}`,
    );
    // A member who blocked the author does not see their new messages: nothing unread, nothing to hear of.
    const recipients = await query<{ user_id: string; unread_count: number }>(
      tx,
      sql`update conversation_participant p set unread_count = unread_count + 1, archived = false, updated_at = now()
           where p.conversation_id = ${input.conversationId} and p.user_id <> ${author.id}
             and not exists (select 1 from member_block b where b.blocker_id = p.user_id and b.blocked_id = ${author.id})
          returning p.user_id, p.unread_count`,
    );
    // Only the first message of an unread run is announced: a lively conversation is not an e-mail per message.
    const toTell = recipients.filter((recipient) => recipient.unread_count === 1).map((recipient) => recipient.user_id);
    const name = author.displayName;
    const text =
      part.kind === ConversationKind.TEAM && part.organization_name
        ? say(
            `${name} a écrit dans une conversation avec l’équipe ${deOrganizationName(part.organization_name)}.`,
            `${name} wrote in a conversation with the team of ${part.organization_name}.`,
          )
        : say(`${name} vous a écrit.`, `${name} wrote to you.`);
    await notify(tx, toTell, { kind: 'conversations.message', text, link: conversationLink(input.conversationId) }, author.id);
    return message!.id;
  });
}

/** The viewer has read the conversation up to now. */
export async function markRead(em: EntityManager, user: User, conversationId: string): Promise<void> {
  await participantOf(em, user, conversationId);
  await execute(
    em,
    sql`update conversation_participant set last_read_at = now(), unread_count = 0, updated_at = now()
         where conversation_id = ${conversationId} and user_id = ${user.id}`,
  );
}

/** Puts a conversation aside (or back); a new message brings it back. */
export async function setArchived(em: EntityManager, user: User, conversationId: string, archived: boolean): Promise<void> {
  await participantOf(em, user, conversationId);
  await execute(
    em,
    sql`update conversation_participant set archived = ${archived}, updated_at = now()
         where conversation_id = ${conversationId} and user_id = ${user.id}`,
  );
}

/** Blocks a member: they can no longer write to the blocker, who no longer sees their new messages. */
export async function blockMember(em: EntityManager, user: User, memberId: string): Promise<void> {
  if (memberId === user.id) throw badInput({ memberId: say('Vous ne pouvez pas vous bloquer vous-même.', 'You cannot block yourself.') });
  const target = await queryOne<{ id: string }>(em, sql`select id from member_card where id = ${memberId} and status <> 'deleted'`);
  if (!target) throw notFound(MEMBER_NOT_FOUND);
  await execute(
    em,
    sql`insert into member_block (id, blocker_id, blocked_id) values (gen_random_uuid(), ${user.id}, ${memberId})
        on conflict (blocker_id, blocked_id) do nothing`,
  );
}

export async function unblockMember(em: EntityManager, user: User, memberId: string): Promise<void> {
  await execute(em, sql`delete from member_block where blocker_id = ${user.id} and blocked_id = ${memberId}`);
}
