/**
 * A place's street line: its address, then its complement ("Bâtiment B") after a comma, as its page shows them. An
 * event has one address line, so a new event starts from this one (the server recognises it as its organizer's
 * address: followAddress in server/src/modules/agenda/events.service.ts).
 */
export function streetLine(place: { adresse?: string | null; complementAdresse?: string | null }): string {
  return [place.adresse, place.complementAdresse].filter(Boolean).join(', ');
}
