import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { CurrentUser } from '../../graphql/auth.js';
import type { User } from '../comptes/user.entity.js';
import { publicOrigin } from './agenda.resolver.js';
import { RegistrationResult } from './agenda.types.js';
import * as guests from './guest-registrations.js';
import {
  GuestRegistration,
  GuestRequestResult,
  GuestTokenInput,
  RegisterGuestAtDeskInput,
  RequestGuestRegistrationInput,
} from './guest.types.js';
import { RegistrationStatus } from './registration.entity.js';

function shown(ctx: Context, token: string, view: guests.GuestView): GuestRegistration {
  const registration = view.registration;
  return {
    event: view.event,
    firstName: registration?.guestFirstName ?? view.link.firstName ?? '',
    pending: !registration,
    status: registration?.status ?? null,
    waitlistPosition: view.waitlistPosition,
    canCancel: !!registration && registration.status !== RegistrationStatus.CANCELLED && view.event.endsAt > new Date(),
    calendarUrl: registration ? `${publicOrigin(ctx)}/ical/invites/${token}.ics` : null,
  };
}

/** Registrations without an account (agenda/guest-registrations.ts): open to visitors, by private link. */
@Resolver()
export class GuestResolver {
  @Mutation(() => GuestRequestResult, {
    description: 'E-mails a link to confirm a registration without an account; the same answer whether the address is registered or not.',
  })
  async requestGuestRegistration(
    @Arg('input', () => RequestGuestRegistrationInput) input: RequestGuestRegistrationInput,
    @Ctx() ctx: Context,
  ): Promise<GuestRequestResult> {
    const text = await guests.requestGuestRegistration(ctx.em, input, ctx.ip);
    return { message: text[ctx.lang] };
  }

  @Query(() => GuestRegistration, {
    nullable: true,
    description: 'A guest registration by its private link (null when the link is not valid).',
  })
  async guestRegistration(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<GuestRegistration | null> {
    const view = await guests.guestRegistration(ctx.em, token);
    return view ? shown(ctx, token, view) : null;
  }

  @Mutation(() => GuestRegistration, { description: 'Confirms a guest registration from its e-mailed link: a seat, or the waitlist.' })
  async confirmGuestRegistration(@Arg('input', () => GuestTokenInput) input: GuestTokenInput, @Ctx() ctx: Context) {
    return shown(ctx, input.token, await guests.confirmGuestRegistration(ctx.em, input.token));
  }

  @Mutation(() => GuestRegistration, {
    description: 'Cancels a guest registration from its private page; the seat goes to the next person.',
  })
  async cancelGuestRegistration(@Arg('input', () => GuestTokenInput) input: GuestTokenInput, @Ctx() ctx: Context) {
    return shown(ctx, input.token, await guests.cancelGuestRegistration(ctx.em, input.token));
  }

  @Authorized('VERIFIED')
  @Mutation(() => RegistrationResult, { description: 'An organizer registers someone at the desk, by name and phone.' })
  async registerGuestAtDesk(
    @Arg('input', () => RegisterGuestAtDeskInput) input: RegisterGuestAtDeskInput,
    @CurrentUser() user: User,
    @Ctx() ctx: Context,
  ): Promise<RegistrationResult> {
    const outcome = await guests.registerGuestAtDesk(ctx.em, user, input);
    return {
      eventId: outcome.registration.event.id,
      status: outcome.registration.status,
      waitlistPosition: outcome.waitlistPosition,
      confirmedAt: outcome.registration.confirmedAt ?? null,
    };
  }
}
