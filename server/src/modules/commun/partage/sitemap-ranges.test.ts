import { describe, expect, it } from 'vitest';
import { partRange } from './sitemap.js';

describe('sitemap parts as ranges of the key space', () => {
  it('covers every uuid once: each range starts where the previous one ends, the first from the start, the last to the end', () => {
    for (const parts of [1, 2, 4, 32, 1024]) {
      const ranges = Array.from({ length: parts }, (_, i) => partRange(i + 1, parts));
      expect(ranges[0].from).toBeNull();
      expect(ranges[parts - 1].until).toBeNull();
      for (let i = 1; i < parts; i++) {
        expect(ranges[i].from).toBe(ranges[i - 1].until);
        if (i > 1) expect(ranges[i].from! > ranges[i - 1].from!).toBe(true);
      }
    }
  });

  it('cuts four parts at the quarters of the first 32 bits', () => {
    expect([1, 2, 3, 4].map((n) => partRange(n, 4))).toEqual([
      { from: null, after: null, until: '40000000-0000-0000-0000-000000000000' },
      { from: '40000000-0000-0000-0000-000000000000', after: null, until: '80000000-0000-0000-0000-000000000000' },
      { from: '80000000-0000-0000-0000-000000000000', after: null, until: 'c0000000-0000-0000-0000-000000000000' },
      { from: 'c0000000-0000-0000-0000-000000000000', after: null, until: null },
    ]);
  });
});
