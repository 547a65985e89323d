// End-to-end check of the RELEASE build of www/ in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; nothing downloads a browser). Serves www/ with a strict CSP header,
// loads the demo article at phone and desktop widths, and fails on any page error, console error,
// failed request, request to another host, CSP violation, or widget that did not mount. Then it
// drives the rest-trip form, walks the controls by keyboard, reloads a share link, downloads the
// image and the data, checks the iframe embed's height messages and the editors' page.
// Screenshots (the pages and every chart at 360 and 1024 px) go to target/e2e/.
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { serve } from '../../.ci/serve.mjs';
import { launch, watchErrors } from './chromium.mjs';

const failures = [];
const fail = (msg) => { failures.push(msg); console.error(`  FAIL ${msg}`); };
let passed = 0;
const pass = (msg) => { passed++; console.log(`  ok   ${msg}`); };
// A step that throws (a widget that never mounted, a control that never appeared) ends the run
// as a failure with the count, not as a stack trace alone.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    fail(`stopped: ${String(e && e.message || e).split('\n')[0]}`);
    console.log(`e2e: ${passed} passed, ${failures.length} failed`);
    process.exit(1);
  });
}

const server = await serve('www', 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
await mkdir('target/e2e', { recursive: true });

async function openPage(width, path = '/', site = origin) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 2, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  watchErrors(page, problems);
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== site) problems.push(`request to another host: ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation',
      (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    window.__messages = [];
    addEventListener('message', (e) => window.__messages.push(e.data));
  });
  await page.goto(site + path);
  return { page, context, problems, requests };
}

async function waitMounted(page, label) {
  const hosts = await page.locator('[data-explainer]').count();
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')]
      .every((e) => e.dataset.ready === 'true'), null, { timeout: 20000 });
    pass(`${label}: all ${hosts} widgets mounted (data-ready="true")`);
  } catch {
    const states = await page.$$eval('[data-explainer]', (els) =>
      els.map((e) => `${e.dataset.explainer}:${e.dataset.ready || 'not ready'}${e.dataset.error ? ' ' + e.dataset.error : ''}`));
    fail(`${label}: widgets did not mount: ${states.join(', ')}`);
  }
  return hosts;
}


const rest = (page) => page.locator('[data-explainer=rest-trip]').first();
const verdictText = (page) => rest(page).locator('.verdict').textContent();

// Change the people of the first batch to 120: the verdict must turn to "does not meet" with the
// batch-size line; back to 90: it meets again. A bad value gets a message next to the field.
async function restTripForm(page, label) {
  const people = rest(page).locator('[data-f="batches.0.participants"]');
  await people.fill('120');
  let v = await verdictText(page);
  if (!v.includes('超出一般标准')) fail(`${label}: 120 people did not fail the batch-size rule: ${v}`);
  else pass(`${label}: 120 people → "${v.trim().slice(0, 40)}"`);
  const line = await rest(page).locator('.checks .s-fail').first().textContent().catch(() => '');
  if (!line.includes('100')) fail(`${label}: no failing line naming the limit of 100: ${line}`);
  await people.fill('abc');
  const invalid = await people.getAttribute('aria-invalid');
  const errId = await people.getAttribute('aria-describedby');
  const err = errId ? await rest(page).locator(`[id="${errId}"]`).textContent() : '';
  if (!err || invalid !== 'true') fail(`${label}: no error next to the field for "abc" (${err}, aria-invalid=${invalid})`);
  else pass(`${label}: "abc" → message next to the field: ${err}`);
  await people.fill('90');
  v = await verdictText(page);
  if (!v.includes('未超出所列标准') || v.includes('超出一般标准')) fail(`${label}: 90 people should meet the rules: ${v}`);
  else pass(`${label}: fixed to 90 → meets again`);
}

// Tab through the page: every kind of control must be reachable by keyboard alone.
async function keyboard(page, label) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const seen = new Set();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const d = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el) return '';
      const visible = getComputedStyle(el).outlineStyle !== 'none' || el.matches(':focus-visible');
      return `${el.dataset.act || el.dataset.f || el.tagName.toLowerCase()}${visible ? '' : ' (no visible focus)'}`;
    });
    if (d && !d.startsWith('body')) seen.add(d.replace(/\.\d+\./g, '.N.'));
  }
  const want = ['lang', 'growth', 'annualise', 'table', 'png', 'csv', 'batches.N.participants', 'batches.N.start',
    'dup-batch', 'add-batch', 'copy', 'who.age'];
  const missing = want.filter((w) => ![...seen].some((s) => s === w || s.startsWith(w + ' ')));
  if (missing.length) fail(`${label}: not reachable by Tab: ${missing.join(', ')}`);
  else pass(`${label}: every kind of control reachable by Tab (${seen.size} kinds)`);
  const invisible = [...seen].filter((s) => s.includes('no visible focus'));
  if (invisible.length) fail(`${label}: focus not visible on ${invisible.join(', ')}`);
}

async function downloads(page, label) {
  const towns = page.locator('[data-explainer=towns]');
  const [png] = await Promise.all([page.waitForEvent('download'), towns.locator('button[data-act=png]').first().click()]);
  const pngPath = `target/e2e/download-${png.suggestedFilename()}`;
  await png.saveAs(pngPath);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(pngPath);
  const w = bytes.readUInt32BE(16);
  const cssW = await towns.locator('canvas').first().evaluate((c) => c.getBoundingClientRect().width);
  if (!png.suggestedFilename().endsWith('.png') || Math.abs(w - 2 * cssW) > 2) fail(`${label}: PNG ${png.suggestedFilename()} ${w}px wide for ${cssW} CSS px`);
  else pass(`${label}: download image ${png.suggestedFilename()} at 2x (${w}px)`);
  const [csv] = await Promise.all([page.waitForEvent('download'), towns.locator('button[data-act=csv]').first().click()]);
  const csvPath = `target/e2e/download-${csv.suggestedFilename()}`;
  await csv.saveAs(csvPath);
  const text = await readFile(csvPath, 'utf8');
  if (csv.suggestedFilename() !== 'shanxi-specialty-towns-2023.csv' || !text.startsWith('\uFEFF') || !text.includes('410.5')) {
    fail(`${label}: CSV download ${csv.suggestedFilename()} (${text.length} chars)`);
  } else pass(`${label}: get the data → ${csv.suggestedFilename()} with BOM`);
}

// Hover over the middle of the first chart's bars until a tooltip shows.
async function tooltip(page, label) {
  const canvas = page.locator('[data-explainer=towns] canvas').first();
  const box = await canvas.boundingBox();
  let tip = '';
  for (let x = 0.1; x < 0.95 && !tip; x += 0.04) {
    await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.7);
    tip = await page.locator('[data-explainer=towns] .tip:not([hidden])').first().textContent({ timeout: 100 }).catch(() => '');
  }
  if (!tip) fail(`${label}: no tooltip over the first chart`);
  else pass(`${label}: tooltip "${tip.slice(0, 50)}"`);
}

// The URL carries the plan: a fresh page opened on it shows the same plan and verdict.
async function shareLink(context, page, label) {
  await rest(page).locator('[data-f="batches.0.participants"]').fill('130');
  // The address bar follows the plan once the reader pauses (300 ms).
  await page.waitForFunction(() => location.hash.includes('plan='), null, { timeout: 3000 }).catch(() => {});
  await page.waitForTimeout(400);
  const url = await page.evaluate(() => location.href);
  if (!url.includes('#plan=')) { fail(`${label}: the plan is not in the URL: ${url}`); return; }
  const link = await rest(page).locator('.share input').inputValue();
  if (link !== url) fail(`${label}: the share box shows ${link}, the URL is ${url}`);
  const again = await context.newPage();
  await again.goto(url);
  await again.waitForFunction(() => document.querySelector('[data-explainer=rest-trip]')?.dataset.ready === 'true');
  const value = await rest(again).locator('[data-f="batches.0.participants"]').inputValue();
  const v = await verdictText(again);
  if (value !== '130' || !v.includes('超出一般标准')) fail(`${label}: reloading the share link gave ${value} people, "${v}"`);
  else pass(`${label}: the share link reproduces the plan (${url.length} characters)`);
  // A broken link falls back to the example with a message.
  await again.goto(`${origin}/#plan=%%%broken`);
  await again.reload();
  await again.waitForFunction(() => document.querySelector('[data-explainer=rest-trip]')?.dataset.ready === 'true');
  const notice = await rest(again).locator('.notice').textContent().catch(() => '');
  if (!notice) fail(`${label}: a broken share link shows no message`);
  else pass(`${label}: a broken share link → "${notice.slice(0, 30)}…"`);
  await again.close();
}

for (const width of [360, 1024]) {
  const label = `index.html at ${width}px`;
  const { page, context, problems } = await openPage(width);
  const hosts = await waitMounted(page, label);
  await page.waitForTimeout(400);
  if (hosts < 2) fail(`${label}: expected both embeds, found ${hosts}`);
  // Every canvas has a backing store sized by devicePixelRatio and has something drawn on it.
  const canvases = await page.evaluate(() => [...document.querySelectorAll('[data-explainer]')]
    .flatMap((h) => [...(h.shadowRoot?.querySelectorAll('canvas') || [])]).map((c) => {
      const ctx = c.getContext('2d');
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
      return { w: c.width, cssW: c.getBoundingClientRect().width, ink, hidden: c.hidden, chart: c.dataset.chart };
    }));
  if (!canvases.length) fail(`${label}: no chart canvas`);
  for (const c of canvases.filter((c) => c.hidden)) fail(`${label}: chart ${c.chart} could not be drawn (its table is shown instead)`);
  for (const c of canvases.filter((c) => !c.hidden)) {
    if (Math.abs(c.w - 2 * c.cssW) > 2) fail(`${label}: canvas backing store ${c.w}px for ${c.cssW} CSS px at DPR 2`);
    if (c.ink < 500) fail(`${label}: a canvas is blank (${c.ink} inked pixels)`);
  }
  if (canvases.length) pass(`${label}: ${canvases.filter((c) => !c.hidden).length} of ${canvases.length} canvases drawn at DPR 2`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail(`${label}: page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `target/e2e/index-${width}.png`, fullPage: true });
  // Every chart on its own, as a reader sees it.
  const figures = page.locator('[data-explainer] figure.chart');
  const nFig = await figures.count();
  for (let i = 0; i < nFig; i++) {
    const slug = await figures.nth(i).getAttribute('data-chart');
    await figures.nth(i).screenshot({ path: `target/e2e/chart-${slug}-${width}.png` });
  }
  pass(`${label}: ${nFig} chart screenshots in target/e2e/`);
  await restTripForm(page, label);
  if (width === 360) {
    await keyboard(page, label);
    await downloads(page, label);
    await tooltip(page, label);
    await shareLink(context, page, label);
  }
  for (const p of problems) fail(`${label}: ${p}`);
  if (!problems.length) pass(`${label}: no page errors, console errors, failed or foreign requests`);
  await context.close();
}

// The iframe embed and the editors' page: the frame reports its height in the three formats, the
// parent resizes it, it never scrolls inside; the copy button works; the page does not scroll
// sideways at 360 px.
for (const width of [360, 1024]) {
  const label = `embed.html at ${width}px`;
  const { page, context, problems } = await openPage(width, '/embed.html');
  const frame = page.frameLocator('iframe');
  try {
    await page.waitForFunction(() => window.__messages.some((m) => m && m['datawrapper-height'])
      && window.__messages.some((m) => typeof m === 'string' && m.startsWith('pymxPYMx') && m.includes('xPYMxheightxPYMx'))
      && window.__messages.some((m) => m && m.sentinel === 'amp' && m.type === 'embed-size' && m.height > 0), null, { timeout: 20000 });
    pass(`${label}: frame.html posts its height (Datawrapper, pym.js, AMP)`);
  } catch {
    fail(`${label}: frame.html height messages missing: ${JSON.stringify(await page.evaluate(() => window.__messages)).slice(0, 300)}`);
  }
  await frame.locator('[data-explainer]').waitFor();
  await page.waitForTimeout(600);
  const fit = await page.evaluate(() => {
    const f = document.querySelector('iframe');
    const d = f.contentDocument.documentElement;
    return { frame: f.getBoundingClientRect().height, content: d.scrollHeight, inner: f.contentWindow.innerHeight,
      sideways: d.scrollWidth - f.contentWindow.innerWidth };
  });
  if (Math.abs(fit.frame - fit.content) > 2 || fit.content > fit.inner + 1 || fit.sideways > 0) fail(`${label}: the frame scrolls: ${JSON.stringify(fit)}`);
  else pass(`${label}: the frame is as tall as its content (${fit.frame}px), no scrolling inside`);
  await page.locator('button[data-copy=snippet-script]').click();
  await page.waitForFunction(() => document.getElementById('snippet-script-status').textContent, null, { timeout: 5000 }).catch(() => {});
  const status = await page.locator('#snippet-script-status').textContent();
  if (!status) fail(`${label}: the copy button did nothing`);
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
  if (copied && !copied.includes('data-explainer')) fail(`${label}: copied "${copied}"`);
  else pass(`${label}: copy button → "${status}"`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail(`${label}: page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `target/e2e/embed-${width}.png`, fullPage: true });
  for (const p of problems) fail(`${label}: ${p}`);
  if (!problems.length) pass(`${label}: no page errors, console errors, failed or foreign requests`);
  await context.close();
}
{
  const label = 'frame.html?explainer=rest-trip&lang=en';
  const { page, context, problems } = await openPage(360, '/frame.html?explainer=rest-trip&lang=en&theme=dark');
  await waitMounted(page, label);
  const v = await verdictText(page);
  if (!v.includes('Within every limit listed')) fail(`${label}: verdict "${v}"`);
  else pass(`${label}: mounts in English: "${v.trim().slice(0, 40)}"`);
  await page.screenshot({ path: 'target/e2e/frame-rest-trip-en-dark-360.png', fullPage: true });
  for (const p of problems) fail(`${label}: ${p}`);
  await context.close();
}
// A page with only the towns embed loads the smaller towns-only build (www/pkg-towns/), never the
// full one; a page with a rest-trip embed loads the full build only.
for (const [path, want, avoid] of [['/frame.html?explainer=towns', 'pkg-towns/', 'pkg/'], ['/frame.html?explainer=rest-trip', 'pkg/', 'pkg-towns/']]) {
  const label = path;
  const { page, context, problems, requests } = await openPage(360, path);
  await waitMounted(page, label);
  const wasm = requests.filter((p) => p.endsWith('.wasm'));
  const ok = wasm.length === 1 && wasm[0].includes(want) && !wasm[0].replace(want, '').includes(avoid);
  if (!ok) fail(`${label}: expected one wasm from ${want}, got ${JSON.stringify(wasm)}`);
  else pass(`${label}: loads ${wasm[0]}`);
  for (const p of problems) fail(`${label}: ${p}`);
  await context.close();
}

// An editor's paste: a plain HTML page in another folder of the newspaper's site, with the
// explainer's files under /explainer/, loads both embeds through a relative script URL.
{
  const label = 'a plain page in another folder';
  await rm('target/e2e-host', { recursive: true, force: true });
  await mkdir('target/e2e-host/news/2023/09', { recursive: true });
  await cp('www', 'target/e2e-host/explainer', { recursive: true });
  await writeFile('target/e2e-host/news/2023/09/article.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>稿件</title><link rel="icon" href="data:,">
<script src="../../../explainer/embed.js" defer></script></head><body><h1>稿件标题</h1>
<div data-explainer="towns"></div><p>正文。</p><div data-explainer="rest-trip" data-lang="en"></div></body></html>`);
  const other = await serve('target/e2e-host', 0);
  const { page, context, problems } = await openPage(360, '/news/2023/09/article.html', `http://127.0.0.1:${other.address().port}`);
  await waitMounted(page, label);
  for (const p of problems) fail(`${label}: ${p}`);
  if (!problems.length) pass(`${label}: both embeds work from ../../../explainer/embed.js`);
  await context.close();
  other.close();
}

await browser.close();
server.close();
const total = failures.length;
console.log(`e2e: ${passed} passed, ${total} failed`);
process.exit(total ? 1 : 0);
