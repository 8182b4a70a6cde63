import { error, fail } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { translate } from '$lib/i18n';
import { formValues, mutate, query } from '$lib/server/forms';
import { signedIn } from '$lib/server/user';
import type { Actions, PageServerLoad } from './$types';

const AMENDMENT = graphql(`
  query AmendmentPage($id: ID!, $after: String) {
    charterAmendment(id: $id) {
      id
      status
      createdAt
      proposedTitle
      proposedBody
      reasonHtml
      supportCount
      commentCount
      supportedByMe
      decidedAt
      decisionReplyHtml
      adoptedBody
      incorporatedInVersion
      hiddenAt
      hiddenReason
      diff {
        kind
        text
      }
      article {
        id
        number
        title
        versionNumber
      }
      author {
        id
        displayName
        hasProfile
      }
    }
    amendmentComments(amendmentId: $id, first: 50, after: $after) {
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

const SUPPORT = graphql(`
  mutation SupportAmendmentPage($input: AmendmentRefInput!) {
    supportAmendment(input: $input) {
      id
      supportCount
    }
  }
`);
const UNSUPPORT = graphql(`
  mutation UnsupportAmendmentPage($input: AmendmentRefInput!) {
    withdrawAmendmentSupport(input: $input) {
      id
      supportCount
    }
  }
`);
const COMMENT = graphql(`
  mutation CommentAmendmentPage($input: CommentAmendmentInput!) {
    commentAmendment(input: $input) {
      id
    }
  }
`);
const WITHDRAW = graphql(`
  mutation WithdrawAmendmentPage($input: AmendmentRefInput!) {
    withdrawAmendment(input: $input) {
      id
      status
    }
  }
`);
const DECIDE = graphql(`
  mutation DecideAmendmentPage($input: DecideAmendmentInput!) {
    decideAmendment(input: $input) {
      id
      status
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const [data, me] = await Promise.all([
    query(event, AMENDMENT, { id: event.params.id, after: event.url.searchParams.get('apres') }),
    signedIn(event),
  ]);
  if (!data.charterAmendment) error(404, { message: translate(event.locals.lang, 'error.404Text') });
  return {
    amendment: data.charterAmendment,
    comments: data.amendmentComments,
    meId: me?.id ?? null,
    isCommittee: me?.role === 'ADMIN',
    justProposed: event.url.searchParams.has('propose'),
  };
};

export const actions: Actions = {
  support: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, SUPPORT, { input: { amendmentId: event.params.id } }, values);
    return result.ok ? { supported: true } : result.failure;
  },
  unsupport: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, UNSUPPORT, { input: { amendmentId: event.params.id } }, values);
    return result.ok ? { unsupported: true } : result.failure;
  },
  comment: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, COMMENT, { input: { amendmentId: event.params.id, body: values.body ?? '' } }, values);
    return result.ok ? { commented: true } : result.failure;
  },
  withdraw: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, WITHDRAW, { input: { amendmentId: event.params.id } }, values);
    return result.ok ? { withdrawn: true } : result.failure;
  },
  decide: async (event) => {
    const values = formValues(await event.request.formData());
    const decision = values.decision === 'ACCEPTED' ? 'ACCEPTED' : values.decision === 'REJECTED' ? 'REJECTED' : null;
    if (!decision) {
      const message = translate(event.locals.lang, 'charte.decide.chooseDecision');
      return fail(400, { message, fields: { decision: message } as Record<string, string>, values });
    }
    const result = await mutate(
      event,
      DECIDE,
      { input: { amendmentId: event.params.id, decision, reply: values.reply ?? '', adoptedBody: values.adoptedBody || null } },
      values,
    );
    return result.ok ? { decided: true } : result.failure;
  },
};
