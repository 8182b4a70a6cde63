import { browser } from '$app/environment';
import type { TypedDocumentNode } from '@urql/core';
import type { Client } from 'graphql-ws';

/**
 * Live updates in the browser: GraphQL subscriptions over ONE WebSocket (`graphql-ws`, protocol
 * graphql-transport-ws) on the site's own /graphql, shared by every component and opened on the first
 * subscription. Pages stay complete without it: the server renders them, this only refreshes a few
 * figures and lists. A lost connection never shows an error; the client reconnects quietly and
 * subscribes again, and the server sends the current value again on each subscribe. Its scripts (graphql-ws, the
 * document printer) are loaded with the first subscription, after the page has started (issue #21).
 *
 * In a component: `$effect(() => subscribe(DOC, { id }, (data) => { … }))`, so leaving the page unsubscribes.
 */

interface Registration {
  document: TypedDocumentNode<unknown, Record<string, unknown>>;
  variables: Record<string, unknown>;
  onData: (data: unknown) => void;
  onReconnect?: () => void;
  /** The running subscription on the current client, if any. */
  running: { stop: () => void } | null;
}

const registrations = new Set<Registration>();
let client: Client | null = null;
/** Who the socket speaks for (the session cookie is read when it connects); undefined until the layout says. */
let viewer: string | null | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function socketUrl(): string {
  const url = new URL('/graphql', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

type Scripts = typeof import('./live-scripts');
let scripts: Promise<Scripts> | undefined;
/** graphql-ws and urql's printer, loaded once; tried again on the next subscription if the network failed. */
function loadScripts(): Promise<Scripts> {
  scripts ??= import('./live-scripts').catch((error: unknown) => {
    scripts = undefined;
    throw error;
  });
  return scripts;
}

function currentClient({ createClient }: Scripts): Client {
  client ??= createClient({
    url: socketUrl(),
    lazy: true,
    // Going from one page to another unsubscribes then subscribes: keep the socket open meanwhile.
    lazyCloseTimeout: 5_000,
    // A ping now and then, so a proxy does not close a quiet socket.
    keepAlive: 25_000,
    // Never give up: after a restart or a network cut, try again, 1 s, 2 s, 4 s… at most about 30 s apart.
    retryAttempts: Number.POSITIVE_INFINITY,
    // A browser reports a refused connection (server restarting, network down) with an "error" event before
    // the close: retry on those too, not only on close events (graphql-ws's default would give up for good).
    // The protocol's fatal close codes (bad request, 4500…) still stop it.
    shouldRetry: () => true,
    retryWait: (retries) => sleep(Math.min(30_000, 1_000 * 2 ** retries) * (0.5 + Math.random() / 2)),
    on: {
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) for (const registration of registrations) registration.onReconnect?.();
      },
    },
  });
  return client;
}

function start(registration: Registration): void {
  const running = { stop: () => {} };
  registration.running = running;
  const current = () => registration.running === running;
  loadScripts().then(
    (live) => {
      // Unsubscribed (the page left) while the scripts were loading: nothing to start.
      if (!current()) return;
      try {
        running.stop = currentClient(live).subscribe(
          { query: live.stringifyDocument(registration.document), variables: registration.variables },
          {
            next: (result) => {
              if (current() && result.data) registration.onData(result.data);
            },
            // Refused (e.g. signed out meanwhile) or broken for good: the page simply stays as it is.
            error: () => {
              if (current()) registration.running = null;
            },
            complete: () => {
              if (current()) registration.running = null;
            },
          },
        );
      } catch {
        // No WebSocket here (blocked, old browser): nothing live, the page is still whole.
        registration.running = null;
      }
    },
    // The scripts could not be loaded (offline): nothing live on this page, it is still whole.
    () => {
      if (current()) registration.running = null;
    },
  );
}

/**
 * Follows a subscription until the returned function is called. `onReconnect` runs after the socket
 * came back from a cut, for pages that may have missed something meanwhile (e.g. new answers).
 */
export function subscribe<Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onData: (data: Data) => void,
  options: { onReconnect?: () => void } = {},
): () => void {
  if (!browser || typeof WebSocket === 'undefined') return () => {};
  const registration: Registration = {
    document: document as TypedDocumentNode<unknown, Record<string, unknown>>,
    variables,
    onData: onData as (data: unknown) => void,
    onReconnect: options.onReconnect,
    running: null,
  };
  registrations.add(registration);
  start(registration);
  return () => {
    registrations.delete(registration);
    const running = registration.running;
    registration.running = null;
    running?.stop();
  };
}

/**
 * The root layout tells who is signed in. The socket carries the identity it connected with, so after
 * signing in or out (without a full reload) a new socket is opened and every subscription moves to it.
 */
export function setLiveViewer(id: string | null): void {
  if (!browser) return;
  const changed = viewer !== undefined && viewer !== id;
  viewer = id;
  if (!changed || !client) return;
  const previous = client;
  client = null;
  const moving = [...registrations];
  for (const registration of moving) {
    const running = registration.running;
    registration.running = null;
    running?.stop();
  }
  void previous.dispose();
  for (const registration of moving) start(registration);
}
