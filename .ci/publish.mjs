// Publishes a release build into www/ for a CDN (issue 16); run by .ci/build.
//  - Every file embed.js loads gets a name with a hash of its bytes: the glue and the wasm of each
//    build (www/pkg/, www/pkg-towns/) and the widget's CSS (www/assets/).
//  - www/embed.js, the one stable name, is written from src/web/embed.js with those names in it,
//    with what the core tells the loader (export/loader/loader.json, written by .ci/export), and
//    with the widget's CSS inlined (the hashed CSS file stays, for browsers without constructable
//    stylesheets, which get a <link> to it).
//  - www/embed.css (the host page's stylesheet reserving each embed's height) is copied from there.
//  - The first charts pre-rendered at build time (export/loader/pre/) go into assets/pre.<hash>/.
//  - The text fallbacks the loader shows when a widget cannot load (export/loader/fallback-*.html)
//    are hashed into www/assets/ too.
//  - .gz and .br siblings are written beside every text and wasm file of the site.
//  - The files of the last KEEP builds stay, so a page opened before a deploy keeps working with
//    the old embed.js; older ones are deleted. pkg/, pkg-towns/ and assets/ belong to the build.
//  - embed.js and the glue are minified with terser (pinned in tests/e2e/package.json), after
//    which the build's names and the core's data go into embed.js.
//  - The sizes a reader downloads are printed, raw, gzip and brotli.
// Usage: node .ci/publish.mjs <www> <stage> [variant...]
//   <stage>/<variant>/ holds wasm-pack's output for each variant built now (pkg, pkg-towns); a
//   variant not named keeps its files from the previous build of <www>. With none named (after
//   editing only www/explainer.css or src/web/embed.js) nothing is compiled: `node .ci/publish.mjs
//   www target/wasm-pack`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

// Text and wasm: what gets .gz and .br siblings (and what a server must vary by Accept-Encoding).
export const COMPRESSIBLE = /\.(?:html|js|mjs|css|wasm|json|svg|csv|txt)$/;
// A content-hashed name as written here: `sx_explainer.<12 hex>.js`, `….wasm`, `….css`, `….html`,
// or a file in a content-hashed directory (`assets/pre.<12 hex>/towns-zh-light-360.json`).
export const HASHED = /\.[0-9a-f]{12}\.(?:js|wasm|css|html)$|\/pre\.[0-9a-f]{12}\/[^/]+\.json$/;
export const VARIANTS = ['pkg', 'pkg-towns'];
export const KEEP = 3;
const DIRS = [...VARIANTS, 'assets'];
const GLUE = 'sx_explainer.js';
const WASM = 'sx_explainer_bg.wasm';
const HISTORY = '.builds.json';
const LOADER = new URL('../src/web/embed.js', import.meta.url);
const PLACEHOLDER = '/*FILES*/ null';
// What the core tells the loader before the wasm arrives (kinds, words, heights to reserve):
// sx_explainer::loader::json(), written with the fallbacks by the export into export/loader/.
const CORE = '/*CORE*/ null';
// The widget's stylesheet, inlined: the first layout of a box needs no second request.
const STYLE = '/*CSS*/ null';
const CORE_DIR = join('export', 'loader');

const TERSER = fileURLToPath(new URL('../tests/e2e/node_modules/.bin/terser', import.meta.url));

// `code` minified with terser: two compress passes, mangled local names, no comments, quotes as
// written (the glue's wasm name stays in single quotes). `module` for an ES module (the glue),
// whose top-level names may be mangled too; embed.js is a classic script.
export function minify(code, { module = false } = {}) {
  const args = ['--compress', 'passes=2', '--mangle', '--comments', 'false', '--ecma', '2020',
    '--format', 'quote_style=3'];
  if (module) args.push('--module');
  return execFileSync(TERSER, args, { input: code, maxBuffer: 1 << 26 }).toString().trim() + '\n';
}

export const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

// Readers of a half-written file would get a broken widget: write beside, then rename.
function writeAtomic(file, bytes) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

// GNU gzip's deflate packs the wasm about 1.4% smaller than zlib's at level 9; -n leaves out the
// name and time, so the same bytes always give the same .gz.
const gzip = (bytes) => execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 28 });
const brotli = (bytes) => brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
});

// Writes file.gz and file.br unless they exist and are at least as new as the file; returns the
// three sizes. The sibling is written after its file, so a fresh sibling is never an old one.
export function precompress(file) {
  const info = statSync(file);
  const sizes = { raw: info.size };
  let bytes;
  for (const [ext, zip] of [['gz', gzip], ['br', brotli]]) {
    const old = statSync(`${file}.${ext}`, { throwIfNoEntry: false });
    if (old && old.mtimeMs >= info.mtimeMs) { sizes[ext] = old.size; continue; }
    bytes ??= readFileSync(file);
    const packed = zip(bytes);
    writeAtomic(`${file}.${ext}`, packed);
    sizes[ext] = packed.length;
  }
  return sizes;
}

// Precompresses every text and wasm file under dir (dotfiles and siblings aside).
export function precompressTree(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompressTree(path);
    else if (entry.isFile() && COMPRESSIBLE.test(entry.name)) precompress(path);
  }
}

// Puts bytes at www/rel unless that content-hashed name already holds them (an unchanged file
// keeps its name, its date and its place in every cache).
function put(www, rel, bytes) {
  const file = join(www, rel);
  if (!existsSync(file) || contentHash(readFileSync(file)) !== contentHash(bytes)) writeAtomic(file, bytes);
  precompress(file);
  return rel;
}

function publishVariant(www, dir, variant) {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.'));
  const extra = names.filter((n) => n !== GLUE && n !== WASM);
  if (extra.length) throw new Error(`${dir}: unexpected output ${extra.join(', ')} (publish.mjs hashes only the glue and the wasm)`);
  const wasm = readFileSync(join(dir, WASM));
  const wasmName = `sx_explainer_bg.${contentHash(wasm)}.wasm`;
  // The glue's fallback URL names its own wasm: the glue's hash then changes whenever the wasm's
  // does, so a hashed glue is only ever paired with the wasm it was generated with.
  const glue = readFileSync(join(dir, GLUE), 'utf8');
  const ref = `'${WASM}'`;
  if (glue.split(ref).length !== 2) throw new Error(`${dir}/${GLUE}: expected one reference to ${ref}`);
  const hashedGlue = Buffer.from(minify(glue.replace(ref, `'${wasmName}'`), { module: true }));
  mkdirSync(join(www, variant), { recursive: true });
  return {
    js: put(www, `${variant}/sx_explainer.${contentHash(hashedGlue)}.js`, hashedGlue),
    wasm: put(www, `${variant}/${wasmName}`, wasm),
  };
}

// The builds published into www, oldest first: [{ time, files }], files as in embed.js.
export function history(www) {
  const file = join(www, HISTORY);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

// The file names embed.js maps to in the current build of www.
export function currentFiles(www) {
  const last = history(www).at(-1);
  if (!last) throw new Error(`${www}: no published build (run .ci/build)`);
  return last.files;
}

const paths = (files) => Object.values(files).flatMap((f) => (typeof f === 'string' ? [f] : paths(f)));

// Deletes from the build's directories every file not in the kept builds (with its siblings).
function prune(www, kept) {
  const keep = new Set(kept.flatMap((b) => paths(b.files)));
  const removed = [];
  for (const dir of DIRS) {
    if (!existsSync(join(www, dir))) continue;
    for (const entry of readdirSync(join(www, dir), { withFileTypes: true })) {
      const name = entry.name;
      if (entry.isDirectory()) {
        // A content-hashed directory (the pre-rendered charts) goes as a whole.
        if (keep.has(`${dir}/${name}/`)) continue;
        rmSync(join(www, dir, name), { recursive: true, force: true });
        removed.push(`${dir}/${name}/`);
        continue;
      }
      const rel = `${dir}/${name.replace(/\.(?:gz|br)$/, '')}`;
      if (keep.has(rel)) continue;
      unlinkSync(join(www, dir, name));
      removed.push(`${dir}/${name}`);
    }
  }
  return removed;
}

export function publish(www, stage, variants, { log = (line) => console.error(`[build] ${line}`) } = {}) {
  const unknown = variants.filter((v) => !VARIANTS.includes(v));
  if (unknown.length) throw new Error(`unknown variant ${unknown.join(', ')} (known: ${VARIANTS.join(', ')})`);
  const builds = history(www);
  const previous = builds.at(-1)?.files;
  const files = {};
  for (const v of VARIANTS) {
    if (variants.includes(v)) files[v] = publishVariant(www, join(stage, v), v);
    else if (previous?.[v] && paths(previous[v]).every((p) => existsSync(join(www, p)))) files[v] = previous[v];
    else throw new Error(`${v}: not built now and not in the previous build of ${www}`);
  }
  mkdirSync(join(www, 'assets'), { recursive: true });
  const css = readFileSync(join(www, 'explainer.css'));
  files.css = put(www, `assets/explainer.${contentHash(css)}.css`, css);
  // The pre-rendered first charts: one directory named by a hash of all of them (embed.js builds
  // each file's name from the kind, language, palette and width).
  const preSrc = join(www, CORE_DIR, 'pre');
  const preNames = readdirSync(preSrc).filter((n) => n.endsWith('.json')).sort();
  const preHash = createHash('sha256');
  for (const n of preNames) preHash.update(n).update('\0').update(readFileSync(join(preSrc, n))).update('\0');
  files.pre = `assets/pre.${preHash.digest('hex').slice(0, 12)}/`;
  if (!existsSync(join(www, files.pre))) {
    const tmp = join(www, `${files.pre.slice(0, -1)}.tmp-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    for (const n of preNames) writeFileSync(join(tmp, n), readFileSync(join(preSrc, n)));
    renameSync(tmp, join(www, files.pre));
  }
  // The text each box shows when its widget cannot load, per kind and language.
  const coreText = readFileSync(join(www, CORE_DIR, 'loader.json'), 'utf8');
  const core = JSON.parse(coreText);
  files.fallback = {};
  for (const { id } of core.kinds) {
    files.fallback[id] = {};
    for (const lang of ['zh', 'en']) {
      const html = readFileSync(join(www, CORE_DIR, `fallback-${id}-${lang}.html`));
      files.fallback[id][lang] = put(www, `assets/fallback-${id}-${lang}.${contentHash(html)}.html`, html);
    }
  }

  // embed.js last: until it is replaced, every reader gets the previous build, whose files stay.
  // Every article view fetches it, so it is minified (the source's comments stay in the source).
  const loader = readFileSync(LOADER, 'utf8');
  // Minified with stand-ins for the placeholders (undeclared globals, which terser keeps as
  // they are), then the names, the core's data and the stylesheet go in as JSON.
  const putIn = { [PLACEHOLDER]: ['__SX_FILES__', files], [CORE]: ['__SX_CORE__', core], [STYLE]: ['__SX_CSS__', css.toString()] };
  let small = loader;
  for (const [p, [stand]] of Object.entries(putIn)) {
    if (loader.split(p).length !== 2) throw new Error(`src/web/embed.js: expected one ${p} placeholder`);
    small = small.replace(p, stand);
  }
  small = minify(small);
  for (const [stand, value] of Object.values(putIn)) {
    if (small.split(stand).length !== 2) throw new Error(`embed.js minified: expected one ${stand}`);
    small = small.replace(stand, () => JSON.stringify(value));
  }
  const embed = '// The explainer\'s embed loader, written by .ci/build from src/web/embed.js.\n' + small;
  const embedFile = join(www, 'embed.js');
  if (!existsSync(embedFile) || readFileSync(embedFile, 'utf8') !== embed) writeAtomic(embedFile, embed);
  // embed.css, the host page's stylesheet that reserves each embed's height until embed.js runs:
  // a stable name beside embed.js, as short-lived (it follows the widget's layout).
  const reserve = readFileSync(join(www, CORE_DIR, 'embed.css'));
  const reserveFile = join(www, 'embed.css');
  if (!existsSync(reserveFile) || !readFileSync(reserveFile).equals(reserve)) writeAtomic(reserveFile, reserve);

  // A build with the same files as the last one is the same build, not one more to keep.
  const same = previous && JSON.stringify(previous) === JSON.stringify(files);
  const time = new Date().toISOString();
  if (same) builds.at(-1).time = time;
  else builds.push({ time, files });
  const kept = builds.slice(-KEEP);
  writeAtomic(join(www, HISTORY), `${JSON.stringify(kept, null, 1)}\n`);
  const removed = prune(www, kept);
  precompressTree(www);

  const row = (name, s) => log(`${name.padEnd(46)} ${String(s.raw).padStart(8)} ${String(s.gz).padStart(8)} ${String(s.br).padStart(8)}`);
  log(`${'what a reader downloads'.padEnd(46)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}`);
  for (const [label, variant] of [['the towns embed', 'pkg-towns'], ['both embeds', 'pkg']]) {
    const total = { raw: 0, gz: 0, br: 0 };
    // (The widget's CSS is in embed.js; only a browser without constructable stylesheets fetches
    // files.css as well.)
    for (const rel of ['embed.js', files[variant].js, files[variant].wasm]) {
      const s = precompress(join(www, rel));
      row(`  ${rel}`, s);
      for (const k of Object.keys(total)) total[k] += s[k];
    }
    row(`a page with ${label}`, total);
  }
  log(`${same ? 'same build as the last' : 'new build'}; kept the files of the last ${kept.length} build(s)` +
    (removed.length ? `, deleted ${removed.length} older file(s)` : ''));
  return { files, removed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [www, stage, ...variants] = process.argv.slice(2);
  if (!www || !stage) {
    console.error('usage: node .ci/publish.mjs <www> <stage> [variant...]');
    process.exit(2);
  }
  publish(www, stage, variants);
}
