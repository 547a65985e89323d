// Embed loader: finds every [data-explainer] element on the page, reserves its widget's height
// with a placeholder, loads the wasm module once, and hands each element to Rust, which mounts the
// widget inside a Shadow DOM. It never leaves a blank box: an unknown name, a host that cannot
// hold a shadow root and a failed download each show words in the box (and set data-error); a
// failed download also shows the figures as text and a Retry button that really retries.
// Deliberately thin: no rules, numbers or formatting live here, and every word it shows comes
// from the core (sx_explainer::loader, in CORE below).
//
// The source: `.ci/build` writes the deployable www/embed.js from it, with the build's
// content-hashed file names in place of the FILES placeholder, the core's loader data in place of
// the CORE placeholder, and without these comments (see README, "Deploying").
//
//   <script src="https://<host>/explainer/embed.js" defer></script>
//   <div data-explainer="towns" data-lang="zh" data-theme="auto"></div>
// (data-lang: zh or en; data-theme: light, dark or auto, read by the widget itself.)
(() => {
  // Included twice (a snippet pasted twice, a CMS that adds the script with every embed): the
  // first copy owns the page; a later one only asks it to look for embeds it has not seen.
  const prior = window.sxExplainer;
  if (prior && prior.loader) {
    prior.mountAll();
    return;
  }
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : location.href);
  const url = (path) => new URL(path, base).href;
  // This build's files, relative to embed.js: { pkg: { js, wasm }, 'pkg-towns': { js, wasm }, css,
  // fallback: { <kind>: { zh, en } } }. Each name carries a hash of the file's bytes, so a cache
  // may keep it for a year and a glue is never paired with another build's wasm; only embed.js
  // itself is short-lived.
  const FILES = /*FILES*/ null;
  // From the core: { kinds: [{ id, build, title }], words: { zh, en }, heights: { from, step, rows } }.
  const CORE = /*CORE*/ null;
  // The widget's stylesheet (www/explainer.css, the same bytes as FILES.css), inlined by the build
  // so that the first layout of a box needs no second request.
  const CSS = /*CSS*/ null;
  const SLOW_MS = 8000;
  // The longest the wasm's download waits for a pre-rendered first chart to be painted.
  const PRE_WAIT_MS = 1500;
  // The longest slice of painting a pre-rendered chart in one task.
  const SLICE_MS = 8;

  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
  const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
  const langOf = (el) => (/^en/i.test(el.dataset.lang || (el.dataset.lang === undefined && document.documentElement.lang) || '') ? 'en' : 'zh');
  const themeOf = (el) => (['light', 'dark'].includes(el.dataset.theme) ? el.dataset.theme : 'auto');
  // The palette a box's widget will draw in. (A read: matchMedia may bring the layout up to date.)
  const darkOf = (el) => themeOf(el) === 'dark' ||
    (themeOf(el) === 'auto' && !!window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
  const kindOf = (el) => CORE.kinds.find((k) => k.id === el.dataset.explainer);
  // The height to reserve: linear between the two nearest widths the core measured.
  const heightOf = (kind, lang, width) => {
    const { from, step, rows } = CORE.heights;
    const row = rows[kind][lang];
    const at = Math.max(0, (width - from) / step);
    const i = Math.min(Math.floor(at), row.length - 1);
    const j = Math.min(i + 1, row.length - 1);
    return Math.round(row[i] + (row[j] - row[i]) * Math.min(1, at - i));
  };

  // Two builds of the same crate: pkg/ has both explainers; pkg-towns/ has only the towns charts
  // and is about a third smaller. A page without a rest-trip embed gets the smaller one. The glue
  // and the wasm are fetched side by side; the wasm compiles while it streams in. A failed load
  // is forgotten, and a retry imports the glue under a new URL (a browser keeps a failed module
  // import for the page's lifetime), so Retry really fetches again.
  const modules = {};
  let attempt = 0;
  // Whether the browser runs WebAssembly at all (iPhone's Lockdown Mode turns it off).
  const hasWasm = typeof WebAssembly === 'object';
  const load = (build) => (modules[build] ||= (() => {
    // Without WebAssembly there is nothing to download (see why()).
    if (!hasWasm) return Promise.reject(new Error('WebAssembly is not available'));
    const retry = attempt ? `?retry=${attempt}` : '';
    const wasm = fetch(url(FILES[build].wasm));
    return import(url(FILES[build].js) + retry).then(async (mod) => {
      await mod.default({ module_or_path: wasm });
      return mod;
    }).catch((e) => {
      delete modules[build];
      throw e;
    });
  })());

  // The widget's stylesheet, adopted into every shadow root (constructable stylesheets are not
  // inline styles, so a strict CSP allows them): it applies at the widget's first layout. Where
  // they are missing, Rust puts a <link> to FILES.css in the shadow root instead.
  const constructable = typeof ShadowRoot === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype &&
    typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  let sheet;
  const styles = () => {
    if (sheet === undefined) {
      sheet = null;
      if (constructable) {
        try {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(CSS);
        } catch {
          sheet = null;
        }
      }
    }
    return sheet;
  };
  const adopt = (root, s) => {
    if (s) root.adoptedStyleSheets = [s];
    else if (!constructable && !root.querySelector('link[rel=stylesheet]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = url(FILES.css);
      root.prepend(link);
    }
  };

  // What the loader knows of each host element: { state: 'loading' | 'mounted' | 'failed' |
  // 'refused', mod, kind, lang, timer }.
  const hosts = new Map();

  const rootOf = (el) => {
    if (el.shadowRoot) return el.shadowRoot;
    try {
      return el.attachShadow({ mode: 'open' });
    } catch {
      return null;
    }
  };

  // A box that cannot hold a widget says why, in the box (or beside it, when the element cannot
  // hold a shadow root), and nothing heavy is loaded for it.
  const refuse = (el, root, lang, text, error) => {
    hosts.set(el, { state: 'refused' });
    el.setAttribute('data-error', error);
    el.removeAttribute('aria-busy');
    const box = `<div class="sx t-${themeOf(el)} say-box" role="note" lang="${lang === 'en' ? 'en' : 'zh-CN'}">${esc(text)}</div>`;
    if (root) {
      root.innerHTML = box;
      adopt(root, styles());
    } else if (!el.nextElementSibling?.hasAttribute('data-explainer-note')) {
      const p = document.createElement('p');
      p.setAttribute('data-explainer-note', '');
      p.setAttribute('role', 'note');
      p.textContent = text;
      el.after(p);
    }
    console.error(`explainer: ${error}`);
  };

  // The box until the widget mounts, styled at once by the inlined stylesheet: a plain
  // placeholder that reserves the widget's height (a host without a width yet, e.g. hidden,
  // reserves nothing), which a kind the core pre-renders replaces with the widget's own top in
  // the next task. Only writes: no layout is read after them in this task.
  const placeholder = (el, root, kind, lang, width, dark) => {
    const w = CORE.words[lang];
    const entry = { state: 'loading', kind, lang };
    const head = styles() && FILES.pre && width > 0 && CORE.pre.head[kind.id];
    const box = document.createElement('div');
    box.className = `sx t-${themeOf(el)} wait`;
    box.lang = lang === 'en' ? 'en' : 'zh-CN';
    box.innerHTML = `<p class="wait-text">${esc(fill(w.loading, { title: kind.title[lang] }))}</p>`;
    if (width > 0) box.style.minHeight = `${heightOf(kind.id, lang, width)}px`;
    root.replaceChildren(box);
    // After the box: where a <link> stands in for the adopted sheet, it goes beside it.
    adopt(root, styles());
    el.setAttribute('aria-busy', 'true');
    entry.timer = setTimeout(() => {
      const p = root.querySelector('.wait-text');
      if (p && hosts.get(el) === entry) p.textContent += ` ${w.slow}`;
    }, SLOW_MS);
    hosts.set(el, entry);
    if (head) prerender(el, box, entry, width, dark, head[lang]);
  };

  // The first chart before the wasm: the box shows the widget's own top (built by the same Rust
  // code, with chart 1's canvas) and paints chart 1 from the paint list the build made at the
  // chart's width, so it is on screen while the wasm is still on its way; the wasm then takes the
  // canvas over on the same spot, keeping its pixels when it would draw the same picture (the
  // canvas's data-pre names it). The list for the width the host suggests is fetched at once
  // (the chart's width is the host's less the widget's padding). The top goes in in the next
  // task: the layout of its text then does not join the page's own first layout in one long
  // task. Once the list is here, the laid-out width is read, and the right list fetched if the
  // guess was off. At a width the build did not cover, the top stays with an empty canvas until
  // the wasm draws it. While the list is on its way, the chart's fonts are warmed (warmFonts).
  const prerender = (el, box, entry, width, dark, head) => {
    const pre = CORE.pre;
    const bucket = (w) => Math.floor(w / pre.step) * pre.step;
    const list = (w) => (w >= pre.from && w <= pre.to
      ? fetch(url(`${FILES.pre}${entry.kind.id}-${entry.lang}-${dark ? 'dark' : 'light'}-${w}.json`))
        .then((r) => (r.ok ? r.json() : null)).catch(() => null)
      : Promise.resolve(null));
    const guess = bucket(width - 20);
    // Whether the box is still this pre-render's: not released, not yet mounted.
    const ours = () => hosts.get(el) === entry && entry.state === 'loading';
    let arrived = false;
    const first = list(guess).finally(() => { arrived = true; });
    const section = document.createElement('section');
    section.className = `sx t-${themeOf(el)}`;
    section.lang = box.lang;
    section.innerHTML = head;
    section.style.minHeight = box.style.minHeight;
    const top = nextTask().then(() => {
      if (ours() && box.isConnected) box.replaceWith(section);
    });
    top.then(() => warmFonts(section.querySelector('.plot canvas'), pre.warm?.[entry.kind.id]?.[entry.lang],
      () => !arrived && ours() && section.isConnected)).catch(() => {});
    // Settles when the painted chart is on screen or the pre-render given up: until then the
    // wasm waits (see mountAll).
    entry.preDone = Promise.all([first, top]).then(async ([guessed]) => {
      const canvas = section.querySelector('.plot canvas');
      const live = () => ours() && canvas.isConnected;
      if (!live()) return;
      // The chart's laid-out width, read only now: by then a frame has usually laid the top out,
      // so the read forces no layout (and the loader's first task none of the top's).
      const w = bucket(section.querySelector('.plot').clientWidth);
      const paintList = w === guess ? guessed : await list(w);
      if (!paintList || !live()) return;
      if (!await paint(canvas, paintList, ratio(), live)) return;
      // The picture's name (the core's, copied as it is): the wasm, about to draw chart 1 on this
      // canvas, leaves it as it is when it would draw the same picture at the same size.
      if (typeof paintList.key === 'string') canvas.dataset.pre = paintList.key;
      performance.mark('sx:first-chart');
      // Settles once a frame with the chart has been produced: the wasm's takeover, a longer
      // task, waits for it rather than holding the painted chart off the screen.
      entry.shown = new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
      await entry.shown;
    }).catch(() => {});
  };

  // The chart's fonts warmed while its paint list is on its way (the network's wait, on a phone
  // often the longest step): the core's list of every font and character chart 1 draws in this
  // language (sx_explainer::loader::prerender_warm) is measured once per font on the chart's own
  // canvas, one font per task, so the browser finds each font and its fallbacks now rather than
  // when painting starts (painting chart 1 then took 28 instead of 62 ms at 4× CPU and 150 ms
  // round trips; README, "First paint"). Stops as soon as `waiting()` is false: the list has
  // come (painting does the same work then) or the box was released.
  const warmFonts = async (canvas, warm, waiting) => {
    if (!canvas || !warm) return;
    const g = canvas.getContext('2d');
    for (const [size, bold] of warm.fonts) {
      await nextTask();
      if (!waiting()) return;
      g.font = fontOf(size, bold, ratio(), CORE.pre.font);
      g.measureText(warm.text);
    }
  };
  // The scale a pre-rendered chart is painted at: the device pixel ratio, between 1 and 4.
  const ratio = () => Math.min(4, Math.max(1, window.devicePixelRatio || 1));
  // A canvas font as plotters-canvas sets it, `size` in CSS pixels on a canvas scaled by `s`.
  const fontOf = (size, bold, s, family) => `${bold ? 'bold' : 'normal'} ${size * s}px ${family}`;

  // Paints a paint list (sx_explainer::charts::paint_list: the chart's shapes in CSS pixels) as
  // the wasm does: scaled like charts::scene::render, then each shape drawn with the canvas calls
  // plotters-canvas makes for it. tests/e2e/contain.mjs compares the pixels with the wasm's.
  // Painted in slices of at most about SLICE_MS (drawing CJK text with cold glyphs is slow, more
  // so on a slow phone), each in its own task, with the canvas hidden until the last one: no long
  // task, and no frame shows half a chart. (On the canvas itself, not one off screen: a canvas
  // outside the document draws text in the document's language, not the widget's, and so in
  // other fonts.) Stops, and resolves to false, once `live()` turns false between slices (the box
  // was released, or the wasm's mount took the canvas over).
  const paint = async (canvas, L, s, live) => {
    canvas.style.visibility = 'hidden';
    try {
      return await paintSlices(canvas, L, s, live);
    } finally {
      canvas.style.visibility = '';
    }
  };
  const paintSlices = async (canvas, L, s, live) => {
    const round = (v) => (v < 0 ? -Math.round(-v) : Math.round(v)); // f64::round: half away from 0
    const p = (v) => round(v * s);
    const sw = (v) => Math.max(1, round(v * s));
    const W = round(L.w * s);
    const H = round(L.h * s);
    canvas.width = W;
    canvas.height = H;
    canvas.style.width = `${L.w}px`;
    canvas.style.height = `${L.h}px`;
    const g = canvas.getContext('2d');
    const rgba = (c) => `rgba(${c[0]},${c[1]},${c[2]},${c[3]})`;
    g.fillStyle = rgba([...L.bg, 1]);
    g.fillRect(0, 0, W, H);
    // Straight strokes in a row with one colour and width are one path, stroked once, as
    // src/web/batch.rs batches them for the wasm.
    let batch = null;
    const flush = () => {
      if (!batch) return;
      g.strokeStyle = rgba(L.c[batch.c]);
      g.lineWidth = batch.w;
      g.beginPath();
      for (const [x0, y0, x1, y1] of batch.s) {
        g.moveTo(x0, y0);
        g.lineTo(x1, y1);
      }
      g.stroke();
      batch = null;
    };
    const path = (pts, at) => {
      for (let i = at; i < pts.length; i += 2) {
        if (i === at) g.moveTo(p(pts[i]), p(pts[i + 1]));
        else g.lineTo(p(pts[i]), p(pts[i + 1]));
      }
    };
    let slice = performance.now();
    for (const o of L.o) {
      if (performance.now() - slice > SLICE_MS) {
        await nextTask();
        if (!live()) return false;
        slice = performance.now();
      }
      if (o[0] === 1 && o.length === 7 && L.c[o[1]][3] !== 0) {
        const w = sw(o[2]);
        const seg = [p(o[3]), p(o[4]), p(o[5]), p(o[6])];
        if (!batch || batch.c !== o[1] || batch.w !== w) {
          flush();
          batch = { c: o[1], w, s: [] };
        }
        batch.s.push(seg);
        continue;
      }
      flush();
      switch (o[0]) {
        case 0: { // rectangle
          const c = L.c[o[5]];
          if (c[3] === 0) break;
          const [ax, ay, bx, by] = [p(o[1]), p(o[2]), p(o[3]), p(o[4])];
          const [x0, y0, x1, y1] = [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
          if (o[6]) {
            g.fillStyle = rgba(c);
            g.fillRect(x0, y0, x1 - x0, y1 - y0);
          } else {
            g.strokeStyle = rgba(c);
            g.lineWidth = sw(o[7]);
            g.strokeRect(x0, y0, x1 - x0, y1 - y0);
          }
          break;
        }
        case 1: { // polyline
          const c = L.c[o[1]];
          if (c[3] === 0) break;
          g.beginPath();
          if (o.length > 3) {
            g.strokeStyle = rgba(c);
            g.lineWidth = sw(o[2]);
            path(o, 3);
          }
          g.stroke();
          break;
        }
        case 2: { // filled polygon
          const c = L.c[o[1]];
          if (c[3] === 0) break;
          g.beginPath();
          if (o.length > 2) {
            g.fillStyle = rgba(c);
            path(o, 2);
            g.closePath();
          }
          g.fill();
          break;
        }
        case 3: { // circle
          const c = L.c[o[4]];
          if (c[3] === 0) break;
          if (o[5]) g.fillStyle = rgba(c);
          else {
            g.strokeStyle = rgba(c);
            g.lineWidth = sw(o[6]);
          }
          g.beginPath();
          g.arc(p(o[1]), p(o[2]), Math.max(1, p(o[3])), 0, Math.PI * 2);
          if (o[5]) g.fill();
          else g.stroke();
          break;
        }
        case 4: { // text
          const c = L.c[o[5]];
          if (c[3] === 0) break;
          g.textBaseline = ['top', 'middle', 'bottom'][o[7]];
          g.textAlign = ['start', 'center', 'end'][o[6]];
          g.fillStyle = rgba(c);
          g.font = fontOf(o[4], o[8], s, L.font);
          g.fillText(o[1], p(o[2]), p(o[3]));
          break;
        }
        default: break;
      }
    }
    flush();
    return true;
  };
  // A new task at once (a zero timeout may wait 4 ms or for a frame).
  const nextTask = () => new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(0);
  });

  // Why a load failed (`m`, the error's message), in the core's words where the error says which
  // (the browser's own message stays in data-error and the console), and whether Retry can help:
  // a browser without WebAssembly and a page whose CSP forbids it fail the same way every time.
  const why = (e, m, w) => {
    if (!hasWasm) return [w.why_no_wasm, false];
    if (/Content.Security.Policy|unsafe-eval/i.test(m)) return [w.why_csp, false];
    if ((e instanceof TypeError && /fetch|network|load/i.test(m)) || /HTTP status/i.test(m)) return [w.why_network, true];
    return [m, true];
  };

  // A download or a mount failed: the reason, the plan's safety, Retry, and the figures as text.
  const failure = (el, root, entry, e) => {
    const { kind, lang } = entry;
    const w = CORE.words[lang];
    const message = String((e && e.message) || e);
    const [reason, retryable] = why(e, message, w);
    clearTimeout(entry.timer);
    entry.state = 'failed';
    el.setAttribute('data-error', message);
    el.removeAttribute('aria-busy');
    const planKept = kind.id === 'rest-trip' && /(^|[#&])plan\d*=/.test(location.hash);
    root.innerHTML = `<div class="sx t-${themeOf(el)} failed" lang="${lang === 'en' ? 'en' : 'zh-CN'}">` +
      `<div role="alert"><p><strong>${esc(fill(w.failed, { title: kind.title[lang] }))}</strong> ` +
      `<span class="say">${esc(fill(w.reason, { reason }))}</span></p>` +
      (planKept ? `<p>${esc(w.plan_kept)}</p>` : '') + '</div>' +
      (retryable ? `<p><button type="button" class="retry">${esc(w.retry)}</button></p>` : '') +
      `<p class="say">${esc(w.figures)}</p><div class="figures"></div></div>`;
    root.querySelector('.retry')?.addEventListener('click', (ev) => {
      ev.currentTarget.disabled = true;
      ev.currentTarget.textContent = w.retrying;
      retry();
    });
    const figures = root.querySelector('.figures');
    fetch(url(FILES.fallback[kind.id][lang]))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      // Our own generated HTML (examples/export/noscript.rs), from this build's hashed file.
      .then((html) => { if (figures.isConnected) figures.innerHTML = html; })
      .catch(() => { if (figures.isConnected) figures.textContent = w.figures_missing; });
    adopt(root, styles());
  };

  const mountAll = () => {
    const found = [...document.querySelectorAll('[data-explainer]')].filter((el) => !hosts.has(el));
    if (!found.length) return Promise.resolve();
    // Every width first, then every write: one layout for the whole page.
    const items = found.map((el) => ({ el, kind: kindOf(el), lang: langOf(el), width: el.clientWidth, dark: darkOf(el) }));
    const wanted = [];
    for (const it of items) {
      const root = rootOf(it.el);
      const w = CORE.words[it.lang];
      if (!root) refuse(it.el, null, it.lang, w.no_shadow, 'this element cannot hold a shadow root');
      else if (!it.kind) {
        const name = String(it.el.dataset.explainer).slice(0, 40);
        refuse(it.el, root, it.lang, fill(w.unknown, { name }), `unknown explainer "${name}"`);
      } else {
        placeholder(it.el, root, it.kind, it.lang, it.width, it.dark);
        wanted.push({ ...it, root });
      }
    }
    if (!wanted.length) return Promise.resolve();
    // One instance for the page: the full build once any embed needs it.
    const build = modules.pkg || wanted.some((it) => it.kind.build === 'pkg') ? 'pkg' : 'pkg-towns';
    // Where a chart is being pre-rendered, the glue and the wasm are fetched once it is on screen
    // (or given up, or after PRE_WAIT_MS at most): the first chart's few kilobytes then have the
    // reader's connection to themselves, and the wasm's compile and mount come after its frame.
    const pres = wanted.map((it) => hosts.get(it.el)?.preDone).filter(Boolean);
    let loading; // load(build)'s promise, the module instance a failed mount makes Retry replace
    const loaded = (pres.length
      ? Promise.race([Promise.all(pres), new Promise((r) => setTimeout(r, PRE_WAIT_MS))])
      : Promise.resolve()).then(() => (loading = load(build)));
    const s = styles();
    return loaded.then(async (mod) => {
      // Each widget mounts in its own task, in page order: the first one reaches the screen
      // before the next one starts.
      for (const [k, it] of wanted.entries()) {
        if (k > 0) await new Promise((r) => setTimeout(r, 0));
        const shown = hosts.get(it.el)?.shown;
        if (shown) await shown;
        const entry = hosts.get(it.el);
        if (!entry || entry.state !== 'loading') continue;
        if (!it.el.isConnected) { hosts.delete(it.el); continue; }
        clearTimeout(entry.timer);
        try {
          mod.mount(it.el, it.kind.id, it.lang, s ? '' : url(FILES.css));
          entry.state = 'mounted';
          entry.mod = mod;
          it.el.removeAttribute('aria-busy');
        } catch (e) {
          console.error('explainer:', e);
          // The module may have stopped: Retry starts a fresh instance of it.
          if (modules[build] === loading) delete modules[build];
          failure(it.el, it.root, entry, e);
        }
      }
    }, (e) => {
      console.error('explainer: loading failed:', e);
      for (const it of wanted) {
        const entry = hosts.get(it.el);
        if (entry && entry.state === 'loading') failure(it.el, it.root, entry, e);
      }
    });
  };

  // Retry: every box that failed goes back to its placeholder and loads again.
  const retry = () => {
    attempt++;
    for (const [el, entry] of hosts) {
      if (entry.state !== 'failed') continue;
      hosts.delete(el);
      el.removeAttribute('data-error');
      if (entry.mod) {
        try { entry.mod.unmount(el); } catch { /* a stopped module */ }
      }
    }
    return mountAll();
  };

  // Forgets an element the page removed (its widget's listeners and observers go with it), or
  // whose data-explainer or data-lang changed (it mounts again as asked).
  const release = (el) => {
    const entry = hosts.get(el);
    if (!entry) return;
    hosts.delete(el);
    clearTimeout(entry.timer);
    if (entry.mod) {
      try { entry.mod.unmount(el); } catch { /* a stopped module */ }
    }
    el.removeAttribute('data-error');
    el.removeAttribute('aria-busy');
  };

  // Embeds added later (infinite scroll, a CMS preview, a single-page app) mount by themselves;
  // removed ones are released.
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      for (const el of [...hosts.keys()]) if (!el.isConnected) release(el);
      mountAll();
    });
  };
  const watch = () => {
    if (typeof MutationObserver !== 'function') return;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') {
          if (hosts.has(r.target)) release(r.target);
          later();
          return;
        }
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && (n.matches('[data-explainer]') || n.querySelector('[data-explainer]'))) { later(); return; }
        }
        if (r.removedNodes.length && hosts.size) { later(); return; }
      }
    }).observe(document.documentElement, {
      childList: true, subtree: true, attributes: true, attributeFilter: ['data-explainer', 'data-lang'],
    });
  };

  // The JS API for newsroom developers (the full build): check(plan) returns the rule engine's
  // report for a plan in the CLI's JSON shape; records() returns the dataset. mountAll() mounts
  // embeds not yet seen (the observer does this by itself); retry() retries failed ones.
  const check = async (plan) => (await load('pkg')).check(plan);
  const records = async () => (await load('pkg')).records();
  window.sxExplainer = { loader: true, mountAll, retry, check, records };
  const start = () => {
    mountAll();
    watch();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
