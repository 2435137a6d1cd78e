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
    autofocus: true,
    translations: { placeholder: "搜索结对、单位、年度总结……", zero_results: "没有找到与 [SEARCH_TERM] 相关的内容" }
  });
  if (q) {
    ui.triggerSearch(q);
  } else {
    // Load Pagefind's script and WebAssembly while the reader types, as the UI does on focus:
    // the first query then fetches only its index chunks and the results' fragments.
    var input = el.querySelector("input");
    if (input) input.dispatchEvent(new Event("focus"));
  }
})();
