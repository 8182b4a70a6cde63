import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { User } from '../comptes/user.entity.js';
import { CharterSettingsInput, CharterSignatoriesArgs, SignCharterInput, WithdrawCharterSignatureInput } from './charte.input.js';
import { CharterSettingsView, CharterSignatory, CharterSignatoryConnection, MyCharterStatus } from './charte.types.js';
import * as requirement from './requirement.service.js';
import * as signatures from './signatures.service.js';

@Resolver()
export class CharterSignaturesResolver {
  @Query(() => CharterSignatoryConnection, {
    description: 'The public list of signatories: each person or organization once, with the latest version it signed.',
  })
  async charterSignatories(@Args(() => CharterSignatoriesArgs) args: CharterSignatoriesArgs, @Ctx() ctx: Context) {
    const filters = { departement: args.departement, kind: args.kind, versionNumber: args.versionNumber, search: args.search };
    const page = await signatures.listSignatories(ctx.em, filters, args);
    // The counts are asked for only when the page shows them.
    const counts = signatures.lazySignatoryCounts(ctx.em, filters);
    return {
      ...page,
      get byDepartement() {
        return counts().then((c) => c.byDepartement);
      },
      get byKind() {
        return counts().then((c) => c.byKind);
      },
    };
  }

  @Query(() => MyCharterStatus, { nullable: true, description: 'Where the signed-in member stands with the charter (null for a visitor).' })
  async myCharterStatus(@CurrentUser() user: User | null, @Ctx() ctx: Context): Promise<MyCharterStatus | null> {
    if (!user) return null;
    return signatures.myStatus(ctx.em, user, await requirement.charterAllowsPublishing(ctx.em, user));
  }

  @Mutation(() => CharterSignatory, {
    description: 'Signs the current version, in your own name or on behalf of an organization you administer.',
  })
  @Authorized('VERIFIED')
  async signCharter(
    @Arg('input', () => SignCharterInput) input: SignCharterInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<CharterSignatory> {
    const id = await signatures.signCharter(ctx.em, user, input);
    return signatures.signatoryOf(ctx.em, id);
  }

  @Mutation(() => MyCharterStatus, { description: 'Withdraws your signature, or your organization’s: it leaves the public list.' })
  @Authorized()
  async withdrawCharterSignature(
    @Arg('input', () => WithdrawCharterSignatureInput) input: WithdrawCharterSignatureInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    await signatures.withdrawSignature(ctx.em, user, input);
    return signatures.myStatus(ctx.em, user, await requirement.charterAllowsPublishing(ctx.em, user));
  }

  @Query(() => CharterSettingsView)
  async charterSettings(@Ctx() ctx: Context): Promise<CharterSettingsView> {
    return requirement.readSettings(ctx.em);
  }

  @Mutation(() => CharterSettingsView, { description: 'Platform admins: whether publishing needs a signature of the current version.' })
  @Authorized('ADMIN')
  async updateCharterSettings(
    @Arg('input', () => CharterSettingsInput) input: CharterSettingsInput,
    @CurrentUser() admin: User,
    @Ctx() ctx: Context,
  ) {
    return requirement.updateSettings(ctx.em, admin, input);
  }
}
