// End-to-end check that an embed never leaves a dead or blank box, on the RELEASE build in headless
// Chromium, on host pages made up here (served from the same origin, with our strict CSP):
//  - the height embed.js reserves (from the core's table, sx_explainer::loader::HEIGHTS) is the
//    widget's real height, and the demo page's layout shift (CLS) stays at most 0.01;
//  - while the wasm downloads, each box is a labelled placeholder with aria-busy;
//  - the towns' first chart, pre-rendered, has the wasm's pixels on the wasm's spot, which then
//    takes it over without drawing it again, or draws it again when the reader's palette changed;
//    while its paint list is on its way, its fonts are warmed; when the list is blocked, missing,
//    garbled or stalled, the wasm draws chart 1 at once (or after the loader's 1.5 s wait), and a
//    list that comes after it took over paints nothing;
//  - with the wasm blocked, each box shows words, the figures as text and a Retry button within
//    3 s; once the network is back, Retry mounts the widgets; without WebAssembly or with a CSP
//    that forbids it, each box says which, with the figures and no Retry;
//  - the snippet pasted twice mounts each embed once; an embed added later mounts by itself;
//  - an unknown name and an element that cannot hold a shadow root show words, and load nothing;
//  - without navigator.clipboard, "Copy link" selects the link with a hint, and the form works on;
//  - two rest-trip widgets keep separate plans across a reload;
//  - hostile host CSS (`* { all: unset }`, rtl, letter-spacing, uppercase, ...) leaves the
//    widget's pixels as on a plain page, and so does a browser without constructable stylesheets
//    (the CSS then comes from its hashed file, not from embed.js).
// `node tests/e2e/contain.mjs --heights` prints fresh rows for src/loader.rs instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CSP, serve } from '../../.ci/serve.mjs';
import { launch, watchErrors } from './chromium.mjs';

const failures = [];
let passed = 0;
const fail = (m) => { failures.push(m); console.error(`  FAIL ${m}`); };
const pass = (m) => { passed++; console.log(`  ok   ${m}`); };
const check = (ok, m, detail = '') => (ok ? pass(m) : fail(detail ? `${m}: ${detail}` : m));
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    fail(`stopped: ${String(e && e.message || e).split('\n')[0]}`);
    console.log(`contain: ${passed} passed, ${failures.length} failed`);
    process.exit(1);
  });
}

mkdirSync('target/e2e', { recursive: true });
const CORE = JSON.parse(readFileSync('www/export/loader/loader.json', 'utf8'));
const server = await serve('www', 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

// Host pages made up for the test, served at /t/page.html with our CSP.
const page = (body, { css = '', head = '' } = {}) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>host</title>
<link rel="icon" href="/favicon.svg">${css ? `<link rel="stylesheet" href="/t/${css}">` : ''}${head}</head>
<body>${body}</body></html>`;
const SCRIPT = '<script src="/embed.js" defer></script>';
// A browser without constructable stylesheets: it gets the widget's CSS (otherwise inlined in
// embed.js) from the hashed file, through a <link> in the shadow root.
const noSheets = () => { delete ShadowRoot.prototype.adoptedStyleSheets; };

// A fresh context on a page: a host page made up here (`html`, at /t/page.html, with `csp`), or
// one of ours (`path`); page and console errors, and every request's path, collected.
async function open(html, { width = 1024, files = {}, init, route, dpr = 1, path = '/t/page.html', csp = CSP, scheme } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: dpr, ...(scheme ? { colorScheme: scheme } : {}) });
  context.setDefaultTimeout(15000);
  const p = await context.newPage();
  const problems = [];
  const requests = [];
  p.on('request', (r) => requests.push(new URL(r.url()).pathname));
  watchErrors(p, problems);
  const served = { 'page.html': html, ...files };
  await context.route(`${origin}/t/**`, (r) => {
    const name = new URL(r.request().url()).pathname.slice(3);
    if (!(name in served)) return r.fulfill({ status: 404, body: 'not found' });
    const type = name.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8';
    return r.fulfill({ status: 200, body: served[name], headers: { 'content-type': type, 'content-security-policy': csp } });
  });
  if (route) await route(context);
  if (init) await p.addInitScript(init);
  await p.goto(origin + path);
  return { page: p, context, problems, requests };
}

const mounted = (p, n, timeout = 15000) => p.waitForFunction((n) => document.querySelectorAll('[data-explainer][data-ready=true]').length >= n, n, { timeout });
const widgets = (p) => p.$$eval('[data-explainer]', (els) => els.map((e) => ({
  kind: e.dataset.explainer, ready: e.dataset.ready || null, error: e.dataset.error || null,
  busy: e.getAttribute('aria-busy'), sections: e.shadowRoot ? e.shadowRoot.querySelectorAll('section.sx').length : -1,
  text: e.shadowRoot ? e.shadowRoot.textContent.trim().slice(0, 200) : '',
  height: Math.round(e.getBoundingClientRect().height),
})));
// How two PNGs differ: the number of pixels whose colour differs by more than `tolerance` in any
// channel (anti-aliasing aside), and the box around them.
async function pixelDiff(a, b, tolerance = 48) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const out = await p.evaluate(async ({ a, b, tolerance }) => {
    const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const [ia, ib] = [await load(a), await load(b)];
    if (ia.width !== ib.width || ia.height !== ib.height) return { size: `${ia.width}x${ia.height} vs ${ib.width}x${ib.height}` };
    const px = (img) => {
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, img.width, img.height).data;
    };
    const [da, db] = [px(ia), px(ib)];
    let n = 0; let box = null;
    for (let i = 0; i < da.length; i += 4) {
      if (Math.max(Math.abs(da[i] - db[i]), Math.abs(da[i + 1] - db[i + 1]), Math.abs(da[i + 2] - db[i + 2])) <= tolerance) continue;
      n++;
      const x = (i / 4) % ia.width; const y = Math.floor(i / 4 / ia.width);
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    }
    return { n, box, total: ia.width * ia.height };
  }, { a: a.toString('base64'), b: b.toString('base64'), tolerance });
  await context.close();
  return out;
}

const heightOf = (kind, lang, width) => {
  const { from, step, rows } = CORE.heights;
  const row = rows[kind][lang];
  const at = Math.max(0, (width - from) / step);
  const i = Math.min(Math.floor(at), row.length - 1);
  const j = Math.min(i + 1, row.length - 1);
  return Math.round(row[i] + (row[j] - row[i]) * Math.min(1, at - i));
};

// Each kind's height at each measured width, on the iframe page (no margin: the widget's width
// is the viewport's).
async function measureHeights(widths) {
  const out = {};
  for (const { id } of CORE.kinds) {
    for (const lang of ['zh', 'en']) {
      const context = await browser.newContext({ viewport: { width: widths[0], height: 800 } });
      const p = await context.newPage();
      await p.goto(`${origin}/frame.html?explainer=${id}&lang=${lang}`);
      await mounted(p, 1);
      const row = [];
      for (const w of widths) {
        await p.setViewportSize({ width: w, height: 800 });
        await p.waitForTimeout(250);
        row.push(Math.round(await p.evaluate(() => document.getElementById('explainer').getBoundingClientRect().height)));
      }
      out[`${id} ${lang}`] = row;
      await context.close();
    }
  }
  return out;
}

if (process.argv.includes('--heights')) {
  const { from, step } = CORE.heights;
  const widths = Array.from({ length: 26 }, (_, i) => from + i * step);
  const rows = await measureHeights(widths);
  for (const [key, row] of Object.entries(rows)) {
    const [kind, lang] = key.split(' ');
    console.log(`    (\n        "${kind}",\n        Lang::${lang === 'zh' ? 'Zh' : 'En'},\n        [\n            ${row.slice(0, 14).join(', ')},\n            ${row.slice(14).join(', ')},\n        ],\n    ),`);
  }
  await browser.close();
  server.close();
  process.exit(0);
}

// 1. The reserved height is the real one, at widths the table measured (where it must be exact
// up to a few pixels of text rendering) and between them (where it interpolates).
{
  const { from, step } = CORE.heights;
  const widths = [from + step, 360, 412, from + 12 * step, 1024];
  const rows = await measureHeights(widths);
  for (const [key, row] of Object.entries(rows)) {
    const [kind, lang] = key.split(' ');
    const off = row.map((h, i) => {
      const w = widths[i];
      const sampled = (w - from) % step === 0;
      const want = heightOf(kind, lang, w);
      return { w, h, want, bad: Math.abs(h - want) > (sampled ? 8 : Math.max(24, want * 0.03)) };
    });
    check(!off.some((o) => o.bad), `heights: ${key} widget as tall as the loader reserves (${off.map((o) => `${o.w}px ${o.h}/${o.want}`).join(', ')})`,
      'the widget changed height: run `node tests/e2e/contain.mjs --heights` and paste the rows into src/loader.rs');
  }
}

// 2. The demo page does not jump while it loads: CLS at phone and desktop widths.
for (const width of [360, 1024]) {
  const { page: p, context } = await open('', {
    width, path: '/', init: () => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    },
  });
  await mounted(p, 2);
  await p.waitForTimeout(1000);
  const cls = await p.evaluate(() => window.__cls);
  check(cls <= 0.01, `CLS on the demo page at ${width}px: ${cls.toFixed(4)} (at most 0.01)`);
  await context.close();
}

// 3. While the wasm downloads: a placeholder with words, aria-busy and the reserved height.
{
  let release;
  const gate = new Promise((r) => { release = r; });
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="towns"></div>`), {
    width: 360,
    route: (c) => c.route('**/*.wasm', async (r) => { await gate; await r.continue(); }),
  });
  await p.waitForFunction(() => document.querySelector('[data-explainer][aria-busy=true]')?.shadowRoot?.firstElementChild);
  await p.waitForTimeout(300);
  const [w] = await widgets(p);
  const want = heightOf('towns', 'zh', await p.evaluate(() => document.querySelector('[data-explainer]').clientWidth));
  // (The towns box shows the widget's own top and its first chart, pre-rendered; see 3b.)
  check(w.busy === 'true' && (w.text.includes('正在载入') || w.text.startsWith('特色专业镇')) && Math.abs(w.height - want) <= 2,
    `while the wasm downloads: "${w.text.slice(0, 40)}…", aria-busy=${w.busy}, ${w.height}px reserved`, JSON.stringify(w));
  release();
  await mounted(p, 1);
  const [after] = await widgets(p);
  check(after.busy === null && after.sections === 1 && Math.abs(after.height - want) <= Math.max(24, want * 0.03),
    `then the widget takes the placeholder's place: aria-busy gone, ${after.height}px tall`, JSON.stringify(after));
  check(!problems.length, 'the slow load: no page or console errors', problems.join('; '));
  await context.close();
}

// 3a. The same placeholder in a browser without constructable stylesheets: styled by the
// widget's CSS all the same, from the hashed file through a <link> (see 9).
{
  let release;
  const gate = new Promise((r) => { release = r; });
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="towns"></div>`), {
    width: 360, init: noSheets,
    route: (c) => c.route('**/*.wasm', async (r) => { await gate; await r.continue(); }),
  });
  await p.waitForFunction(() => document.querySelector('[data-explainer][aria-busy=true]')?.shadowRoot?.querySelector('.wait'));
  await p.waitForTimeout(300);
  // The widget's stylesheet gives every .sx box a 3px top border.
  const styled = await p.evaluate(() => {
    const root = document.querySelector('[data-explainer]').shadowRoot;
    return { link: !!root.querySelector('link[rel=stylesheet]'), border: getComputedStyle(root.querySelector('.wait')).borderTopWidth };
  });
  check(styled.link && styled.border === '3px', 'no constructable stylesheets: the placeholder is styled by the widget\'s CSS (a <link>)',
    JSON.stringify(styled));
  release();
  await mounted(p, 1);
  check(!problems.length, 'no constructable stylesheets, slow load: no page or console errors', problems.join('; '));
  await context.close();
}

// 3b. The first chart pre-rendered at build time (sx_explainer::loader::prerender_*): painted by
// embed.js before the wasm arrives, at several device pixel ratios and both palettes; at a width
// the build did not cover, skipped. embed.js marks the canvas with the picture's name (data-pre),
// and the wasm, about to draw chart 1 on it, leaves the pixels as they are when it would draw the
// same picture. So, each case one way:
//  - 'same': the mark kept; the wasm takes over without a canvas call, and the pixels stay;
//  - 'repaint': the mark removed before the wasm arrives; the wasm draws the chart itself, with
//    the same pixels on the same spot (this is what makes the first way right);
//  - 'dark': the reader's palette turns dark before the wasm arrives; the wasm draws the chart
//    again, in the other palette.
for (const [width, dpr, scheme, path, mode] of [
  [412, 1, 'light', '/', 'repaint'], [412, 2.625, 'light', '/', 'repaint'], [360, 3, 'dark', '/', 'repaint'],
  [390, 2, 'light', '/frame.html?explainer=towns&lang=en', 'repaint'],
  [412, 2.625, 'light', '/', 'same'], [360, 3, 'dark', '/', 'same'], [390, 2, 'light', '/', 'dark'],
  [1280, 1, 'light', '/frame.html?explainer=towns', 'repaint'],
]) {
  const label = `pre-render at ${width}px, ratio ${dpr}, ${scheme}, ${path}${width > 780 ? '' : `, ${mode}`}`;
  let release;
  const gate = new Promise((r) => { release = r; });
  const { page: p, context, problems } = await open('', {
    width, dpr, scheme, path, route: (c) => c.route('**/*.wasm', async (r) => { await gate; await r.continue(); }),
  });
  const grab = () => p.evaluate(async () => {
    const host = document.querySelector('[data-explainer=towns]');
    const c = host.shadowRoot.querySelector('.plot canvas');
    if (!c || !c.width || c.width === 300) return null;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].slice(0, 8).map((b) => b.toString(16)).join('');
    const r = c.getBoundingClientRect();
    return { size: `${c.width}x${c.height}`, digest, at: `${Math.round(r.x)},${Math.round(r.y)}`, ready: host.dataset.ready || null, pre: c.dataset.pre ?? null, cssWidth: parseFloat(c.style.width) };
  });
  const before = await p.waitForFunction(() => performance.getEntriesByName('sx:first-chart').length > 0, null, { timeout: 4000 })
    .then(grab).catch(() => null);
  // From now on, every drawing call on the pre-rendered canvas is counted.
  await p.evaluate((mode) => {
    const c = document.querySelector('[data-explainer=towns]').shadowRoot.querySelector('.plot canvas');
    if (!c) return;
    c.preRendered = true;
    window.calls = 0;
    const P = CanvasRenderingContext2D.prototype;
    for (const name of ['fillRect', 'fillText', 'strokeText', 'stroke', 'fill', 'clearRect', 'arc', 'lineTo']) {
      const f = P[name];
      P[name] = function (...a) {
        if (this.canvas === c) window.calls++;
        return f.apply(this, a);
      };
    }
    if (mode === 'repaint') delete c.dataset.pre;
    // When chart 1's table goes in (the wasm holds it back from its mount to the chart's stage).
    window.tableAt = [];
    new MutationObserver((rs) => {
      for (const r of rs) for (const n of r.addedNodes) if (n.nodeType === 1 && (n.matches('table') || n.querySelector('table')) && n.closest?.('figure[data-chart=output]')) window.tableAt.push(performance.now());
    }).observe(document.querySelector('[data-explainer=towns]').shadowRoot, { childList: true, subtree: true });
  }, mode);
  if (mode === 'dark') await p.emulateMedia({ colorScheme: 'dark' });
  release();
  await mounted(p, 1);
  // The wasm's own take on chart 1 (it comes a task after the mount, onto the pre-rendered
  // canvas, which stands in until then).
  await p.waitForFunction(() => performance.getEntriesByName('sx:chart:output').length > 0, null, { timeout: 4000 });
  const after = await grab();
  const calls = await p.evaluate(() => window.calls);
  const table = await p.evaluate(() => {
    const root = document.querySelector('[data-explainer=towns]').shadowRoot;
    const mount = performance.getEntriesByName('sx:mount')[0]?.startTime;
    const stage = performance.getEntriesByName('sx:chart:output')[0]?.startTime;
    return { rows: root.querySelectorAll('figure[data-chart=output] .tbl tbody tr').length, at: window.tableAt, mount, stage };
  });
  if (width > 760 + 20) {
    check(!before, `${label}: wider than the build covers, no pre-render (the wasm draws the first chart)`);
  } else {
    check(before && !before.ready, `${label}: painted before the wasm (${before?.size})`, JSON.stringify(before));
    const lang = path.includes('lang=en') ? 'en' : 'zh';
    check(before?.pre === `output-${lang}-${scheme}-${before?.cssWidth}`,
      `${label}: the painted canvas is marked with the picture's name (${before?.pre})`, JSON.stringify(before));
    const same = before && after && before.digest === after.digest && before.size === after.size && before.at === after.at;
    if (mode === 'same') {
      check(same && calls === 0 && after.pre === null,
        `${label}: the wasm takes the painted chart over as it is: no canvas call, the same pixels on the same spot`,
        `${calls} calls; ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
    } else if (mode === 'repaint') {
      check(same && calls > 100,
        `${label}: drawn by the wasm (${calls} canvas calls), the chart has the same pixels on the same spot`,
        `${calls} calls; ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
    } else {
      check(before && after && calls > 100 && before.digest !== after.digest && before.at === after.at,
        `${label}: the palette changed before the wasm came, so the wasm draws the chart again (${calls} canvas calls)`,
        `${calls} calls; ${JSON.stringify(before)} then ${JSON.stringify(after)}`);
    }
    // Chart 1's table is there, whole, put in with the chart's stage, not with the mount (its
    // first layout then does not join the mount's).
    check(table.rows >= 5 && table.at.length === 1 && table.at[0] >= table.stage && table.stage > table.mount,
      `${label}: chart 1's table (${table.rows} rows) goes in with the chart's stage, a task after the mount`, JSON.stringify(table));
    // The pre-rendered canvas stood in for the wasm's (no new element, so nothing flashes), and
    // carries the wasm's attributes: its id, a Tab stop, its role and name.
    const canvas = await p.evaluate(() => {
      const c = document.querySelector('[data-explainer=towns]').shadowRoot.querySelector('.plot canvas');
      return { pre: c.preRendered === true, id: c.id, tab: c.getAttribute('tabindex'), role: c.getAttribute('role'), name: c.getAttribute('aria-label') };
    });
    check(canvas.pre && /^w\d+-output-c$/.test(canvas.id) && canvas.tab === '0' && canvas.role === 'application' && !!canvas.name,
      `${label}: the pre-rendered canvas stays, with the widget's id, Tab stop, role and name`, JSON.stringify(canvas));
    // The chart answers the keyboard from the wasm's layout (laid out, not drawn, in 'same'):
    // Home goes to the first mark, which is announced with its figure and shows its tooltip.
    await p.locator('[data-explainer=towns] canvas[data-chart=output]').focus();
    await p.keyboard.press('Home');
    const said = await p.evaluate(() => {
      const root = document.querySelector('[data-explainer=towns]').shadowRoot;
      return { say: root.querySelector('[id$="-output-say"]')?.textContent.trim(), tip: !!root.querySelector('[data-chart=output] .tip:not([hidden])') };
    });
    check(/\d/.test(said.say || '') && said.tip, `${label}: Home on the chart announces its first mark ("${(said.say || '').slice(0, 30)}…") and shows its tooltip`, JSON.stringify(said));
    // The wasm and its glue are requested only once the pre-rendered chart is painted.
    const order = await p.evaluate(() => {
      const first = performance.getEntriesByName('sx:first-chart')[0].startTime;
      const mod = performance.getEntriesByType('resource').filter((e) => /\/sx_explainer[^/]*\.(?:wasm|js)$/.test(new URL(e.name).pathname));
      return { first: Math.round(first), starts: mod.map((e) => Math.round(e.startTime)) };
    });
    check(order.starts.length === 2 && order.starts.every((t) => t >= order.first),
      `${label}: the glue and the wasm are fetched after the chart is painted (${order.first} ms; ${order.starts.join(', ')} ms)`, JSON.stringify(order));
  }
  check(!problems.length, `${label}: no page or console errors`, problems.join('; '));
  await context.close();
}

// 3c. While the paint list is on its way (held back here, as a slow network would), embed.js
// warms chart 1's fonts: the core's list of its fonts and characters (CORE.pre.warm) is measured
// once per font on the chart's canvas, one font per task. So every font the pre-render then
// draws in was measured before, in the same canvas font (the browser's cache key), with every
// character it draws.
for (const [path, lang] of [['/', 'zh'], ['/frame.html?explainer=towns&lang=en', 'en']]) {
  const label = `fonts warmed while the paint list is held back (${lang}, ratio 2.625)`;
  let arrived = null;
  const route = (c) => c.route('**/assets/pre.*/*.json', async (r) => {
    await new Promise((ok) => setTimeout(ok, 800));
    arrived = true;
    await r.continue();
  });
  const init = () => {
    window.fontLog = [];
    const P = CanvasRenderingContext2D.prototype;
    for (const name of ['measureText', 'fillText']) {
      const f = P[name];
      P[name] = function (text, ...a) {
        if (this.canvas.getRootNode().host?.dataset.explainer === 'towns' && !performance.getEntriesByName('sx:first-chart').length) {
          window.fontLog.push({ op: name, font: this.font, text: String(text), at: performance.now() });
        }
        return f.call(this, text, ...a);
      };
    }
  };
  const { page: p, context, problems } = await open('', { width: 412, dpr: 2.625, path, route, init });
  const marked = await p.waitForFunction(() => performance.getEntriesByName('sx:first-chart').length > 0, null, { timeout: 6000 })
    .then(() => true).catch(() => false);
  const log = await p.evaluate(() => window.fontLog);
  const warm = CORE.pre.warm.towns[lang];
  const measured = log.filter((e) => e.op === 'measureText');
  const drawn = log.filter((e) => e.op === 'fillText');
  const firstDraw = drawn.length ? drawn[0].at : Infinity;
  const fontsMeasured = new Set(measured.map((e) => e.font));
  check(marked && arrived && drawn.length > 0, `${label}: the chart is painted once the list comes`, `${drawn.length} texts`);
  check(measured.length === warm.fonts.length && fontsMeasured.size === warm.fonts.length && measured.every((e) => e.at < firstDraw && e.text === warm.text),
    `${label}: each of the core's ${warm.fonts.length} fonts measured once, with its text, before the first text is drawn`,
    JSON.stringify(measured.map((e) => e.font)));
  const cold = [...new Set(drawn.map((e) => e.font))].filter((f) => !fontsMeasured.has(f));
  const chars = new Set(measured.flatMap((e) => [...e.text]));
  const missing = [...new Set(drawn.flatMap((e) => [...e.text]))].filter((c) => !chars.has(c));
  check(!cold.length && !missing.length, `${label}: every font and character the pre-render draws was warmed`,
    `cold fonts ${JSON.stringify(cold)}, characters ${JSON.stringify(missing)}`);
  check(!problems.length, `${label}: no page or console errors`, problems.join('; '));
  await context.close();
}

// 3d. The paint list fails: blocked (an ad blocker, a dropped connection), missing (a partial
// deploy), answered with an error page or a body that is not a paint list, or stalled past the
// loader's wait (PRE_WAIT_MS). The box is never left blank or hidden: the wasm comes at once (or
// once the wait is over), mounts and draws chart 1 itself, and a list that arrives after the wasm
// took over paints nothing over the live chart.
for (const mode of ['blocked', 'missing', 'error page', 'not a paint list', 'stalled']) {
  const label = `paint list ${mode}`;
  let late = null;
  const route = (c) => c.route('**/assets/pre.*/*.json', async (r) => {
    if (mode === 'blocked') return r.abort('blockedbyclient');
    if (mode === 'missing') return r.fulfill({ status: 404, body: 'not found' });
    if (mode === 'error page') return r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>502 Bad Gateway</p>' });
    if (mode === 'not a paint list') return r.fulfill({ status: 200, contentType: 'application/json', body: '{"w":"wide","o":[[0,"x"],[7],null]}' });
    // Late, and in another background colour: painted over the live chart, it would show.
    const list = await (await r.fetch()).json();
    list.bg = [255, 0, 0];
    await new Promise((ok) => setTimeout(ok, 4000));
    late = true;
    return r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) });
  });
  const { page: p, context, problems } = await open('', { width: 412, dpr: 2, path: '/', route });
  const ready = await mounted(p, 2, 10000).then(() => true).catch(() => false);
  await p.waitForFunction(() => performance.getEntriesByName('sx:chart:output').length > 0, null, { timeout: 4000 }).catch(() => {});
  const look = () => p.evaluate(async () => {
    const c = document.querySelector('[data-explainer=towns]').shadowRoot.querySelector('.plot canvas');
    if (!c || !c.width) return { none: true };
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 || data[i + 1] < 128 || data[i + 2] < 128) ink++;
    const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))].slice(0, 8).map((b) => b.toString(16)).join('');
    const t = (n) => Math.round(performance.getEntriesByName(n)[0]?.startTime ?? -1);
    const wasm = performance.getEntriesByType('resource').find((e) => /\.wasm$/.test(new URL(e.name).pathname));
    const embed = performance.getEntriesByType('resource').find((e) => /\/embed\.js$/.test(new URL(e.name).pathname));
    return {
      ink, digest, hidden: getComputedStyle(c).visibility === 'hidden', size: `${c.width}x${c.height}`,
      first: t('sx:first-chart'), drawn: t('sx:chart:output'),
      wasmAfter: wasm && embed ? Math.round(wasm.startTime - embed.responseEnd) : null,
    };
  });
  const seen = await look();
  check(ready && !seen.none && !seen.hidden && seen.ink > 2000 && seen.drawn > 0,
    `${label}: the widgets mount and the wasm draws chart 1 itself (${seen.ink} dark pixels)`, JSON.stringify(seen));
  check(seen.first > 0 && seen.first >= seen.drawn - 1,
    `${label}: sx:first-chart marks the wasm's chart (${seen.first} ms)`, JSON.stringify(seen));
  // Pre-rendering gives up after PRE_WAIT_MS (1.5 s) at most; failing fast, it waits for nothing.
  const wait = mode === 'stalled' ? 1500 + 400 : 400;
  check(seen.wasmAfter !== null && seen.wasmAfter < wait,
    `${label}: the wasm is requested ${seen.wasmAfter} ms after embed.js arrived (under ${wait} ms)`, JSON.stringify(seen));
  if (mode === 'stalled') {
    await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/assets\/pre\.[^/]+\/[^/]+\.json$/.test(new URL(e.name).pathname) && e.responseEnd > 0), null, { timeout: 8000 }).catch(() => {});
    await p.waitForTimeout(300);
    const after = await look();
    check(late && after.digest === seen.digest && !after.hidden,
      `${label}: the list that arrives after the wasm took over paints nothing over the live chart`, `${JSON.stringify(seen)} then ${JSON.stringify(after)}`);
  }
  // The browser reports the failed request itself (as a console error); nothing else may.
  const others = problems.filter((m) => !/Failed to load resource/.test(m));
  check(!others.length, `${label}: no page or console errors beyond the failed request`, others.join('; '));
  await context.close();
}

// 4. The wasm blocked: words, the figures as text, Retry within 3 s; Retry after unblocking mounts.
{
  let blocked = true;
  const { page: p, context, problems, requests } = await open(
    page(`${SCRIPT}<div data-explainer="towns"></div><div data-explainer="rest-trip" data-lang="en"></div>`), {
      route: (c) => c.route('**/*.wasm', (r) => (blocked ? r.abort('blockedbyclient') : r.continue())),
    });
  const t0 = Date.now();
  await p.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')].every((e) => e.dataset.error), null, { timeout: 3000 })
    .catch(() => {});
  const ws = await widgets(p);
  const took = Date.now() - t0;
  check(ws.every((w) => w.error && w.busy === null && w.text.length > 40) && took < 3000,
    `wasm blocked: every box says so within 3 s (${took} ms): "${ws[0].text.slice(0, 40)}…" / "${ws[1].text.slice(0, 40)}…"`, JSON.stringify(ws));
  await p.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')].every((e) => e.shadowRoot.querySelector('.figures table, .figures li')), null, { timeout: 3000 })
    .then(() => pass('wasm blocked: the figures as text in each box (the towns tables, the rest-trip rules)'))
    .catch(() => fail('wasm blocked: no figures as text'));
  const figures = await p.evaluate(() => document.querySelector('[data-explainer=towns]').shadowRoot.querySelector('.figures').textContent);
  check(figures.includes('410.5亿元') && figures.includes('18.2%'), 'wasm blocked: the towns box lists 410.5亿元 and 18.2%');
  // The reason in the reader's words (the core's), the browser's own message in data-error.
  const said = await p.$$eval('[data-explainer]', (els) => els.map((e) => e.shadowRoot.querySelector('[role=alert]')?.textContent || ''));
  check(said[0].includes(CORE.words.zh.why_network) && said[1].includes(CORE.words.en.why_network) && ws.every((w) => /fetch/i.test(w.error)),
    `wasm blocked: the reason in plain words ("${said[0].slice(0, 30)}…"), the browser's message in data-error ("${ws[0].error}")`, JSON.stringify(said));
  const retries = await p.$$eval('[data-explainer]', (els) => els.map((e) => e.shadowRoot.querySelector('button.retry')?.textContent));
  check(retries.every((t) => t && t.includes('Retry')), `wasm blocked: a Retry button in each box (${retries.join(' | ')})`);
  blocked = false;
  await p.locator('[data-explainer=towns] button.retry').click();
  await mounted(p, 2).then(() => pass('network back: Retry mounts both widgets'))
    .catch(async () => fail(`network back: Retry did not mount: ${JSON.stringify(await widgets(p))}`));
  const after = await widgets(p);
  check(after.every((w) => !w.error && w.sections === 1), 'network back: no data-error left, one widget each', JSON.stringify(after));
  check(requests.filter((r) => r.endsWith('.wasm')).length >= 2, 'Retry fetched the wasm again');
  const unexpected = problems.filter((m) => !/explainer: loading failed|Failed to fetch|ERR_BLOCKED_BY_CLIENT|TypeError/.test(m));
  check(!unexpected.length, 'wasm blocked: no errors but the failed load itself', unexpected.join('; '));
  await context.close();
}

// 4b. Failures Retry cannot mend: a browser with WebAssembly turned off (iPhone's Lockdown Mode)
// and a host page whose CSP lacks 'wasm-unsafe-eval'. Each box says which, in the reader's
// language, with the figures as text and no Retry button (it would fail again); without
// WebAssembly, the glue and the wasm are not even downloaded.
for (const [label, word, opts] of [
  ['WebAssembly turned off', 'why_no_wasm', { init: () => { delete window.WebAssembly; } }],
  ["a host CSP without 'wasm-unsafe-eval'", 'why_csp', { csp: CSP.replace(" 'wasm-unsafe-eval'", '') }],
]) {
  const { page: p, context, problems, requests } = await open(
    page(`${SCRIPT}<div data-explainer="towns"></div><div data-explainer="rest-trip" data-lang="en"></div>`), { width: 412, ...opts });
  const failed = await p.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')].every((e) => e.dataset.error && e.shadowRoot.querySelector('.figures table, .figures li')), null, { timeout: 6000 })
    .then(() => true).catch(() => false);
  const boxes = await p.$$eval('[data-explainer]', (els) => els.map((e) => ({
    said: e.shadowRoot.querySelector('[role=alert]')?.textContent || '', retry: !!e.shadowRoot.querySelector('button.retry'),
    busy: e.getAttribute('aria-busy'), error: e.dataset.error,
  })));
  check(failed && boxes[0].said.includes(CORE.words.zh[word]) && boxes[1].said.includes(CORE.words.en[word]) && boxes.every((b) => !b.retry && b.busy === null),
    `${label}: each box says why in its language ("${boxes[0]?.said.slice(0, 40)}…"), with the figures as text and no Retry`, JSON.stringify(boxes));
  if (opts.init) {
    const heavy = requests.filter((r) => /\.wasm$|\/sx_explainer\.[0-9a-f]+\.js$/.test(r));
    check(!heavy.length, `${label}: neither the glue nor the wasm is downloaded`, heavy.join(', '));
  }
  const unexpected = problems.filter((m) => !/explainer: loading failed|Content Security Policy|unsafe-eval/.test(m));
  check(!unexpected.length, `${label}: no errors but the loader's own report`, unexpected.join('; '));
  await context.close();
}

// 5. The snippet pasted twice, and an embed added after load.
{
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="towns"></div>${SCRIPT}
<div data-explainer="rest-trip"></div><div data-explainer="rest-trip"></div>${SCRIPT}`));
  await mounted(p, 3);
  await p.waitForTimeout(500);
  const ws = await widgets(p);
  const mounts = await p.evaluate(() => performance.getEntriesByName('sx:mount').length);
  check(ws.every((w) => w.sections === 1) && mounts === 3, `snippet pasted three times: each of 3 embeds has one widget (${mounts} mounts)`, JSON.stringify(ws));
  await p.evaluate(() => {
    const d = document.createElement('div');
    d.innerHTML = '<p>later</p><div data-explainer="towns" data-lang="en"></div>';
    document.body.append(d);
  });
  await mounted(p, 4, 5000).then(() => pass('an embed added after load mounts by itself'))
    .catch(async () => fail(`an embed added after load stayed blank: ${JSON.stringify(await widgets(p))}`));
  // Removed, it is released; put back, it mounts again.
  const again = await p.evaluate(async () => {
    const el = document.querySelector('[data-lang=en]');
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    const released = !el.shadowRoot.querySelector('section.sx');
    document.body.append(el);
    await new Promise((r) => setTimeout(r, 300));
    return { released, back: el.shadowRoot.querySelectorAll('section.sx').length };
  });
  check(again.released && again.back === 1, `an embed removed is released, and mounts again when put back (${JSON.stringify(again)})`);
  check(!problems.length, 'pasted twice, late embed: no page or console errors', problems.join('; '));
  await context.close();
}

// 6. An unknown name and an element that cannot hold a shadow root: words, nothing heavy loaded.
{
  const { page: p, context, problems, requests } = await open(page(`${SCRIPT}<div data-explainer="townz"></div>
<a data-explainer="towns" href="#x">link</a>`));
  await p.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')].every((e) => e.dataset.error));
  await p.waitForTimeout(300);
  const box = await p.evaluate(() => {
    const el = document.querySelector('[data-explainer=townz]');
    return { text: el.shadowRoot.textContent, height: el.getBoundingClientRect().height, error: el.dataset.error };
  });
  check(box.text.includes('townz') && box.text.includes('rest-trip') && box.height > 20,
    `unknown name: the box says "${box.text.slice(0, 50)}…" (${Math.round(box.height)}px)`);
  const note = await p.evaluate(() => document.querySelector('a[data-explainer]').nextElementSibling?.textContent || '');
  check(note.includes('<div>'), `an <a> that cannot hold a shadow root: a note beside it: "${note.slice(0, 40)}…"`);
  const heavy = requests.filter((r) => /\.(wasm)$|sx_explainer\.[0-9a-f]+\.js$/.test(r));
  check(!heavy.length, 'unknown name: no glue or wasm downloaded', heavy.join(', '));
  check(problems.every((m) => m.includes('explainer:')), 'unknown name: only the loader\'s own console message', problems.join('; '));
  await context.close();
}

// 7. No navigator.clipboard (a plain-http page, some in-app browsers): Copy link, then 120 people.
{
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="rest-trip"></div>`), {
    init: () => { delete Navigator.prototype.clipboard; },
  });
  await mounted(p, 1);
  const host = p.locator('[data-explainer=rest-trip]');
  await host.locator('[data-act=copy]').click();
  const hint = await host.locator('[id$="-copied"]').textContent();
  const selected = await p.evaluate(() => {
    const root = document.querySelector('[data-explainer=rest-trip]').shadowRoot;
    const input = root.querySelector('.share input');
    return root.activeElement === input && input.selectionStart === 0 && input.selectionEnd === input.value.length;
  });
  check(hint.includes('Ctrl+C') && selected, `no clipboard: "Copy link" selects the link and says "${hint.trim()}"`);
  await host.locator('[data-f="batches.0.participants"]').fill('120');
  const v = await host.locator('.verdict').textContent();
  check(v.includes('超出一般标准'), `no clipboard: then 120 people → "${v.trim().slice(0, 30)}"`);
  check(!problems.length, 'no clipboard: no page or console errors', problems.join('; '));
  await context.close();
}

// 7b. Browser APIs the widget can do without, each taken away in turn: requestIdleCallback (not in
// Safari: the parts after the first then go in after zero timeouts), ResizeObserver (browsers
// before 2020: the window's resize event stands in), WebAssembly.instantiateStreaming (the glue
// then compiles the downloaded bytes) and matchMedia. Each time, both widgets mount, every towns
// chart is drawn, the form answers, and a wider window lays the charts out anew.
for (const [api, take] of [
  ['requestIdleCallback', () => { delete window.requestIdleCallback; delete window.cancelIdleCallback; }],
  ['ResizeObserver', () => { delete window.ResizeObserver; }],
  ['WebAssembly.instantiateStreaming', () => { delete WebAssembly.instantiateStreaming; }],
  ['matchMedia', () => { delete window.matchMedia; }],
]) {
  const label = `without ${api}`;
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="towns"></div><div data-explainer="rest-trip"></div>`), {
    width: 360, init: take,
  });
  const gone = await p.evaluate((api) => api.split('.').reduce((o, k) => o?.[k], window) === undefined, api);
  const ready = await mounted(p, 2).then(() => true).catch(() => false);
  const charts = () => p.evaluate(() => [...document.querySelector('[data-explainer=towns]').shadowRoot.querySelectorAll('figure.chart canvas')].map((c) => {
    if (!c.width || !c.height) return { w: 0, ink: 0 };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 16) if (d[i] < 128 || d[i + 1] < 128 || d[i + 2] < 128) ink++;
    return { w: Math.round(c.getBoundingClientRect().width), ink };
  }));
  await p.waitForFunction(() => {
    const cs = [...document.querySelector('[data-explainer=towns]')?.shadowRoot?.querySelectorAll('figure.chart canvas') ?? []];
    return cs.length === 6 && cs.every((c) => c.width > 0);
  }, null, { timeout: 8000 }).catch(() => {});
  await p.waitForTimeout(600);
  const narrow = await charts();
  check(gone && ready && narrow.length === 6 && narrow.every((c) => c.ink > 200),
    `${label}: both widgets mount and all ${narrow.length} towns charts are drawn`, JSON.stringify({ gone, ready, narrow }));
  const host = p.locator('[data-explainer=rest-trip]');
  await host.locator('[data-f="batches.0.participants"]').fill('120');
  const v = (await host.locator('.verdict').textContent()).trim();
  check(v.includes('超出一般标准'), `${label}: the form answers (120 people → "${v.slice(0, 24)}")`);
  await p.setViewportSize({ width: 720, height: 900 });
  await p.waitForTimeout(800);
  const wide = await charts();
  check(wide.length === 6 && wide.every((c, i) => c.w > narrow[i].w + 200 && c.ink > 200),
    `${label}: at 720 px the charts are laid out anew (chart 1 ${narrow[0]?.w} → ${wide[0]?.w} px wide)`, JSON.stringify(wide));
  check(!problems.length, `${label}: no page or console errors`, problems.join('; '));
  await context.close();
}

// 8. Two rest-trip widgets keep separate plans, also across a reload.
{
  const { page: p, context, problems } = await open(page(`${SCRIPT}<div data-explainer="rest-trip"></div><div data-explainer="rest-trip"></div>`));
  await mounted(p, 2);
  const field = (i) => p.locator('[data-explainer=rest-trip]').nth(i).locator('[data-f="batches.0.participants"]');
  await field(0).fill('77');
  await field(1).fill('66');
  await p.waitForTimeout(900);
  await p.reload();
  await mounted(p, 2);
  const values = [await field(0).inputValue(), await field(1).inputValue()];
  check(values[0] === '77' && values[1] === '66', `two rest-trip widgets: separate plans after a reload (${values.join(', ')})`);
  check(!problems.length, 'two rest-trip widgets: no page or console errors', problems.join('; '));
  await context.close();
}

// 9. Hostile host CSS: the widget's pixels as on a plain page.
{
  const HOSTILE = `* { all: unset; }
html { direction: rtl; letter-spacing: 3px; word-spacing: 9px; text-transform: uppercase; text-indent: 5em;
  font-style: italic; line-height: 3; font-size: 22px; text-align: center; white-space: pre; }
body { writing-mode: horizontal-tb; text-shadow: 2px 2px red; font-weight: 900; }
div { color: red; }`;
  // The same place on both pages (`all: unset` would show the <head>'s text above the embed, and
  // below-the-fold charts are laid out as they near the screen).
  const LAYOUT = 'head { display: none !important; } body { margin: 0 !important; }\n' +
    '[data-explainer] { display: block !important; width: 600px !important; margin: 0 !important; }';
  const shots = {};
  for (const [name, css, init] of [['plain', LAYOUT], ['hostile', `${HOSTILE}\n${LAYOUT}`], ['no constructable stylesheets', LAYOUT, noSheets]]) {
    const { page: p, context, problems, requests } = await open(page(`${SCRIPT}<div data-explainer="towns"></div>`, { css: 'host.css' }), {
      files: { 'host.css': css }, init,
    });
    await mounted(p, 1);
    await p.waitForTimeout(500);
    shots[name] = {
      canvases: await p.evaluate(async () => {
        const root = document.querySelector('[data-explainer]').shadowRoot;
        const out = [];
        for (const c of root.querySelectorAll('canvas')) {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          const digest = await crypto.subtle.digest('SHA-256', data);
          out.push(`${c.width}x${c.height}:${[...new Uint8Array(digest)].slice(0, 6).map((b) => b.toString(16)).join('')}`);
        }
        return out;
      }),
      png: await p.locator('[data-explainer]').screenshot(),
      problems,
      css: requests.filter((r) => /^\/assets\/explainer\.[0-9a-f]{12}\.css$/.test(r)),
      link: await p.evaluate(() => !!document.querySelector('[data-explainer]').shadowRoot.querySelector('link[rel=stylesheet]')),
    };
    await context.close();
  }
  const { plain, hostile } = shots;
  const same = plain.canvases.length > 0 && plain.canvases.join() === hostile.canvases.join();
  check(same, `hostile host CSS: all ${plain.canvases.length} canvases draw the same pixels as on a plain page`,
    `${plain.canvases.join(' ')} vs ${hostile.canvases.join(' ')}`);
  writeFileSync('target/e2e/contain-plain.png', plain.png);
  writeFileSync('target/e2e/contain-hostile.png', hostile.png);
  const diff = await pixelDiff(plain.png, hostile.png);
  check(diff.n === 0, `hostile host CSS: the whole widget looks the same as on a plain page (${diff.total} pixels compared)`,
    `${JSON.stringify(diff)}; compare target/e2e/contain-plain.png and contain-hostile.png`);
  check(!plain.problems.length && !hostile.problems.length, 'hostile host CSS: no page or console errors',
    [...plain.problems, ...hostile.problems].join('; '));
  const linked = shots['no constructable stylesheets'];
  check(!plain.css.length && !plain.link, 'the widget\'s CSS comes inlined in embed.js: no CSS file fetched, no <link>', plain.css.join(' '));
  check(linked.link && linked.css.length === 1, 'no constructable stylesheets: the hashed CSS file through a <link> in the shadow root',
    JSON.stringify({ link: linked.link, css: linked.css }));
  const linkedDiff = await pixelDiff(plain.png, linked.png);
  check(linkedDiff.n === 0 && !linked.problems.length,
    `no constructable stylesheets: the widget looks the same (${linkedDiff.total} pixels compared), no errors`,
    `${JSON.stringify(linkedDiff)}; ${linked.problems.join('; ')}`);
}

await browser.close();
server.close();
console.log(`contain: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
