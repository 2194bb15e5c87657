import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** A running static server: its address and how to stop it. */
export interface ServedFolder {
  url: string;
  close: () => Promise<void>;
}

/** Serves a built report folder over HTTP (GET only, nothing outside the folder); port 0 takes a free one. */
export function serveFolder(dir: string, options: { port?: number; host?: string } = {}): Promise<ServedFolder> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) return Promise.reject(new Error(`${root} has no index.html: not a built report`));
  const server = http.createServer((request, response) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      // A rebuilt report shows at once: nothing is cached.
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'only GET\n');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'bad path\n');
    }
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return send(403, 'outside the report\n');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, `not found: ${pathname}\n`);
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} on ${host} is in use: choose another port`) : error),
    );
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}/`,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
  });
}
