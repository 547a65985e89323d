// A small static server for www/ (development and tests only) that answers the way the README's
// "Deploying" section asks a CDN to: the precompressed .br or .gz sibling when the browser accepts
// it, one cache policy (a year and `immutable` for content-hashed names, a short lifetime for
// everything else: embed.js, the pages and their own files), correct MIME types, an ETag with
// 304s, and optionally a strict Content-Security-Policy header. Usage: node .ci/serve.mjs <dir> <port>
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPRESSIBLE, HASHED } from './publish.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip', '.br': 'application/octet-stream',
};
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors *";

// The cache policy. A name with a content hash (`sx_explainer.<12 hex>.js`, written by
// .ci/publish.mjs) never changes its bytes: cache it for a year without revalidating. Every other
// name (embed.js, the pages, frame.js, …) may change with a deploy: browsers revalidate it on each
// use (a 304 when unchanged) and a CDN keeps it for at most 60 s, so a deploy reaches every reader
// within a minute without purging.
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=0, s-maxage=60';
export const cacheControl = (path) => (HASHED.test(path) ? IMMUTABLE : SHORT);

// The encodings the client accepts with q > 0, best first; on equal q, br (smaller) before gzip.
export function encodings(header = '') {
  const q = new Map();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const m = params.map((p) => p.match(/^q=([0-9.]+)$/)).find(Boolean);
    q.set(name, m ? Number(m[1]) : 1);
  }
  const weight = (enc) => q.get(enc) ?? q.get('*') ?? 0;
  return ['br', 'gzip'].filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a));
}

const SIBLING = { br: '.br', gzip: '.gz' };
const etag = (bytes) => `"${createHash('sha256').update(bytes).digest('hex').slice(0, 20)}"`;
const matches = (header, tag) => !!header && header.split(',').some((t) => {
  t = t.trim();
  return t === '*' || t.replace(/^W\//, '') === tag;
});

// A precompressed sibling, if there is one at least as new as the file (a page edited after the
// last build must not be answered with its old compressed bytes).
async function sibling(file, mtimeMs, accepted) {
  for (const enc of accepted) {
    const s = await stat(file + SIBLING[enc]).catch(() => null);
    if (s && s.isFile() && s.mtimeMs >= mtimeMs) return { enc, body: await readFile(file + SIBLING[enc]) };
  }
  return null;
}

export function serve(dir, port, { csp = true } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const notFound = (status = 404) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
      .end(req.method === 'HEAD' ? undefined : 'not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'cache-control': 'no-store' }).end();
      return;
    }
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { notFound(400); return; }
    if (path.endsWith('/')) path += 'index.html';
    // Dotfiles (the build's own .builds.json) are not part of the site.
    if (path.split('/').some((s) => s.startsWith('.'))) { notFound(); return; }
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) { notFound(403); return; }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) { notFound(); return; }
    const headers = {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': cacheControl(path),
      'x-content-type-options': 'nosniff',
    };
    // embed.js fetches the glue (import()) and the wasm (fetch()) in CORS mode: an article on the
    // newspaper's own host may load them from the explainer's (CDN) host.
    if (HASHED.test(path)) headers['access-control-allow-origin'] = '*';
    if (csp) headers['content-security-policy'] = CSP;
    let body;
    if (COMPRESSIBLE.test(file)) {
      headers.vary = 'Accept-Encoding';
      const pre = await sibling(file, info.mtimeMs, encodings(req.headers['accept-encoding']));
      if (pre) {
        headers['content-encoding'] = pre.enc;
        body = pre.body;
      }
    }
    body ??= await readFile(file);
    headers.etag = etag(body);
    if (matches(req.headers['if-none-match'], headers.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'www', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${dir}/ at http://127.0.0.1:${server.address().port}/`);
}
