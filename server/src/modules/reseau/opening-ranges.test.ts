import { describe, expect, it } from 'vitest';
import { weeklyRanges } from './opening-hours.js';

/** `openingRanges` (schema.org's openingHoursSpecification of a place page): this week's ranges, day by day. */
describe('weekly opening ranges for search engines', () => {
  const monday = new Date('2026-03-02T10:00:00Z');

  it('gives each range of each day, Monday first, as "HH:MM"', () => {
    expect(weeklyRanges('Mo 14:00-19:30; Tu,Th 09:00-12:00,14:00-17:30', monday)).toEqual([
      { dayOfWeek: 'Monday', opens: '14:00', closes: '19:30' },
      { dayOfWeek: 'Tuesday', opens: '09:00', closes: '12:00' },
      { dayOfWeek: 'Tuesday', opens: '14:00', closes: '17:30' },
      { dayOfWeek: 'Thursday', opens: '09:00', closes: '12:00' },
      { dayOfWeek: 'Thursday', opens: '14:00', closes: '17:30' },
    ]);
  });

  it('cuts a night at midnight: 23:59 the first day, 00:00 the next', () => {
    expect(weeklyRanges('Sa 22:00-02:00', monday)).toEqual([
      { dayOfWeek: 'Saturday', opens: '22:00', closes: '23:59' },
      { dayOfWeek: 'Sunday', opens: '00:00', closes: '02:00' },
    ]);
  });

  it('leaves out a public holiday the hours close ("PH off"): the week of 14 July', () => {
    const days = weeklyRanges('Mo-Fr 09:00-12:00; PH off', new Date('2026-07-13T10:00:00Z'))!.map((range) => range.dayOfWeek);
    expect(days).toEqual(['Monday', 'Wednesday', 'Thursday', 'Friday']);
  });

  it('reads the week on the place’s own calendar: Sunday evening in Paris is already Monday in Nouméa', () => {
    const sundayInParis = new Date('2026-03-08T20:00:00Z'); // Sunday 21:00 in Paris, Monday 07:00 in Nouméa
    expect(weeklyRanges('Mo 08:00-12:00; PH off', sundayInParis, 'Pacific/Noumea')).toEqual([
      { dayOfWeek: 'Monday', opens: '08:00', closes: '12:00' },
    ]);
    expect(weeklyRanges('xx nonsense', monday)).toBeNull();
    expect(weeklyRanges(null, monday)).toBeNull();
  });
});
