// The explainer's first chart (the ten towns' output, 2022 implied against 2023) drawn with ECharts
// the way a newsroom would: canvas renderer, no animation, values from our dataset (data.js).
// setOption (not lazy) renders the chart onto the canvas before it returns; then the page marks
// `sx:first-chart`, as the explainer does when its first chart is drawn (record.js times it).
const d = window.BENCH_DATA;
const chart = echarts.init(document.getElementById('chart'), null, { renderer: 'canvas' });
chart.setOption({
  animation: false,
  title: { text: '十大重点专业镇前8个月产值' },
  xAxis: { type: 'category', data: d.labels },
  yAxis: { type: 'value', min: 0, name: '亿元' },
  series: [{ type: 'bar', data: d.values, label: { show: true, formatter: '{c}亿元' } }],
});
performance.mark('sx:first-chart');
