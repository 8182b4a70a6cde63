import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentUser } from '../../graphql/auth.js';
import type { Context } from '../../graphql/context.js';
import { badInput } from '../../graphql/errors.js';
import { say } from '../../i18n/lang.js';
import type { User } from '../comptes/user.entity.js';
import { runningFederation } from './federation.js';
import { FollowRemoteActorInput, RemoteEventsArgs } from './federation.input.js';
import { followingsOf, followRemoteActor, unfollowRemoteActor, type FollowingRow } from './federation.service.js';
import { FederationStatus, RemoteEvent, RemoteFollowing } from './federation.types.js';
import { upcomingRemoteEvents } from './remote-events.js';

function following(row: FollowingRow): RemoteFollowing {
  return {
    id: row.id,
    organizationId: row.organization_id,
    actorUri: row.actor_uri,
    handle: row.handle,
    name: row.name,
    accepted: row.accepted_at !== null,
    followedAt: new Date(row.created_at),
  };
}

/** A cursor is `<ISO start>|<object address>`. */
function readCursor(after: string | null | undefined): { startsAt: Date; objectUri: string } | null {
  if (!after) return null;
  const bar = after.indexOf('|');
  const startsAt = new Date(after.slice(0, bar));
  if (bar < 0 || Number.isNaN(startsAt.getTime()))
    throw badInput({ after: say('Ce curseur de page est illisible.', 'This page cursor cannot be read.') });
  return { startsAt, objectUri: after.slice(bar + 1) };
}

@Resolver()
export class FederationResolver {
  @Query(() => FederationStatus)
  federationStatus(@Ctx() ctx: Context): FederationStatus {
    const running = runningFederation();
    return {
      enabled: running !== null,
      host: running ? running.origin.host : ctx.config.publicUrl ? new URL(ctx.config.publicUrl).host : null,
    };
  }

  @Query(() => [RemoteEvent], { description: 'Upcoming events received from the actors followed on other instances, soonest first.' })
  async remoteEvents(@Args(() => RemoteEventsArgs) args: RemoteEventsArgs, @Ctx() ctx: Context): Promise<RemoteEvent[]> {
    const limit = Math.min(Math.max(args.first, 1), 50);
    const rows = await upcomingRemoteEvents(ctx.em, limit, readCursor(args.after));
    return rows.map((row) => ({
      id: row.object_uri,
      name: row.name,
      content: row.content,
      // Raw rows carry timestamps as the driver gives them: made Dates for the Date scalar.
      startsAt: new Date(row.starts_at),
      endsAt: row.ends_at ? new Date(row.ends_at) : null,
      location: row.location,
      url: row.url,
      actorName: row.actor_name,
      actorHandle: row.actor_handle,
      cursor: `${new Date(row.starts_at).toISOString()}|${row.object_uri}`,
    }));
  }

  @Query(() => [RemoteFollowing], { description: 'The actors of other instances an organization follows.' })
  async remoteFollowings(@Arg('organizationId', () => ID) organizationId: string, @Ctx() ctx: Context): Promise<RemoteFollowing[]> {
    return (await followingsOf(ctx.em, organizationId)).map(following);
  }

  @Authorized('VERIFIED')
  @Mutation(() => RemoteFollowing, {
    description: 'Follows an actor of another instance: its events arrive in "Suivis sur d’autres instances". Organization admins only.',
  })
  async followRemoteActor(
    @Arg('input', () => FollowRemoteActorInput) input: FollowRemoteActorInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<RemoteFollowing> {
    return following(await followRemoteActor(ctx.em, user, input.organizationId, input.handle));
  }

  @Authorized('VERIFIED')
  @Mutation(() => Boolean, { description: 'Stops following an actor of another instance (organization admins only).' })
  async unfollowRemoteActor(@Arg('id', () => ID) id: string, @CurrentUser() user: User, @Ctx() ctx: Context): Promise<boolean> {
    return unfollowRemoteActor(ctx.em, user, id);
  }
}
