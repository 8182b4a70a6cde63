import { error, fail, redirect } from '@sveltejs/kit';
import { graphql, type ResultOf } from '$lib/graphql';
import { ANSWER_FIELDS } from '$lib/entraide/answer-fields';
import { formValues, mutate, query } from '$lib/server/forms';
import { translate } from '$lib/i18n';
import { signedIn } from '$lib/server/user';
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
          hasProfile
          metier
        }
        answers {
          ...AnswerFields
          comments {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                id
                bodyHtml
                createdAt
                hiddenAt
                viewerCanDelete
                author {
                  id
                  displayName
                  hasProfile
                }
              }
            }
          }
        }
        comments {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              bodyHtml
              createdAt
              hiddenAt
              viewerCanDelete
              author {
                id
                displayName
                hasProfile
              }
            }
          }
        }
        myInvitation
        invitations {
          status
          member {
            id
            displayName
            hasProfile
          }
        }
      }
    }
  `,
  [ANSWER_FIELDS],
);

const ALL_COMMENTS = graphql(`
  query EntraideAllComments($questionId: ID, $answerId: ID) {
    questionComments(questionId: $questionId, answerId: $answerId, first: 100) {
      edges {
        node {
          id
          bodyHtml
          createdAt
          hiddenAt
          viewerCanDelete
          author {
            id
            displayName
            hasProfile
          }
        }
      }
    }
  }
`);
const ADD_COMMENT = graphql(`
  mutation EntraideAddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
    }
  }
`);
const DELETE_COMMENT = graphql(`
  mutation EntraideDeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);
const INVITE = graphql(`
  mutation EntraideInviteExperts($input: InviteExpertsInput!) {
    inviteExperts(input: $input) {
      id
    }
  }
`);
const DECLINE = graphql(`
  mutation EntraideDeclineInvitation($questionId: ID!) {
    declineInvitation(questionId: $questionId) {
      id
    }
  }
`);
const FIND_MEMBER = graphql(`
  query EntraideFindMember($prefix: String!) {
    memberSuggestions(prefix: $prefix) {
      id
      displayName
    }
  }
`);

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
  const [data, me] = await Promise.all([query(event, QUESTION_PAGE, { id: event.params.id }), signedIn(event)]);
  if (!data.question) error(404, { message: translate(event.locals.lang, 'entraide.notFound') });
  const moderator = me?.role === 'MODERATOR' || me?.role === 'ADMIN';
  // Without JavaScript, "voir les autres" comes back here with ?commentaires=q:<id> or a:<id>.
  const target = event.url.searchParams.get('commentaires') ?? '';
  let allComments: { target: string; nodes: ResultOf<typeof ALL_COMMENTS>['questionComments']['edges'][number]['node'][] } | null = null;
  if (/^[qa]:[0-9a-f-]{36}$/i.test(target)) {
    const id = target.slice(2);
    const found = await query(event, ALL_COMMENTS, target.startsWith('a:') ? { answerId: id } : { questionId: id });
    allComments = { target, nodes: found.questionComments.edges.map((edge) => edge.node) };
  }
  return { question: data.question, signedIn: !!me, moderator, allComments };
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
  comment: async (event) => {
    const values = formValues(await event.request.formData());
    const target = values.target ?? '';
    const id = target.slice(2);
    const on = target.startsWith('a:') ? { answerId: id } : { questionId: event.params.id };
    const result = await mutate(event, ADD_COMMENT, { input: { ...on, body: values.body ?? '' } }, values);
    if (!result.ok) return result.failure;
    redirect(303, `/entraide/questions/${event.params.id}#commentaire-${result.data.addComment.id}`);
  },
  deleteComment: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, DELETE_COMMENT, { id: values.id ?? '' }, values);
    if (!result.ok) return result.failure;
    return { commentDeleted: true };
  },
  invite: async (event) => {
    const data = await event.request.formData();
    const values = formValues(data);
    let memberIds = data.getAll('memberId').map(String).slice(0, 10);
    // Without JavaScript: the name typed, when exactly one member bears it.
    if (memberIds.length === 0 && values.memberName?.trim()) {
      const found = await query(event, FIND_MEMBER, { prefix: values.memberName.trim().slice(0, 80) });
      const exact = found.memberSuggestions.filter(
        (member) => member.displayName.toLocaleLowerCase('fr') === values.memberName.trim().toLocaleLowerCase('fr'),
      );
      if (exact.length !== 1) {
        const fields: Record<string, string> = { memberIds: translate(event.locals.lang, 'entraide.inviteNameUnknown') };
        return fail(400, { message: '', fields, values });
      }
      memberIds = [exact[0].id];
    }
    const result = await mutate(event, INVITE, { input: { questionId: event.params.id, memberIds } }, values);
    if (!result.ok) return result.failure;
    return { invited: true };
  },
  decline: async (event) => {
    const result = await mutate(event, DECLINE, { questionId: event.params.id });
    if (!result.ok) return result.failure;
    return { declined: true };
  },
  reopen: async (event) => {
    const result = await mutate(event, REOPEN, { input: { questionId: event.params.id } });
    if (!result.ok) return result.failure;
    return { reopened: true };
  },
};
