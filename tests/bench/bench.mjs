// Size and speed benchmark (issue 7), run by `.ci/bench`, not by the test command.
// In one run, on localhost, in Debian's headless Chromium:
//  1. the gzip (and brotli) size of everything a reader downloads for the towns embed, from the
//     precompressed files of the build's current embed.js;
//  2. the same first chart (the ten towns' output, 2022 implied vs 2023) with the explainer, with
//     ECharts and with Chart.js (pinned in tests/e2e/package.json): time from navigation to the
//     chart drawn and bytes transferred (each file's precompressed sibling, as the dev server and a
//     CDN serve them), median of RUNS cold loads, and the ratios;
//  3. the rest-trip form's update (one field changed -> checks re-run -> results and budget chart
//     redrawn) and a chart resize, from the widget's own performance measures;
//  4. the native rule check of a 100-batch plan (cargo bench --bench rules).
// It prints a table and exits non-zero when a budget is broken.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { currentFiles, precompress, precompressTree } from '../../.ci/publish.mjs';
import { serve } from '../../.ci/serve.mjs';
import { launch } from '../e2e/chromium.mjs';

const RUNS = Number(process.env.RUNS || 9);
const BUDGET = { downloadKB: 70, vsChartjs: 0.6, vsEcharts: 0.35, formMs: 4, nativeUs: 50 };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const node = 'tests/e2e/node_modules';

// 1. Sizes of the release build (built by .ci/bench just before), by the names embed.js holds.
// The towns embed alone loads the towns-only build (see src/web/embed.js).
const built = currentFiles('www');
const files = ['embed.js', built['pkg-towns'].js, built['pkg-towns'].wasm, built.css];
const sizes = Object.fromEntries(files.map((f) => [f, precompress(`www/${f}`)]));
const download = Object.values(sizes).reduce((a, s) => a + s.gz, 0);
const downloadBr = Object.values(sizes).reduce((a, s) => a + s.br, 0);

// 2. The comparison pages, with the chart's values from our dataset export.
const records = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--example', 'dataset'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
const value = (id) => records.find((r) => r.id === id).value;
const site = 'target/bench/site';
rmSync(site, { recursive: true, force: true });
mkdirSync(`${site}/lib`, { recursive: true });
cpSync('www', site, { recursive: true, preserveTimestamps: true });
for (const f of ['echarts.html', 'echarts-chart.js', 'chartjs.html', 'chartjs-chart.js', 'ours.html', 'ours-chart.js']) cpSync(`tests/bench/${f}`, `${site}/${f}`);
cpSync(`${node}/echarts/dist/echarts.min.js`, `${site}/lib/echarts.min.js`);
cpSync(`${node}/chart.js/dist/chart.umd.min.js`, `${site}/lib/chart.umd.min.js`);
writeFileSync(`${site}/data.js`, `window.BENCH_DATA = ${JSON.stringify({
  labels: ['2022年同期（推算）', '2023年'],
  values: [value('ten_towns_output_2022_implied'), value('ten_towns_output')],
})};\n`);

// Every page, script and wasm of the three gets its .gz and .br, as the build gives ours.
precompressTree(site);
const server = await serve(site, 0, { csp: false });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

async function load(page, ready = () => window.chartDrawnAt) {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${origin}/${page}`);
  await tab.waitForFunction(ready, null, { timeout: 30000 });
  const r = await tab.evaluate(() => ({
    drawn: window.chartDrawnAt,
    bytes: performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
      .reduce((a, e) => a + (e.encodedBodySize || 0), 0),
  }));
  if (errors.length) throw new Error(`${page}: ${errors.join('; ')}`);
  return { r, tab, context };
}

const pages = { ours: 'ours.html', chartjs: 'chartjs.html', echarts: 'echarts.html' };
const timing = { ours: [], chartjs: [], echarts: [] };
const bytes = {};
await (await load('ours.html')).context.close(); // warm the server and the disk cache of the OS
for (let i = 0; i < RUNS; i++) {
  for (const [name, page] of Object.entries(pages)) {
    const { r, context } = await load(page);
    timing[name].push(r.drawn);
    bytes[name] = r.bytes;
    await context.close();
  }
}
const t = Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, median(v)]));

// 3. Form update and resize, from the widget's performance measures (sx:form-update, sx:resize).
const { tab, context } = await load('index.html', () => [...document.querySelectorAll('[data-explainer]')]
  .every((e) => e.dataset.ready === 'true'));
const interact = await tab.evaluate(async () => {
  const wait = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const host = document.querySelector('[data-explainer="rest-trip"]');
  const root = host && host.shadowRoot;
  const input = root && root.querySelector('input[data-f$="participants"]');
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
await browser.close();
server.close();

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

const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const rows = [
  ['what a reader downloads (gzip)', kb(download), `≤ ${BUDGET.downloadKB} KB`, download <= BUDGET.downloadKB * 1024],
  ['… brotli', kb(downloadBr), '', null],
  ['first chart drawn: explainer', ms(t.ours), '', null],
  ['first chart drawn: Chart.js 4.6.1', ms(t.chartjs), '', null],
  ['first chart drawn: ECharts 6.1.0', ms(t.echarts), '', null],
  ['ratio explainer / Chart.js', (t.ours / t.chartjs).toFixed(2), `≤ ${BUDGET.vsChartjs}`, t.ours <= BUDGET.vsChartjs * t.chartjs],
  ['ratio explainer / ECharts', (t.ours / t.echarts).toFixed(2), `≤ ${BUDGET.vsEcharts}`, t.ours <= BUDGET.vsEcharts * t.echarts],
  ['bytes transferred: explainer / Chart.js / ECharts', `${kb(bytes.ours)} / ${kb(bytes.chartjs)} / ${kb(bytes.echarts)}`, '', null],
  ['form update (median)', interact.form.length ? ms(median(interact.form)) : 'not measured', `≤ ${BUDGET.formMs} ms`, interact.form.length > 0 && median(interact.form) <= BUDGET.formMs],
  ['chart resize redraw (median)', interact.resize.length ? ms(median(interact.resize)) : 'not measured', '', null],
  ['100-batch plan checked natively (median)', Number.isFinite(nativeUs) ? `${nativeUs} µs` : 'not measured', `≤ ${BUDGET.nativeUs} µs`, nativeUs <= BUDGET.nativeUs],
];
console.log(`\nBenchmark ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0].model}, ${RUNS} cold loads each, median\n`);
for (const [f, s] of Object.entries(sizes)) console.log(`  ${f.padEnd(46)} ${String(s.gz).padStart(7)} B gzip ${String(s.br).padStart(7)} B brotli`);
console.log('');
console.log('| measure | result | budget | |\n| --- | --- | --- | --- |');
for (const [m, r, b, ok] of rows) console.log(`| ${m} | ${r} | ${b} | ${ok === null ? '' : ok ? 'ok' : '**over**'} |`);
const broken = rows.filter((r) => r[3] === false).map((r) => r[0]);
console.log(broken.length ? `\nbudgets broken: ${broken.join('; ')}` : '\nall budgets hold');
process.exit(broken.length ? 1 : 0);
