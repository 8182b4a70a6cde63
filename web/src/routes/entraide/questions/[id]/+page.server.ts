import { error, redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { ANSWER_FIELDS } from '$lib/entraide/answer-fields';
import { formValues, mutate, query } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const QUESTION_PAGE = graphql(
  `
    query EntraideQuestion($id: ID!) {
      question(id: $id) {
        id
        title
        body
        bodyHtml
        createdAt
        editedAt
        departement
        commune
        score
        myVote
        followedByMe
        viewerCanEdit
        viewerCanAccept
        viewerCanVote
        answerCount
        acceptedAnswerId
        hiddenAt
        hiddenReason
        closedAt
        duplicateOf {
          id
          title
        }
        tags {
          slug
          label
        }
        author {
          id
          displayName
          metier
        }
        answers {
          ...AnswerFields
        }
      }
    }
  `,
  [ANSWER_FIELDS],
);

const VOTE = graphql(`
  mutation EntraideVote($input: VoteInput!) {
    vote(input: $input) {
      question {
        id
        score
      }
      answer {
        id
        score
      }
    }
  }
`);
const ACCEPT = graphql(`
  mutation EntraideAccept($input: AcceptAnswerInput!) {
    acceptAnswer(input: $input) {
      id
      acceptedAnswerId
    }
  }
`);
const ANSWER = graphql(`
  mutation EntraideAnswer($input: AnswerQuestionInput!) {
    answerQuestion(input: $input) {
      id
    }
  }
`);
const FOLLOW = graphql(`
  mutation EntraideFollowQuestion($input: FollowQuestionInput!) {
    followQuestion(input: $input) {
      id
      followedByMe
    }
  }
`);
const CLOSE = graphql(`
  mutation EntraideCloseAsDuplicate($input: CloseAsDuplicateInput!) {
    closeAsDuplicate(input: $input) {
      id
    }
  }
`);
const REOPEN = graphql(`
  mutation EntraideReopen($input: ReopenQuestionInput!) {
    reopenQuestion(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const data = await query(event, QUESTION_PAGE, { id: event.params.id });
  if (!data.question) error(404, { message: translate(event.locals.lang, 'entraide.notFound') });
  const me = event.locals.user;
  const moderator = me?.role === 'MODERATOR' || me?.role === 'ADMIN';
  return { question: data.question, signedIn: !!me, moderator };
};

/** "https://…/entraide/questions/<uuid>" or the bare id. */
function questionIdFrom(text: string): string {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text);
  return match ? match[1] : text.trim();
}

const VOTE_VALUES = ['UP', 'DOWN', 'NONE'] as const;

export const actions: Actions = {
  vote: async (event) => {
    const values = formValues(await event.request.formData());
    const value = VOTE_VALUES.find((v) => v === values.value) ?? 'NONE';
    const input = values.answerId ? { answerId: values.answerId, value } : { questionId: event.params.id, value };
    const result = await mutate(event, VOTE, { input }, values);
    if (!result.ok) return result.failure;
    return { voted: true };
  },
  accept: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, ACCEPT, { input: { answerId: values.answerId ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { accepted: true };
  },
  answer: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, ANSWER, { input: { questionId: event.params.id, body: values.body ?? '' } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/entraide/questions/${event.params.id}?repondu#reponse-${result.data.answerQuestion.id}`);
  },
  follow: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, FOLLOW, { input: { questionId: event.params.id, follow: values.follow === 'true' } }, values);
    if (!result.ok) return result.failure;
    return { followed: result.data.followQuestion.followedByMe };
  },
  duplicate: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      CLOSE,
      { input: { questionId: event.params.id, originalId: questionIdFrom(values.originalId ?? '') } },
      values,
    );
    if (!result.ok) return result.failure;
    return { closed: true };
  },
  reopen: async (event) => {
    const result = await mutate(event, REOPEN, { input: { questionId: event.params.id } });
    if (!result.ok) return result.failure;
    return { reopened: true };
  },
};
