import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, sql } from '../../db/sql.js';
import { isModerator } from '../../graphql/auth.js';
import { FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import { isDepartement, normalizeDepartement } from '../../shared/territory.js';
import { User } from '../comptes/user.entity.js';
import { contentChanged } from '../commun/content-changes.js';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { ensureTags, setTagFollow, spellTags, tagFollowerIds, tagsOf, type TagSpelling } from '../mots-cles/mots-cles.service.js';
import { Tag } from '../mots-cles/tag.entity.js';
import { Answer } from './answer.entity.js';
import { VoteValue } from './entraide.types.js';
import { isUuid, sqlDate, type Viewer } from './entraide.read.js';
import { QuestionFollow } from './question-follow.entity.js';
import { Question } from './question.entity.js';
import { publishLive } from '../../live/publish.js';
import { checkMentions, recordMentions } from './entraide.mentions.js';
import type { Viewer as Member } from '../comptes/viewer.js';
import { communeSpelling } from '../../shared/communes.js';

export const TITLE_MIN = 10;
export const TITLE_MAX = 200;
export const BODY_MIN = 10;
export const BODY_MAX = 20_000;
export const TAGS_MAX = 5;

const QUESTION_NOT_FOUND = say('Cette question n’existe pas ou plus.', 'This question does not exist.');
const ANSWER_NOT_FOUND = say('Cette réponse n’existe pas ou plus.', 'This answer does not exist.');

export function viewerOf(user: Member | null): Viewer | null {
  return user ? { id: user.id, moderator: isModerator(user) } : null;
}

/** The live topic of a question's new answers (entraide.live.ts); each message carries the answer's id. */
export const answersTopic = (questionId: string) => `answers:${questionId}`;

export function questionLink(questionId: string, answerId?: string): string {
  return `/entraide/questions/${questionId}${answerId ? `#reponse-${answerId}` : ''}`;
}

/** A question someone may see: hidden ones exist only for their author and moderators. */
export async function visibleQuestion(em: EntityManager, id: string, user: User | null): Promise<Question> {
  const question = isUuid(id) ? await em.findOne(Question, { id }) : null;
  if (!question || (question.hiddenAt && !(user && (isModerator(user) || question.author.id === user.id))))
    throw notFound(QUESTION_NOT_FOUND);
  return question;
}

export async function visibleAnswer(em: EntityManager, id: string, user: User | null): Promise<Answer> {
  const answer = isUuid(id) ? await em.findOne(Answer, { id }, { populate: ['question'] }) : null;
  if (!answer || (answer.hiddenAt && !(user && (isModerator(user) || answer.author.id === user.id)))) throw notFound(ANSWER_NOT_FOUND);
  if (answer.question.hiddenAt && !(user && (isModerator(user) || answer.question.author.id === user.id))) throw notFound(ANSWER_NOT_FOUND);
  return answer;
}

function checkTitle(errors: FieldErrors, raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title.length < TITLE_MIN)
    errors.add(
      'title',
      say(
        `Le titre doit faire au moins ${TITLE_MIN} caractères : posez votre question en une phrase.`,
        `The title needs at least ${TITLE_MIN} characters: ask your question in one sentence.`,
      ),
    );
  if (title.length > TITLE_MAX)
    errors.add('title', say(`Le titre ne peut pas dépasser ${TITLE_MAX} caractères.`, `The title cannot exceed ${TITLE_MAX} characters.`));
  return title;
}

function checkBody(errors: FieldErrors, raw: string, what: 'question' | 'answer'): string {
  const body = raw.trim();
  if (body.length < BODY_MIN) {
    errors.add(
      'body',
      what === 'question'
        ? say(`Décrivez la situation en au moins ${BODY_MIN} caractères.`, `Describe the situation in at least ${BODY_MIN} characters.`)
        : say(`Votre réponse doit faire au moins ${BODY_MIN} caractères.`, `Your answer needs at least ${BODY_MIN} characters.`),
    );
  }
  if (body.length > BODY_MAX)
    errors.add('body', say(`Le texte ne peut pas dépasser ${BODY_MAX} caractères.`, `The text cannot exceed ${BODY_MAX} characters.`));
  return body;
}

function checkTags(errors: FieldErrors, raw: readonly string[]): TagSpelling[] {
  const tags = spellTags(raw);
  if (tags.length === 0)
    errors.add(
      'tags',
      say(
        'Choisissez au moins un mot-clé (par exemple « CAF » ou « smartphone »).',
        'Choose at least one tag (e.g. "CAF" or "smartphone").',
      ),
    );
  if (tags.length > TAGS_MAX) errors.add('tags', say(`Choisissez ${TAGS_MAX} mots-clés au plus.`, `Choose ${TAGS_MAX} tags at most.`));
  return tags;
}

function checkDepartement(errors: FieldErrors, raw: string | null | undefined): string | null {
  const code = normalizeDepartement(raw);
  if (code && !isDepartement(code))
    errors.add(
      'departement',
      say(
        `« ${raw} » n’est pas un numéro de département (par exemple 44, 2A ou 974).`,
        `"${raw}" is not a département code (e.g. 44, 2A or 974).`,
      ),
    );
  return code;
}

function checkCommune(errors: FieldErrors, raw: string | null | undefined): string | null {
  const commune = raw?.trim() || null;
  if (commune && commune.length > 120)
    errors.add('commune', say('Le nom de la commune ne peut pas dépasser 120 caractères.', 'The commune cannot exceed 120 characters.'));
  return commune && communeSpelling({ commune });
}

export interface AskQuestionData {
  title: string;
  body: string;
  tags: string[];
  departement?: string | null;
  commune?: string | null;
}

/**
 * A member asks the network. They follow their own question; followers of its tags are told.
 * (The one place where a question is created: the posting limit applies here.)
 */
export async function askQuestion(em: EntityManager, author: User, input: AskQuestionData): Promise<string> {
  const errors = new FieldErrors();
  const title = checkTitle(errors, input.title);
  const body = checkBody(errors, input.body, 'question');
  const tags = checkTags(errors, input.tags);
  const departement = checkDepartement(errors, input.departement);
  const commune = checkCommune(errors, input.commune);
  errors.throwIfAny();
  checkMentions(body);
  await assertCanPost(em, author, 'entraide.question');

  return em.transactional(async (tx) => {
    const slugs = await ensureTags(tx, tags);
    const question = tx.create(Question, { author: tx.getReference(User, author.id), title, body, tags: slugs, departement, commune });
    tx.create(QuestionFollow, { user: question.author, question });
    await tx.flush();
    // The shared list's labels: the tag may have been spelled better by whoever wrote it first.
    const labels = (await tagsOf(tx, slugs)).map((tag) => tag.label).join(', ');
    await notify(
      tx,
      await tagFollowerIds(tx, slugs),
      {
        kind: 'entraide.question',
        text: say(`Nouvelle question (${labels}) : « ${title} »`, `New question (${labels}): "${title}"`),
        link: questionLink(question.id),
      },
      author.id,
    );
    await recordMentions(tx, {
      content: `question:${question.id}`,
      questionId: question.id,
      body,
      author,
      title,
      link: questionLink(question.id),
    });
    await contentChanged(tx, {
      type: 'entraide.question',
      id: question.id,
      change: 'created',
      citable: { title, url: questionLink(question.id), text: body },
    });
    return question.id;
  });
}

export interface UpdateQuestionData {
  id: string;
  title?: string | null;
  body?: string | null;
  tags?: string[] | null;
  departement?: string | null;
  commune?: string | null;
}

/** Only its author edits a question; the edit time is shown. */
export async function updateQuestion(em: EntityManager, user: User, input: UpdateQuestionData): Promise<string> {
  const question = await visibleQuestion(em, input.id, user);
  if (question.author.id !== user.id)
    throw forbidden(say('Seule la personne qui a posé la question peut la modifier.', 'Only the person who asked can edit this question.'));
  const errors = new FieldErrors();
  const title = input.title != null ? checkTitle(errors, input.title) : question.title;
  const body = input.body != null ? checkBody(errors, input.body, 'question') : question.body;
  const tags = input.tags != null ? checkTags(errors, input.tags) : null;
  const departement = input.departement != null ? checkDepartement(errors, input.departement) : question.departement;
  const commune = input.commune != null ? checkCommune(errors, input.commune) : question.commune;
  errors.throwIfAny();
  checkMentions(body);
  await em.transactional(async (tx) => {
    const now = new Date();
    Object.assign(question, { title, body, departement, commune, editedAt: now, lastActivityAt: now });
    if (tags) question.tags = await ensureTags(tx, tags);
    tx.persist(question);
    await tx.flush();
    await recordMentions(tx, {
      content: `question:${question.id}`,
      questionId: question.id,
      body,
      author: user,
      title,
      link: questionLink(question.id),
    });
    await contentChanged(tx, {
      type: 'entraide.question',
      id: question.id,
      change: 'updated',
      citable: { title, url: questionLink(question.id), text: body },
    });
  });
  return question.id;
}

/** A member answers; followers of the question are told, and the answerer now follows it too. */
export async function answerQuestion(em: EntityManager, author: User, input: { questionId: string; body: string }): Promise<string> {
  const question = await visibleQuestion(em, input.questionId, author);
  const errors = new FieldErrors();
  const body = checkBody(errors, input.body, 'answer');
  errors.throwIfAny();
  checkMentions(body);
  if (question.duplicateOf) {
    throw conflict(
      say(
        'Cette question a été fermée comme doublon : répondez plutôt à la question d’origine.',
        'This question was closed as a duplicate: answer the original question instead.',
      ),
      { originalId: question.duplicateOf.id },
    );
  }
  await assertCanPost(em, author, 'entraide.answer');
  return em.transactional(async (tx) => {
    const answer = tx.create(Answer, { question: tx.getReference(Question, question.id), author: tx.getReference(User, author.id), body });
    await tx.flush();
    await followQuestionRow(tx, author.id, question.id, true);
    const followers = await tx.find(QuestionFollow, { question: question.id }, { fields: ['user'] });
    await notify(
      tx,
      followers.map((follow) => follow.user.id),
      {
        kind: 'entraide.answer',
        text: say(`${author.displayName} a répondu à « ${question.title} »`, `${author.displayName} answered "${question.title}"`),
        link: questionLink(question.id, answer.id),
      },
      author.id,
    );
    await recordMentions(tx, {
      content: `answer:${answer.id}`,
      questionId: question.id,
      body,
      author,
      title: question.title,
      link: questionLink(question.id, answer.id),
    });
    await contentChanged(tx, {
      type: 'entraide.answer',
      id: answer.id,
      change: 'created',
      citable: { title: question.title, url: questionLink(question.id, answer.id), text: body },
    });
    await publishLive(tx, answersTopic(question.id), answer.id);
    return answer.id;
  });
}

/** Only its author edits an answer. */
export async function updateAnswer(em: EntityManager, user: User, input: { id: string; body: string }): Promise<string> {
  const answer = await visibleAnswer(em, input.id, user);
  if (answer.author.id !== user.id)
    throw forbidden(
      say('Seule la personne qui a écrit cette réponse peut la modifier.', 'Only the person who wrote this answer can edit it.'),
    );
  const errors = new FieldErrors();
  const body = checkBody(errors, input.body, 'answer');
  errors.throwIfAny();
  checkMentions(body);
  answer.body = body;
  answer.editedAt = new Date();
  answer.question.lastActivityAt = answer.editedAt;
  await em.flush();
  await recordMentions(em, {
    content: `answer:${answer.id}`,
    questionId: answer.question.id,
    body,
    author: user,
    title: answer.question.title,
    link: questionLink(answer.question.id, answer.id),
  });
  await contentChanged(em, {
    type: 'entraide.answer',
    id: answer.id,
    change: 'updated',
    citable: { title: answer.question.title, url: questionLink(answer.question.id, answer.id), text: body },
  });
  await em.flush();
  return answer.id;
}

const OWN_POST = say('Vous ne pouvez pas voter pour ce que vous avez écrit vous-même.', 'You cannot vote on what you wrote yourself.');

/**
 * One vote per member and post, changeable (UP, DOWN) or withdrawn (NONE); never on one's own post.
 * The unique constraint makes concurrent clicks end with one vote; triggers keep the counts.
 */
export async function vote(
  em: EntityManager,
  voter: User,
  input: { questionId?: string | null; answerId?: string | null; value: VoteValue },
): Promise<{ questionId: string | null; answerId: string | null }> {
  if (!!input.questionId === !!input.answerId) {
    throw badInput({ questionId: say('Indiquez une question ou une réponse, pas les deux.', 'Give a question or an answer, not both.') });
  }
  const value = input.value === VoteValue.UP ? 1 : input.value === VoteValue.DOWN ? -1 : 0;
  if (input.questionId) {
    const question = await visibleQuestion(em, input.questionId, voter);
    if (question.author.id === voter.id) throw forbidden(OWN_POST);
    if (value === 0) await execute(em, sql`delete from question_vote where voter_id = ${voter.id} and question_id = ${question.id}`);
    else {
      await execute(
        em,
        sql`insert into question_vote (id, voter_id, question_id, value) values (gen_random_uuid(), ${voter.id}, ${question.id}, ${value})
         on conflict (voter_id, question_id) do update set value = excluded.value, updated_at = now() where question_vote.value <> excluded.value`,
      );
    }
    return { questionId: question.id, answerId: null };
  }
  const answer = await visibleAnswer(em, input.answerId!, voter);
  if (answer.author.id === voter.id) throw forbidden(OWN_POST);
  if (value === 0) await execute(em, sql`delete from answer_vote where voter_id = ${voter.id} and answer_id = ${answer.id}`);
  else {
    await execute(
      em,
      sql`insert into answer_vote (id, voter_id, answer_id, value) values (gen_random_uuid(), ${voter.id}, ${answer.id}, ${value})
       on conflict (voter_id, answer_id) do update set value = excluded.value, updated_at = now() where answer_vote.value <> excluded.value`,
    );
  }
  return { questionId: null, answerId: answer.id };
}

/**
 * The asker accepts the answer that solved their problem (and may change their mind);
 * a moderator may do it when the asker never does. The answer's author is told.
 */
export async function acceptAnswer(em: EntityManager, user: User, answerId: string): Promise<string> {
  const answer = await visibleAnswer(em, answerId, user);
  const question = answer.question;
  if (question.author.id !== user.id && !isModerator(user)) {
    throw forbidden(
      say(
        'Seule la personne qui a posé la question (ou un·e modérateur·rice) peut accepter une réponse.',
        'Only the person who asked (or a moderator) can accept an answer.',
      ),
    );
  }
  if (answer.hiddenAt)
    throw conflict(
      say(
        'Cette réponse a été masquée par la modération : elle ne peut pas être acceptée.',
        'This answer was hidden by moderation: it cannot be accepted.',
      ),
    );
  if (question.acceptedAnswer?.id === answer.id) return question.id;
  await em.transactional(async (tx) => {
    const now = new Date();
    Object.assign(question, { acceptedAnswer: answer, acceptedAt: now, acceptedBy: tx.getReference(User, user.id), lastActivityAt: now });
    tx.persist(question);
    await tx.flush();
    await notify(
      tx,
      [answer.author.id],
      {
        kind: 'entraide.accepted',
        text: say(`Votre réponse à « ${question.title} » a été acceptée.`, `Your answer to "${question.title}" was accepted.`),
        link: questionLink(question.id, answer.id),
      },
      user.id,
    );
  });
  return question.id;
}

/**
 * A moderator closes a question as a duplicate: it then points to the original (never to another duplicate),
 * takes no new answer, and its asker and followers are told where to look.
 */
export async function closeAsDuplicate(
  em: EntityManager,
  moderator: User,
  input: { questionId: string; originalId: string },
): Promise<string> {
  if (!isModerator(moderator))
    throw forbidden(
      say('Seule la modération peut fermer une question comme doublon.', 'Only moderators can close a question as a duplicate.'),
    );
  const question = await visibleQuestion(em, input.questionId, moderator);
  let original: Question | null = isUuid(input.originalId) ? await em.findOne(Question, { id: input.originalId }) : null;
  if (!original || original.hiddenAt)
    throw badInput({ originalId: say('La question d’origine n’existe pas.', 'The original question does not exist.') });
  // Point to the root of a chain of duplicates, so a reader needs one click.
  for (let hops = 0; original.duplicateOf && hops < 10; hops++)
    original = await em.findOneOrFail(Question, { id: original.duplicateOf.id });
  if (original.id === question.id)
    throw badInput({ originalId: say('Une question ne peut pas être le doublon d’elle-même.', 'A question cannot duplicate itself.') });
  await em.transactional(async (tx) => {
    const now = new Date();
    Object.assign(question, { duplicateOf: original, closedAt: now, closedBy: tx.getReference(User, moderator.id), lastActivityAt: now });
    tx.persist(question);
    await tx.flush();
    const followers = await tx.find(QuestionFollow, { question: question.id }, { fields: ['user'] });
    await notify(
      tx,
      [question.author.id, ...followers.map((follow) => follow.user.id)],
      {
        kind: 'entraide.duplicate',
        text: say(
          `« ${question.title} » a déjà été posée : la discussion continue sur « ${original!.title} ».`,
          `"${question.title}" was already asked: the discussion goes on at "${original!.title}".`,
        ),
        link: questionLink(original!.id),
      },
      moderator.id,
    );
  });
  return question.id;
}

/** A moderator undoes a "duplicate" closing. */
export async function reopenQuestion(em: EntityManager, moderator: User, questionId: string): Promise<string> {
  if (!isModerator(moderator))
    throw forbidden(say('Seule la modération peut rouvrir une question.', 'Only moderators can reopen a question.'));
  const question = await visibleQuestion(em, questionId, moderator);
  Object.assign(question, { duplicateOf: null, closedAt: null, closedBy: null });
  await em.flush();
  return question.id;
}

async function followQuestionRow(em: EntityManager, userId: string, questionId: string, follow: boolean): Promise<void> {
  if (follow) {
    await execute(
      em,
      sql`insert into question_follow (id, user_id, question_id) values (gen_random_uuid(), ${userId}, ${questionId}) on conflict (user_id, question_id) do nothing`,
    );
  } else {
    await execute(em, sql`delete from question_follow where user_id = ${userId} and question_id = ${questionId}`);
  }
}

export async function followQuestion(em: EntityManager, user: User, input: { questionId: string; follow: boolean }): Promise<string> {
  const question = await visibleQuestion(em, input.questionId, user);
  await followQuestionRow(em, user.id, question.id, input.follow);
  return question.id;
}

/** Follow a tag (a new one is added to the shared list) or stop following it. */
export async function followTag(em: EntityManager, user: User, input: { tag: string; follow: boolean }): Promise<Tag> {
  const [spelling] = spellTags([input.tag]);
  if (!spelling) throw badInput({ tag: say('Indiquez un mot-clé.', 'Enter a tag.') });
  await ensureTags(em, [spelling]);
  const tag = await em.findOneOrFail(Tag, { slug: spelling.slug });
  await setTagFollow(em, user, tag, input.follow);
  return tag;
}

export async function followedTags(em: EntityManager, user: User): Promise<Tag[]> {
  const rows = await query<{ slug: string; label: string; created_at: string | Date }>(
    em,
    sql`select t.slug, t.label, t.created_at from tag_follower f join tag_card t on t.slug = f.tag_slug where f.user_id = ${user.id} order by t.label`,
  );
  return rows.map((row) => ({ slug: row.slug, label: row.label, createdAt: sqlDate(row.created_at) }) as Tag);
}
