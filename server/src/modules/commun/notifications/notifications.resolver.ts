import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../graphql/context.js';
import { requireUser } from '../../../graphql/auth.js';
import { PageArgs, connectionOf, pageWindow, toConnection } from '../../../graphql/connection.js';
import { DeliveryChannel } from './notification-kinds.js';
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

@ObjectType({ description: 'How the signed-in member hears about one kind of notification.' })
export class NotificationPreference {
  @Field(() => String, { description: 'e.g. "entraide.answer".' })
  kind!: string;

  @Field(() => String, { description: 'What it is about, in the language of the request.' })
  label!: string;

  @Field(() => DeliveryChannel)
  channel!: DeliveryChannel;

  @Field(() => Boolean, { description: 'Cannot be turned off (decisions that concern the person).' })
  mandatory!: boolean;

  @Field(() => Boolean, { description: 'False while the default applies.' })
  customized!: boolean;
}

@InputType()
export class SetNotificationPreferenceInput {
  @Field(() => String)
  kind!: string;

  @Field(() => DeliveryChannel)
  channel!: DeliveryChannel;
}

function toPreference(view: notifications.PreferenceView, ctx: Context): NotificationPreference {
  return { kind: view.kind, label: view.label[ctx.lang], channel: view.channel, mandatory: view.mandatory, customized: view.customized };
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

  @Query(() => [NotificationPreference], { description: 'Every kind of notification and how the signed-in member receives it.' })
  async notificationPreferences(@Ctx() ctx: Context): Promise<NotificationPreference[]> {
    const views = await notifications.preferencesOf(ctx.em, requireUser(ctx).id);
    return views.map((view) => toPreference(view, ctx));
  }

  @Mutation(() => NotificationPreference, { description: 'In the site only, also by e-mail, in the weekly digest, or not at all.' })
  async setNotificationPreference(
    @Arg('input', () => SetNotificationPreferenceInput) input: SetNotificationPreferenceInput,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreference> {
    return toPreference(await notifications.setPreference(ctx.em, requireUser(ctx).id, input.kind, input.channel), ctx);
  }
}
