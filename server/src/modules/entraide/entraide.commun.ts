/**
 * Where Entraide plugs into the commun (`server/src/modules/registry.ts`): notification kinds,
 * moderated content, "my data", and the home page.
 * Registered so far: the notification kinds and the moderated content. The privacy provider and the
 * home providers are not in the registry yet: tests/api/home.test.ts and privacy.test.ts plug in
 * stand-ins named "entraide" that these would collide with; registering them goes with replacing those.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { say } from '../../i18n/lang.js';
import { departementCondition, type HomeFeedProvider, type HomeFigureProvider, type HomePersonalProvider } from '../home/home-provider.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';
import { DeliveryChannel, type NotificationKind } from '../notifications/notification-kinds.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';

export const entraideNotificationKinds: NotificationKind[] = [
  { kind: 'entraide.answer', label: say('Une réponse à une question que je suis', 'An answer to a question I follow'), defaultChannel: DeliveryChannel.EMAIL },
  { kind: 'entraide.question', label: say('Une nouvelle question dans un mot-clé que je suis', 'A new question with a tag I follow'), defaultChannel: DeliveryChannel.DIGEST },
  { kind: 'entraide.accepted', label: say('Ma réponse a été acceptée', 'My answer was accepted'), defaultChannel: DeliveryChannel.IN_APP },
  { kind: 'entraide.duplicate', label: say('Une question que je suis a été fermée comme doublon', 'A question I follow was closed as a duplicate'), defaultChannel: DeliveryChannel.IN_APP },
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

async function rows(em: EntityManager, sql: string, userId: string) {
  return em.execute<Record<string, unknown>[]>(sql, [userId]);
}

export const entraidePrivacy: PrivacyProvider = {
  section: 'entraide',
  label: say('Entraide', 'Mutual help'),
  async exportData(em, userId) {
    return {
      questions: await rows(em, `select id, title, body, tags, departement, commune, created_at, edited_at, hidden_at from question where author_id = ? order by created_at`, userId),
      answers: await rows(em, `select id, question_id, body, created_at, edited_at, hidden_at from answer where author_id = ? order by created_at`, userId),
      questionVotes: await rows(em, `select question_id, value, created_at from question_vote where voter_id = ? order by created_at`, userId),
      answerVotes: await rows(em, `select answer_id, value, created_at from answer_vote where voter_id = ? order by created_at`, userId),
      followedQuestions: await rows(em, `select question_id, created_at from question_follow where user_id = ? order by created_at`, userId),
      followedTags: await rows(em, `select tag_slug, created_at from tag_follow where user_id = ? order by created_at`, userId),
    };
  },
  async erase(em, userId) {
    // Follows only served the person; questions, answers and votes help the next reader and stay,
    // signed by the anonymized account, so scores and "Qui sait ?" do not change under others' feet.
    await em.execute(`delete from question_follow where user_id = ?`, [userId]);
    await em.execute(`delete from tag_follow where user_id = ?`, [userId]);
    const [{ questions, answers }] = await em.execute<{ questions: number; answers: number }[]>(
      `select (select count(*)::int from question where author_id = ?) as questions, (select count(*)::int from answer where author_id = ?) as answers`,
      [userId, userId],
    );
    if (questions + answers === 0) return [];
    return [
      say(
        `Vos ${questions} question(s) et ${answers} réponse(s) restent en ligne, signées « Compte supprimé », car elles aident d'autres personnes. Vos abonnements ont été supprimés.`,
        `Your ${questions} question(s) and ${answers} answer(s) stay online, signed "Deleted account", because they help others. Your follows were removed.`,
      ),
    ];
  },
};

/** Newest visible questions, in a département when one is asked (questions carry no point). */
export const latestQuestionsFeed: HomeFeedProvider = {
  kind: 'entraide.question',
  label: say('Questions récentes', 'Recent questions'),
  query: (filter, limit, lang) => {
    const territory = departementCondition(filter, 'q.departement');
    const answers = lang === 'en' ? `' answer(s)'` : `' réponse(s)'`;
    return {
      sql: `select q.id, q.title, q.answer_count || ${answers} as summary, '/entraide/questions/' || q.id as link,
                   q.created_at as at, q.departement, q.commune as place
              from question q
             where q.hidden_at is null and q.duplicate_of_id is null and ${territory ? territory.sql : 'true'} and ?::boolean
             order by q.created_at desc, q.id limit ?`,
      params: [...(territory?.params ?? []), !filter.near, limit],
    };
  },
};

export const entraideFigures: HomeFigureProvider[] = [
  { key: 'questions-resolues', label: say('questions résolues', 'solved questions'), sql: `select count(*) from question where accepted_answer_id is not null and hidden_at is null` },
];

/** New answers to the member's own questions (last 30 days). */
export const answersToMyQuestions: HomePersonalProvider = {
  kind: 'entraide.answer',
  label: say('Réponses à mes questions', 'Answers to my questions'),
  query: (user, limit) => ({
    sql: `select a.id, q.title, left(a.body, 200) as summary, '/entraide/questions/' || q.id || '#reponse-' || a.id as link,
                 a.created_at as at, q.departement, null::text as place
            from answer a join question q on q.id = a.question_id
           where q.author_id = ? and a.author_id <> q.author_id and a.hidden_at is null and q.hidden_at is null
             and a.created_at > now() - interval '30 days'
           order by a.created_at desc, a.id limit ?`,
    params: [user.id, limit],
  }),
};
