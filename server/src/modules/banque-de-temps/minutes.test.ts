import { describe, expect, it } from 'vitest';
import { formatMinutes } from './minutes.js';

/** "2 h 30" as the server writes it: every space of a duration is narrow and no-break (U+202F). */
const held = (text: string) => text.replaceAll(' ', '\u202f');

describe('formatMinutes', () => {
  it('writes hours and minutes the French way', () => {
    expect(formatMinutes(210)).toBe(held('3 h 30'));
    expect(formatMinutes(120)).toBe(held('2 h'));
    expect(formatMinutes(45)).toBe(held('45 min'));
    expect(formatMinutes(65)).toBe(held('1 h 05'));
    expect(formatMinutes(0)).toBe(held('0 min'));
    expect(formatMinutes(-135)).toBe(held('−2 h 15'));
    expect(formatMinutes(-600)).toBe(held('−10 h'));
  });
  it('and in English', () => {
    expect(formatMinutes(210, 'en')).toBe(held('3 h 30 min'));
    expect(formatMinutes(-45, 'en')).toBe(held('−45 min'));
  });
  it('never breaks between a number and its unit: "2 h 30" stays on one line', () => {
    // On a phone, "vous pouvez donner au plus 2⏎h 30" broke between the number and its "h".
    for (const text of [formatMinutes(150), formatMinutes(45), formatMinutes(-135), formatMinutes(150, 'en')])
      expect(text, text).not.toMatch(/[^\S\u202f]/);
    expect(formatMinutes(150)).toBe('2\u202fh\u202f30');
  });
});
