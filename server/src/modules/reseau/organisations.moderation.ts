import { deName } from '../../i18n/french.js';
import { say, type Text } from '../../i18n/lang.js';
import type { AuditRow, AuditSummary } from '../commun/moderation/audit.service.js';

/** The place a line is about, by the name it had then (`data.place`); a line written without it says "un lieu". */
function placeOf(row: AuditRow): Text {
  const name = row.data?.place;
  return typeof name === 'string' ? say(`« ${name} »`, `"${name}"`) : say('un lieu', 'a place');
}

/** The person who asked, as a sentence names them after "la demande" ("de Lou", "d’Élise"). */
const ofPerson = (row: AuditRow) => say(deName(row.targetName ?? '?'), row.targetName ?? '?');

/** How the audit log says the answers about places: claims, corrections (place-requests.service.ts), requests to join (membership-requests.service.ts). */
export const organizationsAuditActions: Record<string, AuditSummary> = {
  'reseau.place_claimed': (r) =>
    say(`${r.actorName} a demandé à gérer ${placeOf(r).fr}`, `${r.actorName} asked to manage ${placeOf(r).en}`),
  'reseau.place_claim_accepted_by_siret': (r) =>
    say(
      `${r.actorName} gère ${placeOf(r).fr}, ProConnect ayant indiqué le SIRET de la structure`,
      `${r.actorName} manages ${placeOf(r).en}, ProConnect having given the organization's SIRET`,
    ),
  'reseau.place_claim_accepted': (r) =>
    say(
      `${r.actorName} a accepté la demande ${ofPerson(r).fr} pour gérer ${placeOf(r).fr}`,
      `${r.actorName} accepted the request of ${ofPerson(r).en} to manage ${placeOf(r).en}`,
    ),
  'reseau.place_claim_declined': (r) =>
    say(
      `${r.actorName} a refusé la demande ${ofPerson(r).fr} pour gérer ${placeOf(r).fr}`,
      `${r.actorName} declined the request of ${ofPerson(r).en} to manage ${placeOf(r).en}`,
    ),
  'reseau.place_suggestion_accepted': (r) =>
    say(
      `${r.actorName} a accepté une correction proposée pour ${placeOf(r).fr}`,
      `${r.actorName} accepted a correction suggested for ${placeOf(r).en}`,
    ),
  'reseau.place_suggestion_declined': (r) =>
    say(
      `${r.actorName} a refusé une correction proposée pour ${placeOf(r).fr}`,
      `${r.actorName} declined a correction suggested for ${placeOf(r).en}`,
    ),
  'reseau.membership_request_accepted': (r) =>
    say(
      `${r.actorName} a accepté la demande ${ofPerson(r).fr} pour rejoindre ${placeOf(r).fr}`,
      `${r.actorName} accepted the request of ${ofPerson(r).en} to join ${placeOf(r).en}`,
    ),
  'reseau.membership_request_declined': (r) =>
    say(
      `${r.actorName} a refusé la demande ${ofPerson(r).fr} pour rejoindre ${placeOf(r).fr}`,
      `${r.actorName} declined the request of ${ofPerson(r).en} to join ${placeOf(r).en}`,
    ),
};
