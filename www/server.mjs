#!/usr/bin/env node
// The demo's static server: www/ at /, the built npm package (pkg/) at /pkg/,
// and the server's clock at /server-time.json. No dependencies.
//
//   node www/server.mjs [--port N]      (or PORT=N; default 8080; 0 picks a free port)
//
// Every response carries the page's Content-Security-Policy and an
// X-Server-Time header (epoch ms), so the page can correct a wrong device
// clock. Listens on 127.0.0.1 only.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
export const DEFAULT_PORT = 8080;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The MIME type for a file name (application/octet-stream when unknown). */
export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function baseHeaders(extra = {}) {
  return {
    'Content-Security-Policy': CSP,
    'X-Server-Time': String(Date.now()),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...extra,
  };
}

function send(req, res, status, body, type = 'text/plain; charset=utf-8', extra = {}) {
  const buf = Buffer.from(body);
  res.writeHead(
    status,
    baseHeaders({ 'Content-Type': type, 'Content-Length': buf.length, 'Cache-Control': 'no-store', ...extra }),
  );
  res.end(req.method === 'HEAD' ? undefined : buf);
}

/**
 * Maps a URL path under a mount to a file inside `root`, or null when the
 * path would leave it (`..`, encoded slashes and backslashes, NUL, dot files).
 */
export function resolveInside(root, relUrlPath) {
  let rel;
  try {
    rel = decodeURIComponent(relUrlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const file = path.join(root, ...segments);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  if (file !== root && !file.startsWith(rootWithSep)) return null;
  return file;
}

async function serveFile(req, res, root, rel, urlPath) {
  let file = resolveInside(root, rel);
  if (file === null) return send(req, res, 404, 'not found\n');
  try {
    let stat = await fs.promises.stat(file);
    if (stat.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        return send(req, res, 301, 'moved\n', undefined, { Location: urlPath + '/' });
      }
      file = path.join(file, 'index.html');
      stat = await fs.promises.stat(file);
    }
    if (!stat.isFile()) return send(req, res, 404, 'not found\n');
    // A symlink must not lead out of the mount either.
    const [realFile, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(root)]);
    if (!realFile.startsWith(realRoot + path.sep)) return send(req, res, 404, 'not found\n');
    res.writeHead(
      200,
      baseHeaders({
        'Content-Type': mimeType(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-cache',
        'Last-Modified': stat.mtime.toUTCString(),
      }),
    );
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(realFile)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch (err) {
    if (err && (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EACCES')) {
      return send(req, res, 404, 'not found\n');
    }
    return send(req, res, 500, 'internal error\n');
  }
}

/** The request handler, for embedding: www/ at /, pkg/ at /pkg/, /server-time.json. */
export function createHandler({ wwwDir = HERE, pkgDir = path.join(ROOT, 'pkg') } = {}) {
  const www = path.resolve(wwwDir);
  const pkg = path.resolve(pkgDir);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'method not allowed\n', undefined, { Allow: 'GET, HEAD' });
    }
    let urlPath;
    try {
      urlPath = new URL(req.url, 'http://localhost').pathname;
    } catch {
      return send(req, res, 400, 'bad request\n');
    }
    if (urlPath === '/server-time.json') {
      return send(req, res, 200, JSON.stringify({ now: Date.now() }), 'application/json; charset=utf-8');
    }
    if (urlPath === '/pkg') return send(req, res, 301, 'moved\n', undefined, { Location: '/pkg/' });
    if (urlPath.startsWith('/pkg/')) return serveFile(req, res, pkg, urlPath.slice('/pkg/'.length), urlPath);
    return serveFile(req, res, www, urlPath.slice(1), urlPath);
  };
}

/**
 * Starts the server on 127.0.0.1. `port` 0 picks a free one.
 * Resolves to { server, port, url, close() }.
 */
export function start({ port = DEFAULT_PORT, host = '127.0.0.1', wwwDir, pkgDir } = {}) {
  const server = http.createServer(createHandler({ wwwDir, pkgDir }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

/** `--port N`, `--port=N`, `-p N`, else PORT, else 8080. Throws on a bad value. */
export function parsePort(argv, env = process.env) {
  let value = env.PORT !== undefined && env.PORT !== '' ? env.PORT : undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      value = argv[++i];
    } else if (arg.startsWith('--port=')) {
      value = arg.slice('--port='.length);
    } else {
      throw new Error(`unknown argument \`${arg}\``);
    }
  }
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d+$/.test(String(value)) || Number(value) > 65535) throw new Error(`port \`${value}\` is not 0–65535`);
  return Number(value);
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('usage: node www/server.mjs [--port N]   (or PORT=N; default 8080; 0 picks a free port)');
    return;
  }
  let port;
  try {
    port = parsePort(argv);
  } catch (err) {
    console.error(`shouhoubao demo: ${err.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(ROOT, 'pkg', 'shouhoubao_bg.wasm'))) {
    console.error(
      'shouhoubao demo: warning: pkg/ is not built (run scripts/build-pkg.sh); the page will not load the engine',
    );
  }
  let handle;
  try {
    handle = await start({ port });
  } catch (err) {
    console.error(
      `shouhoubao demo: cannot listen on 127.0.0.1:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use' : err.message}`,
    );
    process.exit(1);
  }
  console.log(`shouhoubao demo: ${handle.url}`);
  const stop = () => handle.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
