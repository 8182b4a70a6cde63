import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser, CurrentViewer } from '../../graphql/auth.js';
import type { Viewer } from '../comptes/viewer.js';
import { PageArgs } from '../../graphql/connection.js';
import { notFound } from '../../graphql/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import type { User } from '../comptes/user.entity.js';
import { loadTags } from '../mots-cles/mots-cles.loaders.js';
import { Tag } from '../mots-cles/tag.entity.js';
import * as exchanges from './exchanges.service.js';
import * as ledger from './ledger.service.js';
import * as posts from './posts.service.js';
import {
  CancelExchangeInput,
  CloseTimebankPostInput,
  CompleteExchangeInput,
  DonateToPoolInput,
  ExchangeStepInput,
  FlagExchangeInput,
  GrantFromPoolInput,
  MyExchangesArgs,
  ProposeExchangeInput,
  PublishTimebankPostInput,
  TimebankPostsArgs,
  TransferTimeInput,
  UpdateTimebankPostInput,
  UpdateTimebankSettingsInput,
} from './banque-de-temps.input.js';
import {
  LedgerStats,
  StatementConnection,
  TimebankAccountView,
  TimebankExchangeConnection,
  TimebankExchangeView,
  TimebankMember,
  TimebankPoolView,
  TimebankPostConnection,
  TimebankPostView,
  TimebankSettingsView,
  TransferReceipt,
} from './banque-de-temps.types.js';

@Resolver()
export class TimebankResolver {
  // ---- offers and requests

  @Query(() => TimebankPostConnection, { description: 'Offers and requests of the time bank, newest (or most relevant) first.' })
  async timebankPosts(@Args(() => TimebankPostsArgs) args: TimebankPostsArgs, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return posts.listPosts(ctx.em, viewer, args, args);
  }

  @Query(() => TimebankPostView, { nullable: true })
  async timebankPost(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer | null, @Ctx() ctx: Context) {
    return posts.getPost(ctx.em, viewer, id);
  }

  @Mutation(() => TimebankPostView, { description: 'Publishes an offer (I propose) or a request (I am looking for).' })
  @Authorized('VERIFIED')
  async publishTimebankPost(
    @Arg('input', () => PublishTimebankPostInput) input: PublishTimebankPostInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return posts.publishPost(ctx.em, user, input);
  }

  @Mutation(() => TimebankPostView, { description: 'The author corrects their open post.' })
  @Authorized('VERIFIED')
  async updateTimebankPost(
    @Arg('input', () => UpdateTimebankPostInput) input: UpdateTimebankPostInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    const { postId, ...changes } = input;
    return posts.updatePost(ctx.em, user, postId, changes);
  }

  @Mutation(() => TimebankPostView, { description: 'The author closes their post.' })
  @Authorized()
  async closeTimebankPost(
    @Arg('input', () => CloseTimebankPostInput) input: CloseTimebankPostInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return posts.closePost(ctx.em, user, input.postId);
  }

  // ---- exchanges

  @Query(() => TimebankExchangeConnection, { description: "The signed-in member's exchanges, latest activity first." })
  @Authorized()
  async myExchanges(@Args(() => MyExchangesArgs) args: MyExchangesArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return exchanges.listExchanges(ctx.em, user, { status: args.status }, args);
  }

  @Query(() => TimebankExchangeConnection, { description: 'Exchanges with a flagged disagreement (moderators).' })
  @Authorized('MODERATOR')
  async disputedExchanges(@Args(() => PageArgs) args: PageArgs, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return exchanges.listExchanges(ctx.em, user, { disputed: true }, args);
  }

  @Query(() => TimebankExchangeView, { nullable: true, description: 'One exchange, for its two parties (and moderators).' })
  @Authorized()
  async exchange(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return exchanges.getExchange(ctx.em, user, id);
  }

  @Mutation(() => TimebankExchangeView)
  @Authorized('VERIFIED')
  async proposeExchange(
    @Arg('input', () => ProposeExchangeInput) input: ProposeExchangeInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return exchanges.proposeExchange(ctx.em, user, input);
  }

  @Mutation(() => TimebankExchangeView)
  @Authorized('VERIFIED')
  async acceptExchange(@Arg('input', () => ExchangeStepInput) input: ExchangeStepInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return exchanges.acceptExchange(ctx.em, user, input.exchangeId);
  }

  @Mutation(() => TimebankExchangeView, { description: 'The provider declares the service given, with the time actually spent.' })
  @Authorized('VERIFIED')
  async completeExchange(
    @Arg('input', () => CompleteExchangeInput) input: CompleteExchangeInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return exchanges.completeExchange(ctx.em, user, input);
  }

  @Mutation(() => TimebankExchangeView, { description: 'The beneficiary confirms: the time is transferred.' })
  @Authorized('VERIFIED')
  async confirmExchange(@Arg('input', () => ExchangeStepInput) input: ExchangeStepInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return exchanges.confirmExchange(ctx.em, user, input.exchangeId);
  }

  @Mutation(() => TimebankExchangeView)
  @Authorized()
  async cancelExchange(
    @Arg('input', () => CancelExchangeInput) input: CancelExchangeInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return exchanges.cancelExchange(ctx.em, user, input);
  }

  @Mutation(() => TimebankExchangeView, { description: 'Flags a disagreement to the moderators.' })
  @Authorized('VERIFIED')
  async flagExchangeDispute(
    @Arg('input', () => FlagExchangeInput) input: FlagExchangeInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return exchanges.flagExchange(ctx.em, user, input);
  }

  // ---- ledger

  @Query(() => TimebankAccountView, { description: "The signed-in member's time account." })
  @Authorized()
  async myAccount(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.myAccount(ctx.em, user);
  }

  @Query(() => TimebankPoolView, { description: 'The solidarity pool and its statement (coordinators).' })
  @Authorized()
  async timebankPool(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.pool(ctx.em, user);
  }

  @Query(() => TimebankSettingsView)
  async timebankSettings(@Ctx() ctx: Context) {
    return ledger.getSettings(ctx.em);
  }

  @Query(() => LedgerStats, { description: 'How time circulates (public).' })
  async ledgerStats(@Ctx() ctx: Context) {
    return ledger.ledgerStats(ctx.em);
  }

  @Query(() => [TimebankMember], { description: 'Members to give time to, by name (at most 10).' })
  @Authorized()
  async timebankRecipients(@Arg('search', () => String) search: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.findRecipients(ctx.em, user, search);
  }

  @Mutation(() => TransferReceipt, { description: 'Gives time to another member. The same idempotencyKey never posts twice.' })
  @Authorized('VERIFIED')
  async transferTime(@Arg('input', () => TransferTimeInput) input: TransferTimeInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.transferTime(ctx.em, user, input);
  }

  @Mutation(() => TransferReceipt, { description: 'Gives time to the solidarity pool.' })
  @Authorized('VERIFIED')
  async donateToPool(@Arg('input', () => DonateToPoolInput) input: DonateToPoolInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.donateToPool(ctx.em, user, input);
  }

  @Mutation(() => TransferReceipt, { description: 'A coordinator grants hours from the solidarity pool, with a reason.' })
  @Authorized('VERIFIED')
  async grantFromPool(@Arg('input', () => GrantFromPoolInput) input: GrantFromPoolInput, @CurrentUser() user: User, @Ctx() ctx: Context) {
    return ledger.grantFromPool(ctx.em, user, input);
  }

  @Mutation(() => TimebankSettingsView, { description: 'The platform admin sets the floor and the ceiling.' })
  @Authorized('ADMIN')
  async updateTimebankSettings(
    @Arg('input', () => UpdateTimebankSettingsInput) input: UpdateTimebankSettingsInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return ledger.updateSettings(ctx.em, user, input);
  }
}

@Resolver(() => TimebankAccountView)
export class TimebankAccountResolver {
  @FieldResolver(() => StatementConnection, { description: 'Entries, newest first.' })
  async statement(@Root() account: TimebankAccountView, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return ledger.statementPage(ctx.em, account.accountId, args);
  }
}

@Resolver(() => TimebankPoolView)
export class TimebankPoolResolver {
  @FieldResolver(() => StatementConnection)
  async statement(@Root() pool: TimebankPoolView, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    if (!pool.accountId) throw notFound();
    return ledger.statementPage(ctx.em, pool.accountId, args);
  }
}

@Resolver(() => TimebankPostView)
export class TimebankPostResolver {
  @FieldResolver(() => [Tag], { description: 'Its `tags` with their labels ("Démarches en ligne").' })
  tagList(@Root() post: TimebankPostView, @Ctx() ctx: Context): Promise<Tag[]> {
    return loadTags(ctx, post.tags);
  }

  /** Rendered only for the clients that ask for it: a list of posts asks for titles. */
  @FieldResolver(() => String)
  descriptionHtml(@Root() post: TimebankPostView): string {
    return renderMarkdown(post.description);
  }
}
