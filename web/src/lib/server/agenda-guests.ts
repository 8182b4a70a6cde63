import type { RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { formValues, mutate } from './forms';

/** The event page's forms for people without an account (agenda/guest-registrations.ts on the server). */
const REQUEST_GUEST = graphql(`
  mutation RequestGuestRegistration($input: RequestGuestRegistrationInput!) {
    requestGuestRegistration(input: $input) {
      message
    }
  }
`);
const REGISTER_AT_DESK = graphql(`
  mutation RegisterGuestAtDesk($input: RegisterGuestAtDeskInput!) {
    registerGuestAtDesk(input: $input) {
      status
      waitlistPosition
    }
  }
`);

type PageEvent = RequestEvent<{ id: string }>;

export const guestActions = {
  /** "S'inscrire sans compte": the same answer whatever the address (the e-mail tells the rest). */
  registerGuest: async (event: PageEvent) => {
    const values = formValues(await event.request.formData());
    const input = {
      eventId: event.params.id,
      firstName: values.firstName ?? '',
      email: values.email ?? '',
      consent: values.consent === 'on',
    };
    const result = await mutate(event, REQUEST_GUEST, { input }, { ...values, guestForm: '1' });
    if (!result.ok) return result.failure;
    return { guestRequested: result.data.requestGuestRegistration.message };
  },
  /** "Inscrire une personne à l'accueil" (organizers). */
  registerAtDesk: async (event: PageEvent) => {
    const values = formValues(await event.request.formData());
    const input = { eventId: event.params.id, name: values.name ?? '', phone: (values.phone ?? '').trim() || null };
    const result = await mutate(event, REGISTER_AT_DESK, { input }, { ...values, deskForm: '1' });
    if (!result.ok) return result.failure;
    return { deskRegistered: { name: input.name.trim(), ...result.data.registerGuestAtDesk } };
  },
};
