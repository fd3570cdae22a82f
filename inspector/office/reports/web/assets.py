"""The web report's one style sheet and one script, written beside the pages.

Both are files (not inline) so a page holds no script of its own: records
come from the field and are only ever text in it. Fonts are the reader's own
(no web font: the report opens with no network); the script uses no
framework and nothing a file:// page may not do (no modules, no fetch)."""

CSS = """\
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --band: #f6f8fa; --accent: #b42318; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; color: var(--ink);
  font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif; }
a { color: #0b57d0; }
h1 { font-size: 1.6em; margin: .4em 0 .6em; }
h2 { font-size: 1.25em; border-bottom: 2px solid var(--ink); padding-bottom: .2em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
nav.crumbs { font-size: .9em; color: var(--muted); }
dl.covers { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.covers dt { color: var(--muted); }
dl.covers dd { margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.figures .value { display: block; font-size: 1.5em; font-weight: bold; }
.figures .name { color: var(--muted); font-size: .9em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figure.chart figcaption { font-weight: bold; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; font-family: inherit; }
svg.chart text { font-size: 13px; fill: var(--ink); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
tr.filtered-out { display: none; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters input[type=search] { min-width: 240px; padding: 4px 6px; }
.filters .shown, .hint { color: var(--muted); font-size: .9em; }
.sev-severe { color: var(--accent); font-weight: bold; }
.veto { color: #fff; background: var(--accent); border-radius: 3px; padding: 0 4px; font-size: .85em; }
article.record { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; margin: 12px 0;
  break-inside: avoid-page; }
article.record h3 { margin-top: .3em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.photos { display: flex; flex-wrap: wrap; gap: 10px; }
.photos figure { margin: 0; width: 220px; }
.photos img { width: 220px; height: auto; border: 1px solid var(--line); display: block; }
.photos figcaption { font-size: .85em; color: var(--muted); }
ol.history { margin: 4px 0; padding-left: 1.4em; font-size: .92em; }
.muted { color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: .85em; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .filters, .hint { display: none !important; }
  tr.filtered-out { display: table-row !important; }
  thead { display: table-header-group; }
  tr, figure, img, svg { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .charts { grid-template-columns: 1fr 1fr; gap: 8px; }
  figure.chart { margin-bottom: 8px; }
  .photos figure, .photos img { width: 45mm; }
}
"""

JS = """\
/* The web report's script: sort and filter the tables, and say (for the
   browser test) how many images failed to load. No framework, no network:
   it works from a USB stick (file://). A page may be opened with
   ?q=words&severity=code&status=code to start filtered. */
(function () {
  "use strict";

  function cellKey(cell) {
    var key = cell.getAttribute("data-sort");
    return key !== null ? key : cell.textContent.trim();
  }

  var NUMBER = /^-?\\d+(\\.\\d+)?$/;

  function compare(a, b) {
    if (NUMBER.test(a) && NUMBER.test(b)) { return parseFloat(a) - parseFloat(b); }
    return a.localeCompare(b, document.documentElement.lang || undefined);
  }

  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellKey(r1.cells[index]), cellKey(r2.cells[index]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilter(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) { return; }
    var words = box.querySelector("input[type=search]").value.trim().toLowerCase().split(/\\s+/)
      .filter(function (w) { return w; });
    var picks = Array.prototype.map.call(box.querySelectorAll("select"), function (s) {
      return [s.getAttribute("data-field"), s.value];
    });
    var shown = 0, rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], text = row.textContent.toLowerCase(), keep = true;
      words.forEach(function (w) { if (text.indexOf(w) < 0) { keep = false; } });
      picks.forEach(function (p) { if (p[1] && row.getAttribute("data-" + p[0]) !== p[1]) { keep = false; } });
      row.classList.toggle("filtered-out", !keep);
      if (keep) { row.removeAttribute("data-hidden"); } else { row.setAttribute("data-hidden", "1"); }
      shown += keep ? 1 : 0;
    }
    var say = box.querySelector(".shown");
    if (say) {
      say.textContent = say.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
    }
    table.setAttribute("data-shown", String(shown));
  }

  function startFilters() {
    var query = new URLSearchParams(window.location.search);
    document.querySelectorAll(".filters").forEach(function (box) {
      var input = box.querySelector("input[type=search]");
      if (query.get("q")) { input.value = query.get("q"); }
      box.querySelectorAll("select").forEach(function (s) {
        var wanted = query.get(s.getAttribute("data-field"));
        if (wanted !== null) { s.value = wanted; }
        s.addEventListener("change", function () { applyFilter(box); });
      });
      input.addEventListener("input", function () { applyFilter(box); });
      applyFilter(box);
    });
  }

  function startSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("thead th").forEach(function (th) {
        th.setAttribute("tabindex", "0");
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(table, th); } });
      });
    });
  }

  function countImages() {
    var images = document.images, broken = 0;
    for (var i = 0; i < images.length; i++) {
      if (!images[i].complete || images[i].naturalWidth === 0) { broken += 1; }
    }
    var bars = 0;
    document.querySelectorAll("svg.chart rect.bar").forEach(function (bar) {
      var box = bar.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) { bars += 1; }
    });
    document.body.setAttribute("data-images", String(images.length));
    document.body.setAttribute("data-broken-images", String(broken));
    document.body.setAttribute("data-drawn-bars", String(bars));
  }

  document.addEventListener("DOMContentLoaded", function () { startSorting(); startFilters(); });
  window.addEventListener("load", countImages);
})();
"""
