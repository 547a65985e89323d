// The size and speed benchmark (issues 7 and 13), run by `.ci/bench`, not by the test command.
// In one run, on localhost, in Debian's headless Chromium, it measures what a reader sees:
//  1. The same first chart (the ten towns' output, 2022 implied against 2023) on four pages: the
//     explainer's towns embed, Chart.js and ECharts (pinned in tests/e2e/package.json), and the
//     floor: the chart drawn by a few lines of plain canvas code (floor.js), which shows what any
//     script-drawn chart needs here, so the ratios can be read against the floor's. Each page
//     records itself (record.js): the first chart is on screen when two animation frames have
//     begun after its `sx:first-chart` mark. The harness loads a page (a fresh browser context, so
//     a cold cache), waits a fixed time without running any script in it, and reads what the page
//     recorded once. RUNS cold loads of each page, interleaved; the medians and their ratios.
//     From the same loads: the bytes that arrived before the first chart was on screen and in
//     total (Resource Timing, gzip as served: the bench's copy of the site has .gz siblings only),
//     and the longest main-thread task (Long Tasks API).
//  2. Total blocking time as Lighthouse counts it (every task's time over 50 ms, from first
//     contentful paint to TBT_END_MS), SLOW_RUNS cold loads each at 4× CPU slowdown (CDP
//     Emulation.setCPUThrottlingRate, as Lighthouse's DevTools throttling).
//  3. The rest-trip form's update (one field changed -> checks re-run -> results and budget chart
//     redrawn) and a chart resize, from the widget's own performance measures.
//  4. The native rule check of a 100-batch plan (cargo bench --bench rules).
// It prints a table, writes everything (every sample included) to target/bench/results.json, and
// exits 1 when a budget is broken, 2 when something could not be measured.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { COMPRESSIBLE, currentFiles, precompress, precompressTree } from '../../.ci/publish.mjs';
import { serve } from '../../.ci/serve.mjs';
import { launch } from '../e2e/chromium.mjs';

const RUNS = Number(process.env.RUNS || 11);
const SLOW_RUNS = Number(process.env.SLOW_RUNS || 5);
const SLOWDOWN = 4;
// The fixed waits before a page is read: long enough for every chart to be drawn and the load to
// settle, on this 2-core machine, with room to spare (a page that has not recorded its first chart
// by then is a failure, not a sample).
const WAIT_MS = Number(process.env.WAIT_MS || 2500);
const SLOW_WAIT_MS = Number(process.env.SLOW_WAIT_MS || 6000);
// Lighthouse counts blocking time from first contentful paint to time to interactive; here the end
// is fixed: 5 s after navigation at 4× slowdown, when every page has long settled.
const TBT_END_MS = 5000;
const BUDGET = {
  vsChartjs: 0.6, vsEcharts: 0.35, beforeKB: 20, townsKB: 85, taskMs: 50, tbtMs: 50, formMs: 4, nativeUs: 50,
};
const VIEWPORT = { width: 800, height: 900 };
const node = 'tests/e2e/node_modules';
const version = (pkg) => JSON.parse(readFileSync(`${node}/${pkg}/package.json`, 'utf8')).version;
const PAGES = {
  ours: { page: 'ours.html', label: 'explainer' },
  chartjs: { page: 'chartjs.html', label: `Chart.js ${version('chart.js')}` },
  echarts: { page: 'echarts.html', label: `ECharts ${version('echarts')}` },
  floor: { page: 'floor.html', label: 'floor (plain canvas)' },
};
const NAMES = Object.keys(PAGES);
// The bench's own files on every page, not part of any chart: the page itself and the recorder.
const HOST = (name) => new Set([`/${PAGES[name].page}`, '/record.js']);

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return !s.length ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sum = (xs) => xs.reduce((a, x) => a + x, 0);
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs });

class Unmeasured extends Error {}

// 1. The build's own files (built by .ci/bench just before), by the names embed.js holds: what the
// towns embed downloads (the towns-only build, see src/web/embed.js), precompressed as deployed.
const built = currentFiles('www');
const files = ['embed.css', 'embed.js', built['pkg-towns'].js, built['pkg-towns'].wasm];
const sizes = Object.fromEntries(files.map((f) => [f, precompress(`www/${f}`)]));

// The site the bench serves: a copy of www/ with the three pages, the two libraries' own minified
// builds and the chart's values from our dataset export.
const records = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--example', 'dataset'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const value = (id) => records.find((r) => r.id === id).value;
const site = 'target/bench/site';
rmSync(site, { recursive: true, force: true });
mkdirSync(`${site}/lib`, { recursive: true });
cpSync('www', site, { recursive: true, preserveTimestamps: true });
for (const f of ['record.js', 'ours.html', 'chartjs.html', 'chartjs-chart.js', 'echarts.html', 'echarts-chart.js', 'floor.html', 'floor.js']) cpSync(`tests/bench/${f}`, `${site}/${f}`);
cpSync(`${node}/echarts/dist/echarts.min.js`, `${site}/lib/echarts.min.js`);
cpSync(`${node}/chart.js/dist/chart.umd.min.js`, `${site}/lib/chart.umd.min.js`);
writeFileSync(`${site}/data.js`, `window.BENCH_DATA = ${JSON.stringify({
  labels: ['2022年同期（推算）', '2023年'],
  values: [value('ten_towns_output_2022_implied'), value('ten_towns_output')],
})};\n`);

// Every text and wasm file gets its .gz, made now, once, as a CDN's would be (the dev server only
// ever sends a stored sibling; it never compresses a response). The .br siblings are removed so
// that what is served, and what Resource Timing counts, is gzip, the unit of the budgets.
precompressTree(site);
(function dropBrotli(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) dropBrotli(join(dir, e.name));
    else if (e.name.endsWith('.br')) unlinkSync(join(dir, e.name));
  }
})(site);

const server = await serve(site, 0, { csp: false });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const chromium = browser.version();

// Lighthouse's total blocking time: each task's part after `from` (clipped to `to`) beyond 50 ms.
function tbt(tasks, from, to) {
  let total = 0;
  for (const t of tasks) {
    const d = Math.min(t.start + t.duration, to) - Math.max(t.start, from);
    if (d > 50) total += d - 50;
  }
  return total;
}

// One cold load of a bench page: a new context (empty cache), no script of ours in the page, a
// fixed wait, then one read of what the page recorded.
async function load(name, { slowdown = 1 } = {}) {
  const { page } = PAGES[name];
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    tab.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    if (slowdown > 1) await (await context.newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    await tab.goto(`${origin}/${page}`, { waitUntil: 'commit' });
    await tab.waitForTimeout(slowdown > 1 ? SLOW_WAIT_MS : WAIT_MS);
    const r = await tab.evaluate(() => ({
      ...window.BENCH,
      resources: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map((e) => ({ url: e.name, end: e.responseEnd, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    }));
    if (errors.length) throw new Unmeasured(`${page}: ${errors.join('; ')}`);
    if (r.onScreen === null) throw new Unmeasured(`${page}: no first chart on screen within ${slowdown > 1 ? SLOW_WAIT_MS : WAIT_MS} ms`);
    if (r.via !== 'mark') console.error(`[bench] ${page}: sx:first-chart bypassed record.js's wrapper; its time is one frame late`);
    for (const x of r.resources) {
      if (COMPRESSIBLE.test(new URL(x.url).pathname) && x.decoded > 0 && x.encoded === x.decoded) {
        throw new Unmeasured(`${x.url} was served uncompressed (a stale or missing .gz?)`);
      }
    }
    const host = HOST(name);
    const chart = r.resources.filter((x) => !host.has(new URL(x.url).pathname));
    return {
      firstChart: r.onScreen,
      mark: r.mark,
      fcp: r.fcp,
      bytesBefore: sum(chart.filter((x) => x.end <= r.onScreen).map((x) => x.encoded)),
      transferBefore: sum(chart.filter((x) => x.end <= r.onScreen).map((x) => x.transfer)),
      bytes: sum(chart.map((x) => x.encoded)),
      transfer: sum(chart.map((x) => x.transfer)),
      longestTask: Math.max(0, ...r.longTasks.map((t) => t.duration)),
      tbt: r.fcp === null ? NaN : tbt(r.longTasks, r.fcp, TBT_END_MS),
      longTasks: r.longTasks,
      files: chart.map((x) => ({ path: new URL(x.url).pathname, end: x.end, encoded: x.encoded })),
    };
  } finally {
    await context.close();
    // The closed context's renderer exits in the background: let it go before the next load.
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

// RUNS rounds, each loading every page once, the order rotated each round; then SLOW_RUNS at 4×.
async function rounds(n, opts) {
  const out = Object.fromEntries(NAMES.map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < NAMES.length; j++) {
      const name = NAMES[(i + j) % NAMES.length];
      out[name].push(await load(name, opts));
    }
  }
  return out;
}

let fast;
let slow;
let interact;
try {
  for (const name of NAMES) await load(name); // warms the server and the OS's file cache
  fast = await rounds(RUNS);
  slow = await rounds(SLOW_RUNS, { slowdown: SLOWDOWN });

  // 3. Form update and resize, from the widget's performance measures (sx:form-update, sx:resize),
  // on the demo page with both embeds, after a fixed wait for it to settle.
  const context = await browser.newContext({ viewport: VIEWPORT });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${origin}/index.html`, { waitUntil: 'commit' });
  await tab.waitForTimeout(WAIT_MS * 2);
  interact = await tab.evaluate(async () => {
    const embeds = [...document.querySelectorAll('[data-explainer]')];
    if (!embeds.length || !embeds.every((e) => e.dataset.ready === 'true')) return null;
    const wait = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const host = document.querySelector('[data-explainer="rest-trip"]');
    const input = host.shadowRoot && host.shadowRoot.querySelector('input[data-f$="participants"]');
    const form = [];
    if (input) {
      for (let i = 0; i < 40; i++) {
        input.value = String(60 + (i % 2) * 60);
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await wait();
      }
      form.push(...performance.getEntriesByName('sx:form-update').map((e) => e.duration));
    }
    const towns = document.querySelector('[data-explainer="towns"]');
    for (let i = 0; i < 20; i++) {
      towns.style.width = `${i % 2 ? 360 : 640}px`;
      await wait(); await wait();
    }
    towns.style.width = '';
    return { form, resize: performance.getEntriesByName('sx:resize').map((e) => e.duration) };
  });
  await context.close();
  if (errors.length) throw new Unmeasured(`index.html: ${errors.join('; ')}`);
  if (!interact) throw new Unmeasured(`index.html: the widgets were not ready after ${WAIT_MS * 2} ms`);
} catch (e) {
  if (!(e instanceof Unmeasured)) throw e;
  console.error(`[bench] not measured: ${e.message}`);
  process.exitCode = 2;
} finally {
  await browser.close();
  server.close();
}
if (process.exitCode === 2) process.exit(2);

// 4. The native check of a 100-batch plan. The crate is a cdylib too, so cargo names its rlib
// without a hash, and the release profile's panic=abort makes `cargo bench` build it twice (abort for
// check_plan, unwind for the bench harness) into that one name: the later link then fails with
// "multiple different versions of serde_core", now and then. With panic=unwind throughout there is
// one build of it; in a target directory of its own, it never overwrites the exporter's release rlib.
const benchOut = execFileSync('cargo', ['bench', '--quiet', '--bench', 'rules'], {
  encoding: 'utf8',
  env: { ...process.env, CARGO_TARGET_DIR: 'target/bench/cargo', CARGO_PROFILE_RELEASE_PANIC: 'unwind' },
});
const native = benchOut.match(/median[^\d]*([\d.]+)\s*µs/i);
const nativeUs = native ? Number(native[1]) : NaN;

// The figures: per page, the median of its cold loads.
const pick = (runs, key) => stats(runs.map((r) => r[key]));
const pages = Object.fromEntries(NAMES.map((k) => [k, {
  label: PAGES[k].label,
  firstChart: pick(fast[k], 'firstChart'),
  mark: pick(fast[k], 'mark'),
  bytesBefore: pick(fast[k], 'bytesBefore'),
  bytes: pick(fast[k], 'bytes'),
  transferBefore: pick(fast[k], 'transferBefore'),
  transfer: pick(fast[k], 'transfer'),
  longestTask: pick(fast[k], 'longestTask'),
  slow: {
    firstChart: pick(slow[k], 'firstChart'),
    longestTask: pick(slow[k], 'longestTask'),
    tbt: pick(slow[k], 'tbt'),
  },
  files: fast[k][0].files.map(({ path, encoded }) => ({ path, encoded })),
  loads: { fast: fast[k], slow: slow[k] },
}]));
const m = (k, key) => pages[k][key].median;
// The budgets' ratios are of the medians. On a busy machine the loads of one round share its load,
// so the median of the rounds' own ratios is printed beside them as a check.
const ratio = { chartjs: m('ours', 'firstChart') / m('chartjs', 'firstChart'), echarts: m('ours', 'firstChart') / m('echarts', 'firstChart') };
const paired = (k, of = 'ours') => median(fast[of].map((r, i) => r.firstChart / fast[k][i].firstChart));
const pairedRatio = { chartjs: paired('chartjs'), echarts: paired('echarts') };
// The floor's own ratios, the least any page that loads a script and draws could reach in this
// run: a budget below them is out of reach of every design, not only this one.
const floor = {
  chartjs: m('floor', 'firstChart') / m('chartjs', 'firstChart'),
  echarts: m('floor', 'firstChart') / m('echarts', 'firstChart'),
  ours: m('ours', 'firstChart') / m('floor', 'firstChart'),
  paired: { chartjs: paired('chartjs', 'floor'), echarts: paired('echarts', 'floor') },
};
const formMs = median(interact.form);
const resizeMs = median(interact.resize);

const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '–');
const kb = (x) => (Number.isFinite(x) ? `${(x / 1024).toFixed(1)} KB` : '–');
const each = (f) => NAMES.map((k) => f(pages[k]));
const budgets = [
  ['first chart on screen / Chart.js', ratio.chartjs, BUDGET.vsChartjs, (x) => x.toFixed(2), `≤ ${BUDGET.vsChartjs}×`, floor.chartjs],
  ['first chart on screen / ECharts', ratio.echarts, BUDGET.vsEcharts, (x) => x.toFixed(2), `≤ ${BUDGET.vsEcharts}×`, floor.echarts],
  ['bytes before the first chart (gzip)', m('ours', 'bytesBefore'), BUDGET.beforeKB * 1024, kb, `≤ ${BUDGET.beforeKB} KB`],
  ['towns embed in total (gzip)', m('ours', 'bytes'), BUDGET.townsKB * 1024, kb, `≤ ${BUDGET.townsKB} KB`],
  ['longest task while loading', m('ours', 'longestTask'), BUDGET.taskMs, ms, `≤ ${BUDGET.taskMs} ms`],
  [`TBT at ${SLOWDOWN}× CPU slowdown`, pages.ours.slow.tbt.median, BUDGET.tbtMs, ms, `≤ ${BUDGET.tbtMs} ms`],
  ['form update', formMs, BUDGET.formMs, (x) => `${x.toFixed(1)} ms`, `≤ ${BUDGET.formMs} ms`],
  ['100-batch plan checked natively', nativeUs, BUDGET.nativeUs, (x) => `${x} µs`, `≤ ${BUDGET.nativeUs} µs`],
].map(([name, value, limit, show, says, atFloor]) => ({
  name, value, limit, says, shown: Number.isFinite(value) ? show(value) : 'not measured', ok: Number.isFinite(value) && value <= limit,
  floor: atFloor === undefined ? '' : show(atFloor),
}));

const cpu = os.cpus();
const when = new Date().toISOString();
console.log(`\nBenchmark ${when.slice(0, 10)}: ${cpu.length} × ${cpu[0].model}, Chromium ${chromium}, ` +
  `${VIEWPORT.width} × ${VIEWPORT.height} px; median of ${RUNS} cold loads of each page, interleaved ` +
  `(TBT: ${SLOW_RUNS} at ${SLOWDOWN}× CPU slowdown); bytes are gzip as served\n`);
console.log('What the towns embed downloads, by file:');
for (const [f, s] of Object.entries(sizes)) console.log(`  ${f.padEnd(46)} ${String(s.gz).padStart(7)} B gzip ${String(s.br).padStart(7)} B brotli`);
console.log('');
const row = (cells) => console.log(`| ${cells.join(' | ')} |`);
row(['measure', ...each((p) => p.label)]);
row(['---', ...NAMES.map(() => '---:')]);
row(['first chart on screen (its mark, then two frames)', ...each((p) => ms(p.firstChart.median))]);
row(['… range over the loads', ...each((p) => `${ms(p.firstChart.min)}–${ms(p.firstChart.max)}`)]);
row(['… the mark alone (chart drawn)', ...each((p) => ms(p.mark.median))]);
row(['bytes before the first chart', ...each((p) => kb(p.bytesBefore.median))]);
row(['bytes in total', ...each((p) => kb(p.bytes.median))]);
// The median load's longest task, and how many loads had one over 50 ms at all (the median alone
// would hide a long task in a few loads).
const over = (p) => p.longestTask.samples.filter((x) => x > 0);
row(['longest main-thread task while loading (median load)', ...each((p) => (p.longestTask.median ? ms(p.longestTask.median) : 'none over 50 ms'))]);
row(['… loads with a task over 50 ms', ...each((p) => `${over(p).length} of ${p.longestTask.samples.length}` +
  (over(p).length ? ` (${ms(Math.min(...over(p)))}–${ms(Math.max(...over(p)))})` : ''))]);
row([`TBT at ${SLOWDOWN}× CPU slowdown (FCP → ${TBT_END_MS / 1000} s)`, ...each((p) => ms(p.slow.tbt.median))]);
row([`first chart on screen at ${SLOWDOWN}×`, ...each((p) => ms(p.slow.firstChart.median))]);
console.log(`\nfirst chart on screen, explainer / Chart.js ${ratio.chartjs.toFixed(2)}, / ECharts ${ratio.echarts.toFixed(2)} ` +
  `(median of each round's ratio: ${pairedRatio.chartjs.toFixed(2)}, ${pairedRatio.echarts.toFixed(2)}); ` +
  `form update ${formMs.toFixed(1)} ms, chart resize redraw ${resizeMs.toFixed(1)} ms (medians)`);
console.log(`the floor (plain canvas) / Chart.js ${floor.chartjs.toFixed(2)}, / ECharts ${floor.echarts.toFixed(2)} ` +
  `(rounds: ${floor.paired.chartjs.toFixed(2)}, ${floor.paired.echarts.toFixed(2)}); explainer / floor ${floor.ours.toFixed(2)}\n`);
row(['budget', 'explainer', 'limit', '', 'the floor']);
row(['---', '---:', '---', '---', '---:']);
for (const b of budgets) row([b.name, b.shown, b.says, b.ok ? 'holds' : '**over**', b.floor]);
const broken = budgets.filter((b) => !b.ok).map((b) => b.name);
console.log(broken.length ? `\nbudgets broken: ${broken.join('; ')}` : '\nall budgets hold');

mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/results.json', `${JSON.stringify({
  date: when,
  machine: { cpus: cpu.length, model: cpu[0].model },
  chromium: chromium,
  settings: { runs: RUNS, slowRuns: SLOW_RUNS, slowdown: SLOWDOWN, waitMs: WAIT_MS, slowWaitMs: SLOW_WAIT_MS, tbtEndMs: TBT_END_MS, viewport: VIEWPORT },
  files: sizes,
  pages,
  ratio,
  pairedRatio,
  floor,
  interact: { formMs, resizeMs, form: interact.form, resize: interact.resize },
  nativeUs,
  budgets: budgets.map(({ name, value, limit, ok, floor: atFloor }) => ({ name, value, limit, ok, floor: atFloor || undefined })),
}, null, 2)}\n`);
console.log('(every sample: target/bench/results.json)');
process.exit(broken.length ? 1 : 0);
