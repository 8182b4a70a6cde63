import { say } from '../../i18n/lang.js';
import type { ModeratedContentType } from '../moderation/moderated-content.js';

export const questionContent: ModeratedContentType = {
  type: 'entraide.question', label: say('une question', 'a question'), table: 'question', authorColumn: 'author_id',
  excerptSql: `t.title || ' — ' || left(t.body, 280)`, linkSql: `'/entraide/questions/' || t.id`,
};

export const answerContent: ModeratedContentType = {
  type: 'entraide.answer', label: say('une réponse', 'an answer'), table: 'answer', authorColumn: 'author_id',
  excerptSql: `left(t.body, 280)`, linkSql: `'/entraide/questions/' || t.question_id || '#reponse-' || t.id`,
};
