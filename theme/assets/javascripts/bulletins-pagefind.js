/* Pagefind search page (`search: pagefind`): mount Pagefind's UI and run the query
   the header's search box sent as ?q=. Everything is loaded from the site itself. */
(function () {
  "use strict";
  var el = document.getElementById("bl-pagefind");
  if (!el || typeof PagefindUI === "undefined") return;
  // Absolute paths: Pagefind takes the site's base URL from a bundle's path (`/sub/pagefind-1/` → `/sub/`).
  var absolute = function (path) { return new URL(path, window.location.href).pathname; };
  var q = new URLSearchParams(window.location.search).get("q");
  // The index comes in shards, in groups searched in parallel (search_pagefind.py): Pagefind's UI
  // talks to pagefind-shards/pagefind.js, which has Pagefind's API and merges the groups' results.
  window.bulletinsPagefind = {
    groups: JSON.parse(el.getAttribute("data-groups") || "[]").map(function (group) {
      return group.map(function (name) { return absolute(el.getAttribute("data-root") + name + "/"); });
    }),
    // Words on about a sixth of the pages (chosen at build time from the index): one is searched
    // once on load in each worker, so that the reader's first query does not pay for Pagefind's
    // first search. Not when ?q= is a query already.
    warm: q ? [] : (el.getAttribute("data-warm") || "").split(" ").filter(Boolean)
  };
  var ui = new PagefindUI({
    element: el,
    bundlePath: absolute(el.getAttribute("data-api")),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    debounceTimeoutMs: 20,
    // Catalogue pages are a line or two: without this their shortness outranks reports.
    ranking: { pageLength: 0.2 },
    autofocus: true,
    translations: { placeholder: "搜索结对、单位、年度总结……", zero_results: "没有找到与 [SEARCH_TERM] 相关的内容" }
  });
  // The URL is the search (/search/?q=培训&year=2015年): filters from it, then kept in it.
  var params = new URLSearchParams(window.location.search);
  var facets = JSON.parse(el.getAttribute("data-facets") || "[]");
  var chosen = {};
  facets.forEach(function (f) {
    var values = params.getAll(f[0]);
    if (values.length) chosen[f[1]] = values;
  });
  if (Object.keys(chosen).length) ui.triggerFilters(chosen);
  var keyOf = {};
  facets.forEach(function (f) { keyOf[f[1]] = f[0]; });
  var timer = null;
  var sync = function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var out = new URLSearchParams();
      var input = el.querySelector("input[type=text], input[type=search]");
      if (input && input.value) out.set("q", input.value);
      el.querySelectorAll("input[type=checkbox]:checked").forEach(function (cb) {
        if (keyOf[cb.name]) out.append(keyOf[cb.name], cb.value);
      });
      var qs = out.toString();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    }, 150);
  };
  el.addEventListener("input", sync);
  el.addEventListener("change", sync);
  if (q) {
    ui.triggerSearch(q);
  } else {
    // Load Pagefind's script and WebAssembly while the reader types, as the UI does on focus:
    // the first query then fetches only its index chunks and the results' fragments.
    var input = el.querySelector("input");
    if (input) input.dispatchEvent(new Event("focus"));
  }
})();
