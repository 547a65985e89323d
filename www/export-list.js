// embed.html only: lists the exported files ("下载图片 / Images for print and WeChat") from the
// manifests `.ci/build` writes into export/zh/ and export/en/, with a preview of each chart and
// its download links. The titles, alt texts and sizes come from the manifest, i.e. from Rust.
(() => {
  const kb = (bytes) => `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const el = (tag, props = {}, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props);
    e.append(...children);
    return e;
  };
  const link = (dir, f, label) => el('a', { href: `${dir}/${f.file}`, download: f.file },
    `${label} · ${f.width_px ? `${f.width_px} × ${f.height_px} px · ` : ''}${kb(f.bytes)}`);

  for (const box of document.querySelectorAll('[data-export-manifest]')) {
    const url = box.dataset.exportManifest;
    const dir = url.slice(0, url.lastIndexOf('/'));
    fetch(url)
      .then((r) => { if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.json(); })
      .then((m) => {
        const list = el('ul', { className: 'exports' });
        const byChart = new Map();
        for (const f of m.files) {
          if (f.kind === 'chart') byChart.set(f.chart, [...(byChart.get(f.chart) || []), f]);
        }
        const card = m.files.find((f) => f.kind === 'card');
        if (card) {
          list.append(el('li', { className: 'card' },
            el('img', { src: `${dir}/${card.file}`, alt: card.alt, width: card.width_px, height: card.height_px, loading: 'lazy' }),
            el('p', {}, el('strong', {}, box.dataset.cardLabel || 'card.png'), ' ', link(dir, card, 'PNG'))));
        }
        for (const files of byChart.values()) {
          const png = files.find((f) => f.file.endsWith('.png'));
          const svg = files.find((f) => f.file.endsWith('.svg'));
          const item = el('li');
          if (png) item.append(el('img', { src: `${dir}/${png.file}`, alt: png.alt, width: png.width_px, height: png.height_px, loading: 'lazy' }));
          const p = el('p', {}, el('strong', {}, (png || svg).title));
          if (png) p.append(el('br'), link(dir, png, 'PNG'));
          if (svg) p.append(el('br'), link(dir, svg, 'SVG'));
          item.append(p);
          list.append(item);
        }
        const rest = el('p');
        for (const f of m.files.filter((x) => x.kind === 'noscript')) {
          rest.append(el('a', { href: `${dir}/${f.file}` }, f.file), ` (${f.title}, ${kb(f.bytes)}) · `);
        }
        rest.append(el('a', { href: url }, 'manifest.json'), ` · PNG: ${m.font.family}`);
        box.replaceChildren(list, rest);
      })
      .catch((e) => { box.append(el('p', { className: 'error' }, `${e.message}`)); });
  }
})();
