// Deploy check (issue 16), run by .ci/test after .ci/build, on a copy of the release build in
// target/deploy-test/ (www/ itself is never changed):
//  1. .ci/publish.mjs on small fake builds: content-hashed names, a glue naming its own wasm, .gz
//     and .br siblings, embed.js naming the newest build, the files of the last KEEP builds kept
//     and older ones deleted, a variant not rebuilt carried over, and refusals of odd input.
//  2. The dev server's headers: the .gz or .br bytes as Accept-Encoding allows, `immutable` for
//     hashed names and a short lifetime for embed.js and the pages, Content-Type, Vary, ETag/304,
//     HEAD, 404s, and no stale sibling for a file edited after the build.
//  3. A deploy while readers have the page open, in headless Chromium: a copy of the crate with one
//     added export is rebuilt (the full build only) into the served copy. A reloaded tab gets the
//     new embed.js, glue and wasm, which belong together; tabs still on the old embed.js (one whose
//     downloads were slow, one that adds a rest-trip embed later) keep working on the old files;
//     and with the old files deleted such a tab breaks, which is why they are kept.
import { spawn } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { CSP, IMMUTABLE, SHORT, serve } from '../../.ci/serve.mjs';
import { HASHED, KEEP, contentHash, currentFiles, history, publish } from '../../.ci/publish.mjs';
import { launch, watchErrors } from './chromium.mjs';

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
// The files of a build, with its content-hashed directories (the pre-rendered charts) listed.
const listed = (www, files) => flat(files).flatMap((p) => (p.endsWith('/')
  ? readdirSync(`${www}/${p}`).filter((n) => n.endsWith('.json')).map((n) => p + n) : [p]));
// The same with one file of each such directory standing for the rest (for the header checks).
const sampled = (www, files) => flat(files).map((p) => (p.endsWith('/')
  ? p + readdirSync(`${www}/${p}`).find((n) => n.endsWith('.json')) : p));

// 1. Publishing, pruning and refusals, on fake builds (no compiler needed).
{
  const dir = `${ROOT}/publish`;
  const www = `${dir}/www`;
  const stage = `${dir}/stage`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(`${www}/pkg`, { recursive: true });
  writeFileSync(`${www}/explainer.css`, '.sx { color: #123; }\n');
  // What the export writes for the loader (kinds, words, heights, the text fallbacks).
  cpSync('www/export/loader', `${www}/export/loader`, { recursive: true });
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
  const names = listed(www, last);
  check(names.every((p) => HASHED.test(p) && (p.includes('/pre.') || p.includes(contentHash(readFileSync(`${www}/${p}`))))),
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
const oldEmbed = readFileSync(`${W}/embed.js`);
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
const TYPE = { js: 'text/javascript; charset=utf-8', wasm: 'application/wasm', css: 'text/css; charset=utf-8', html: 'text/html; charset=utf-8', json: 'application/json' };
const typeOf = (path) => TYPE[(path.endsWith('/') ? 'x.html' : path).split('.').at(-1)];

for (const rel of sampled(W, before)) {
  const path = `/${rel}`;
  const raw = readFileSync(`${W}/${rel}`);
  const gz = await get(path, { 'accept-encoding': 'gzip' });
  const h = gz.headers;
  check(gz.status === 200 && h['content-encoding'] === 'gzip' && gz.body.equals(readFileSync(`${W}/${rel}.gz`))
    && gunzipSync(gz.body).equals(raw) && Number(h['content-length']) === gz.body.length,
  `${path}, gzip: the .gz bytes (${gz.body.length} of ${raw.length})`, JSON.stringify(h));
  check(h['cache-control'] === IMMUTABLE && h['content-type'] === typeOf(path) && /accept-encoding/i.test(h.vary || '')
    && h['x-content-type-options'] === 'nosniff' && h['access-control-allow-origin'] === '*',
  `${path}: ${h['content-type']}, "${h['cache-control']}", Vary: ${h.vary}, CORS *`, JSON.stringify(h));
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

// 3. A deploy while readers have the page open.
const browser = await launch();
async function open(path, { hold, embed } = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname.slice(1)));
  watchErrors(page, problems);
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  // A reader whose copy of embed.js is the previous build's (it is short-lived, but may be cached).
  if (embed) await page.route((url) => url.pathname === '/embed.js', (route) => route.fulfill({ body: embed, contentType: TYPE.js }));
  // A reader on a slow connection: the glue and the wasm arrive only after the deploy.
  const held = [];
  if (hold) {
    await page.route((url) => /^\/pkg\//.test(url.pathname), async (route) => {
      held.push(route.request().url());
      await hold;
      await route.continue();
    });
  }
  await page.goto(path.startsWith('http') ? path : origin + path, { waitUntil: 'domcontentloaded' });
  return { page, context, problems, requests, held };
}
const ready = (page, timeout = 30000) => page.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')]
  .every((e) => e.dataset.ready === 'true'), null, { timeout }).then(() => true, () => false);
// What the copy's added export answers in the module instance embed.js initialised (null: none).
const exported = (page, glue) => page.evaluate(async (u) => {
  try {
    const mod = await import(new URL(u, location.href).href);
    return typeof mod.deploy_test_build === 'function' ? mod.deploy_test_build() : null;
  } catch (e) {
    return `error: ${e.message}`;
  }
}, glue);
const loaded = (requests, files) => flat(files).filter((p) => requests.includes(p));

const a = await open('/');
check(await ready(a.page), 'tab A (demo page) mounts on the first build');
check(loaded(a.requests, before.pkg).length === 2 && !a.requests.includes(before.css),
  'tab A loads the glue and wasm named by embed.js, and not the CSS (inlined in embed.js)', a.requests.join(' '));
check((await get('/embed.js')).body.includes(JSON.stringify(readFileSync(`${W}/${before.css}`, 'utf8'))),
  'the served embed.js holds the widget\'s CSS, the same bytes as the hashed CSS file it names');
let deployed;
const hold = new Promise((ok) => { deployed = ok; });
const b = await open('/', { hold });
for (let i = 0; i < 100 && b.held.length < 2; i++) await new Promise((ok) => setTimeout(ok, 100));
check(b.held.length === 2, 'tab B (demo page, slow connection) has the old embed.js and waits for its glue and wasm', b.held.join(' '));
const c = await open('/frame.html?explainer=towns');
check(await ready(c.page) && loaded(c.requests, before['pkg-towns']).length === 2 && !loaded(c.requests, before.pkg).length,
  'tab C (towns only) mounts on the first build\'s towns-only files');

// An article on the newspaper's host loading the explainer from another (its CDN), under the
// Content-Security-Policy the README gives for article pages.
{
  const site = `${ROOT}/newspaper`;
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  const policy = `default-src 'self'; script-src 'self' ${origin} 'wasm-unsafe-eval'; style-src 'self' ${origin}; ` +
    `connect-src 'self' ${origin}; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'`;
  writeFileSync(`${site}/article.html`, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}"><title>稿件</title><link rel="icon" href="data:,">
<script src="${origin}/embed.js" defer></script></head><body><h1>稿件</h1>
<div data-explainer="towns"></div><div data-explainer="rest-trip" data-lang="en"></div></body></html>\n`);
  const paper = await serve(site, 0, { csp: false });
  const e = await open(`http://127.0.0.1:${paper.address().port}/article.html`);
  check(await ready(e.page) && !e.problems.length,
    'an article on another host loads both embeds from this one (CORS on the hashed files, the README\'s CSP)', e.problems.join('; '));
  await e.context.close();
  paper.close();
}

// The rebuild: a copy of the crate with one more exported function, so both the glue and the wasm
// change. Renamed, so it shares target/ (and its compiled dependencies) without clobbering the
// crate's own output; only the full build is rebuilt, the towns-only one is carried over.
const crate = `${ROOT}/crate`;
rmSync(crate, { recursive: true, force: true });
mkdirSync(`${crate}/tests`, { recursive: true });
for (const p of ['Cargo.toml', 'Cargo.lock', 'src', 'vendor', 'benches', 'examples']) if (existsSync(p)) cpSync(p, `${crate}/${p}`, { recursive: true });
for (const f of readdirSync('tests').filter((f) => f.endsWith('.rs'))) cpSync(`tests/${f}`, `${crate}/tests/${f}`);
const manifest = readFileSync('Cargo.toml', 'utf8');
if (!/^name = "sx-explainer"$/m.test(manifest)) throw new Error('Cargo.toml: no `name = "sx-explainer"` to rename in the copy');
writeFileSync(`${crate}/Cargo.toml`, `${manifest.replace(/^name = "sx-explainer"$/m, 'name = "sx-explainer-deploy-test"')}\n[workspace]\n`);
writeFileSync(`${crate}/src/lib.rs`, `${readFileSync('src/lib.rs', 'utf8')}
/// Added by tests/e2e/deploy.mjs to its copy of the crate: a changed source for a redeploy.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn deploy_test_build() -> String {
    "redeployed".into()
}
`);
// Asynchronously: the server keeps answering the open tabs while the build runs.
const started = Date.now();
const status = await new Promise((ok) => spawn('.ci/build', {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env, BUILD_CRATE: crate, BUILD_WWW: W, BUILD_STAGE: `${ROOT}/stage`, BUILD_VARIANTS: 'pkg',
    CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR || resolve('target'),
  },
}).on('exit', ok));
if (status !== 0) throw new Error(`the rebuild of ${crate} failed (exit ${status})`);
const after = currentFiles(W);
check(after.pkg.js !== before.pkg.js && after.pkg.wasm !== before.pkg.wasm
  && after['pkg-towns'].wasm === before['pkg-towns'].wasm && after.css === before.css,
`rebuilt with a changed source in ${((Date.now() - started) / 1000).toFixed(0)} s: new glue and wasm names, same towns-only and CSS names`,
JSON.stringify({ before, after }));
check(sampled(W, before).every((p) => existsSync(`${W}/${p}`) && existsSync(`${W}/${p}.gz`) && existsSync(`${W}/${p}.br`)),
  'the first build\'s files stay beside the new ones');
check((await get('/embed.js')).body.includes(JSON.stringify(after)), 'the served embed.js names the new build');

// Tab A reloads: everything new, and the glue and wasm it runs are one build's.
a.requests.length = 0;
await a.page.reload();
check(await ready(a.page), 'tab A reloaded: mounted');
check(loaded(a.requests, after.pkg).length === 2 && !loaded(a.requests, before.pkg).length,
  'tab A reloaded: fetched the new glue and wasm, none of the old', a.requests.filter((p) => p.startsWith('pkg')).join(' '));
check(await exported(a.page, after.pkg.js) === 'redeployed', 'tab A reloaded: runs the rebuilt code (its new export answers)');
const rest = a.page.locator('[data-explainer=rest-trip]');
await rest.locator('[data-f="batches.0.participants"]').fill('120');
const failing = await rest.locator('.checks .s-fail').first().textContent().catch(() => '');
check(failing.includes('100'), 'tab A reloaded: the rest-trip form still checks a plan (120 people: a failing line naming 100)', failing);

// Tab B's glue and wasm arrive after the deploy: the old ones, still there.
deployed();
check(await ready(b.page), 'tab B (old embed.js, downloads finished after the deploy): mounted');
check(loaded(b.requests, before.pkg).length === 2 && !loaded(b.requests, after.pkg).length
  && await exported(b.page, before.pkg.js) === null, 'tab B runs the first build\'s glue and wasm together');

// Tab C adds a rest-trip embed after the deploy: its old embed.js loads the old full build.
await c.page.evaluate(() => {
  document.body.insertAdjacentHTML('beforeend', '<div data-explainer="rest-trip"></div>');
  return window.sxExplainer.mountAll();
});
check(await ready(c.page), 'tab C (old embed.js) adds a rest-trip embed after the deploy: mounted');
check(loaded(c.requests, before.pkg).length === 2 && !loaded(c.requests, after.pkg).length,
  'tab C fetched the first build\'s full glue and wasm', c.requests.filter((p) => p.startsWith('pkg')).join(' '));

for (const [name, tab] of [['A', a], ['B', b], ['C', c]]) {
  check(!tab.problems.length, `tab ${name}: no page errors, console errors, failed requests or CSP violations`, tab.problems.join('; '));
  await tab.context.close();
}

// Why the old files stay: without them, a tab on the old embed.js breaks.
for (const p of flat(before.pkg)) for (const s of ['', '.gz', '.br']) unlinkSync(`${W}/${p}${s}`);
const d = await open('/', { embed: oldEmbed });
const broke = !(await ready(d.page, 5000)) && d.problems.some((p) => p.includes('HTTP 404'));
check(broke, 'with the old files deleted, a tab on the old embed.js gets 404s and no widget', d.problems.join('; '));
await d.context.close();

await browser.close();
server.close();
console.log(`deploy: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
