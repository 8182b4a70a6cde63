import { describe, expect, it } from 'vitest';
import { formatMinutes } from './minutes.js';

describe('formatMinutes', () => {
  it('writes hours and minutes the French way', () => {
    expect(formatMinutes(210)).toBe('3 h 30');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(65)).toBe('1 h 05');
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(-135)).toBe('−2 h 15');
    expect(formatMinutes(-600)).toBe('−10 h');
  });
  it('and in English', () => {
    expect(formatMinutes(210, 'en')).toBe('3 h 30 min');
    expect(formatMinutes(-45, 'en')).toBe('−45 min');
  });
});
