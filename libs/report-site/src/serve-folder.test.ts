import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rejects } from '@dmlnet/files/testing';
import { serveFolder } from './serve-folder';

let dir: string;

test.before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dmlnet-serve-'));
  fs.mkdirSync(path.join(dir, 'report'));
  fs.writeFileSync(path.join(dir, 'report', 'index.html'), '<!doctype html><p>report</p>');
  fs.writeFileSync(path.join(dir, 'report', 'data.js'), 'window.x = 1;');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not part of the report');
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A raw GET, so a path with '..' reaches the server as it is written. */
function get(url: string, pathname: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(url), { path: pathname }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    });
    request.on('error', reject);
    request.end();
  });
}

test('serves the report folder on a free localhost port, and nothing outside it', async () => {
  const served = await serveFolder(path.join(dir, 'report'));
  try {
    assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(await get(served.url, '/'), { status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><p>report</p>' });
    assert.is((await get(served.url, '/data.js')).type, 'text/javascript; charset=utf-8');
    assert.is((await get(served.url, '/nothing.js')).status, 404);
    // An encoded slash survives URL parsing and decodes to a path that climbs out.
    assert.is((await get(served.url, '/..%2fsecret.txt')).status, 403);
    assert.is((await get(served.url, '/../secret.txt')).status, 404, 'the URL parser drops a plain ..: still inside the folder');
  } finally {
    await served.close();
  }
});

test('a folder without a built report, or a port in use, is a clear error', async () => {
  assert.match((await rejects(() => serveFolder(dir))).message, `${dir} has no index.html: not a built report`);
  const first = await serveFolder(path.join(dir, 'report'));
  const port = Number(new URL(first.url).port);
  try {
    assert.match((await rejects(() => serveFolder(path.join(dir, 'report'), { port }))).message, `port ${port} on 127.0.0.1 is in use`);
  } finally {
    await first.close();
  }
});

test.run();
