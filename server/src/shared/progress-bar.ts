/**
 * A progress bar for the command line, on stderr (stdout keeps the report, for a pipe or a file):
 * one line redrawn in place in a terminal, or a plain line every few seconds when stderr is a file or a pipe.
 */
export interface ProgressBar {
  update(done: number, total: number, detail: string): void;
  /** Ends the bar's line. */
  stop(): void;
}

const WIDTH = 30;
const PLAIN_EVERY_MS = 2000;

export function progressBar(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): ProgressBar {
  let lastPlain = -Infinity;
  let drawn = false;
  return {
    update(done, total, detail) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const percent = `${Math.floor(ratio * 100)}`.padStart(3);
      if (stream.isTTY) {
        const filled = Math.round(ratio * WIDTH);
        const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent} % ${detail}`;
        // Cut to the terminal's width: a wrapped line could not be redrawn in place.
        stream.write(`\r${line.slice(0, (stream.columns || 80) - 1)}\u001b[K`);
        drawn = true;
      } else if (now() - lastPlain >= PLAIN_EVERY_MS || done >= total) {
        stream.write(`${percent.trim()} % ${detail}\n`);
        lastPlain = now();
      }
    },
    stop() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
