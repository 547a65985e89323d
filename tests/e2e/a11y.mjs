// Accessibility check of the RELEASE build of www/ in headless Chromium (README, "Accessibility"):
//  1. axe-core (pinned in package.json) over 48 configurations: `/`, `frame.html?explainer=towns`
//     and `frame.html?explainer=rest-trip` × 360/1024 px × light/dark × zh/en. It fails on any
//     violation inside a widget and on a serious or critical one anywhere on our pages (the
//     editors' page too). axe is injected after load; only these runs bypass the pages' CSP.
//  2. A Tab walk of `/` at 360 and 1024 px, forward (Tab) and back (Shift+Tab): it fails on a
//     focused control that is fully or partly hidden (off screen or under the sticky verdict) and
//     on an invisible Tab stop (no size, clipped away, visually hidden, no focus indicator).
//  3. The output chart by keyboard: ArrowRight three times, three different announcements, each
//     with a value and its unit, in Chinese and in English.
//  4. Said once: the verdict and the projection's answer are rewritten only when their words
//     change; the growth slider's aria-valuetext is words from the core.
//  5. The reader's settings: under forced colours the charts are drawn in the system colours;
//     the browser's text size sizes the widget.
import { createRequire } from 'node:module';
import { serve } from '../../.ci/serve.mjs';
import { launch, watchErrors } from './chromium.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const failures = [];
const fail = (msg) => { failures.push(msg); console.error(`  FAIL ${msg}`); };
let passed = 0;
const pass = (msg) => { passed++; console.log(`  ok   ${msg}`); };
const check = (ok, good, bad) => (ok ? pass(good) : fail(bad));
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    fail(`stopped: ${String(e && e.message || e).split('\n')[0]}`);
    console.log(`a11y: ${passed} passed, ${failures.length} failed`);
    process.exit(1);
  });
}

const server = await serve('www', 0);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

async function open(path, { width = 1024, axe = false, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: axe, ...options });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  const problems = [];
  watchErrors(page, problems);
  await page.goto(origin + path);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')]
    .every((e) => e.dataset.ready === 'true'));
  return { page, context, problems };
}

// `/` in English: each widget's own 中文/English button (the demo page is a Chinese article).
async function english(page) {
  for (const kind of ['towns', 'rest-trip']) {
    await page.locator(`[data-explainer=${kind}] button.lang`).click();
    await page.locator(`[data-explainer=${kind}] section.sx[lang=en]`).waitFor();
  }
}

// 1. axe over the 48 configurations.
const PAGES = [['/', '/'], ['frame towns', '/frame.html?explainer=towns'], ['frame rest-trip', '/frame.html?explainer=rest-trip']];
const table = [];
for (const [name, path] of PAGES) {
  for (const width of [360, 1024]) {
    for (const scheme of ['light', 'dark']) {
      for (const lang of ['zh', 'en']) {
        const label = `axe ${name} ${width}px ${scheme} ${lang}`;
        const url = lang === 'en' && path !== '/' ? `${path}&lang=en` : path;
        const { page, context, problems } = await open(url, { width, axe: true, colorScheme: scheme });
        if (lang === 'en' && path === '/') await english(page);
        await page.addScriptTag({ path: AXE });
        const r = await page.evaluate(async () => {
          const list = (res) => res.violations.map((v) => ({ id: v.id, impact: v.impact,
            nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
          const inside = await axe.run({ include: ['[data-explainer]'] }, { resultTypes: ['violations'] });
          const whole = await axe.run(document, { resultTypes: ['violations'] });
          return { inside: list(inside), whole: list(whole) };
        });
        const count = (vs) => vs.reduce((n, v) => n + v.nodes.length, 0);
        const serious = r.whole.filter((v) => ['serious', 'critical'].includes(v.impact));
        table.push({ name, width, scheme, lang, inside: count(r.inside), page: count(r.whole), serious: count(serious) });
        check(!r.inside.length, `${label}: 0 violations inside the widgets`,
          `${label}: inside the widgets: ${r.inside.map((v) => `${v.id} (${v.impact}) ${v.nodes.slice(0, 3).join(' ')}`).join('; ')}`);
        check(!serious.length, `${label}: 0 serious or critical on the page (${count(r.whole)} minor or moderate)`,
          `${label}: on the page: ${serious.map((v) => `${v.id} (${v.impact}) ${v.nodes.slice(0, 3).join(' ')}`).join('; ')}`);
        for (const p of problems) fail(`${label}: ${p}`);
        await context.close();
      }
    }
  }
}
// The editors' page (its live iframe is checked above as frame.html).
for (const width of [360, 1024]) {
  const label = `axe embed.html ${width}px`;
  const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${origin}/embed.html`);
  await page.addScriptTag({ path: AXE });
  const vs = await page.evaluate(async () => (await axe.run(document, { iframes: false, resultTypes: ['violations'] }))
    .violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })));
  const serious = vs.filter((v) => ['serious', 'critical'].includes(v.impact));
  check(!serious.length, `${label}: 0 serious or critical (${vs.length ? vs.map((v) => `${v.id} ${v.impact}`).join(', ') : 'none at all'})`,
    `${label}: ${serious.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`).join('; ')}`);
  await context.close();
}
const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);
for (const [name] of PAGES) {
  const rows = table.filter((r) => r.name === name);
  console.log(`  axe ${name}: ${rows.length} configurations, ${sum(rows, 'inside')} violations inside the widgets, ` +
    `${sum(rows, 'serious')} serious or critical and ${sum(rows, 'page')} in all on the page`);
}

// 2. The Tab walk. What the focused element is, whether it shows, and what covers it. Points
// sampled on each of its boxes (an inline link may wrap) must be on screen and hit the element
// itself, not the sticky verdict or anything else above it.
const FOCUSED = () => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  window.__stops ||= new WeakMap();
  if (window.__stops.has(el)) return { again: window.__stops.get(el) };
  const id = window.__n = (window.__n || 0) + 1;
  window.__stops.set(el, id);
  const describe = (e) => e ? `${e.tagName.toLowerCase()}${e.dataset?.f ? `[data-f=${e.dataset.f}]` : ''}` +
    `${e.dataset?.act ? `[data-act=${e.dataset.act}]` : ''}${e.dataset?.chart && !e.dataset.act ? `[data-chart=${e.dataset.chart}]` : ''}` +
    `${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}` : 'nothing';
  const up = (n) => n.parentElement || (n.parentNode instanceof ShadowRoot ? n.parentNode.host : null);
  const invisible = [];
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) invisible.push(`${r.width}×${r.height} px`);
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) invisible.push('not rendered');
  let clip = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
  for (let a = up(el); a; a = up(a)) {
    const cs = getComputedStyle(a);
    if (cs.clipPath.startsWith('inset(50%')) invisible.push(`inside a visually hidden ${describe(a)}`);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const ar = a.getBoundingClientRect();
      clip = { l: Math.max(clip.l, ar.left), t: Math.max(clip.t, ar.top), r: Math.min(clip.r, ar.right), b: Math.min(clip.b, ar.bottom) };
    }
  }
  const cs = getComputedStyle(el);
  if (!((cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none')) invisible.push('no focus indicator');
  const deepest = (x, y) => {
    let e = document.elementFromPoint(x, y);
    while (e?.shadowRoot) {
      const inner = e.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === e) break;
      e = inner;
    }
    return e;
  };
  let total = 0;
  const hidden = [];
  const fits = r.height <= innerHeight;
  for (const b of el.getClientRects()) {
    const box = { l: Math.max(b.left, clip.l), t: Math.max(b.top, clip.t), r: Math.min(b.right, clip.r), b: Math.min(b.bottom, clip.b) };
    if (box.r - box.l < 2 || box.b - box.t < 2) { invisible.push('clipped away'); continue; }
    // Inside the rounded corners (radius 6 px).
    const xs = [box.l + 4, (box.l + box.r) / 2, box.r - 4];
    const ys = [box.t + 4, (box.t + box.b) / 2, box.b - 4];
    for (const x of xs) {
      for (const y of ys) {
        if (y < 0 || y >= innerHeight || x < 0 || x >= innerWidth) {
          if (fits) { total++; hidden.push('off screen'); }
          continue;
        }
        total++;
        const top = deepest(x, y);
        if (!(top === el || el.contains(top))) hidden.push(describe(top));
      }
    }
  }
  return { id, name: describe(el), invisible: [...new Set(invisible)], hidden: [...new Set(hidden)],
    full: total > 0 && hidden.length === total, part: hidden.length > 0 && hidden.length < total };
};

async function walk(page, key) {
  const stops = [];
  let outside = 0;
  for (let i = 0; i < 1500; i++) {
    await page.keyboard.press(key);
    const f = await page.evaluate(FOCUSED);
    // Past the page's last (or first) stop focus leaves the page, and the next key brings it back
    // at the other end: the walk goes round once, from wherever it starts.
    if (!f) {
      if (++outside > 3) break;
      continue;
    }
    // Back at the first stop: the walk went round. (A date box's year, month and day are Tab
    // stops of one element: counted once.)
    if (f.again !== undefined) {
      if (f.again === stops[0]?.id) break;
      continue;
    }
    stops.push(f);
  }
  return stops;
}

for (const width of [360, 1024]) {
  const { page, context, problems } = await open('/', { width });
  const walks = [['forward (Tab)', 'Tab'], ['back (Shift+Tab)', 'Shift+Tab'],
    ['back (Shift+Tab) with a failing plan, whose verdict is taller', 'Shift+Tab', '120']];
  for (const [dir, key, people] of walks) {
    const label = `Tab walk of / at ${width}px, ${dir}`;
    if (people) {
      await page.locator('[data-explainer=rest-trip] [data-f="batches.0.participants"]').fill(people);
      // The widget measures the verdict's new height after the next layout.
      await page.waitForFunction(() => {
        const root = document.querySelector('[data-explainer=rest-trip]').shadowRoot;
        const room = root.querySelector('section.sx').style.getPropertyValue('--sticky');
        return room === `${root.querySelector('.verdict').offsetHeight + 12}px`;
      });
    }
    await page.evaluate(() => { window.__stops = new WeakMap(); window.__n = 0; });
    const stops = await walk(page, key);
    const full = stops.filter((s) => s.full);
    const part = stops.filter((s) => s.part);
    const invisible = stops.filter((s) => s.invisible.length);
    const show = (list, what) => list.slice(0, 6).map((s) => `${s.name} (${s[what].join(', ')})`).join('; ');
    check(stops.length > 40, `${label}: ${stops.length} Tab stops`, `${label}: only ${stops.length} Tab stops`);
    check(!full.length && !part.length, `${label}: 0 fully and 0 partly hidden focused controls`,
      `${label}: ${full.length} fully and ${part.length} partly hidden: ${show([...full, ...part], 'hidden')}`);
    check(!invisible.length, `${label}: 0 invisible Tab stops`, `${label}: ${invisible.length} invisible: ${show(invisible, 'invisible')}`);
  }
  for (const p of problems) fail(`Tab walk at ${width}px: ${p}`);
  await context.close();
}

// 3. The output chart by keyboard, in both languages.
{
  const { page, context, problems } = await open('/', { width: 1024 });
  for (const lang of ['zh', 'en']) {
    const label = `the output chart by keyboard (${lang})`;
    if (lang === 'en') await english(page);
    const canvas = page.locator('[data-explainer=towns] canvas[data-chart=output]');
    const live = page.locator('[data-explainer=towns] [id$="-output-say"]');
    await canvas.focus();
    const said = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
      said.push((await live.textContent()).trim());
    }
    const unit = lang === 'zh' ? /\d[\d.]*(亿元|%)/ : /¥[\d.]+bn|\d%/;
    check(new Set(said).size === 3 && said.every((s) => unit.test(s)),
      `${label}: ArrowRight ×3 → three points, each with value and unit: ${said.map((s) => `"${s.slice(0, 36)}…"`).join(', ')}`,
      `${label}: ${JSON.stringify(said)}`);
    const tip = await page.locator('[data-explainer=towns] [data-chart=output] .tip:not([hidden])').count();
    check(tip === 1, `${label}: the focused point's tooltip is shown`, `${label}: no tooltip for the focused point`);
    await page.keyboard.press('Escape');
    const after = await page.evaluate(() => document.querySelector('[data-explainer=towns]').shadowRoot.activeElement?.dataset.act);
    check(after === 'table', `${label}: Escape leaves the chart for its table button`, `${label}: Escape left focus on ${after}`);
  }
  for (const p of problems) fail(`${'the output chart by keyboard'}: ${p}`);
  await context.close();
}

// 4. Said once. A MutationObserver counts what changes inside a live region while the page is
// driven; words that stay the same must not be written again.
const WATCH = ([host, selector]) => {
  const el = document.querySelector(host).shadowRoot.querySelector(selector);
  window.__changes = 0;
  window.__watch?.disconnect();
  window.__watch = new MutationObserver((m) => { window.__changes += m.length; });
  window.__watch.observe(el, { childList: true, subtree: true, characterData: true });
  return el.textContent;
};
const changes = (page) => page.evaluate(() => new Promise((res) => setTimeout(() => res(window.__changes), 0)));
{
  const { page, context, problems } = await open('/', { width: 1024 });
  const people = page.locator('[data-explainer=rest-trip] [data-f="batches.0.participants"]');
  const verdict = () => page.locator('[data-explainer=rest-trip] .verdict').textContent();
  await people.fill('90');
  const before = await page.evaluate(WATCH, ['[data-explainer=rest-trip]', '.verdict']);
  await people.fill('91');
  const same = await verdict();
  const n1 = await changes(page);
  if (same !== before) fail(`the verdict: 90 → 91 people changed its words, so this check needs another edit: "${same}"`);
  else check(n1 === 0, 'the verdict: an edit that leaves its words unchanged does not rewrite it (0 changes)', `the verdict was rewritten ${n1} times with the same words`);
  await people.fill('120');
  const n2 = await changes(page);
  check((await verdict()) !== same && n2 > 0, `the verdict: new words are written (${n2} changes)`, 'the verdict did not change for 120 people');

  const slider = page.locator('[data-explainer=towns] input[type=range][data-f=growth]');
  const box = page.locator('[data-explainer=towns] input[type=number][data-f=growth]');
  check(await slider.getAttribute('aria-valuetext') === '每年增长17%', 'the slider says "每年增长17%"',
    `the slider's aria-valuetext is ${await slider.getAttribute('aria-valuetext')}`);
  await page.evaluate(WATCH, ['[data-explainer=towns]', '[id$="-proj-say"]']);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const answer = await page.locator('[data-explainer=towns] [id$="-proj-say"]').textContent();
  const n3 = await changes(page);
  check(n3 > 0 && /\d亿元/.test(answer) && await slider.getAttribute('aria-valuetext') === '每年增长17.5%',
    `the projection: the slider at 17.5% says "每年增长17.5%" and the answer is announced: "${answer}"`,
    `the projection: ${n3} changes, "${answer}", ${await slider.getAttribute('aria-valuetext')}`);
  await page.evaluate(WATCH, ['[data-explainer=towns]', '[id$="-proj-say"]']);
  await box.fill('17.5');
  const n4 = await changes(page);
  check(n4 === 0, 'the projection: the same rate typed again is not announced again', `the projection's answer was rewritten ${n4} times with the same words`);
  await english(page);
  check(await slider.getAttribute('aria-valuetext') === '17.5% a year', 'the slider in English says "17.5% a year"',
    `the slider's aria-valuetext in English is ${await slider.getAttribute('aria-valuetext')}`);
  for (const p of problems) fail(`said once: ${p}`);
  await context.close();
}

// 5. The reader's settings.
{
  // Forced colours: the chart's background is the system's Canvas and its text CanvasText.
  const label = 'forced colours';
  const { page, context, problems } = await open('/frame.html?explainer=towns', { width: 1024, forcedColors: 'active', colorScheme: 'dark' });
  const r = await page.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = (name) => {
      probe.style.color = name;
      return getComputedStyle(probe).color.match(/\d+/g).slice(0, 3).map(Number);
    };
    const canvas = rgb('Canvas');
    const text = rgb('CanvasText');
    const c = document.querySelector('[data-explainer]').shadowRoot.querySelector('canvas[data-chart=output]');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let textPixels = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] === text[0] && px[i + 1] === text[1] && px[i + 2] === text[2]) textPixels++;
    return { canvas, text, corner: [px[0], px[1], px[2]], textPixels };
  });
  check(r.corner.join() === r.canvas.join() && r.textPixels > 200,
    `${label}: the chart is drawn on Canvas (${r.canvas}) with CanvasText (${r.text}, ${r.textPixels} pixels)`,
    `${label}: corner ${r.corner} against Canvas ${r.canvas}; ${r.textPixels} pixels of CanvasText ${r.text}`);
  for (const p of problems) fail(`${label}: ${p}`);
  await context.close();
}
{
  // The browser's text size (here 24 px instead of 16): the widget's text and controls follow.
  const label = 'the browser text size';
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-explainer]')].every((e) => e.dataset.ready === 'true'));
  const r = await page.evaluate(() => {
    const root = document.querySelector('[data-explainer=rest-trip]').shadowRoot;
    const px = (el, p) => parseFloat(getComputedStyle(el)[p]);
    return { text: px(root.querySelector('section.sx'), 'fontSize'), button: root.querySelector('button[data-act=copy]').getBoundingClientRect().height };
  });
  check(r.text === 24 && r.button >= 66, `${label}: 24 px text and 66 px buttons at a 24 px setting (${r.text}, ${r.button})`,
    `${label}: at a 24 px setting the widget's text is ${r.text} px and a button ${r.button} px tall`);
  await context.close();
}

await browser.close();
server.close();
console.log(`a11y: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
