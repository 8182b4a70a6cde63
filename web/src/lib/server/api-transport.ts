import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * `fetch` for the pages' GraphQL requests, over Node's own http with connections kept open (the agent closes
 * them before the API's announced keep-alive timeout). A page waits for these before it renders, in the same
 * process, and Node's `fetch` (undici's WHATWG layers: streams, Headers, body mixins) costs twice the CPU of
 * `http.request`: 1.4–1.9 against 0.6–0.9 ms per home query in a client of its own; in the server, 0.4 ms less
 * per page for a visitor's home page, 1.2 ms for a member's (two requests) (docs/bench.md, "bench:ssr").
 * The answer is read whole (GraphQL answers are small JSON) and handed back as a standard `Response`. A body
 * that is not text (a file) goes through `fetch`.
 */
export const graphqlFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = init?.body;
  if (input instanceof Request || (body !== undefined && body !== null && typeof body !== 'string')) return fetch(input, init);
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return send(url, init, signal, body ?? undefined, secure(url) ? httpsAgent : httpAgent);
};

const secure = (url: URL) => url.protocol === 'https:';

/** One request on a kept-open connection of `agent` (or on one of its own when `agent` is false). */
function send(
  url: URL,
  init: RequestInit | undefined,
  signal: AbortSignal | undefined,
  body: string | undefined,
  agent: http.Agent | false,
) {
  return new Promise<Response>((resolve, reject) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    // As `fetch` would: an API on another host answers compressed (loopback is asked `identity` by the caller).
    headers['accept-encoding'] ??= 'br, gzip, deflate';
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    let answered = false;
    const request = (secure(url) ? https : http).request(
      url,
      { method: init?.method ?? 'GET', headers, agent, timeout: SILENCE_MS },
      (answer) => {
        answered = true;
        const chunks: Buffer[] = [];
        answer.on('error', fail);
        const decoded = inflated(answer, answer.headers['content-encoding']);
        decoded.on('data', (chunk: Buffer) => chunks.push(chunk));
        decoded.on('error', fail);
        decoded.on('end', () => {
          const status = answer.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (let i = 0; i < answer.rawHeaders.length; i += 2) {
            const name = answer.rawHeaders[i].toLowerCase();
            // The body is handed back decoded, whole: its encoding and length no longer describe it.
            if (name !== 'content-encoding' && name !== 'content-length') responseHeaders.append(name, answer.rawHeaders[i + 1]);
          }
          const withoutBody = status === 204 || status === 304;
          settled();
          resolve(
            new Response(withoutBody ? null : Buffer.concat(chunks), {
              status,
              statusText: answer.statusMessage,
              headers: responseHeaders,
            }),
          );
        });
      },
    );
    // urql aborts every request once it has its answer: only an abort before the end gives the request up.
    const giveUp = () => request.destroy(signal?.reason as Error);
    const settled = () => signal?.removeEventListener('abort', giveUp);
    const fail = (error: NodeJS.ErrnoException) => {
      settled();
      // A kept-open connection the API closed (its keep-alive timeout) just as this request went out on it: the
      // API never read the request, so it is sent again, once, on a connection of its own (Node's http docs,
      // `request.reusedSocket`). Anything else is the page's to show.
      const closedUnderIt = request.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      if (closedUnderIt && agent !== false && !signal?.aborted) return resolve(send(url, init, signal, body, false));
      if (!signal?.aborted) console.error(`The API did not answer ${url.href}: ${error.code ?? ''} ${error.message}`);
      reject(error);
    };
    signal?.addEventListener('abort', giveUp, { once: true });
    request.on('timeout', () => request.destroy(new Error(`the API sent nothing for ${SILENCE_MS / 1000} s`)));
    request.on('error', fail);
    request.end(body);
  });
}

/** As long as `fetch` waits for an answer's headers before it gives up (undici's `headersTimeout`). */
const SILENCE_MS = 300_000;
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** The answer's body as it was before the API compressed it (an API on another host may: loopback asks `identity`). */
function inflated(answer: http.IncomingMessage, encoding: string | undefined): Readable {
  if (encoding === 'br') return answer.pipe(createBrotliDecompress());
  if (encoding === 'gzip' || encoding === 'x-gzip') return answer.pipe(createGunzip());
  if (encoding === 'deflate') return answer.pipe(createInflate());
  return answer;
}
