// Status dashboards: goal gauges, tasks by status, unit ranking, report history, district
// ranking. Data comes from data-* attributes (JSON) written by the server; ECharts is vendored.
"use strict";
(function () {
  var COLORS = { done: "#1f6f4a", on_pace: "#4caf7d", behind: "#e0a100", far_behind: "#d9480f",
                 overdue: "#b3261e", missing: "#9aa5ae", not_due: "#cfd6dc" };

  function data(el, name) { return JSON.parse(el.getAttribute("data-" + name)); }

  function draw(el, option) {
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-rendered", "true");
  }

  function nice(x) {  // 1, 2, 2.5 or 5 × 10^n at or above x: round gauge ticks
    var step = Math.pow(10, Math.floor(Math.log10(x)));
    var m = [1, 2, 2.5, 5, 10].find(function (k) { return k * step >= x; });
    return m * step;
  }

  function gauge(el) {
    var g = data(el, "gauge");
    var percent = g.unit === "%";
    var top = percent ? 100 : nice(Math.max(g.target * 1.6, (g.value || 0) * 1.2, 1));
    var lowerBetter = g.comparator === "<=" || g.comparator === "<";
    var mark = Math.min(g.target / top, 1);
    var good = "#4caf7d", bad = "#e07a5f";
    draw(el, {
      series: [{ type: "gauge", min: 0, max: Math.round(top * 10) / 10, radius: "95%",
        axisLine: { lineStyle: { width: 10, color: lowerBetter ? [[mark, good], [1, bad]] : [[mark, bad], [1, good]] } },
        splitNumber: 4, axisLabel: { fontSize: 9, distance: 12 }, axisTick: { show: false },
        splitLine: { length: 8 }, pointer: { width: 4 },
        title: { fontSize: 11, offsetCenter: [0, "78%"] },
        detail: { fontSize: 15, offsetCenter: [0, "48%"],
                  formatter: function (v) { return g.value === null ? "无数据" : String(v); } },
        data: [{ value: g.value === null ? 0 : g.value, name: "目标 " + g.comparator.replace("<=", "≤").replace(">=", "≥") + " " + g.target }] }]
    });
  }

  function taskStatus(el) {
    var labels = data(el, "labels");
    var series = data(el, "series").filter(function (d) { return d[1] > 0; });
    draw(el, {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["40%", "70%"], label: { formatter: "{b} {c}" },
        data: series.map(function (d) { return { name: labels[d[0]], value: d[1], itemStyle: { color: COLORS[d[0]] } }; }) }]
    });
  }

  function units(el) {
    var names = data(el, "series").slice().reverse();
    draw(el, {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 150, right: 20, top: 28, bottom: 20 },
      xAxis: { type: "value", max: 100 }, yAxis: { type: "category", data: names, axisLabel: { fontSize: 10, width: 140, overflow: "truncate" } },
      series: [{ name: "完整率%", type: "bar", data: data(el, "complete").slice().reverse(), itemStyle: { color: "#1f6f4a" } },
               { name: "及时率%", type: "bar", data: data(el, "timely").slice().reverse(), itemStyle: { color: "#7fb79a" } }]
    });
  }

  function history(el) {
    var target = data(el, "target");
    draw(el, {
      tooltip: { trigger: "axis" }, grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: "category", data: data(el, "periods") }, yAxis: { type: "value" },
      series: [{ name: "完成值", type: "line", data: data(el, "values"), itemStyle: { color: "#1f6f4a" },
        markLine: target === null ? undefined : { data: [{ yAxis: target, name: "目标" }], lineStyle: { color: "#b3261e" } } }]
    });
  }

  function ranking(el) {
    var red = data(el, "flags"), yellow = data(el, "yellow");
    draw(el, {
      tooltip: { trigger: "axis" }, grid: { left: 40, right: 30, top: 34, bottom: 30 },
      xAxis: { type: "category", data: data(el, "series") }, yAxis: { type: "value", name: "PM2.5" },
      series: [{ type: "bar", data: data(el, "values").map(function (v, i) {
          return { value: v, itemStyle: { color: red[i] ? "#d64545" : (yellow[i] ? "#e8b400" : "#4caf7d") } }; }),
        markLine: { data: [{ yAxis: data(el, "city"), name: "全市" }], lineStyle: { color: "#555" } } }]
    });
  }

  function trend(el) {
    var series = data(el, "series");
    var years = Object.keys(series).sort();
    draw(el, {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 16, top: 30, bottom: 24 },
      xAxis: { type: "category", data: data(el, "months") },
      yAxis: { type: "value", max: el.getAttribute("data-unit") === "%" ? 100 : null },
      series: years.map(function (y, i) {
        return { name: y + "年", type: "line", data: series[y], smooth: false,
                 itemStyle: { color: i === years.length - 1 ? "#1f6f4a" : "#9aa5ae" } };
      })
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-gauge]").forEach(gauge);
    document.querySelectorAll(".chart.trend").forEach(trend);
    var run = { "task-status-chart": taskStatus, "unit-chart": units, "history-chart": history,
                "ranking-chart": ranking };
    Object.keys(run).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { run[id](el); }
    });
  });
})();
