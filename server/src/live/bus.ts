/**
 * The live bus: how "something changed" travels from the process that committed a change to every
 * app process, whose WebSocket subscribers then re-read what they may see (docs/architecture.md,
 * "Live updates"). A message is a topic and at most one id, never personal data: each subscriber
 * computes its own value from the database, with its own visibility rules.
 *
 * Two transports: PostgreSQL LISTEN/NOTIFY (default: works across every process on one database),
 * or Redis pub/sub when REDIS_URL is set. Without a started transport (scripts, seeds, the CLI),
 * publishing does nothing.
 */
export interface LiveMessage {
  /** e.g. `notifications:<userId>`, `answers:<questionId>`, `seats:<eventId>`, `timebank:<userId>`. */
  topic: string;
  /** The thing that is new (a notification, an answer), when the subscriber needs to know which. */
  id?: string;
}

/**
 * Called for each message of a topic, or with `null` when the transport was cut and is back:
 * messages may have been missed, so subscribers that show a current value send it again.
 */
export type LiveListener = (message: LiveMessage | null) => void;

export interface LiveTransport {
  readonly kind: 'postgres' | 'redis';
  /** The NOTIFY channel or the Redis channel (LIVE_CHANNEL). */
  readonly channel: string;
  /** Sends a message to every process (Redis only: PostgreSQL sends with `pg_notify` in the transaction). */
  send(message: LiveMessage): Promise<void>;
  close(): Promise<void>;
}

/** Longest payload accepted from the transport (PostgreSQL's NOTIFY limit is 8,000 bytes; ours are tiny). */
const MAX_PAYLOAD = 1000;

const listeners = new Map<string, Set<LiveListener>>();
let transport: LiveTransport | null = null;

export function currentTransport(): LiveTransport | null {
  return transport;
}

export function useTransport(next: LiveTransport | null): void {
  transport = next;
}

/** Listens to one topic in this process; returns the function that stops listening. */
export function listen(topic: string, listener: LiveListener): () => void {
  let set = listeners.get(topic);
  if (!set) listeners.set(topic, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(topic) === set) listeners.delete(topic);
  };
}

/** A message received from the transport, handed to this process's listeners of its topic. */
export function deliver(raw: string): void {
  const message = parseMessage(raw);
  if (!message) return;
  for (const listener of [...(listeners.get(message.topic) ?? [])]) listener(message);
}

/** The transport was cut and is back: every listener re-reads its current value. */
export function deliverResync(): void {
  for (const set of [...listeners.values()]) for (const listener of [...set]) listener(null);
}

export function encodeMessage(message: LiveMessage): string {
  return JSON.stringify(message.id ? { topic: message.topic, id: message.id } : { topic: message.topic });
}

function parseMessage(raw: string): LiveMessage | null {
  if (raw.length > MAX_PAYLOAD) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== 'object') return null;
    const { topic, id } = value as Record<string, unknown>;
    if (typeof topic !== 'string') return null;
    return typeof id === 'string' ? { topic, id } : { topic };
  } catch {
    return null;
  }
}

/** How many topics this process listens to (for tests and metrics). */
export function listenedTopics(): number {
  return listeners.size;
}
