// The audit page's chart: entries per day, from the JSON in data-series (ECharts, vendored).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("audit-chart");
  if (!el || !window.echarts) { return; }
  var series = JSON.parse(el.getAttribute("data-series"));
  var chart = window.echarts.init(el, null, { renderer: "svg" });
  chart.setOption({
    grid: { left: 36, right: 12, top: 24, bottom: 24 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: series.map(function (d) { return d[0].slice(5); }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ name: "操作次数", type: "bar", data: series.map(function (d) { return d[1]; }),
               itemStyle: { color: "#1f6f4a" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
  el.setAttribute("data-rendered", "true");
});
