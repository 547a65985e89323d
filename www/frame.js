// iframe embed: www/frame.html?explainer=towns|rest-trip&lang=zh|en&theme=light|dark|auto
// Sets up the one widget the URL asks for (embed.js, loaded after this file, mounts it) and tells
// the parent page the frame's height whenever it changes, in the three message formats that
// Datawrapper's, pym.js's and AMP's embed code listen for, so the frame never scrolls inside the
// article. No inline script: a strict Content-Security-Policy allows only files from this host.
(() => {
  const params = new URLSearchParams(location.search);
  const kind = params.get('explainer') === 'rest-trip' ? 'rest-trip' : 'towns';
  const host = document.getElementById('explainer');
  host.dataset.explainer = kind;
  host.dataset.lang = params.get('lang') === 'en' ? 'en' : 'zh';
  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark' || theme === 'auto') host.dataset.theme = theme;
  document.documentElement.lang = host.dataset.lang === 'en' ? 'en' : 'zh-CN';
  // The page's <h1> (visually hidden; the widget shows its own title) names this widget: the
  // exporter writes every kind's heading in both languages from the core, and one stays shown.
  for (const s of document.querySelectorAll('h1 [data-kind]')) {
    s.hidden = !(s.dataset.kind === kind && s.lang === document.documentElement.lang);
  }
  if (window.parent === window) return;
  // pym.js passes its child id in the URL; Datawrapper finds the iframe whose src contains the key.
  const pymId = params.get('childId') || `sx-${kind}`;
  const dwKey = `explainer=${kind}`;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!height || height === last) return;
    last = height;
    const parent = window.parent;
    parent.postMessage({ 'datawrapper-height': { [dwKey]: height } }, '*');
    parent.postMessage(`pymxPYMx${pymId}xPYMxheightxPYMx${height}`, '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
})();
