import { Arg, Ctx, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { notFound } from '../../graphql/errors.js';
import { liveStream } from '../../live/stream.js';
import { seatCounts } from './agenda.queries.js';
import { findVisibleEvent } from './events.service.js';
import { seatsTopic } from './registrations.service.js';

@ObjectType({ description: 'The seats of an event, now.', simpleResolvers: true })
export class EventSeats {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Int, { nullable: true, description: 'null when unlimited.' })
  remainingSeats!: number | null;

  @Field(() => Int)
  confirmedCount!: number;

  @Field(() => Int)
  waitlistCount!: number;
}

@Resolver()
export class AgendaLiveResolver {
  @Subscription(() => EventSeats, {
    description: 'Seats of an event: sent at once on subscribe, then after each registration, cancellation or promotion.',
    subscribe: async ({ args, context }: { args: { eventId: string }; context: Context }) => {
      if (!(await findVisibleEvent(context.em.fork(), args.eventId, context.user))) throw notFound();
      return liveStream<EventSeats>({
        topic: seatsTopic(args.eventId),
        initial: true,
        read: async () => {
          const em = context.em.fork();
          // Hidden since subscribing (and not theirs to see): nothing more is sent.
          const event = await findVisibleEvent(em, args.eventId, context.user);
          if (!event) return undefined;
          const seats = (await seatCounts(em, [event.id])).get(event.id) ?? { confirmed: 0, waiting: 0 };
          return {
            eventId: event.id,
            remainingSeats: event.capacity == null ? null : Math.max(event.capacity - seats.confirmed, 0),
            confirmedCount: seats.confirmed,
            waitlistCount: seats.waiting,
          };
        },
      });
    },
  })
  eventSeats(@Arg('eventId', () => ID) _eventId: string, @Root() seats: EventSeats, @Ctx() _ctx: Context): EventSeats {
    return seats;
  }
}
