import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { CurrentUser, CurrentViewer } from '../../../graphql/auth.js';
import type { Viewer } from '../../comptes/viewer.js';
import type { Context } from '../../../graphql/context.js';
import { PageArgs, connectionOf } from '../../../graphql/connection.js';
import { User } from '../../comptes/user.entity.js';
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
  @Authorized()
  @Query(() => NotificationConnection, { description: "The signed-in user's notifications, newest first." })
  async notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return notifications.listNotifications(ctx.em, user.id, args);
  }

  @Query(() => Int, { description: 'Unread notifications of the signed-in user, exact up to 1000 (0 for a visitor).' })
  async unreadNotificationCount(@CurrentViewer() user: Viewer | null, @Ctx() ctx: Context): Promise<number> {
    return user ? notifications.unreadCount(ctx.em, user.id) : 0;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'How many notifications were marked as read.' })
  async markNotificationsRead(
    @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return notifications.markRead(ctx.em, user.id, input.ids);
  }

  @Authorized()
  @Query(() => [NotificationPreference], { description: 'Every kind of notification and how the signed-in member receives it.' })
  async notificationPreferences(@CurrentUser() user: User, @Ctx() ctx: Context): Promise<NotificationPreference[]> {
    const views = await notifications.preferencesOf(ctx.em, user.id);
    return views.map((view) => toPreference(view, ctx));
  }

  @Authorized()
  @Mutation(() => NotificationPreference, { description: 'In the site only, also by e-mail, in the weekly digest, or not at all.' })
  async setNotificationPreference(
    @Arg('input', () => SetNotificationPreferenceInput) input: SetNotificationPreferenceInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreference> {
    return toPreference(await notifications.setPreference(ctx.em, user.id, input.kind, input.channel), ctx);
  }
}
