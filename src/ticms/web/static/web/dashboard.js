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

// The county map: boundaries shipped with the system (vendor/geo/shuozhou.json, matched by division code), the
// number of centers per county; clicking a county opens the directory filtered to it.
(function () {
  var el = document.querySelector(".ticms-map");
  var source = document.getElementById("dashboard-map");
  if (!window.echarts || !el || !source) return;
  var areas = JSON.parse(source.textContent);
  fetch(el.getAttribute("data-geo"), {credentials: "same-origin"})
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (geo) {
      var byCode = {};
      areas.forEach(function (a) { byCode[a.code] = a; });
      echarts.registerMap("shuozhou", geo);
      var data = geo.features.map(function (f) {
        var a = byCode[f.properties.code];
        return {name: f.properties.name, value: a ? a.value : 0, link: a ? a.link : null};
      });
      var max = Math.max.apply(null, data.map(function (d) { return d.value; }).concat([1]));
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {trigger: "item", formatter: function (p) { return p.name + "：" + (p.value || 0) + " 个"; }},
        visualMap: {min: 0, max: max, left: 8, bottom: 8, text: ["多", "少"], calculable: false,
                    inRange: {color: ["#e8f0fb", "#0d47a1"]}},
        series: [{type: "map", map: "shuozhou", roam: false, data: data, cursor: "pointer",
                  label: {show: true, fontSize: 11}, emphasis: {label: {show: true}}}]
      });
      chart.on("click", function (p) { if (p.data && p.data.link) window.location.href = p.data.link; });
      window.addEventListener("resize", function () { chart.resize(); });
    })
    .catch(function () { el.textContent = "地图数据加载失败，请查看下方数据表。"; });
})();
