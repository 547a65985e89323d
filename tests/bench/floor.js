// The benchmark's floor: the same first chart as the Chart.js and ECharts pages (the ten towns'
// output, 2022 implied against 2023, values from our dataset in data.js) drawn by the least code
// that can draw it: plain canvas calls, no library, no layout of its own, no request beyond its
// two small scripts. It is not a chart anyone should ship (no table, no keyboard, no source);
// it measures what this machine and browser need to put any script-drawn chart on screen, so
// that a budget can be read against it: a ratio below the floor's cannot be met by any page that
// loads a script and draws. Marks `sx:first-chart` once drawn, as the other pages do.
(() => {
  const d = window.BENCH_DATA;
  const canvas = document.getElementById('chart');
  const W = 640;
  const H = 384;
  const s = window.devicePixelRatio || 1;
  canvas.width = Math.round(W * s);
  canvas.height = Math.round(H * s);
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  const g = canvas.getContext('2d');
  g.scale(s, s);
  g.font = "12px system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
  const top = 40;
  const bottom = H - 40;
  const max = Math.ceil(Math.max(...d.values) / 100) * 100;
  const y = (v) => bottom - ((bottom - top) * v) / max;
  g.fillStyle = '#333';
  g.fillText('亿元', 48, 24);
  g.strokeStyle = '#ccc';
  g.textAlign = 'right';
  for (let v = 0; v <= max; v += 100) {
    g.beginPath();
    g.moveTo(48, y(v));
    g.lineTo(W - 16, y(v));
    g.stroke();
    g.fillText(String(v), 42, y(v) + 4);
  }
  g.textAlign = 'center';
  const slot = (W - 64) / d.values.length;
  d.values.forEach((v, i) => {
    const x = 48 + slot * i + slot / 4;
    g.fillStyle = '#3b6fb6';
    g.fillRect(x, y(v), slot / 2, bottom - y(v));
    g.fillStyle = '#333';
    g.fillText(d.labels[i], x + slot / 4, bottom + 18);
  });
  performance.mark('sx:first-chart');
})();
