import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { PageArgs } from '../../graphql/connection.js';
import { User } from '../comptes/user.entity.js';
import {
  ArchiveConversationInput,
  ConversationMessagesArgs,
  ConversationsArgs,
  SendConversationMessageInput,
  StartConversationInput,
} from './conversations.input.js';
import * as read from './conversations.read.js';
import * as conversations from './conversations.service.js';
import {
  BlockedMemberConnection,
  ConversationConnection,
  ConversationMessageConnection,
  ConversationMessageView,
  ConversationView,
} from './conversations.types.js';

async function conversationOrFail(ctx: Context, user: User, id: string): Promise<ConversationView> {
  const conversation = await read.readConversation(ctx.em, user, id);
  if (!conversation) throw notFound();
  return conversation;
}

@Resolver()
export class ConversationsResolver {
  @Authorized()
  @Query(() => ConversationConnection, { description: "The signed-in member's private conversations, latest message first." })
  async conversations(@Args(() => ConversationsArgs) args: ConversationsArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.listConversations(ctx.em, user, args);
  }

  @Authorized()
  @Query(() => ConversationView, { nullable: true, description: 'One conversation, for its participants only (null for anyone else).' })
  async conversation(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.readConversation(ctx.em, user, id);
  }

  @Authorized()
  @Query(() => ConversationMessageConnection, { description: "A conversation's messages, newest first; participants only." })
  async conversationMessages(
    @Args(() => ConversationMessagesArgs) args: ConversationMessagesArgs,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return read.listMessages(ctx.em, user, args.conversationId, args);
  }

  @Authorized()
  @Query(() => Int, { description: `Conversations with unread messages, counted up to ${read.UNREAD_CAP}.` })
  async unreadConversationCount(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.unreadConversationCount(ctx.em, user);
  }

  @Authorized()
  @Query(() => BlockedMemberConnection, { description: 'The members the signed-in member blocked.' })
  async blockedMembers(@Args(() => PageArgs) args: PageArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.listBlocked(ctx.em, user, args);
  }

  @Authorized()
  @Query(() => Boolean, { description: 'Whether the signed-in member blocked this member.' })
  async hasBlockedMember(@Arg('memberId', () => ID) memberId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return read.hasBlocked(ctx.em, user, memberId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => ConversationView, {
    description: 'Writes to a member or to an organization’s team; writing again continues the conversation.',
  })
  async startConversation(
    @Arg('input', () => StartConversationInput) input: StartConversationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ConversationView> {
    const id = await conversations.startConversation(ctx.em, user, input);
    return conversationOrFail(ctx, user, id);
  }

  @Authorized('VERIFIED')
  @Mutation(() => ConversationMessageView, { description: 'Sends a message in a conversation one takes part in.' })
  async sendConversationMessage(
    @Arg('input', () => SendConversationMessageInput) input: SendConversationMessageInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<ConversationMessageView> {
    const id = await conversations.sendMessage(ctx.em, user, input);
    const page = await read.listMessages(ctx.em, user, input.conversationId, { first: 10 });
    const message = page.edges.find((edge) => edge.node.id === id)?.node;
    if (!message) throw notFound();
    return message;
  }

  @Authorized('VERIFIED')
  @Mutation(() => ConversationView, { description: 'The viewer has read the conversation up to now.' })
  async markConversationRead(@Arg('conversationId', () => ID) conversationId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await conversations.markRead(ctx.em, user, conversationId);
    return conversationOrFail(ctx, user, conversationId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => ConversationView, { description: 'Puts a conversation aside, or back; a new message brings it back.' })
  async archiveConversation(
    @Arg('input', () => ArchiveConversationInput) input: ArchiveConversationInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    await conversations.setArchived(ctx.em, user, input.conversationId, input.archived);
    return conversationOrFail(ctx, user, input.conversationId);
  }

  @Authorized('VERIFIED')
  @Mutation(() => Boolean, { description: 'Blocks a member: they can no longer write to you; you no longer see their new messages.' })
  async blockMember(@Arg('memberId', () => ID) memberId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await conversations.blockMember(ctx.em, user, memberId);
    return true;
  }

  @Authorized('VERIFIED')
  @Mutation(() => Boolean, { description: 'Unblocks a member.' })
  async unblockMember(@Arg('memberId', () => ID) memberId: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await conversations.unblockMember(ctx.em, user, memberId);
    return true;
  }
}
