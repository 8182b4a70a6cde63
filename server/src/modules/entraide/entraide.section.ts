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
  commentContent,
} from './entraide.commun.js';
import { AnswersResolver, ExpertiseResolver, QuestionsResolver, TagsResolver } from './entraide.resolver.js';
import { QuestionFollow } from './question-follow.entity.js';
import { Question } from './question.entity.js';
import { AnswerVote, QuestionVote } from './vote.entity.js';
import { QuestionComment } from './comment.entity.js';
import { QuestionInvitation } from './invitation.entity.js';
import { QuestionMention } from './mention.entity.js';
import { AnswerCommentsResolver, CommentsResolver, InvitationsResolver } from './entraide-social.resolver.js';
import { EntraideLiveResolver } from './entraide.live.js';

/** Entraide: peer questions and answers, votes, "Qui sait ?". */
export const entraideSection = defineSection({
  name: 'entraide',
  label: say('Entraide', 'Peer help'),
  tables: [
    'question',
    'answer',
    'question_vote',
    'answer_vote',
    'question_follow',
    'question_tally',
    'question_tag_use',
    'question_comment',
    'question_invitation',
    'question_mention',
  ],
  entities: [Question, Answer, QuestionVote, AnswerVote, QuestionFollow, QuestionComment, QuestionInvitation, QuestionMention],
  resolvers: [
    QuestionsResolver,
    AnswersResolver,
    TagsResolver,
    ExpertiseResolver,
    EntraideLiveResolver,
    CommentsResolver,
    InvitationsResolver,
    AnswerCommentsResolver,
  ],
  notificationKinds: entraideNotificationKinds,
  moderatedContent: [questionContent, answerContent, commentContent],
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
    'question_comment.author_id',
  ],
});
