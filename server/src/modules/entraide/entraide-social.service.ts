import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { isModerator } from '../../graphql/auth.js';
import { badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { pgTextArray } from '../../shared/pg-array.js';
import { User } from '../comptes/user.entity.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { Answer } from './answer.entity.js';
import { QuestionComment } from './comment.entity.js';
import { isUuid } from './entraide.read.js';
import { checkMentions, recordMentions } from './entraide.mentions.js';
import { questionLink, visibleAnswer, visibleQuestion } from './entraide.service.js';
import { Question } from './question.entity.js';

/** Comments: short (COMMENT_MAX characters), inline Markdown, editable by their author for EDIT_WINDOW_MINUTES. */
export const COMMENT_MIN = 2;
export const COMMENT_MAX = 600;
export const EDIT_WINDOW_MINUTES = 15;
/** Experts invited per question, at most. */
export const INVITATIONS_MAX = 3;

const COMMENT_NOT_FOUND = say('Ce commentaire n’existe pas ou plus.', 'This comment does not exist.');

function checkComment(raw: string): string {
  const body = raw.trim();
  if (body.length < COMMENT_MIN)
    throw badInput({ body: say('Écrivez votre commentaire (2 caractères au moins).', 'Write your comment (2 characters at least).') });
  if (body.length > COMMENT_MAX)
    throw badInput({
      body: say(`Un commentaire ne peut pas dépasser ${COMMENT_MAX} caractères.`, `A comment cannot exceed ${COMMENT_MAX} characters.`),
    });
  checkMentions(body);
  return body;
}

/**
 * A member comments under a question or one of its answers (give one of them). The author of what is
 * commented is told (kind `entraide.commentaire`), the members mentioned too (`entraide.mention`).
 */
export async function addComment(
  em: EntityManager,
  author: User,
  input: { questionId?: string | null; answerId?: string | null; body: string },
): Promise<string> {
  if (!!input.questionId === !!input.answerId)
    throw badInput({ questionId: say('Indiquez une question ou une réponse, pas les deux.', 'Give a question or an answer, not both.') });
  const answer = input.answerId ? await visibleAnswer(em, input.answerId, author) : null;
  const question = answer ? answer.question : await visibleQuestion(em, input.questionId!, author);
  if (answer?.hiddenAt || question.hiddenAt)
    throw conflict(say('On ne peut pas commenter un texte masqué par la modération.', 'Hidden content cannot be commented on.'));
  const body = checkComment(input.body);
  await assertCanPost(em, author, 'entraide.commentaire');
  return em.transactional(async (tx) => {
    const comment = tx.create(QuestionComment, {
      question: tx.getReference(Question, question.id),
      answer: answer ? tx.getReference(Answer, answer.id) : null,
      author: tx.getReference(User, author.id),
      body,
    });
    await tx.flush();
    const link = questionLink(question.id, answer?.id) + (answer ? '' : `#commentaire-${comment.id}`);
    const mentioned = await recordMentions(tx, {
      content: `comment:${comment.id}`,
      questionId: question.id,
      body,
      author,
      title: question.title,
      link,
    });
    const owner = answer ? answer.author.id : question.author.id;
    if (!mentioned.includes(owner)) {
      await notify(
        tx,
        [owner],
        {
          kind: 'entraide.commentaire',
          text: answer
            ? say(
                `${author.displayName} a commenté votre réponse à « ${question.title} »`,
                `${author.displayName} commented on your answer to "${question.title}"`,
              )
            : say(
                `${author.displayName} a commenté votre question « ${question.title} »`,
                `${author.displayName} commented on your question "${question.title}"`,
              ),
          link,
        },
        author.id,
      );
    }
    return comment.id;
  });
}

async function ownComment(em: EntityManager, user: User, id: string): Promise<QuestionComment> {
  const comment = isUuid(id) ? await em.findOne(QuestionComment, { id }, { populate: ['question'] }) : null;
  if (!comment || (comment.hiddenAt && comment.author.id !== user.id && !isModerator(user))) throw notFound(COMMENT_NOT_FOUND);
  return comment;
}

/** Its author edits a comment within EDIT_WINDOW_MINUTES of writing it. */
export async function updateComment(em: EntityManager, user: User, input: { id: string; body: string }): Promise<string> {
  const comment = await ownComment(em, user, input.id);
  if (comment.author.id !== user.id)
    throw forbidden(
      say('Seule la personne qui a écrit ce commentaire peut le modifier.', 'Only the person who wrote this comment can edit it.'),
    );
  if (Date.now() - comment.createdAt.getTime() > EDIT_WINDOW_MINUTES * 60_000)
    throw forbidden(
      say(
        `Un commentaire se modifie dans les ${EDIT_WINDOW_MINUTES} minutes qui suivent : supprimez-le et écrivez-en un autre.`,
        `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes: delete it and write another one.`,
      ),
    );
  const body = checkComment(input.body);
  comment.body = body;
  comment.editedAt = new Date();
  await em.flush();
  await recordMentions(em, {
    content: `comment:${comment.id}`,
    questionId: comment.question.id,
    body,
    author: user,
    title: comment.question.title,
    link: questionLink(comment.question.id, comment.answer?.id),
  });
  return comment.id;
}

/** Its author (or a moderator) deletes a comment. */
export async function deleteComment(em: EntityManager, user: User, id: string): Promise<string> {
  const comment = await ownComment(em, user, id);
  if (comment.author.id !== user.id && !isModerator(user))
    throw forbidden(
      say('Seule la personne qui a écrit ce commentaire peut le supprimer.', 'Only the person who wrote this comment can delete it.'),
    );
  await execute(em, sql`delete from question_mention where content = ${`comment:${comment.id}`}`);
  await execute(em, sql`delete from question_comment where id = ${comment.id}`);
  return comment.id;
}

/**
 * The asker invites up to INVITATIONS_MAX members (per question, in all) to answer. Each is told once:
 * inviting someone already invited changes nothing. Never oneself, never on a closed question.
 */
export async function inviteExperts(em: EntityManager, user: User, input: { questionId: string; memberIds: string[] }): Promise<string> {
  const question = await visibleQuestion(em, input.questionId, user);
  if (question.author.id !== user.id)
    throw forbidden(
      say('Seule la personne qui a posé la question peut inviter des expert·es.', 'Only the person who asked can invite experts.'),
    );
  if (question.duplicateOf || question.closedAt || question.hiddenAt)
    throw conflict(
      say('Cette question est fermée : on ne peut plus y inviter personne.', 'This question is closed: nobody can be invited.'),
    );
  const wanted = [...new Set(input.memberIds.map((id) => id.toLowerCase()))];
  if (wanted.length === 0) throw badInput({ memberIds: say('Choisissez au moins une personne.', 'Choose at least one person.') });
  if (wanted.includes(user.id))
    throw badInput({ memberIds: say('Vous ne pouvez pas vous inviter vous-même.', 'You cannot invite yourself.') });
  const unknown = () => badInput({ memberIds: say('Cette personne n’est pas membre du réseau.', 'This person is not a member.') });
  if (!wanted.every(isUuid)) throw unknown();
  return em.transactional(async (tx) => {
    // One asker at a time per question: the count below stays right under concurrent clicks.
    await execute(tx, sql`select id from question where id = ${question.id} for update`);
    const members = await query<{ id: string }>(
      tx,
      sql`select id from member_card where id = any(${pgTextArray(wanted)}::uuid[]) and status = 'active'`,
    );
    if (members.length !== wanted.length) throw unknown();
    const already = await query<{ invitee_id: string }>(
      tx,
      sql`select invitee_id from question_invitation where question_id = ${question.id}`,
    );
    const invited = new Set(already.map((row) => row.invitee_id));
    const fresh = wanted.filter((id) => !invited.has(id));
    if (invited.size + fresh.length > INVITATIONS_MAX)
      throw badInput({
        memberIds: say(
          `On invite ${INVITATIONS_MAX} personnes au plus par question (déjà invitées : ${invited.size}).`,
          `At most ${INVITATIONS_MAX} people can be invited per question (already invited: ${invited.size}).`,
        ),
      });
    if (fresh.length === 0) return question.id;
    await execute(
      tx,
      sql`insert into question_invitation (id, question_id, invitee_id)
          select gen_random_uuid(), ${question.id}, m from unnest(${pgTextArray(fresh)}::uuid[]) as m
          on conflict (question_id, invitee_id) do nothing`,
    );
    await notify(
      tx,
      fresh,
      {
        kind: 'entraide.invitation',
        text: say(
          `${user.displayName} vous invite à répondre à « ${question.title} »`,
          `${user.displayName} invites you to answer "${question.title}"`,
        ),
        link: questionLink(question.id),
      },
      user.id,
    );
    return question.id;
  });
}

/** The invitee declines (the asker sees "a décliné"); nobody else is told. */
export async function declineInvitation(em: EntityManager, user: User, questionId: string): Promise<string> {
  const question = await visibleQuestion(em, questionId, user);
  const rows = await query<{ id: string }>(
    em,
    sql`update question_invitation set declined_at = coalesce(declined_at, now()), updated_at = now()
         where question_id = ${question.id} and invitee_id = ${user.id} returning id`,
  );
  if (rows.length === 0)
    throw notFound(say('Vous n’avez pas été invité·e à répondre à cette question.', 'You were not invited to answer this question.'));
  return question.id;
}
