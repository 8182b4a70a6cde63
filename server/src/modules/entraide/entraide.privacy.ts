import type { EntityManager } from '@mikro-orm/postgresql';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../privacy/privacy-provider.js';

/** Questions, answers, votes and follows of a person. */
export const entraidePrivacy: PrivacyProvider = {
  section: 'entraide',
  label: say('Entraide (questions et réponses)', 'Mutual help (questions and answers)'),
  async exportData(em: EntityManager, userId: string) {
    const [data] = await em.execute<Record<string, unknown>[]>(
      `select (select coalesce(json_agg(q order by q."createdAt"), '[]') from (
                 select id, title, body, tags, departement, commune, score, answer_count as "answerCount", created_at as "createdAt",
                        edited_at as "editedAt", closed_at as "closedAt", hidden_at as "hiddenAt", hidden_reason as "hiddenReason"
                   from question where author_id = ?) q) as questions,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (
                 select a.id, a.question_id as "questionId", q.title as "questionTitle", a.body, a.score,
                        (q.accepted_answer_id = a.id) as accepted, a.created_at as "createdAt", a.edited_at as "editedAt",
                        a.hidden_at as "hiddenAt", a.hidden_reason as "hiddenReason"
                   from answer a join question q on q.id = a.question_id where a.author_id = ?) a) as answers,
              (select coalesce(json_agg(v order by v."createdAt"), '[]') from (
                 select 'question' as "on", v.question_id as id, q.title, v.value, v.created_at as "createdAt"
                   from question_vote v join question q on q.id = v.question_id where v.voter_id = ?
                 union all
                 select 'answer', v.answer_id, q.title, v.value, v.created_at
                   from answer_vote v join answer a on a.id = v.answer_id join question q on q.id = a.question_id where v.voter_id = ?) v) as votes,
              (select coalesce(json_agg(f order by f."since"), '[]') from (
                 select q.id, q.title, f.created_at as "since" from question_follow f join question q on q.id = f.question_id where f.user_id = ?) f) as followed_questions,
              (select coalesce(json_agg(t.tag_slug order by t.tag_slug), '[]') from tag_follow t where t.user_id = ?) as followed_tags`,
      [userId, userId, userId, userId, userId, userId],
    );
    return {
      questions: data.questions, answers: data.answers, votes: data.votes,
      followedQuestions: data.followed_questions, followedTags: data.followed_tags,
    };
  },
  async erase(em: EntityManager, userId: string) {
    await em.execute(`delete from question_follow where user_id = ?`, [userId]);
    await em.execute(`delete from tag_follow where user_id = ?`, [userId]);
    const [counts] = await em.execute<{ questions: number; answers: number; votes: number }[]>(
      `select (select count(*)::int from question where author_id = ?) as questions,
              (select count(*)::int from answer where author_id = ?) as answers,
              (select count(*)::int from question_vote where voter_id = ?) + (select count(*)::int from answer_vote where voter_id = ?) as votes`,
      [userId, userId, userId, userId],
    );
    if (!counts.questions && !counts.answers && !counts.votes) return [];
    return [
      say(
        `Vos ${counts.questions} question(s) et ${counts.answers} réponse(s) restent en ligne, signées « Compte supprimé » : elles aident d'autres personnes qui cherchent la même chose. Vos votes restent comptés, sans votre nom. Vos abonnements à des questions et à des thèmes sont supprimés.`,
        `Your ${counts.questions} question(s) and ${counts.answers} answer(s) stay online, signed "Deleted account": they help others looking for the same thing. Your votes still count, without your name. Your follows of questions and topics are deleted.`,
      ),
    ];
  },
};
