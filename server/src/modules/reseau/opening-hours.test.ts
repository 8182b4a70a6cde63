import { describe, expect, it } from 'vitest';
import { describeOpening, isOpenAt, weekInWords } from './opening-hours.js';

const HOURS = 'Mo-Fr 08:00-16:00; Dec 25 off';

describe("opening hours in the place's own time zone", () => {
  it('is open in Nouméa at 13:57 there while a Paris place with the same hours is closed (03:57 in Paris)', () => {
    const at = new Date('2026-12-01T02:57:00Z'); // Tuesday: 13:57 in Nouméa (UTC+11), 03:57 in Paris (UTC+1)
    expect(isOpenAt(HOURS, at, 'Pacific/Noumea')).toBe(true);
    expect(isOpenAt(HOURS, at, 'Europe/Paris')).toBe(false);
    expect(describeOpening(HOURS, at, 'Pacific/Noumea')?.fr).toBe('Ouvert · ferme à 16\u202fh');
    expect(describeOpening(HOURS, at, 'Europe/Paris')?.fr).toBe('Fermé · ouvre à 8\u202fh');
  });

  it('is closed in Nouméa (20:00) when the Paris place is open (10:00), and says when it opens there', () => {
    const at = new Date('2026-12-01T09:00:00Z');
    expect(isOpenAt(HOURS, at, 'Pacific/Noumea')).toBe(false);
    expect(isOpenAt(HOURS, at, 'Europe/Paris')).toBe(true);
    expect(describeOpening(HOURS, at, 'Pacific/Noumea')?.fr).toBe('Fermé · ouvre demain à 8\u202fh');
    expect(describeOpening(HOURS, at, 'Europe/Paris')?.fr).toBe('Ouvert · ferme à 16\u202fh');
  });

  it("shows the week it is in the place's time zone: already Christmas week in Nouméa on a Sunday in Paris", () => {
    const at = new Date('2026-12-20T14:00:00Z'); // Sunday 15:00 in Paris, Monday 21 December 01:00 in Nouméa
    expect(weekInWords(HOURS, at, 'Pacific/Noumea', 'fr')![4]).toEqual({ day: 'vendredi', hours: 'fermé' });
    expect(weekInWords(HOURS, at, 'Europe/Paris', 'fr')![4]).toEqual({ day: 'vendredi', hours: '8\u202fh\u00a0– 16\u202fh' });
  });

  it('follows Guadeloupe (UTC−4, no summer time) in July', () => {
    const at = new Date('2026-07-07T12:30:00Z'); // Tuesday: 08:30 in Guadeloupe, 14:30 in Paris
    expect(isOpenAt('Mo-Fr 08:00-09:00', at, 'America/Guadeloupe')).toBe(true);
    expect(isOpenAt('Mo-Fr 08:00-09:00', at, 'Europe/Paris')).toBe(false);
  });
});
