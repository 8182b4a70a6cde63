import type { SectionJob } from '../commun/section.js';
import { eraseGuestData } from './guest-registrations.js';

/** Daily: guests' names, addresses and phones go three months after their event (agenda/guest-registrations.ts). */
export const eraseGuestDataJob: SectionJob = {
  name: 'agenda-guest-erasure',
  everyMs: 24 * 3600 * 1000,
  run: (em) => eraseGuestData(em),
};
