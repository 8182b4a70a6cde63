import { Authorized, Ctx, Field, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryOne, sql } from '../../db/sql.js';
import type { Context } from '../../graphql/context.js';
import { unauthenticated } from '../../graphql/errors.js';
import { liveStream } from '../../live/stream.js';
import { balanceTopic } from './ledger.service.js';

@ObjectType({ description: "The signed-in member's time account, now.", simpleResolvers: true })
export class TimebankBalance {
  @Field(() => Int)
  balanceMinutes!: number;

  @Field(() => Int, { description: 'What the member can still give: balance minus floor (never negative).' })
  availableMinutes!: number;
}

async function balanceOf(em: EntityManager, userId: string): Promise<TimebankBalance> {
  const row = (await queryOne<{ balance: number; floor_minutes: number }>(
    em,
    sql`select coalesce(a.balance, 0)::int as balance, s.floor_minutes
          from timebank_settings s left join timebank_account a on a.user_id = ${userId} where s.id = 1`,
  ))!;
  return { balanceMinutes: row.balance, availableMinutes: Math.max(0, row.balance - row.floor_minutes) };
}

@Resolver()
export class TimebankLiveResolver {
  @Authorized()
  @Subscription(() => TimebankBalance, {
    description: "The signed-in member's time account: sent at once on subscribe, then after each transfer that moves it.",
    subscribe: ({ context }: { context: Context }) => {
      const user = context.user;
      if (!user) throw unauthenticated();
      return liveStream<TimebankBalance>({
        topic: balanceTopic(user.id),
        initial: true,
        read: () => balanceOf(context.em.fork(), user.id),
      });
    },
  })
  myTimebankBalance(@Root() balance: TimebankBalance, @Ctx() _ctx: Context): TimebankBalance {
    return balance;
  }
}
