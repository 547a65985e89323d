// End-to-end check of the RELEASE build of www/ in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; nothing downloads a browser). Serves www/ with a strict CSP header,
// loads the demo article at phone and desktop widths, and fails on any page error, console error,
// failed request, request to another host, CSP violation, or widget that did not mount.
// Screenshots go to target/e2e/.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { serve } from '../../.ci/serve.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });

const failures = [];
const fail = (msg) => { failures.push(msg); console.error(`  FAIL ${msg}`); };
const pass = (msg) => console.log(`  ok   ${msg}`);

const server = await serve('www', 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
await mkdir('target/e2e', { recursive: true });

async function openPage(width, path = '/') {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) problems.push(`request to another host: ${r.url()}`);
  });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(origin + path);
  return { page, context, problems };
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

for (const width of [360, 1024]) {
  const label = `index.html at ${width}px`;
  const { page, context, problems } = await openPage(width);
  const hosts = await waitMounted(page, label);
  if (hosts < 2) fail(`${label}: expected both embeds, found ${hosts}`);
  // Every canvas has a backing store sized by devicePixelRatio and has something drawn on it.
  const canvases = await page.evaluate(() => [...document.querySelectorAll('[data-explainer]')]
    .flatMap((h) => [...(h.shadowRoot?.querySelectorAll('canvas') || [])]).map((c) => {
      const ctx = c.getContext('2d');
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
      return { w: c.width, cssW: c.getBoundingClientRect().width, ink };
    }));
  if (!canvases.length) fail(`${label}: no chart canvas`);
  for (const c of canvases) {
    if (Math.abs(c.w - 2 * c.cssW) > 2) fail(`${label}: canvas backing store ${c.w}px for ${c.cssW} CSS px at DPR 2`);
    if (c.ink < 500) fail(`${label}: a canvas is blank (${c.ink} inked pixels)`);
  }
  if (canvases.length) pass(`${label}: ${canvases.length} canvas(es) drawn at DPR 2`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail(`${label}: page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `target/e2e/index-${width}.png`, fullPage: true });
  for (const p of problems) fail(`${label}: ${p}`);
  if (!problems.length) pass(`${label}: no page errors, console errors, failed or foreign requests`);
  await context.close();
}

await browser.close();
server.close();
const total = failures.length;
console.log(total ? `e2e: ${total} failed` : 'e2e: all checks passed');
process.exit(total ? 1 : 0);
