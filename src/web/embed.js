// Embed loader: finds every [data-explainer] element on the page, loads the wasm module once,
// and hands each element to Rust, which mounts the widget inside a Shadow DOM. Deliberately thin:
// no rules, numbers or formatting live here.
//
// The source: `.ci/build` writes the deployable www/embed.js from it, with the build's
// content-hashed file names in place of the FILES placeholder below and without these comments
// (see README, "Deploying").
//
//   <script src="https://<host>/explainer/embed.js" defer></script>
//   <div data-explainer="towns" data-lang="zh" data-theme="auto"></div>
// (data-lang: zh or en; data-theme: light, dark or auto, read by the widget itself.)
(() => {
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : location.href);
  const url = (path) => new URL(path, base).href;
  // This build's files, relative to embed.js: { pkg: { js, wasm }, 'pkg-towns': { js, wasm }, css }.
  // Each name carries a hash of the file's bytes, so a cache may keep it for a year and a glue is
  // never paired with another build's wasm; only embed.js itself is short-lived.
  const FILES = /*FILES*/ null;
  // Two builds of the same crate: pkg/ has both explainers; pkg-towns/ has only the towns charts
  // and is about a third smaller. A page without a rest-trip embed gets the smaller one. Every
  // embed on the page shares one instance (the full one, once a rest-trip embed has appeared).
  const modules = {};
  // The glue and the wasm are fetched side by side; the wasm compiles while it streams in.
  const load = (dir) => (modules[dir] ||= (() => {
    const wasm = fetch(url(FILES[dir].wasm));
    return import(url(FILES[dir].js)).then(async (mod) => {
      await mod.default({ module_or_path: wasm });
      return mod;
    });
  })());
  const mountAll = async () => {
    const hosts = [...document.querySelectorAll('[data-explainer]:not([data-ready])')];
    if (!hosts.length) return;
    const full = modules.pkg || hosts.some((el) => el.dataset.explainer !== 'towns');
    const mod = await load(full ? 'pkg' : 'pkg-towns');
    for (const el of hosts) {
      try {
        mod.mount(el, el.dataset.explainer || '', el.dataset.lang || document.documentElement.lang || 'zh',
          url(FILES.css));
      } catch (e) {
        el.setAttribute('data-error', String(e && e.message || e));
        console.error('explainer:', e);
      }
    }
  };
  // The JS API for newsroom developers (the full build): check(plan) returns the rule engine's
  // report for a plan in the CLI's JSON shape; records() returns the dataset.
  const check = async (plan) => (await load('pkg')).check(plan);
  const records = async () => (await load('pkg')).records();
  window.sxExplainer = { mountAll, check, records };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
