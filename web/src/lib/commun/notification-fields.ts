import { graphql } from '$lib/graphql';

/** What /notifications shows of a notification: the page's query and the live `myNotifications` ask for the same. */
export const NOTIFICATION_FIELDS = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    message
    link
    readAt
    createdAt
  }
`);
