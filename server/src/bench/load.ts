import { Worker } from 'node:worker_threads';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
}

/**
 * Sends the same POST again and again with `connections` concurrent keep-alive connections for `seconds`,
 * from a worker thread so the load does not share the event loop of the servers it measures.
 * Only addresses on this machine are targeted (the servers the benchmark starts itself).
 */
export function runLoad(options: { url: string; body: string; connections: number; seconds: number }): Promise<LoadResult> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { url, body, connections, seconds } = workerData;
    const target = new URL(url);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('the benchmark only targets this machine');
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const deadline = Date.now() + seconds * 1000;
    let requests = 0, errors = 0;
    function one() {
      return new Promise((resolve) => {
        const req = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || text.includes('"errors"')) errors++; else requests++;
            resolve();
          });
        });
        req.on('error', () => { errors++; resolve(); });
        req.end(body);
      });
    }
    async function loop() { while (Date.now() < deadline) await one(); }
    const started = Date.now();
    Promise.all(Array.from({ length: connections }, loop)).then(() => {
      agent.destroy();
      const elapsed = (Date.now() - started) / 1000;
      parentPort.postMessage({ requests, errors, seconds: elapsed, perSecond: requests / elapsed });
    });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}
