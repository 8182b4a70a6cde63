import { Authorized, Ctx, Field, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../../graphql/context.js';
import { unauthenticated } from '../../../graphql/errors.js';
import { liveStream } from '../../../live/stream.js';
import { Notification } from './notification.entity.js';
import { notificationsTopic, unreadCount } from './notifications.service.js';

@ObjectType({ description: "The signed-in member's notifications after a change.", simpleResolvers: true })
export class NotificationsUpdate {
  @Field(() => Int)
  unreadCount!: number;

  @Field(() => Notification, {
    nullable: true,
    description: 'The newest notification when this update is about a new one; null otherwise (e.g. marked read, or the first message).',
  })
  latest!: Notification | null;
}

@Resolver()
export class NotificationsLiveResolver {
  @Authorized()
  @Subscription(() => NotificationsUpdate, {
    description: "The signed-in member's notifications: sent at once on subscribe, then after each change (new one, read, all read).",
    subscribe: ({ context }: { context: Context }) => {
      const user = context.user;
      if (!user) throw unauthenticated();
      return liveStream<NotificationsUpdate>({
        topic: notificationsTopic(user.id),
        initial: true,
        read: async (message) => {
          // A fresh EntityManager per update: nothing cached from an earlier one.
          const em = context.em.fork();
          const latest = message?.id ? await em.findOne(Notification, { id: message.id, recipient: user.id }) : null;
          return { unreadCount: await unreadCount(em, user.id), latest };
        },
      });
    },
  })
  myNotifications(@Root() update: NotificationsUpdate, @Ctx() _ctx: Context): NotificationsUpdate {
    return update;
  }
}
