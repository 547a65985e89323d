// The explainer's first chart (the ten towns' output, 2022 implied against 2023) drawn with
// Chart.js the way a newsroom would: no animation, values from our dataset (data.js). With
// animation off, the constructor draws the chart before it returns; then the page marks
// `sx:first-chart`, as the explainer does when its first chart is drawn (record.js times it).
const d = window.BENCH_DATA;
new Chart(document.getElementById('chart'), {
  type: 'bar',
  data: { labels: d.labels, datasets: [{ label: '亿元', data: d.values }] },
  options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
});
performance.mark('sx:first-chart');
