// Records when the explainer has drawn its first chart: the widget marks `sx:chart:output` (User
// Timing) right after drawing the output chart on its canvas.
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.name === 'sx:chart:output' && !window.chartDrawnAt) window.chartDrawnAt = e.startTime;
  }
}).observe({ type: 'mark', buffered: true });
