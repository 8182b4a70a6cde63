import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { requireAdmin, requireModerator, requireUser } from '../../graphql/auth.js';
import { PageArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import { notFound } from '../../graphql/errors.js';
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
  async timebankPosts(@Args(() => TimebankPostsArgs) args: TimebankPostsArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, total } = await posts.listPosts(ctx.em, ctx.user, args, { limit, offset });
    return toConnection(nodes, offset, total);
  }

  @Query(() => TimebankPostView, { nullable: true })
  async timebankPost(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return posts.getPost(ctx.em, ctx.user, id);
  }

  @Mutation(() => TimebankPostView, { description: 'Publishes an offer (I propose) or a request (I am looking for).' })
  async publishTimebankPost(@Arg('input', () => PublishTimebankPostInput) input: PublishTimebankPostInput, @Ctx() ctx: Context) {
    return posts.publishPost(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TimebankPostView, { description: 'The author closes their post.' })
  async closeTimebankPost(@Arg('input', () => CloseTimebankPostInput) input: CloseTimebankPostInput, @Ctx() ctx: Context) {
    return posts.closePost(ctx.em, requireUser(ctx), input.postId);
  }

  // ---- exchanges

  @Query(() => TimebankExchangeConnection, { description: "The signed-in member's exchanges, latest activity first." })
  async myExchanges(@Args(() => MyExchangesArgs) args: MyExchangesArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, total } = await exchanges.listExchanges(ctx.em, requireUser(ctx), { status: args.status }, { limit, offset });
    return toConnection(nodes, offset, total);
  }

  @Query(() => TimebankExchangeConnection, { description: 'Exchanges with a flagged disagreement (moderators).' })
  async disputedExchanges(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { nodes, total } = await exchanges.listExchanges(ctx.em, requireModerator(ctx), { disputed: true }, { limit, offset });
    return toConnection(nodes, offset, total);
  }

  @Query(() => TimebankExchangeView, { nullable: true, description: 'One exchange, for its two parties (and moderators).' })
  async exchange(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return exchanges.getExchange(ctx.em, requireUser(ctx), id);
  }

  @Mutation(() => TimebankExchangeView)
  async proposeExchange(@Arg('input', () => ProposeExchangeInput) input: ProposeExchangeInput, @Ctx() ctx: Context) {
    return exchanges.proposeExchange(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TimebankExchangeView)
  async acceptExchange(@Arg('input', () => ExchangeStepInput) input: ExchangeStepInput, @Ctx() ctx: Context) {
    return exchanges.acceptExchange(ctx.em, requireUser(ctx), input.exchangeId);
  }

  @Mutation(() => TimebankExchangeView, { description: 'The provider declares the service given, with the time actually spent.' })
  async completeExchange(@Arg('input', () => CompleteExchangeInput) input: CompleteExchangeInput, @Ctx() ctx: Context) {
    return exchanges.completeExchange(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TimebankExchangeView, { description: 'The beneficiary confirms: the time is transferred.' })
  async confirmExchange(@Arg('input', () => ExchangeStepInput) input: ExchangeStepInput, @Ctx() ctx: Context) {
    return exchanges.confirmExchange(ctx.em, requireUser(ctx), input.exchangeId);
  }

  @Mutation(() => TimebankExchangeView)
  async cancelExchange(@Arg('input', () => CancelExchangeInput) input: CancelExchangeInput, @Ctx() ctx: Context) {
    return exchanges.cancelExchange(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TimebankExchangeView, { description: 'Flags a disagreement to the moderators.' })
  async flagExchangeDispute(@Arg('input', () => FlagExchangeInput) input: FlagExchangeInput, @Ctx() ctx: Context) {
    return exchanges.flagExchange(ctx.em, requireUser(ctx), input);
  }

  // ---- ledger

  @Query(() => TimebankAccountView, { description: "The signed-in member's time account." })
  async myAccount(@Ctx() ctx: Context) {
    return ledger.myAccount(ctx.em, requireUser(ctx));
  }

  @Query(() => TimebankPoolView, { description: 'The solidarity pool and its statement (coordinators).' })
  async timebankPool(@Ctx() ctx: Context) {
    return ledger.pool(ctx.em, requireUser(ctx));
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
  async timebankRecipients(@Arg('search', () => String) search: string, @Ctx() ctx: Context) {
    return ledger.findRecipients(ctx.em, requireUser(ctx), search);
  }

  @Mutation(() => TransferReceipt, { description: 'Gives time to another member. The same idempotencyKey never posts twice.' })
  async transferTime(@Arg('input', () => TransferTimeInput) input: TransferTimeInput, @Ctx() ctx: Context) {
    return ledger.transferTime(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TransferReceipt, { description: 'Gives time to the solidarity pool.' })
  async donateToPool(@Arg('input', () => DonateToPoolInput) input: DonateToPoolInput, @Ctx() ctx: Context) {
    return ledger.donateToPool(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TransferReceipt, { description: 'A coordinator grants hours from the solidarity pool, with a reason.' })
  async grantFromPool(@Arg('input', () => GrantFromPoolInput) input: GrantFromPoolInput, @Ctx() ctx: Context) {
    return ledger.grantFromPool(ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => TimebankSettingsView, { description: 'The platform admin sets the floor and the ceiling.' })
  async updateTimebankSettings(@Arg('input', () => UpdateTimebankSettingsInput) input: UpdateTimebankSettingsInput, @Ctx() ctx: Context) {
    return ledger.updateSettings(ctx.em, requireAdmin(ctx), input);
  }
}

@Resolver(() => TimebankAccountView)
export class TimebankAccountResolver {
  @FieldResolver(() => StatementConnection, { description: 'Entries, newest first.' })
  async statement(@Root() account: TimebankAccountView, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const { limit, offset } = pageWindow(args);
    const { lines, total } = await ledger.statementRows(ctx.em, account.accountId, { limit, offset });
    return toConnection(lines, offset, total);
  }
}

@Resolver(() => TimebankPoolView)
export class TimebankPoolResolver {
  @FieldResolver(() => StatementConnection)
  async statement(@Root() pool: TimebankPoolView, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    if (!pool.accountId) throw notFound();
    const { limit, offset } = pageWindow(args);
    const { lines, total } = await ledger.statementRows(ctx.em, pool.accountId, { limit, offset });
    return toConnection(lines, offset, total);
  }
}
