import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { HomeFeedProvider, HomeFigureProvider, HomePersonalProvider } from '../commun/accueil/accueil-provider.js';
import { placeCondition } from '../commun/accueil/near.js';
import type { ModeratedContentType } from '../commun/moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../commun/notifications/notification-kinds.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';

/** How entraide plugs into the commun (declared in entraide.section.ts): data and SQL only. */
export const entraideNotificationKinds: NotificationKind[] = [
  {
    kind: 'entraide.answer',
    label: say('Une réponse à une question que j’ai posée ou que je suis', 'An answer to a question I asked or follow'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
  { kind: 'entraide.accepted', label: say('Ma réponse a été acceptée', 'My answer was accepted'), defaultChannel: DeliveryChannel.IN_APP },
  {
    kind: 'entraide.question',
    label: say('Une nouvelle question sur un sujet que je suis', 'A new question on a topic I follow'),
    defaultChannel: DeliveryChannel.DIGEST,
  },
  {
    kind: 'entraide.duplicate',
    label: say('Ma question a été rapprochée d’une question existante', 'My question was closed as a duplicate'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'entraide.commentaire',
    label: say('Un commentaire sous ma question ou ma réponse', 'A comment on my question or answer'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'entraide.mention',
    label: say('Quelqu’un me mentionne (@) dans l’entraide', 'Someone mentions me (@) in peer help'),
    defaultChannel: DeliveryChannel.IN_APP,
  },
  {
    kind: 'entraide.invitation',
    label: say('On m’invite à répondre à une question', 'I am invited to answer a question'),
    defaultChannel: DeliveryChannel.EMAIL,
  },
];

export const questionContent: ModeratedContentType = {
  type: 'entraide.question',
  label: say('une question', 'a question'),
  table: 'question',
  authorColumn: 'author_id',
  excerptSql: `t.title || ' — ' || left(t.body, 240)`,
  linkSql: `'/entraide/questions/' || t.id`,
};

export const answerContent: ModeratedContentType = {
  type: 'entraide.answer',
  label: say('une réponse', 'an answer'),
  table: 'answer',
  authorColumn: 'author_id',
  excerptSql: `left(t.body, 280)`,
  linkSql: `'/entraide/questions/' || t.question_id || '#reponse-' || t.id`,
};

export const commentContent: ModeratedContentType = {
  type: 'entraide.commentaire',
  label: say('un commentaire', 'a comment'),
  table: 'question_comment',
  authorColumn: 'author_id',
  excerptSql: `left(t.body, 280)`,
  linkSql: `'/entraide/questions/' || t.question_id || coalesce('#reponse-' || t.answer_id, '#commentaire-' || t.id)`,
};

export const entraidePrivacy: PrivacyProvider = {
  section: 'entraide',
  label: say('Entraide', 'Peer help'),
  words: {
    questions: say('Questions', 'Questions'),
    answers: say('Réponses', 'Answers'),
    votes: say('Votes', 'Votes'),
    follows: say('Questions suivies', 'Followed questions'),
    comments: say('Commentaires', 'Comments'),
    invitations: say('Invitations à répondre', 'Invitations to answer'),
    questionId: say('Identifiant de la question', 'Question id'),
    answerId: say('Identifiant de la réponse', 'Answer id'),
    on: say('Sur', 'On'),
    value: say('Vote', 'Vote'),
    since: say('Suivie depuis le', 'Followed since'),
    invitedAt: say('Invité le', 'Invited on'),
    declinedAt: say('Décliné le', 'Declined on'),
  },
  async exportData(em: EntityManager, userId: string) {
    return queryOne<Record<string, unknown>>(
      em,
      sql`select (select coalesce(json_agg(q order by q."createdAt"), '[]') from (
                    select id, title, body, tags, departement, commune, created_at as "createdAt", hidden_reason as "hiddenReason"
                      from question where author_id = ${userId}) q) as questions,
                 (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                    select id, question_id as "questionId", body, created_at as "createdAt", hidden_reason as "hiddenReason"
                      from answer where author_id = ${userId}) a) as answers,
                 (select coalesce(json_agg(v), '[]') from (
                    select 'question' as "on", question_id as id, value, created_at as "createdAt" from question_vote where voter_id = ${userId}
                    union all select 'answer', answer_id, value, created_at from answer_vote where voter_id = ${userId}) v) as votes,
                 (select coalesce(json_agg(f), '[]') from (
                    select question_id as "questionId", created_at as "since" from question_follow where user_id = ${userId}) f) as follows,
                 (select coalesce(json_agg(c order by c."createdAt"), '[]') from (
                    select id, question_id as "questionId", answer_id as "answerId", body, created_at as "createdAt", hidden_reason as "hiddenReason"
                      from question_comment where author_id = ${userId}) c) as comments,
                 (select coalesce(json_agg(i), '[]') from (
                    select question_id as "questionId", created_at as "invitedAt", declined_at as "declinedAt"
                      from question_invitation where invitee_id = ${userId}) i) as invitations`,
    );
  },
  async erase(em: EntityManager, userId: string) {
    await execute(em, sql`delete from question_follow where user_id = ${userId}`);
    await execute(em, sql`delete from question_invitation where invitee_id = ${userId}`);
    await execute(em, sql`delete from question_mention where member_id = ${userId}`);
    const counted = await queryOne<{ posts: number }>(
      em,
      sql`select ((select count(*) from question where author_id = ${userId}) + (select count(*) from answer where author_id = ${userId})
                 + (select count(*) from question_comment where author_id = ${userId})
                 + (select count(*) from question_vote where voter_id = ${userId}) + (select count(*) from answer_vote where voter_id = ${userId}))::int as posts`,
    );
    if (!counted?.posts) return [];
    return [
      say(
        'Vos questions et réponses (et vos commentaires) restent en ligne, signées « Compte supprimé » : elles aident d’autres personnes. Vos votes restent comptés, sans votre nom, pour que le classement des réponses ne change pas.',
        'Your questions, answers and comments stay online, signed "Compte supprimé": they help other people. Your votes still count, without your name, so the ranking of answers does not change.',
      ),
    ];
  },
};

export const latestQuestionsFeed: HomeFeedProvider = {
  position: 10,
  kind: 'entraide.question',
  label: say('Questions récentes', 'Latest questions'),
  counted: {
    field: 'summary',
    message: say('{n, plural, one {# réponse} other {# réponses}}', '{n, plural, one {# answer} other {# answers}}'),
  },
  query: (filter, limit, lang) => {
    const place = placeCondition(filter, { departement: 'q.departement' });
    const solved = lang === 'en' ? 'Solved' : 'Résolue';
    const unanswered = lang === 'en' ? 'No answer yet: can you help?' : 'Pas encore de réponse : pouvez-vous aider ?';
    return sql`select q.id, q.title,
                      case when q.accepted_answer_id is not null then ${solved} when q.answer_count = 0 then ${unanswered} end as summary,
                      q.answer_count as count, '/entraide/questions/' || q.id as link, q.created_at as at, q.departement, q.commune as place
                 from question q
                where q.hidden_at is null and q.duplicate_of_id is null and ${place}
                order by q.created_at desc, q.id limit ${limit}`;
  },
};

/** Read from the tally a trigger keeps as questions are written (docs/read-models.md, "Tallies"). */
export const entraideFigures: HomeFigureProvider[] = [
  {
    position: 30,
    key: 'questions_resolues',
    label: say(
      '{n, plural, one {question résolue} other {questions résolues}}',
      '{n, plural, one {question solved} other {questions solved}}',
    ),
    sql: sql`select coalesce((select value from question_tally where key = 'resolved'), 0)`,
  },
];

export const answersToMyQuestions: HomePersonalProvider = {
  position: 20,
  kind: 'entraide.answer',
  label: say('Réponses à mes questions', 'Answers to my questions'),
  query: (user, limit) =>
    sql`select a.id, q.title, left(a.body, 160) as summary, '/entraide/questions/' || q.id || '#reponse-' || a.id as link,
               a.created_at as at, null::text as departement, null::text as place
          from answer a join question q on q.id = a.question_id
         where q.author_id = ${user.id} and a.author_id <> ${user.id} and a.hidden_at is null and a.created_at > now() - interval '30 days'
         order by a.created_at desc, a.id limit ${limit}`,
};
