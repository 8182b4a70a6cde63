import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** A statement for plain `pg`: what a `sql` statement's `toPg()` gives (`$1, $2…` and the values). */
export interface FloorStatement {
  text: string;
  values: unknown[];
}

/**
 * The floor of a benchmark: the same SQL statements through plain `pg` behind `node:http`, rows serialized as they
 * come. A POST `{ "operation": name }` runs the statement of that name.
 */
export async function startFloor(
  databaseUrl: string,
  statements: Map<string, FloorStatement>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const { operation } = JSON.parse(Buffer.concat(chunks).toString()) as { operation: string };
      const { rows } = await pool.query(statements.get(operation)!);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: rows }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
