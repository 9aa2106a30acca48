import http from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface RecordedEnvelope {
  raw: string;
  items: { header: Record<string, unknown>; payload: Record<string, unknown> }[];
  /** Every item with its payload as bytes, split by the `length` headers (replay recordings are binary). */
  binaryItems: { header: Record<string, unknown>; payload: Buffer }[];
}

/** Splits an envelope into items the way Sentry's ingestion does: an item header, then `length` bytes or one line. */
function splitEnvelope(body: Buffer): RecordedEnvelope['binaryItems'] {
  const items: RecordedEnvelope['binaryItems'] = [];
  let at = body.indexOf(0x0a) + 1;
  while (at > 0 && at < body.length) {
    const headerEnd = body.indexOf(0x0a, at);
    if (headerEnd < 0) break;
    const line = body.subarray(at, headerEnd).toString('utf8').trim();
    if (!line) {
      at = headerEnd + 1;
      continue;
    }
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(line) as Record<string, unknown>;
    } catch {
      break;
    }
    const start = headerEnd + 1;
    const end = typeof header.length === 'number' ? start + header.length : (body.indexOf(0x0a, start) + 1 || body.length + 1) - 1;
    items.push({ header, payload: body.subarray(start, end) });
    at = end + 1;
  }
  return items;
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
      if (/\/api\/\d+\/envelope\/?/.test(req.url ?? '')) envelopes.push({ raw, items, binaryItems: splitEnvelope(body) });
      // Like sentry.io, answer browsers on other origins (the portal's SDK posts with fetch).
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    events: () => envelopes.flatMap((e) => e.items.filter((i) => i.header.type === 'event').map((i) => ({ ...i, raw: e.raw }))),
    /** Session Replay segments: the replay_event and its recording (rrweb events as JSON text, decompressed). */
    replays: () =>
      envelopes.flatMap((e) => {
        const event = e.binaryItems.find((i) => i.header.type === 'replay_event');
        const recording = e.binaryItems.find((i) => i.header.type === 'replay_recording');
        if (!event || !recording) return [];
        const newline = recording.payload.indexOf(0x0a);
        const data = recording.payload.subarray(newline + 1);
        let text: string;
        try {
          text = inflateSync(data).toString('utf8');
        } catch {
          text = data.toString('utf8');
        }
        return [{ event: JSON.parse(event.payload.toString('utf8')) as Record<string, unknown>, recording: text, raw: e.raw }];
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
