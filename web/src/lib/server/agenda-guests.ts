import { redirect, type RequestEvent } from '@sveltejs/kit';
import { graphql } from '$lib/graphql';
import { setFlash, takeFlash } from './flash';
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
  /**
   * "Inscrire une personne à l'accueil" (organizers). Answered with a 303 to the event page, which says who was
   * registered once (deskResult below, from a flash cookie: the name stays out of the address, its history and the
   * logs); reloading it registers nobody a second time.
   */
  registerAtDesk: async (event: PageEvent) => {
    const values = formValues(await event.request.formData());
    const input = {
      eventId: event.params.id,
      name: values.name ?? '',
      phone: (values.phone ?? '').trim() || null,
      email: (values.email ?? '').trim() || null,
    };
    const result = await mutate(event, REGISTER_AT_DESK, { input }, { ...values, deskForm: '1' });
    if (!result.ok) return result.failure;
    const { status, waitlistPosition } = result.data.registerGuestAtDesk;
    const page = event.url.pathname; // /agenda/evenements/<id>, where the form is
    setFlash(event, page, {
      desk: status === 'CONFIRMED' ? 'inscrit' : 'attente',
      name: input.name.trim().slice(0, 80),
      position: waitlistPosition ?? 1,
      // Given an address, the person gets the link of their registration by e-mail (agenda/guest-emails.ts).
      emailed: input.email !== null,
    });
    redirect(303, page);
  },
};

/** What registerAtDesk left for the event page: "Jeanne est inscrite" or "… sur la liste d'attente (2e)", shown once. */
export function deskResult(event: RequestEvent): { name: string; confirmed: boolean; position: number; emailed: boolean } | null {
  const said = takeFlash(event);
  if (!said || (said.desk !== 'inscrit' && said.desk !== 'attente') || typeof said.name !== 'string') return null;
  const name = said.name.trim().slice(0, 80);
  if (!name) return null;
  const position = said.position;
  return {
    name,
    confirmed: said.desk === 'inscrit',
    position: typeof position === 'number' && Number.isInteger(position) && position > 0 ? position : 1,
    emailed: said.emailed === true,
  };
}
