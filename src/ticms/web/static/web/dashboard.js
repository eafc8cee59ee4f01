// 统计看板 (web/dashboard.html): one bar chart per figure, data from the json_script block "dashboard-data".
// Clicking a bar opens the list behind it (each series carries one link per category).
(function () {
  var source = document.getElementById("dashboard-data");
  if (!window.echarts || !source) return;
  var charts = JSON.parse(source.textContent);
  charts.forEach(function (c) {
    var el = document.querySelector('[data-chart="' + c.id + '"]');
    if (!el || !c.categories.length) return;
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {trigger: "axis"},
      legend: c.series.length > 1 ? {data: c.series.map(function (s) { return s.name; })} : undefined,
      grid: {left: 48, right: 16, top: c.series.length > 1 ? 32 : 16, bottom: 48},
      xAxis: {type: "category", data: c.categories, axisLabel: {interval: 0, rotate: c.categories.length > 6 ? 30 : 0}},
      yAxis: {type: "value", minInterval: 1},
      series: c.series.map(function (s) {
        return {name: s.name, type: "bar", stack: c.stack ? "n" : undefined, data: s.data, cursor: "pointer"};
      })
    });
    chart.on("click", function (params) {
      var link = c.series[params.seriesIndex].links[params.dataIndex];
      if (link) window.location.href = link;
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
