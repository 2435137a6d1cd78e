/* Pagefind search page (`search: pagefind`): mount Pagefind's UI and run the query
   the header's search box sent as ?q=. Everything is loaded from the site itself. */
(function () {
  "use strict";
  var el = document.getElementById("bl-pagefind");
  if (!el || typeof PagefindUI === "undefined") return;
  // A large site's index comes in shards (see search_pagefind.py): search them all, one result list.
  var merge = (el.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (path) {
    // An absolute path: Pagefind takes the site's base URL from it (`/sub/pagefind-1/` → `/sub/`).
    return { bundlePath: new URL(path, window.location.href).pathname };
  });
  var ui = new PagefindUI({
    element: el,
    bundlePath: el.getAttribute("data-bundle"),
    mergeIndex: merge,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    debounceTimeoutMs: 20,
    autofocus: true,
    translations: { placeholder: "搜索结对、单位、年度总结……", zero_results: "没有找到与 [SEARCH_TERM] 相关的内容" }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.triggerSearch(q);
  } else {
    // Load Pagefind's script and WebAssembly while the reader types, as the UI does on focus:
    // the first query then fetches only its index chunks and the results' fragments.
    var input = el.querySelector("input");
    if (input) input.dispatchEvent(new Event("focus"));
  }
})();
