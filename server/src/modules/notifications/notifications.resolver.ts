import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireUser } from '../../graphql/auth.js';
import { PageArgs, connectionOf, pageWindow, toConnection } from '../../graphql/connection.js';
import { Notification } from './notification.entity.js';
import * as notifications from './notifications.service.js';

@ObjectType()
export class NotificationConnection extends connectionOf(Notification) {}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true })
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Without ids, every notification is marked as read.' })
  ids?: string[] | null;
}

@Resolver(() => Notification)
export class NotificationsResolver {
  @Query(() => NotificationConnection, { description: "The signed-in user's notifications, newest first." })
  async notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: Context) {
    const user = requireUser(ctx);
    const { limit, offset } = pageWindow(args);
    const [nodes, total] = await ctx.em.findAndCount(
      Notification,
      { recipient: user.id, ...(args.unreadOnly ? { readAt: null } : {}) },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit, offset },
    );
    return toConnection(nodes, offset, total);
  }

  @Query(() => Int, { description: 'Unread notifications of the signed-in user (0 for a visitor).' })
  async unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return ctx.user ? notifications.unreadCount(ctx.em, ctx.user.id) : 0;
  }

  @Mutation(() => Int, { description: 'How many notifications were marked as read.' })
  async markNotificationsRead(@Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput, @Ctx() ctx: Context): Promise<number> {
    return notifications.markRead(ctx.em, requireUser(ctx).id, input.ids);
  }
}
