// The server for the preload page (tests/e2e/preload.test.mjs and
// perf/preload.mjs): www/server.mjs's handler with the repository as www/
// (so /pkg/ is the built package and the page is
// /tests/e2e/preload-page/), plus
//
//   - a count of the requests for the .wasm (every GET, a revalidation too);
//   - /tests/e2e/preload-page/variant-<name>.html: index.html with its
//     preload line replaced by VARIANTS[name] (or removed: 'none');
//   - with { gzip: true }, the .js and .wasm files gzip-compressed (level 9)
//     for a client that accepts it (www/server.mjs sends them as they are).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants as zlib } from 'node:zlib';
import { createHandler, mimeType, resolveInside, CSP } from '../../../www/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const WASM_PATH = '/pkg/shouhoubao_bg.wasm';

/** The preload line of index.html, as the README gives it. */
export const PRELOAD_LINE = fs
  .readFileSync(path.join(HERE, 'index.html'), 'utf8')
  .match(/<link rel="preload"[^>]*>/)[0];

/** Lines tried in the preload line's place (tests/e2e/preload.test.mjs). */
export const VARIANTS = {
  // The README's line.
  preload: PRELOAD_LINE,
  // No preload at all: the .wasm is fetched when init() runs.
  none: '',
  // Without crossorigin: a no-cors preload, which the glue's CORS fetch cannot use.
  'no-crossorigin': `<link rel="preload" href="${WASM_PATH}" as="fetch" type="application/wasm">`,
  // With credentials: the glue's fetch is same-origin credentials, so not reused either.
  'use-credentials': `<link rel="preload" href="${WASM_PATH}" as="fetch" type="application/wasm" crossorigin="use-credentials">`,
};

export const PAGE_PATH = '/tests/e2e/preload-page/';

/** Starts the server on 127.0.0.1 (a free port). */
export function startPreloadServer({ gzip = false } = {}) {
  const html = fs.readFileSync(path.join(HERE, 'index.html'), 'utf8');
  const handle = createHandler({ wwwDir: ROOT });
  const gzipped = new Map();
  let wasmRequests = 0;
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === WASM_PATH) wasmRequests++;
    const variant = pathname.match(/^\/tests\/e2e\/preload-page\/variant-([\w-]+)\.html$/);
    if (variant && Object.hasOwn(VARIANTS, variant[1])) {
      const body = html.replace(PRELOAD_LINE, VARIANTS[variant[1]]);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-cache',
      });
      return res.end(body);
    }
    if (gzip && /\.(js|wasm)$/.test(pathname) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const file = pathname.startsWith('/pkg/')
        ? resolveInside(path.join(ROOT, 'pkg'), pathname.slice(5))
        : resolveInside(ROOT, pathname.slice(1));
      if (file && fs.existsSync(file)) {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(fs.readFileSync(file), { level: zlib.Z_BEST_COMPRESSION }));
        const body = gzipped.get(file);
        res.writeHead(200, {
          'Content-Type': mimeType(file),
          'Content-Encoding': 'gzip',
          'Content-Length': body.length,
          'Content-Security-Policy': CSP,
          'Cache-Control': 'no-cache',
          Vary: 'Accept-Encoding',
        });
        return res.end(body);
      }
    }
    return handle(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({
        url,
        wasmUrl: url + WASM_PATH,
        /** The page's URL: index.html itself, or one of VARIANTS. */
        pageUrl: (variant) => (variant === undefined ? url + PAGE_PATH : `${url}${PAGE_PATH}variant-${variant}.html`),
        wasmRequests: () => wasmRequests,
        resetCount: () => {
          wasmRequests = 0;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}
