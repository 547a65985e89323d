// Deploy check (issue 16), run by .ci/test after .ci/build, on a copy of the release build in
// target/deploy-test/ (www/ itself is never changed):
//  1. .ci/publish.mjs on small fake builds: content-hashed names, a glue naming its own wasm, .gz
//     and .br siblings, embed.js naming the newest build, the files of the last KEEP builds kept
//     and older ones deleted, a variant not rebuilt carried over, and refusals of odd input.
//  2. The dev server's headers: the .gz or .br bytes as Accept-Encoding allows, `immutable` for
//     hashed names and a short lifetime for embed.js and the pages, Content-Type, Vary, ETag/304,
//     HEAD, 404s, and no stale sibling for a file edited after the build.
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { CSP, IMMUTABLE, SHORT, serve } from '../../.ci/serve.mjs';
import { HASHED, KEEP, contentHash, currentFiles, history, publish } from '../../.ci/publish.mjs';

const failures = [];
let passed = 0;
const fail = (msg) => { failures.push(msg); console.error(`  FAIL ${msg}`); };
const pass = (msg) => { passed++; console.log(`  ok   ${msg}`); };
const check = (ok, msg, detail = '') => (ok ? pass(msg) : fail(detail ? `${msg}: ${detail}` : msg));
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    fail(`stopped: ${String(e && e.stack || e).split('\n').slice(0, 3).join(' | ')}`);
    console.log(`deploy: ${passed} passed, ${failures.length} failed`);
    process.exit(1);
  });
}

const ROOT = 'target/deploy-test';
const flat = (files) => Object.values(files).flatMap((f) => (typeof f === 'string' ? [f] : flat(f)));

// 1. Publishing, pruning and refusals, on fake builds (no compiler needed).
{
  const dir = `${ROOT}/publish`;
  const www = `${dir}/www`;
  const stage = `${dir}/stage`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${www}/pkg`, { recursive: true });
  writeFileSync(`${www}/explainer.css`, '.sx { color: #123; }\n');
  writeFileSync(`${www}/index.html`, '<!doctype html><title>t</title>\n');
  writeFileSync(`${www}/pkg/sx_explainer.js`, '// left over from a build before content hashing\n');
  const stageBuild = (variant, n, glue = `export const n = ${n};\nconst u = new URL('sx_explainer_bg.wasm', import.meta.url);\n`) => {
    rmSync(`${stage}/${variant}`, { recursive: true, force: true });
    mkdirSync(`${stage}/${variant}`, { recursive: true });
    writeFileSync(`${stage}/${variant}/sx_explainer.js`, glue);
    writeFileSync(`${stage}/${variant}/sx_explainer_bg.wasm`, Buffer.from(`\0asm ${variant} build ${n}`));
  };
  const quiet = { log: () => {} };
  stageBuild('pkg-towns', 0);
  const builds = [];
  for (let n = 1; n <= KEEP + 1; n++) {
    stageBuild('pkg', n);
    builds.push(publish(www, stage, ['pkg', 'pkg-towns'], quiet).files);
  }
  const last = builds.at(-1);
  const names = flat(last);
  check(names.every((p) => HASHED.test(p) && p.includes(contentHash(readFileSync(`${www}/${p}`)))),
    'publish: every file embed.js loads is named by a hash of its bytes', names.join(', '));
  const glue = readFileSync(`${www}/${last.pkg.js}`, 'utf8');
  check(glue.includes(`'${last.pkg.wasm.split('/')[1]}'`) && !glue.includes("'sx_explainer_bg.wasm'"),
    'publish: the glue names its own hashed wasm, so a glue is tied to its wasm', glue);
  const siblings = names.every((p) => {
    const raw = readFileSync(`${www}/${p}`);
    return gunzipSync(readFileSync(`${www}/${p}.gz`)).equals(raw) && brotliDecompressSync(readFileSync(`${www}/${p}.br`)).equals(raw);
  }) && ['embed.js', 'index.html'].every((p) => existsSync(`${www}/${p}.gz`) && existsSync(`${www}/${p}.br`));
  check(siblings, 'publish: .gz and .br beside every hashed file, embed.js and the pages, each decompressing to the file');
  check(readFileSync(`${www}/embed.js`, 'utf8').includes(JSON.stringify(last)), 'publish: embed.js names the newest build');
  const kept = builds.slice(-KEEP).flatMap(flat);
  const gone = flat(builds[0]).filter((p) => !kept.includes(p));
  const left = (p) => ['', '.gz', '.br'].some((s) => existsSync(`${www}/${p}${s}`));
  check(gone.length === 2 && !gone.some(left) && kept.every((p) => left(p)) && !existsSync(`${www}/pkg/sx_explainer.js`),
    `publish: the last ${KEEP} builds' files stay; the first build's pkg files and the unhashed leftover are deleted`,
    `gone ${gone}, on disk ${readdirSync(`${www}/pkg`)}`);
  check(new Set(builds.map((b) => b.pkg.wasm)).size === builds.length && new Set(builds.map((b) => b['pkg-towns'].js)).size === 1,
    'publish: a changed build gets new names; an unchanged one keeps its names');
  publish(www, stage, ['pkg', 'pkg-towns'], quiet);
  check(history(www).length === KEEP && existsSync(`${www}/${builds[1].pkg.wasm}`),
    'publish: publishing the same build again counts as the same build (nothing more deleted)');
  stageBuild('pkg', KEEP + 2);
  rmSync(`${stage}/pkg-towns`, { recursive: true });
  const partial = publish(www, stage, ['pkg'], quiet).files;
  check(partial['pkg-towns'].js === last['pkg-towns'].js && partial.pkg.js !== last.pkg.js,
    'publish: a variant not rebuilt keeps its files from the previous build');
  const refuses = (what, fn) => {
    try { fn(); fail(`publish: accepted ${what}`); } catch (e) { pass(`publish: refuses ${what}: ${e.message}`); }
  };
  stageBuild('pkg', 90, 'export const n = 90; // no URL of its wasm\n');
  refuses('a glue that does not name sx_explainer_bg.wasm', () => publish(www, stage, ['pkg'], quiet));
  stageBuild('pkg', 91);
  mkdirSync(`${stage}/pkg/snippets`);
  refuses('output it would not hash (snippets/)', () => publish(www, stage, ['pkg'], quiet));
  refuses('an unknown variant', () => publish(www, stage, ['pkg-rest'], quiet));
}

// 2. The dev server's answers, on a copy of the release build (timestamps kept, so every
// precompressed sibling stays at least as new as its file).
const W = `${ROOT}/www`;
rmSync(W, { recursive: true, force: true });
cpSync('www', W, { recursive: true, preserveTimestamps: true });
const before = currentFiles(W);
const server = await serve(W, 0);
const origin = `http://127.0.0.1:${server.address().port}`;

// A raw HTTP request (fetch would decompress the body and hide which bytes were sent).
const get = (path, headers = {}, method = 'GET') => new Promise((ok, err) => {
  const req = httpRequest(`${origin}${path}`, { method, headers, agent: false }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  });
  req.on('error', err);
  req.end();
});
const TYPE = { js: 'text/javascript; charset=utf-8', wasm: 'application/wasm', css: 'text/css; charset=utf-8', html: 'text/html; charset=utf-8' };
const typeOf = (path) => TYPE[(path.endsWith('/') ? 'x.html' : path).split('.').at(-1)];

for (const rel of flat(before)) {
  const path = `/${rel}`;
  const raw = readFileSync(`${W}/${rel}`);
  const gz = await get(path, { 'accept-encoding': 'gzip' });
  const h = gz.headers;
  check(gz.status === 200 && h['content-encoding'] === 'gzip' && gz.body.equals(readFileSync(`${W}/${rel}.gz`))
    && gunzipSync(gz.body).equals(raw) && Number(h['content-length']) === gz.body.length,
  `${path}, gzip: the .gz bytes (${gz.body.length} of ${raw.length})`, JSON.stringify(h));
  check(h['cache-control'] === IMMUTABLE && h['content-type'] === typeOf(path) && /accept-encoding/i.test(h.vary || '')
    && h['x-content-type-options'] === 'nosniff',
  `${path}: ${h['content-type']}, "${h['cache-control']}", Vary: ${h.vary}`, JSON.stringify(h));
  const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
  check(br.headers['content-encoding'] === 'br' && brotliDecompressSync(br.body).equals(raw),
    `${path}, Chromium's Accept-Encoding: the .br bytes (${br.body.length})`, JSON.stringify(br.headers));
  const plain = await get(path);
  check(!plain.headers['content-encoding'] && plain.body.equals(raw) && /accept-encoding/i.test(plain.headers.vary || ''),
    `${path}, no Accept-Encoding: the file itself, still with Vary`);
  const noBr = await get(path, { 'accept-encoding': 'br;q=0, gzip' });
  check(noBr.headers['content-encoding'] === 'gzip', `${path}, "br;q=0, gzip": gzip`, noBr.headers['content-encoding']);
  const again = await get(path, { 'accept-encoding': 'gzip', 'if-none-match': h.etag });
  check(again.status === 304 && again.body.length === 0 && again.headers['cache-control'] === IMMUTABLE,
    `${path}: If-None-Match ${h.etag} → 304`, `${again.status}`);
}
for (const path of ['/embed.js', '/', '/index.html', '/frame.html', '/embed.html', '/frame.js', '/frame.css', '/article.css']) {
  const r = await get(path, { 'accept-encoding': 'gzip' });
  const h = r.headers;
  check(r.status === 200 && h['cache-control'] === SHORT && h['content-type'] === typeOf(path)
    && h['content-encoding'] === 'gzip' && /accept-encoding/i.test(h.vary || '') && h['content-security-policy'] === CSP,
  `${path}: short-lived "${h['cache-control']}", ${h['content-type']}, gzip`, JSON.stringify(h));
}
{
  const embed = await get('/embed.js');
  check(embed.body.includes(JSON.stringify(before)), '/embed.js names the current build\'s hashed files');
  const head = await get('/embed.js', {}, 'HEAD');
  check(head.status === 200 && head.body.length === 0 && head.headers['content-length'] === String(embed.body.length)
    && head.headers.etag === embed.headers.etag, 'HEAD /embed.js: the GET headers, no body');
  const revalidate = await get('/embed.js', { 'if-none-match': embed.headers.etag });
  check(revalidate.status === 304 && revalidate.headers['cache-control'] === SHORT, 'a browser revalidating an unchanged embed.js gets a 304');
  for (const path of ['/pkg/sx_explainer.000000000000.js', '/.builds.json', '/pkg/../.builds.json', '/nothing.html']) {
    const r = await get(path);
    check(r.status >= 400 && r.status < 500 && r.headers['cache-control'] === 'no-store', `${path}: ${r.status}, not cached`);
  }
  // A page edited after the build: its old .gz must not be served.
  writeFileSync(`${W}/probe.html`, '<!doctype html><p>edited after the build</p>\n');
  writeFileSync(`${W}/probe.html.gz`, gzipSync('<!doctype html><p>as built</p>\n'));
  const past = new Date(Date.now() - 3600e3);
  utimesSync(`${W}/probe.html.gz`, past, past);
  const stale = await get('/probe.html', { 'accept-encoding': 'gzip' });
  check(!stale.headers['content-encoding'] && stale.body.toString().includes('edited'), 'a .gz older than its file is not served');
  writeFileSync(`${W}/probe.html.gz`, gzipSync('<!doctype html><p>edited after the build</p>\n'));
  const fresh = await get('/probe.html', { 'accept-encoding': 'gzip' });
  check(fresh.headers['content-encoding'] === 'gzip', 'a .gz at least as new as its file is served');
  rmSync(`${W}/probe.html`); rmSync(`${W}/probe.html.gz`);
}

server.close();
console.log(`deploy: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
