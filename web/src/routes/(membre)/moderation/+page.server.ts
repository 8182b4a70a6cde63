import { graphql } from '$lib/graphql';
import { formValues, mutate, query } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const QUEUE = graphql(`
  query ModerationQueuePage($status: ModerationQueueStatus, $after: String) {
    moderationQueue(status: $status, first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          contentType
          contentId
          contentLabel
          excerptHtml
          link
          hiddenAt
          hiddenReason
          reportCount
          firstReportedAt
          resolvedAt
          decision
          reports {
            id
            reason
            details
            createdAt
            reporterName
          }
          author {
            id
            displayName
            status
            suspendedUntil
            warnings
          }
        }
      }
    }
  }
`);
const HIDE = graphql(`
  mutation HideContent($input: ModerateContentInput!) {
    hideContent(input: $input) {
      contentId
    }
  }
`);
const DISMISS = graphql(`
  mutation DismissReports($input: ModerateContentInput!) {
    dismissReports(input: $input) {
      contentId
    }
  }
`);
const RESTORE = graphql(`
  mutation RestoreContent($input: ModerateContentInput!) {
    restoreContent(input: $input) {
      contentId
    }
  }
`);
const WARN = graphql(`
  mutation WarnMember($input: WarnMemberInput!) {
    warnMember(input: $input) {
      id
    }
  }
`);
const SUSPEND = graphql(`
  mutation SuspendMember($input: SuspendMemberInput!) {
    suspendMember(input: $input) {
      id
    }
  }
`);
const LIFT = graphql(`
  mutation LiftSuspension($input: LiftSuspensionInput!) {
    liftSuspension(input: $input) {
      id
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const closed = event.url.searchParams.get('statut') === 'traites';
  const data = await query(event, QUEUE, { status: closed ? 'CLOSED' : 'OPEN', after: event.url.searchParams.get('apres') });
  return { queue: data.moderationQueue, closed };
};

async function contentAction(event: RequestEvent, document: typeof HIDE | typeof DISMISS | typeof RESTORE, done: string) {
  const values = formValues(await event.request.formData());
  const result = await mutate(
    event,
    document,
    { input: { contentType: values.contentType ?? '', contentId: values.contentId ?? '', reason: values.reason || null } },
    values,
  );
  if (!result.ok) return result.failure;
  return { done };
}

export const actions: Actions = {
  hide: (event) => contentAction(event, HIDE, 'hide'),
  dismiss: (event) => contentAction(event, DISMISS, 'dismiss'),
  restore: (event) => contentAction(event, RESTORE, 'restore'),
  warn: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, WARN, { input: { userId: values.userId ?? '', reason: values.reason ?? '' } }, values);
    if (!result.ok) return result.failure;
    return { done: 'warn' };
  },
  suspend: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(
      event,
      SUSPEND,
      { input: { userId: values.userId ?? '', reason: values.reason ?? '', days: Number(values.days) || 0 } },
      values,
    );
    if (!result.ok) return result.failure;
    return { done: 'suspend' };
  },
  lift: async (event) => {
    const values = formValues(await event.request.formData());
    const result = await mutate(event, LIFT, { input: { userId: values.userId ?? '', reason: values.reason || null } }, values);
    if (!result.ok) return result.failure;
    return { done: 'lift' };
  },
};
