import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { CurrentUser } from '../../../graphql/auth.js';
import { overHttp, type Context } from '../../../graphql/context.js';
import { clearSessionCookie } from '../../../http/session-cookie.js';
import { User } from '../../comptes/user.entity.js';
import { deleteMyAccount } from './mes-donnees.service.js';

@InputType()
export class DeleteMyAccountInput {
  @Field(() => String, { description: 'The current password, to confirm it is really you.' })
  password!: string;
}

@ObjectType({ description: 'Something kept after the deletion, and why.' })
export class KeptDataView {
  @Field(() => String)
  section!: string;

  @Field(() => String)
  explanation!: string;
}

@ObjectType()
export class DeletedAccountPayload {
  @Field(() => [KeptDataView], { description: 'What was kept (anonymized) and why; everything else was erased.' })
  kept!: KeptDataView[];
}

@Resolver()
export class PrivacyResolver {
  @Authorized()
  @Mutation(() => DeletedAccountPayload, {
    description: 'Deletes the signed-in account (download your data first: GET /api/mes-donnees.json).',
  })
  async deleteMyAccount(
    @Arg('input', () => DeleteMyAccountInput) input: DeleteMyAccountInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<DeletedAccountPayload> {
    const kept = await deleteMyAccount(ctx.em, user, input, ctx.sessionId);
    clearSessionCookie(overHttp(ctx).res, ctx.config);
    // The rest of this request runs signed out: the account no longer exists.
    ctx.user = null;
    return { kept: kept.map((item) => ({ section: item.section[ctx.lang], explanation: item.explanation[ctx.lang] })) };
  }
}
