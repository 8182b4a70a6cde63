import { graphql } from '$lib/graphql';

/** What the question page shows of an answer: the page's query and the live `answerAdded` ask for the same. */
export const ANSWER_FIELDS = graphql(`
  fragment AnswerFields on Answer {
    id
    bodyHtml
    createdAt
    editedAt
    score
    myVote
    isAccepted
    viewerCanEdit
    viewerCanVote
    hiddenAt
    hiddenReason
    author {
      id
      displayName
      hasProfile
      metier
    }
  }
`);
