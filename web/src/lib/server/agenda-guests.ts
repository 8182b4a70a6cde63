import { redirect, type RequestEvent } from '@sveltejs/kit';
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
  /**
   * "Inscrire une personne à l'accueil" (organizers). Answered with a 303 to the event page, which says who was
   * registered (deskResult below): reloading it registers nobody a second time.
   */
  registerAtDesk: async (event: PageEvent) => {
    const values = formValues(await event.request.formData());
    const input = { eventId: event.params.id, name: values.name ?? '', phone: (values.phone ?? '').trim() || null };
    const result = await mutate(event, REGISTER_AT_DESK, { input }, { ...values, deskForm: '1' });
    if (!result.ok) return result.failure;
    const { status, waitlistPosition } = result.data.registerGuestAtDesk;
    const said = new URLSearchParams({ accueil: status === 'CONFIRMED' ? 'inscrit' : 'attente', nom: input.name.trim().slice(0, 80) });
    if (status !== 'CONFIRMED') said.set('rang', String(waitlistPosition ?? 1));
    redirect(303, `/agenda/evenements/${event.params.id}?${said}`);
  },
};

/** What the 303 of registerAtDesk says: "Jeanne est inscrite" or "… sur la liste d'attente (2e)". */
export function deskResult(url: URL): { name: string; confirmed: boolean; position: number } | null {
  const kind = url.searchParams.get('accueil');
  const name = (url.searchParams.get('nom') ?? '').trim().slice(0, 80);
  if ((kind !== 'inscrit' && kind !== 'attente') || !name) return null;
  const position = Number(url.searchParams.get('rang'));
  return { name, confirmed: kind === 'inscrit', position: Number.isInteger(position) && position > 0 ? position : 1 };
}
