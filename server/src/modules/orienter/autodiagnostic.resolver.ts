import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import type { User } from '../comptes/user.entity.js';
import * as autodiagnostic from './autodiagnostic.service.js';
import { SelfCheckAnswersInput, SelfCheckDomainLevel, SelfCheckResultView, SelfCheckView } from './autodiagnostic.types.js';

/** The self-check of the five levels ("autodiagnostic"): open to everyone, stored only when asked. */
@Resolver()
export class AutodiagnosticResolver {
  @Query(() => SelfCheckView, { description: 'The questions of the self-check, in your language.' })
  selfCheck() {
    return autodiagnostic.selfCheck();
  }

  @Query(() => [SelfCheckDomainLevel], { description: 'The level per domain for these answers. Nothing is stored.' })
  selfCheckResult(@Arg('input', () => SelfCheckAnswersInput) input: SelfCheckAnswersInput) {
    return autodiagnostic.selfCheckResult(input.answers);
  }

  @Authorized()
  @Mutation(() => SelfCheckResultView, { description: '"Garder mon résultat": keeps the level per domain (never the answers).' })
  async keepSelfCheckResult(
    @Arg('input', () => SelfCheckAnswersInput) input: SelfCheckAnswersInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ) {
    return autodiagnostic.keepSelfCheckResult(ctx.em, user, input.answers);
  }

  @Authorized()
  @Query(() => [SelfCheckResultView], { description: 'The self-check results you kept, newest first.' })
  async mySelfCheckResults(@CurrentUser() user: User, @Ctx() ctx: Context) {
    return autodiagnostic.mySelfCheckResults(ctx.em, user);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Erases one of your kept self-check results.' })
  async eraseSelfCheckResult(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context) {
    await autodiagnostic.eraseSelfCheckResult(ctx.em, user, id);
    return true;
  }
}
