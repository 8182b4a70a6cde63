import { isDatabaseUnavailable } from '../db/outage.js';
import { logger } from '../logger.js';
import { listen, type LiveMessage } from './bus.js';

/** Messages waiting to be read for one subscriber; past this, the oldest are dropped (a value topic only needs its last one). */
const MAX_WAITING = 100;

export interface LiveStreamOptions<T> {
  topic: string;
  /** Send the current value at once on subscribe (`read(null)`). */
  initial: boolean;
  /**
   * The value to send for a message, read from the database with the subscriber's own rights, or
   * `undefined` to send nothing (e.g. an answer they may not see). `null` asks for the current value.
   */
  read: (message: LiveMessage | null) => Promise<T | undefined>;
}

/**
 * The async iterator behind a subscription: listens to `topic` in this process and, for each
 * message, sends what `read` makes of it, one at a time and in order. Ending it (the client
 * completes, the socket closes) stops listening at once, even while it waits.
 */
export function liveStream<T>({ topic, initial, read }: LiveStreamOptions<T>): AsyncIterableIterator<T> {
  const waiting: Array<LiveMessage | null> = [];
  const ready: T[] = [];
  let consumer: ((result: IteratorResult<T>) => void) | null = null;
  let reading = false;
  let done = false;

  const hand = (value: T) => {
    if (done) return;
    if (consumer) {
      const take = consumer;
      consumer = null;
      take({ value, done: false });
    } else {
      ready.push(value);
      if (ready.length > MAX_WAITING) ready.shift();
    }
  };

  const pump = async () => {
    if (reading) return;
    reading = true;
    try {
      while (!done && waiting.length > 0) {
        const message = waiting.shift()!;
        try {
          const value = await read(message);
          if (value !== undefined) hand(value);
        } catch (error) {
          // A failed read skips this update; the next message sends the current value anyway.
          if (!isDatabaseUnavailable(error)) logger.error({ err: error, topic }, 'live update could not be read');
        }
      }
    } finally {
      reading = false;
    }
  };

  const push = (message: LiveMessage | null) => {
    if (done) return;
    // The same message twice in the queue would send the same value twice: keep one.
    if (!waiting.some((queued) => sameMessage(queued, message))) waiting.push(message);
    if (waiting.length > MAX_WAITING) waiting.shift();
    void pump();
  };

  const stop = listen(topic, push);
  if (initial) push(null);

  const finish = (): IteratorResult<T> => {
    if (!done) {
      done = true;
      stop();
      waiting.length = 0;
      ready.length = 0;
      consumer?.({ value: undefined, done: true });
      consumer = null;
    }
    return { value: undefined, done: true };
  };

  return {
    next() {
      if (ready.length > 0) return Promise.resolve({ value: ready.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        consumer = resolve;
      });
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function sameMessage(a: LiveMessage | null, b: LiveMessage | null): boolean {
  if (a === null || b === null) return a === b;
  return a.topic === b.topic && a.id === b.id;
}
