/* The reader's portal, progressively enhanced (everything works without it):
   - on a phone, a report's facts panel starts folded (details.bl-facts-fold), so the
     narrative is on the first screen;
   - sortable tables: a table marked data-sortable gets a button in each column header (except
   those marked data-nosort); a click sorts the rows by that column, again reverses. Cells may
   carry data-sort or data-value (a number or text to sort by); otherwise their text is used, as a number
   when it starts with one (123, 2万余元 → 20000);
   - 打印 on report and year pages, and pages made ready for print (below).
   No other script, no network. */
(function () {
  "use strict";
  var MAG = { "万": 1e4, "亿": 1e8 };
  function key(cell) {
    if (!cell) return "";
    var raw = cell.hasAttribute("data-sort")
      ? cell.getAttribute("data-sort")
      : cell.getAttribute("data-value") || cell.textContent;
    var text = raw.trim();
    var m = /^[约近累计]*([0-9]+(?:\.[0-9]+)?)(万|亿)?/.exec(text);
    if (m) return parseFloat(m[1]) * (MAG[m[2]] || 1);
    return text;
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return a.localeCompare(b, "zh-CN");
  }
  function setup(table) {
    var head = table.tHead;
    var body = table.tBodies[0];
    if (!head || !body || table.hasAttribute("data-sort-ready")) return;
    table.setAttribute("data-sort-ready", "");
    var ths = head.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.title = "按此列排序";
      th.appendChild(button);
      th.classList.add("bl-sortable");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(ths, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, i) { return [key(row.cells[col]), i, row]; });
        keyed.sort(function (x, y) { return (ascending ? 1 : -1) * compare(x[0], y[0]) || x[1] - y[1]; });
        keyed.forEach(function (k) { body.appendChild(k[2]); });
      });
    });
  }
  function all() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), setup);
    // Material's search overlay is a dialog without a name: screen readers announce "dialog".
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "搜索");
    if (window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches) {
      Array.prototype.forEach.call(document.querySelectorAll("details.bl-facts-fold[open]"), function (d) {
        d.removeAttribute("open");
      });
    }
    printButtons();
  }
  // 打印: the button (hidden without JavaScript) prints the page. Before any printing (the
  // button, Ctrl+P, a headless print), a report's facts panel opens, and each link of its
  // narrative and facts list gets its absolute address for print.css to write after it (the
  // indicator names in the figures table stay plain); afterwards, folds return.
  var refolded = [];
  function beforePrint() {
    Array.prototype.forEach.call(document.querySelectorAll("details.bl-facts-fold:not([open])"), function (d) {
      d.setAttribute("open", "");
      refolded.push(d);
    });
    if (!document.querySelector(".bl-facts")) return;
    Array.prototype.forEach.call(document.querySelectorAll(".bl-facts dl a[href], .bl-narrative a[href]"), function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      if (a.textContent.trim() === a.href) return;
      a.setAttribute("data-print-href", a.href);
    });
  }
  function afterPrint() {
    refolded.forEach(function (d) { d.removeAttribute("open"); });
    refolded = [];
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button.bl-print"), function (b) {
      if (b.hasAttribute("data-ready")) return;
      b.setAttribute("data-ready", "");
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(all);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
