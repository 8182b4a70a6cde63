import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, LABEL_CAP, routeOf, startMetricsServer } from '../../server/src/http/metrics.js';
import { startEmailWorker } from '../../server/src/modules/commun/notifications/email-worker.js';
import { STRONG_PASSWORD, startTestApp, uniqueEmail, type TestApp } from '../helpers/api.js';

const TOKEN = 'un-jeton-de-supervision-assez-long';

async function scrape(app: TestApp, authorization?: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

/** The value of one sample line, e.g. `maillage_graphql_requests_total{operation="Moi",code="OK"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The distinct values of one label across a metric's samples. */
function labelValues(text: string, metric: string, label: string): Set<string> {
  const values = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const match = new RegExp(`${label}="([^"]*)"`).exec(line);
    if (match) values.add(match[1]);
  }
  return values;
}

describe('/metrics on the main port, with METRICS_TOKEN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ config: { metricsToken: TOKEN } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stays hidden without a token and refuses a wrong one', async () => {
    expect((await scrape(app)).status).toBe(404);
    const wrong = await scrape(app, 'Bearer pas-le-bon-jeton');
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('maillage_');
  });

  it('counts and times each GraphQL operation by name, with its error code', async () => {
    const client = app.client();
    await client.request('query Moi { me { id } }');
    await client.request('query Moi { me { id } }');
    await client.request('query Casse { champInexistant }');
    const { status, text, type } = await scrape(app, `Bearer ${TOKEN}`);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'maillage_graphql_requests_total{operation="Moi",code="OK"}')).toBe(2);
    expect(sample(text, 'maillage_graphql_requests_total{operation="Casse",code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(sample(text, 'maillage_graphql_duration_seconds_bucket{le="+Inf",operation="Moi"}')).toBe(2);
    expect(sample(text, 'maillage_graphql_duration_seconds_count{operation="Moi"}')).toBe(2);
    // The process's own metrics are there too.
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('counts HTTP requests by a bounded route: ids and slugs folded, unknown paths as not-found', async () => {
    await fetch(`${app.url}/healthz`);
    await fetch(`${app.url}/n-existe-pas/4f1c2a7e-0000-4000-8000-000000000000`);
    const { text } = await scrape(app, `Bearer ${TOKEN}`);
    expect(sample(text, 'maillage_http_requests_total{route="/healthz",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'maillage_http_requests_total{route="/graphql",status="200"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'maillage_http_requests_total{route="not-found",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(routeOf('/agenda/evenements/4f1c2a7e-0000-4000-8000-000000000000/programme')).toBe('/agenda/evenements/:id/programme');
    expect(routeOf('/projets/jardin-partage')).toBe('/projets/:slug');
    expect(routeOf('/projets/nouveau')).toBe('/projets/nouveau');
    expect(routeOf('/activation/k3Yq9sP0aZ')).toBe('/activation/:id');
    expect(routeOf('/_app/immutable/chunks/abc.js')).toBe('/_app');
  });

  it('shows the database pool and the e-mails waiting in the outbox', async () => {
    const before = await scrape(app, `Bearer ${TOKEN}`);
    expect(sample(before.text, 'maillage_db_pool_used')).toBeGreaterThanOrEqual(0);
    expect(sample(before.text, 'maillage_db_pool_free')).toBeGreaterThanOrEqual(0);
    expect(sample(before.text, 'maillage_db_pool_pending_acquires')).toBe(0);
    const pendingBefore = sample(before.text, 'maillage_email_outbox_pending')!;
    expect(pendingBefore).toBeGreaterThanOrEqual(0);

    // Registering queues a confirmation e-mail (no SMTP here: it waits in the outbox).
    await app.client().data(`mutation Inscription($input: RegisterInput!) { register(input: $input) { message } }`, {
      input: { email: uniqueEmail('metriques'), password: STRONG_PASSWORD, displayName: 'Camille Métriques' },
    });
    const after = await scrape(app, `Bearer ${TOKEN}`);
    expect(sample(after.text, 'maillage_email_outbox_pending')).toBe(pendingBefore + 1);
    expect(sample(after.text, 'maillage_email_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(after.text, 'maillage_graphql_requests_total{operation="Inscription",code="OK"}')).toBe(1);
  });

  it('keeps operation names bounded under a flood of made-up ones', async () => {
    const client = app.client();
    for (let i = 0; i < LABEL_CAP + 40; i += 1)
      await client.request(`query Flood${i}x${Math.random().toString(36).slice(2, 8)} { me { id } }`);
    await client.request('query { me { id } }');
    const { text } = await scrape(app, `Bearer ${TOKEN}`);
    const operations = labelValues(text, 'maillage_graphql_requests_total', 'operation');
    expect(operations.size).toBeLessThanOrEqual(LABEL_CAP + 1);
    expect(operations.has('other')).toBe(true);
    // Names seen before the flood keep their own label.
    expect(sample(text, 'maillage_graphql_requests_total{operation="Moi",code="OK"}')).toBe(2);
  }, 60_000);
});

describe('/metrics without METRICS_TOKEN nor METRICS_PORT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 404, whatever the Authorization header', async () => {
    expect((await scrape(app)).status).toBe(404);
    expect((await scrape(app, 'Bearer ')).status).toBe(404);
    expect((await scrape(app, 'Bearer undefined')).status).toBe(404);
  });
});

describe('METRICS_PORT: the metrics on a port of their own', () => {
  it('serves /metrics on 127.0.0.1 and nothing else; the main port keeps /metrics hidden even with the token', async () => {
    const app = await startTestApp({ config: { metricsPort: 1, metricsToken: TOKEN } });
    const metrics = createMetrics();
    // The e-mail worker's first run (digests, then the outbox; the SMTP server is unreachable, so sends fail and wait).
    const worker = startEmailWorker(app.orm, { ...app.config, smtpUrl: 'smtp://127.0.0.1:9' }, metrics.jobRun);
    const server = await startMetricsServer(metrics, 0);
    try {
      const address = server.address() as AddressInfo;
      expect(address.address).toBe('127.0.0.1');
      const base = `http://127.0.0.1:${address.port}`;
      let text = '';
      for (
        let tries = 0;
        tries < 100 && sample(text, 'maillage_job_runs_total{job="email-drain",outcome="ok"}') === undefined;
        tries += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        text = await (await fetch(`${base}/metrics`)).text();
      }
      expect(sample(text, 'maillage_job_runs_total{job="email-drain",outcome="ok"}')).toBe(1);
      expect(sample(text, 'maillage_job_runs_total{job="weekly-digest",outcome="ok"}')).toBe(1);
      expect(text).toContain('process_cpu_seconds_total');
      expect((await fetch(`${base}/graphql`)).status).toBe(404);
      expect((await scrape(app, `Bearer ${TOKEN}`)).status).toBe(404);
    } finally {
      await worker.stop(5_000);
      server.close();
      await app.close();
    }
  });
});
