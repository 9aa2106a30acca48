import http from 'node:http';
import net from 'node:net';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

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
    const pathname = decodeURIComponent(url.split('?')[0]!);
    let file = path.join(root, pathname);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    const ext = path.extname(file);
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
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
