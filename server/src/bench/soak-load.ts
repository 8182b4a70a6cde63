import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The soak's load (`npm run bench:soak`, soak.ts), in a worker thread of the benchmark process: never
 * on the event loop of the server it measures, nor on the one that samples its memory.
 * Signed-in members loop over a mix of pages, GraphQL lists and writes; some sockets stay open with
 * the live-update subscriptions. Every `sample` message is answered with the figures since the last one.
 */

export interface SoakMember {
  id: string;
  cookie: string;
  /** Open events this member is not registered to (the demo network registers some members already). */
  eventIds: string[];
}

export interface SoakLoadOptions {
  baseUrl: string;
  members: SoakMember[];
  questionIds: string[];
  eventIds: string[];
  /** Concurrent loops (each a signed-in member). */
  concurrency: number;
  /** Pause after each operation of a loop. */
  thinkMs: number;
  /** Sockets with the subscriptions: one per member (its notifications, a question, an event) plus this many visitors. */
  visitorSockets: number;
  subscriptions: boolean;
}

export type Kind = 'page' | 'list' | 'write';
export const KINDS: Kind[] = ['page', 'list', 'write'];

export interface KindSample {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadSample {
  kinds: Record<Kind, KindSample>;
  /** Every latency of the window, for the whole-run percentiles. */
  latencies: Record<Kind, number[]>;
  subscriptionEvents: number;
  subscriptionErrors: number;
  openSockets: number;
  /** A few error messages of the window, to say what failed. */
  errorExamples: string[];
}

/** The value under which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

const ANSWER_PACE_MS = 70_000; // members may post 60 times an hour (moderation/posting-limits.ts): one answer a loop every 70 s

const QUERIES = {
  questions: `query { questions(first: 20) { totalCount edges { node { id title answerCount } } } }`,
  events: `query { events(first: 20) { totalCount edges { node { id title startsAt remainingSeats confirmedCount } } } }`,
  organizations: `query { organizations(first: 20) { totalCount edges { node { id name commune } } } }`,
  notifications: `query { notifications(first: 20) { totalCount edges { node { id message readAt } } } }`,
  question: `query ($id: ID!) { question(id: $id) { id title answers { id bodyHtml author { displayName } } } }`,
};
const MUTATIONS = {
  answer: `mutation ($input: AnswerQuestionInput!) { answerQuestion(input: $input) { id } }`,
  register: `mutation ($eventId: ID!) { registerToEvent(input: { eventId: $eventId }) { status } }`,
  cancel: `mutation ($eventId: ID!) { cancelRegistration(input: { eventId: $eventId }) { status } }`,
  transfer: `mutation ($input: TransferTimeInput!) { transferTime(input: $input) { minutes } }`,
  markRead: `mutation { markNotificationsRead(input: {}) }`,
};
const SUBSCRIPTIONS = {
  notifications: `subscription { myNotifications { unreadCount latest { id message } } }`,
  answers: `subscription ($questionId: ID!) { answerAdded(questionId: $questionId) { id bodyHtml author { displayName } } }`,
  seats: `subscription ($eventId: ID!) { eventSeats(eventId: $eventId) { eventId remainingSeats confirmedCount waitlistCount } }`,
  balance: `subscription { myTimebankBalance { balanceMinutes availableMinutes } }`,
};

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Window {
  latencies: Record<Kind, number[]> = { page: [], list: [], write: [] };
  errors: Record<Kind, number> = { page: 0, list: 0, write: 0 };
  subscriptionEvents = 0;
  subscriptionErrors = 0;
  errorExamples: string[] = [];

  failed(kind: Kind, what: string): void {
    this.errors[kind] += 1;
    if (this.errorExamples.length < 5) this.errorExamples.push(`${kind}: ${what.slice(0, 300)}`);
  }
}

function runLoad(options: SoakLoadOptions) {
  let window = new Window();
  let stopping = false;
  const target = new URL(options.baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('the soak only targets this machine');

  async function timed(kind: Kind, what: string, send: () => Promise<Response>): Promise<unknown> {
    const started = performance.now();
    try {
      const response = await send();
      const text = await response.text();
      window.latencies[kind].push(performance.now() - started);
      if (response.status >= 400) {
        window.failed(kind, `${what}: HTTP ${response.status} ${text.slice(0, 200)}`);
        return undefined;
      }
      if (kind === 'page') return text;
      const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      if (body.errors?.length) {
        window.failed(kind, `${what}: ${body.errors[0].extensions?.code ?? ''} ${body.errors[0].message}`);
        return undefined;
      }
      return body.data;
    } catch (error) {
      window.latencies[kind].push(performance.now() - started);
      window.failed(kind, `${what}: ${String((error as Error).cause ?? error)}`);
      return undefined;
    }
  }

  const page = (member: SoakMember, path: string) =>
    timed('page', `GET ${path}`, () => fetch(new URL(path, options.baseUrl), { headers: { cookie: member.cookie }, redirect: 'manual' }));
  const graphql = (kind: Kind, what: string, member: SoakMember, query: string, variables: Record<string, unknown> = {}) =>
    timed(kind, what, () =>
      fetch(new URL('/graphql', options.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: member.cookie },
        body: JSON.stringify({ query, variables }),
      }),
    );

  async function loop(index: number): Promise<void> {
    const member = options.members[index % options.members.length];
    const partner = options.members[(index + 1) % options.members.length];
    let registeredTo: string | undefined;
    let owed = false; // the partner sends back the minute this loop sent, so balances stay level
    let nextAnswerAt = Date.now() + Math.random() * ANSWER_PACE_MS;
    const pages = ['/', '/reseau', '/entraide', '/agenda', '/banque-de-temps'];
    while (!stopping) {
      const roll = Math.random();
      if (roll < 0.4) {
        const which = Math.random();
        const path =
          which < 0.6
            ? pick(pages)
            : which < 0.8
              ? `/entraide/questions/${pick(options.questionIds)}`
              : `/agenda/evenements/${pick(options.eventIds)}`;
        await page(member, path);
      } else if (roll < 0.75) {
        const name = pick(Object.keys(QUERIES) as Array<keyof typeof QUERIES>);
        await graphql('list', name, member, QUERIES[name], name === 'question' ? { id: pick(options.questionIds) } : {});
      } else {
        const which = Math.random();
        if (Date.now() >= nextAnswerAt) {
          nextAnswerAt = Date.now() + ANSWER_PACE_MS;
          await graphql('write', 'answerQuestion', member, MUTATIONS.answer, {
            input: {
              questionId: pick(options.questionIds),
              body: `Réponse d’endurance : essayez **les paramètres d’accessibilité** (${randomUUID().slice(0, 8)}).`,
            },
          });
        } else if (which < 0.45) {
          if (registeredTo) {
            await graphql('write', 'cancelRegistration', member, MUTATIONS.cancel, { eventId: registeredTo });
            registeredTo = undefined;
          } else {
            const eventId = pick(member.eventIds.length > 0 ? member.eventIds : options.eventIds);
            if (await graphql('write', 'registerToEvent', member, MUTATIONS.register, { eventId })) registeredTo = eventId;
          }
        } else if (which < 0.75) {
          const [from, to] = owed ? [partner, member] : [member, partner];
          const sent = await graphql('write', 'transferTime', from, MUTATIONS.transfer, {
            input: { toUserId: to.id, minutes: 1, memo: 'Test d’endurance', idempotencyKey: randomUUID() },
          });
          if (sent) owed = !owed;
        } else {
          await graphql('write', 'markNotificationsRead', member, MUTATIONS.markRead);
        }
      }
      if (options.thinkMs > 0) await sleep(options.thinkMs * (0.5 + Math.random()));
    }
    if (registeredTo) await graphql('write', 'cancelRegistration', member, MUTATIONS.cancel, { eventId: registeredTo });
  }

  // Live updates: one socket per member (its notifications, a question, an event, its time account), and visitors' sockets.
  const clients: Client[] = [];
  let openSockets = 0;
  function socket(cookie: string | undefined, subscriptions: Array<{ query: string; variables?: Record<string, unknown> }>) {
    const headers: Record<string, string> = { origin: target.origin };
    if (cookie) headers.cookie = cookie;
    const client = createClient({
      url: `${target.origin.replace(/^http/, 'ws')}/graphql`,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => !stopping,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      on: {
        connected: () => (openSockets += 1),
        closed: () => {
          if (openSockets > 0) openSockets -= 1;
        },
      },
    });
    for (const subscription of subscriptions) {
      client.subscribe(subscription, {
        next: (result) => {
          if (result.errors?.length) {
            window.subscriptionErrors += 1;
            if (window.errorExamples.length < 5) window.errorExamples.push(`subscription: ${result.errors[0].message}`);
          } else window.subscriptionEvents += 1;
        },
        error: (error: unknown) => {
          window.subscriptionErrors += 1;
          if (window.errorExamples.length < 5) window.errorExamples.push(`subscription: ${JSON.stringify(error).slice(0, 200)}`);
        },
        complete: () => undefined,
      });
    }
    clients.push(client);
  }
  if (options.subscriptions) {
    options.members.forEach((member, i) =>
      socket(member.cookie, [
        { query: SUBSCRIPTIONS.notifications },
        { query: SUBSCRIPTIONS.answers, variables: { questionId: options.questionIds[i % options.questionIds.length] } },
        { query: SUBSCRIPTIONS.seats, variables: { eventId: options.eventIds[i % options.eventIds.length] } },
        { query: SUBSCRIPTIONS.balance },
      ]),
    );
    for (let i = 0; i < options.visitorSockets; i++) {
      socket(undefined, [
        { query: SUBSCRIPTIONS.answers, variables: { questionId: pick(options.questionIds) } },
        { query: SUBSCRIPTIONS.seats, variables: { eventId: pick(options.eventIds) } },
      ]);
    }
  }

  const loops = Array.from({ length: options.concurrency }, (_, i) => loop(i));

  return {
    sample(): LoadSample {
      const current = window;
      window = new Window();
      const kinds = {} as Record<Kind, KindSample>;
      for (const kind of KINDS) {
        const sorted = [...current.latencies[kind]].sort((a, b) => a - b);
        kinds[kind] = {
          requests: sorted.length,
          errors: current.errors[kind],
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
        };
      }
      return {
        kinds,
        latencies: current.latencies,
        subscriptionEvents: current.subscriptionEvents,
        subscriptionErrors: current.subscriptionErrors,
        openSockets,
        errorExamples: current.errorExamples,
      };
    },
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all(loops);
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

if (parentPort && workerData) {
  const port = parentPort;
  const load = runLoad(workerData as SoakLoadOptions);
  port.on('message', (message: 'sample' | 'stop') => {
    if (message === 'sample') port.postMessage({ type: 'sample', sample: load.sample() });
    else
      void load.stop().then(() => {
        port.postMessage({ type: 'stopped', sample: load.sample() });
      });
  });
}
