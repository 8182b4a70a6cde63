import { describe, expect, it } from 'vitest';
import { endOfDay, englishSpan, frenchSpan, spokenStart, wallClock } from './local-time.js';

const PARIS = 'Europe/Paris';
const GUADELOUPE = 'America/Guadeloupe';

describe('an event’s times on the clock of its place', () => {
  it('reads a wall-clock time in the zone of the place, and refuses the hour skipped in March in Paris', () => {
    expect(wallClock('2027-03-02T14:30', GUADELOUPE)?.toISOString()).toBe('2027-03-02T18:30:00.000Z');
    expect(wallClock('2027-03-02T14:30', PARIS)?.toISOString()).toBe('2027-03-02T13:30:00.000Z');
    expect(wallClock('2027-03-28T02:30', PARIS)).toBeNull();
    expect(wallClock('2027-03-28T02:30', GUADELOUPE)?.toISOString()).toBe('2027-03-28T06:30:00.000Z');
    expect(wallClock('14:30', PARIS)).toBeNull();
    expect(endOfDay('2027-03-02', GUADELOUPE)?.toISOString()).toBe('2027-03-03T03:59:00.000Z');
    expect(endOfDay('2 mars', PARIS)).toBeNull();
  });

  it('writes a span, with "(heure locale)" only where the place is not on Paris time', () => {
    const start = new Date('2027-03-02T18:30:00Z');
    const end = new Date('2027-03-02T20:00:00Z');
    expect(frenchSpan(start, end, GUADELOUPE)).toBe('mardi 2 mars 2027, 14\u202fh\u202f30\u00a0– 16\u202fh (heure locale)');
    expect(englishSpan(start, end, GUADELOUPE)).toBe('Tuesday 2 March 2027, 14:30–16:00 (local time)');
    expect(frenchSpan(start, end, PARIS)).toBe('mardi 2 mars 2027, 19\u202fh\u202f30\u00a0– 21\u202fh');
    expect(frenchSpan(start, new Date('2027-03-03T20:00:00Z'), PARIS)).toBe(
      'du mardi 2 mars 2027, 19\u202fh\u202f30 au mercredi 3 mars 2027, 21\u202fh',
    );
  });

  it('says when something starts in a sentence, with or without the year', () => {
    const start = new Date('2026-12-02T21:30:00Z');
    expect(spokenStart(start, GUADELOUPE, 'fr')).toBe('mercredi 2 décembre 2026 à 17\u202fh\u202f30');
    expect(spokenStart(start, GUADELOUPE, 'en', false)).toBe('Wednesday 2 December at 17:30');
    // 22:30 in Paris, already the next morning in Nouméa.
    expect(spokenStart(start, PARIS, 'fr', false)).toBe('mercredi 2 décembre à 22\u202fh\u202f30');
    expect(spokenStart(start, 'Pacific/Noumea', 'fr')).toBe('jeudi 3 décembre 2026 à 8\u202fh\u202f30');
  });
});
