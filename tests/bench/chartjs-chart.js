// The explainer's first chart drawn with Chart.js: no animation, values from our dataset (data.js).
const d = window.BENCH_DATA;
new Chart(document.getElementById('chart'), {
  type: 'bar',
  data: { labels: d.labels, datasets: [{ label: '亿元', data: d.values }] },
  options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
});
window.chartDrawnAt = performance.now();
