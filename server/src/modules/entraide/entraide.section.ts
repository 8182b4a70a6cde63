import { questionCard, questionsSitemap } from './entraide.partage.js';
import { say } from '../../i18n/lang.js';
import { defineSection } from '../commun/section.js';
import { Answer } from './answer.entity.js';
import {
  answerContent,
  answersToMyQuestions,
  entraideFigures,
  entraideNotificationKinds,
  entraidePrivacy,
  latestQuestionsFeed,
  questionContent,
} from './entraide.commun.js';
import { AnswersResolver, ExpertiseResolver, QuestionsResolver, TagsResolver } from './entraide.resolver.js';
import { QuestionFollow } from './question-follow.entity.js';
import { Question } from './question.entity.js';
import { AnswerVote, QuestionVote } from './vote.entity.js';
import { EntraideLiveResolver } from './entraide.live.js';

/** Entraide: peer questions and answers, votes, "Qui sait ?". */
export const entraideSection = defineSection({
  name: 'entraide',
  label: say('Entraide', 'Peer help'),
  tables: ['question', 'answer', 'question_vote', 'answer_vote', 'question_follow', 'question_tally', 'question_tag_use'],
  entities: [Question, Answer, QuestionVote, AnswerVote, QuestionFollow],
  resolvers: [QuestionsResolver, AnswersResolver, TagsResolver, ExpertiseResolver, EntraideLiveResolver],
  notificationKinds: entraideNotificationKinds,
  moderatedContent: [questionContent, answerContent],
  home: { feeds: [latestQuestionsFeed], figures: entraideFigures, personal: [answersToMyQuestions] },
  myData: [entraidePrivacy],
  sharing: { cards: [questionCard], sitemap: [questionsSitemap] },
  // Questions, answers and votes stay (the threads and their scores stay right), signed "Compte supprimé".
  keptAfterAccountDeletion: [
    'question.author_id',
    'question.accepted_by_id',
    'answer.author_id',
    'question_vote.voter_id',
    'answer_vote.voter_id',
  ],
});
