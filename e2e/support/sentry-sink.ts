import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface RecordedEnvelope {
  raw: string;
  items: { header: Record<string, unknown>; payload: Record<string, unknown> }[];
}

/**
 * A loopback server that speaks Sentry's envelope ingestion protocol (POST /api/<project>/envelope/),
 * so the real @sentry/node SDK sends to it exactly as it would to sentry.io.
 */
export async function startSentrySink() {
  const envelopes: RecordedEnvelope[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const raw = body.toString('utf8');
      const lines = raw.split('\n').filter(Boolean);
      const items: RecordedEnvelope['items'] = [];
      for (let i = 1; i + 1 < lines.length; i += 2) {
        try {
          items.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
        } catch {
          // attachments are not JSON
        }
      }
      if (/\/api\/\d+\/envelope\/?/.test(req.url ?? '')) envelopes.push({ raw, items });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    events: () => envelopes.flatMap((e) => e.items.filter((i) => i.header.type === 'event').map((i) => ({ ...i, raw: e.raw }))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
