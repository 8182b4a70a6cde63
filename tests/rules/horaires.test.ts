import { describe, expect, it } from 'vitest';
import { hoursFieldName, hoursSent, osmOfWeek, plainWeek } from '../../web/src/lib/reseau/horaires.js';

// The week a place's hours form shows, day by day, and the OpenStreetMap text it writes (HoursField.svelte).
describe('opening hours filled in day by day', () => {
  it('reads a plain week, a later rule replacing an earlier one for its days, as OpenStreetMap does', () => {
    const week = plainWeek('Mo-Fr 09:00-12:00,14:00-17:00; We 09:00-12:00; Sa,Su off')!;
    expect(week.Mo).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '14:00', to: '17:00' },
    ]);
    expect(week.We).toEqual([{ from: '09:00', to: '12:00' }]);
    expect(week.Sa).toEqual([]);
    expect(plainWeek('Fr-Mo 10:00-18:00')!.Su).toEqual([{ from: '10:00', to: '18:00' }]);
    expect(plainWeek('')).toEqual(plainWeek('off'));
  });

  it('leaves as text what says more than a week (holidays, months, comments, past midnight, three ranges)', () => {
    for (const text of [
      '24/7',
      'Mo-Fr 09:00-17:00; PH off',
      'Jan-Mar Mo 09:00-12:00',
      'Mo 09:00-12:00 "sur rendez-vous"',
      'Fr 20:00-02:00',
      'Mo 08:00-09:00,10:00-11:00,12:00-13:00',
    ])
      expect(plainWeek(text), text).toBeNull();
  });

  it('writes the week with following days of the same hours grouped', () => {
    const week = plainWeek('Mo 09:00-12:00; Tu 09:00-12:00; We 09:00-12:00; Fr 14:00-17:00; Sa 14:00-17:00')!;
    expect(osmOfWeek(week)).toBe('Mo-We 09:00-12:00; Fr-Sa 14:00-17:00');
    expect(osmOfWeek(plainWeek('off')!)).toBe('');
  });

  it('takes the fields sent: a start without its end or an end before its start is a mistake of that day; an unchanged week keeps its text', () => {
    const field = (day: 'Mo' | 'Tu', range: number, end: 'de' | 'a') => hoursFieldName(day, range, end);
    expect(hoursSent({ [field('Mo', 0, 'de')]: '09:00', [field('Mo', 0, 'a')]: '12:00', [field('Tu', 1, 'de')]: '14:00' }, null)).toEqual({
      text: null,
      mistakes: [[field('Tu', 0, 'de'), 'incomplete']],
    });
    expect(hoursSent({ [field('Mo', 0, 'de')]: '12:00', [field('Mo', 0, 'a')]: '09:00' }, null).mistakes).toEqual([
      [field('Mo', 0, 'de'), 'order'],
    ]);
    const saved = 'Mo,Tu 09:00-12:00';
    expect(
      hoursSent(
        {
          [field('Mo', 0, 'de')]: '09:00',
          [field('Mo', 0, 'a')]: '12:00',
          [field('Tu', 0, 'de')]: '09:00',
          [field('Tu', 0, 'a')]: '12:00',
        },
        saved,
      ),
    ).toEqual({
      text: saved,
      mistakes: null,
    });
    expect(hoursSent({ [field('Mo', 0, 'de')]: '09:00', [field('Mo', 0, 'a')]: '12:00' }, saved).text).toBe('Mo 09:00-12:00');
    expect(hoursSent({ horaires: 'Mo-Fr 09:00-17:00; PH off' }, saved).text).toBe('Mo-Fr 09:00-17:00; PH off');
  });
});
