import http from 'node:http';
import net from 'node:net';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.map']);

/**
 * Compressed copies of the hashed, immutable assets, made once per file and kept in memory (the app is a few MB at
 * most). Brotli where the browser takes it, gzip otherwise, identity for the rest.
 */
const compressedCache = new Map<string, { br: Buffer; gzip: Buffer; mtimeMs: number }>();
function compressed(file: string): { br: Buffer; gzip: Buffer } {
  const mtimeMs = statSync(file).mtimeMs;
  const hit = compressedCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  const raw = readFileSync(file);
  const entry = { br: brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }), gzip: gzipSync(raw, { level: 9 }), mtimeMs };
  compressedCache.set(file, entry);
  return entry;
}

/** The best encoding the request accepts of br and gzip (q=0 refuses one), or null. */
function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * Serves a built single-page app and forwards /api and /ws to the API, so the browser talks to one origin
 * (the same job nginx does in docker-compose).
 */
export function serveSite(opts: { name: string; distDir: string; port: number; apiPort: number; host?: string }): Promise<http.Server> {
  const root = path.resolve(opts.distDir);
  const isApi = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/ws/') || url === '/healthz';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (isApi(url)) {
      const upstream = http.request(
        { host: '127.0.0.1', port: opts.apiPort, path: url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ title: 'Bad Gateway', status: 502, detail: 'The Argus API is not answering.' }));
      });
      req.pipe(upstream);
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.split('?')[0]!);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The address is not valid (bad percent-encoding).');
      return;
    }
    let file = path.join(root, pathname);
    // A missing hashed asset (a chunk of an older build) is a 404, never the page: a lazy import must fail loudly.
    if (pathname.startsWith('/assets/') && (!file.startsWith(root + path.sep) || !existsSync(file))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
      res.end('Not found');
      return;
    }
    if (!file.startsWith(root + path.sep) || pathname.includes('\0') || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    const ext = path.extname(file);
    const headers: http.OutgoingHttpHeaders = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      // Hashed assets never change under their name; the page itself is always revalidated.
      'cache-control': pathname.startsWith('/assets/') && file !== path.join(root, 'index.html') ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
    };
    const encoding = COMPRESSIBLE.has(ext) ? acceptedEncoding(req.headers['accept-encoding']) : null;
    if (encoding) {
      const body = compressed(file)[encoding];
      res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  // WebSocket upgrades go straight through as a byte pipe.
  server.on('upgrade', (req, socket, head) => {
    const upstream = net.connect(opts.apiPort, '127.0.0.1', () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.port} (${opts.name}) is already in use`) : err),
    );
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve(server));
  });
}
