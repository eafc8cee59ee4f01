// The chart of an evaluation round's outcomes by field (evaluations/round_results.html); data from json_script.
(function () {
  var el = document.getElementById("field-chart");
  if (!window.echarts || !el) return;
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {}, legend: {data: d.outcomes}, xAxis: {type: "category", data: d.fields}, yAxis: {type: "value", minInterval: 1},
    series: d.outcomes.map(function (name, i) { return {name: name, type: "bar", stack: "n", data: d.series[i]}; })
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
