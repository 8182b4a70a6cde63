import { say } from '../../i18n/lang.js';
import { territoryCondition, type HomeFeedProvider, type HomeFigureProvider, type HomePersonalProvider } from '../home/home-provider.js';

/** Newest visible questions (not closed as duplicates), in the asked département or near the visitor. */
export const latestQuestionsFeed: HomeFeedProvider = {
  kind: 'entraide.question',
  label: say('Questions récentes', 'Latest questions'),
  query: (filter, limit) => {
    const territory = territoryCondition(filter, { departement: 'q.departement' });
    return {
      sql: `select q.id, q.title, left(regexp_replace(q.body, '\\s+', ' ', 'g'), 200) as summary, '/entraide/questions/' || q.id as link,
                   q.created_at as at, q.departement, q.commune as place
              from question q
             where q.hidden_at is null and q.duplicate_of_id is null and ${territory.sql}
             order by q.created_at desc, q.id limit ?`,
      params: [...territory.params, limit],
    };
  },
};

export const entraideFigures: HomeFigureProvider[] = [
  {
    key: 'questions_repondues',
    label: say('questions ayant reçu une réponse', 'questions answered'),
    sql: `select count(*) from question where hidden_at is null and answer_count > 0`,
  },
];

/** Answers others gave to my questions, newest first. */
export const answersToMyQuestions: HomePersonalProvider = {
  kind: 'entraide.answer',
  label: say('Réponses à mes questions', 'Answers to my questions'),
  query: (user, limit) => ({
    sql: `select a.id, q.title, left(regexp_replace(a.body, '\\s+', ' ', 'g'), 200) as summary,
                 '/entraide/questions/' || q.id || '#reponse-' || a.id as link, a.created_at as at, q.departement, q.commune as place
            from answer a join question q on q.id = a.question_id
           where q.author_id = ? and a.author_id <> q.author_id and a.hidden_at is null
           order by a.created_at desc, a.id limit ?`,
    params: [user.id, limit],
  }),
};
