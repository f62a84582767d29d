// gensyn explorer: progressive enhancement. The pages are complete without
// this script; it draws the charts (uPlot) and keeps the page live: on each
// server-sent event of the page's topic it fetches the page again and swaps
// <main> in place, so the page changes without a reload.
(function () {
  "use strict";
  var charts = [];
  // axis steps for whole numbers (job ids, training steps)
  var ints = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 1000000];

  function drawCharts(root) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    if (typeof uPlot === "undefined") return;
    root.querySelectorAll(".chart[data-series]").forEach(function (el) {
      var data;
      try { data = JSON.parse(el.getAttribute("data-series")); } catch (e) { return; }
      if (!data || !data[0] || data[0].length === 0) return;
      var kind = el.getAttribute("data-chart");
      var width = Math.max(240, el.clientWidth || 600);
      var opts;
      if (kind === "loss") {
        opts = {
          width: width, height: 260,
          scales: { x: { time: false } },
          axes: [{ label: "step", incrs: ints }, { label: "loss" }],
          series: [
            { label: "step" },
            { label: "loss", stroke: "#0a58ca", width: 2, points: { show: true, size: 5 } },
            { label: "verified", stroke: "#1a7f37", width: 0, points: { show: true, size: 9, fill: "#1a7f37" } }
          ]
        };
      } else {
        opts = {
          width: width, height: 220,
          scales: { x: { time: false } },
          axes: [{ label: "job", incrs: ints }, { label: "ETH" }],
          series: [{ label: "job" }, { label: "accepted price (ETH)", stroke: "#9a6700", width: 2, points: { show: true, size: 6 } }]
        };
      }
      charts.push(new uPlot(opts, data, el));
    });
  }

  // swap fetches the page and replaces <main> and the footer's head.
  var fetching = false, again = false;
  function swap() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(location.href, { headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var main = doc.getElementById("main");
        if (!main) return;
        // keep open <details> open across the swap
        var open = {};
        document.querySelectorAll("#main details[open] summary").forEach(function (s) { open[s.textContent] = true; });
        document.getElementById("main").innerHTML = main.innerHTML;
        document.querySelectorAll("#main details summary").forEach(function (s) { if (open[s.textContent]) s.parentNode.open = true; });
        var head = doc.getElementById("head"), cur = document.getElementById("head");
        if (head && cur) { cur.textContent = head.textContent; cur.setAttribute("data-head", head.getAttribute("data-head")); }
        document.title = doc.title;
        drawCharts(document.getElementById("main"));
        document.body.setAttribute("data-updates", String(Number(document.body.getAttribute("data-updates") || 0) + 1));
      })
      .catch(function () {})
      .then(function () { fetching = false; if (again) { again = false; swap(); } });
  }

  function live() {
    var topic = document.body.getAttribute("data-topic");
    var status = document.getElementById("live");
    if (!topic || typeof EventSource === "undefined") return;
    var es = new EventSource("/events?topic=" + encodeURIComponent(topic));
    es.addEventListener("hello", function (ev) {
      if (status) status.textContent = "live";
      // reconnected after the page fell behind: catch up
      var cur = document.getElementById("head");
      if (cur && Number(ev.data) > Number(cur.getAttribute("data-head"))) swap();
    });
    es.addEventListener("update", swap);
    es.onerror = function () { if (status) status.textContent = ""; };
    es.onopen = function () { if (status) status.textContent = "live"; };
  }

  document.addEventListener("DOMContentLoaded", function () {
    window.explorerLoadedAt = Date.now();
    drawCharts(document);
    live();
  });
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { drawCharts(document); }, 200);
  });
})();
