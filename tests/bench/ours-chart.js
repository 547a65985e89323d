// Records when the explainer's towns widget has drawn (the widget sets data-ready after drawing).
const host = document.querySelector('[data-explainer]');
const done = () => { if (host.dataset.ready === 'true' && !window.chartDrawnAt) window.chartDrawnAt = performance.now(); };
new MutationObserver(done).observe(host, { attributes: true });
done();
