import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.js';

/** A stand-in for process.stderr that keeps what is written. */
function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 100, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('the command line progress bar', () => {
  it('redraws one line in a terminal, then ends it', () => {
    const { stream, written } = fakeStream(true);
    const bar = progressBar(stream);
    bar.update(500, 2000, '500 lignes lues');
    bar.update(2000, 2000, '2000 lignes lues');
    bar.stop();
    expect(written[0]).toMatch(/^\r\[#{8}-{22}\] {2}25 % 500 lignes lues/);
    expect(written[1]).toMatch(/^\r\[#{30}\] 100 % 2000 lignes lues/);
    expect(written.at(-1)).toBe('\n');
  });

  it('writes a plain line now and then when stderr is not a terminal, and always the last one', () => {
    const { stream, written } = fakeStream(false);
    let now = 0;
    const bar = progressBar(stream, () => now);
    bar.update(500, 2000, 'a');
    now = 500;
    bar.update(1000, 2000, 'b');
    now = 3000;
    bar.update(1500, 2000, 'c');
    now = 3100;
    bar.update(2000, 2000, 'd');
    bar.stop();
    expect(written).toEqual(['25 % a\n', '75 % c\n', '100 % d\n']);
  });
});
