// The benchmark's recorder, the first script of every bench page (ours, Chart.js, ECharts and the
// floor): a classic script in <head>, so it is in place before anything it measures starts.
// Everything is recorded by the page itself into window.BENCH; bench.mjs runs no script in the
// page while it loads and reads window.BENCH once, after a fixed wait (see README, "Size and
// speed").
//  - firstChart: `sx:first-chart` (User Timing) is the moment a first chart has been drawn: the
//    explainer's widget sets it when its first chart is drawn (embed.js sets the same mark when it
//    paints a pre-rendered chart), the Chart.js, ECharts and floor pages right after their draw
//    call returns. The chart is on screen once two animation frames have begun after it: the first
//    renders the frame holding the chart, the second begins after that frame was produced.
//    `onScreen` is performance.now() in the second frame's callback.
//  - longTasks: every main-thread task over 50 ms (Long Tasks API), for the longest task and TBT.
//  - fcp: first contentful paint, where Lighthouse starts counting blocking time.
(() => {
  const B = (window.BENCH = { mark: null, onScreen: null, via: null, fcp: null, longTasks: [] });
  const NAME = 'sx:first-chart';
  const twoFrames = (via) => {
    if (B.via) return;
    B.via = via;
    requestAnimationFrame(() => requestAnimationFrame(() => { B.onScreen = performance.now(); }));
  };
  // The frames must be requested in the task that sets the mark: a PerformanceObserver's callback
  // runs in a later task, in Chromium after the next frame, so it would count one frame too many
  // (measured on the Chart.js and ECharts pages: 0-40 ms, 11 ms median). So the mark is seen where
  // it is set, on every page alike: performance.mark is wrapped. The widget's wasm glue calls
  // `performance.mark(…)` on the object, so it goes through the wrapper too.
  const mark = performance.mark;
  performance.mark = function (name, ...rest) {
    const entry = mark.call(this, name, ...rest);
    if (name === NAME) twoFrames('mark');
    return entry;
  };
  // The mark's time, and a fallback should a mark ever bypass the wrapper: bench.mjs then says
  // so, as that time is one frame late.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== NAME || B.mark !== null) continue;
      B.mark = e.startTime;
      twoFrames('observer');
    }
  }).observe({ type: 'mark', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') B.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
})();
