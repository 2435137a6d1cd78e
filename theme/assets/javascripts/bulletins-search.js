/* The site's own search page (plugin option `search: local`, and `auto` on sites that fit).
   The index (search/bulletins-index.js, generator/search/local.py) sets window.bulletinsSearchIndex;
   a <script> tag loads it, so this works from file:// as well as over http.

   Matching: each query word is matched as written, as a substring (会诊 is 会诊, never 会; 培训 is
   found inside 技术培训), with the editors' synonyms (synonyms.yml) as alternatives. A number keeps
   its digits whole and lets 余/多 follow it (70万元 finds 70余万元, never 700亩). A long query
   that matches nowhere is cut into words (Intl.Segmenter) and matched word by word.
   Ranking: title, names (parties, places) and narrative (BM25 over the sentences); reports
   above catalogue pages. Filters (kind, year, sector, province, prefecture, supporter) come
   with counts; the query and the filters live in the URL (?q=培训&year=2015年), so a search can
   be shared. Snippets are narrative sentences with the matched words marked. */
(function () {
  "use strict";
  var el = document.getElementById("bl-search");
  var index = window.bulletinsSearchIndex;
  if (!el) return;
  if (!index) {
    // The index script did not load (a copy of the site without search/bulletins-index.js).
    el.querySelector(".bl-search__status").textContent =
      "搜索索引未能加载；可以从上方导航按结对、单位、年度或地区浏览。";
    return;
  }

  var WEIGHT = { title: 4, names: 2, text: 3 };
  var KIND_WEIGHT = { report: 1, pairing: 0.35, unit: 0.3, region: 0.3, year: 0.25, indicator: 0.25, page: 0.25 };
  var K1 = 1.2, B = 0.75, PAGE = 30, SNIPPET = 110;

  var facets = index.facets; // [[key, label], …]
  // Full-width digits and letters (７０万元, ＣＴ) read as their ASCII forms, in pages and queries.
  // Only those: Chinese punctuation stays as written (NFKC would turn ，into ,).
  var fold = function (s) {
    return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    });
  };
  var docs = index.docs.map(function (d) {
    var text = (d.s || []).map(fold);
    return {
      url: d.u, kind: d.k, title: fold(d.t), names: (d.n || []).map(fold).join("\n"), sentences: text,
      text: text.join("\n"), facets: d.f || {}, length: text.join("").length
    };
  });
  // BM25's average length is the reports' (catalogue pages hold one line each).
  var narratives = docs.filter(function (d) { return d.kind === "report"; });
  var avgLength = narratives.reduce(function (n, d) { return n + d.length; }, 0) /
    Math.max(1, narratives.length) || 1;
  var synonyms = {};
  (index.synonyms || []).forEach(function (group) {
    group.forEach(function (w) { synonyms[w.toLowerCase()] = group; });
  });

  var escapeRe = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
  var escapeHtml = function (s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };
  var DIGIT = /[0-9]/;

  // One spelling as a pattern: digits whole, 余/多 allowed after a number and after 万/亿.
  function pattern(word) {
    var chars = Array.from(word), out = "";
    if (DIGIT.test(chars[0])) out += "(?<![0-9.])";
    chars.forEach(function (c, i) {
      var next = chars[i + 1];
      out += escapeRe(c);
      if (next === undefined) return;
      var afterNumber = DIGIT.test(c) && !/[0-9.,]/.test(next);
      var afterMagnitude = /[万亿]/.test(c) && i > 0 && DIGIT.test(chars[i - 1]);
      if ((afterNumber || afterMagnitude) && !/[余多]/.test(next)) out += "[余多]?";
    });
    if (DIGIT.test(chars[chars.length - 1])) out += "(?![0-9]|\\.[0-9])";
    return out;
  }

  // A query word and its synonyms as one RegExp source.
  function term(word) {
    var alts = synonyms[word.toLowerCase()] || [word];
    if (alts.indexOf(word) < 0) alts = [word].concat(alts);
    return { word: word, source: alts.map(pattern).join("|") };
  }

  function count(re, s) {
    if (!s) return 0;
    re.lastIndex = 0;
    var n = 0;
    while (re.exec(s)) n++;
    return n;
  }

  function words(q) {
    return fold(q).trim().split(/[\s\u3000,，、;；]+/).filter(Boolean).slice(0, 10);
  }

  // Score every document against terms (all must match); returns [{doc, score}] best first.
  function rank(terms) {
    var res = terms.map(function (t) { return new RegExp(t.source, "gi"); });
    var hits = [];
    var df = terms.map(function () { return 0; });
    var per = [];
    docs.forEach(function (doc) {
      var counts = [];
      for (var i = 0; i < res.length; i++) {
        var c = { title: count(res[i], doc.title), names: count(res[i], doc.names), text: count(res[i], doc.text) };
        if (!c.title && !c.names && !c.text) return;
        counts.push(c);
      }
      counts.forEach(function (c, i) { df[i]++; });
      per.push({ doc: doc, counts: counts });
    });
    per.forEach(function (p) {
      var score = 0;
      p.counts.forEach(function (c, i) {
        var idf = Math.log(1 + (docs.length - df[i] + 0.5) / (df[i] + 0.5));
        // Catalogue pages' one-line introductions get no short-page bonus.
        var length = p.doc.kind === "report" ? p.doc.length : Math.max(p.doc.length, avgLength);
        var norm = K1 * (1 - B + B * length / avgLength);
        var s = (c.title ? WEIGHT.title : 0) + WEIGHT.names * Math.min(c.names, 2) / 2 +
          WEIGHT.text * c.text * (K1 + 1) / (c.text + norm);
        score += idf * s;
      });
      hits.push({ doc: p.doc, score: score * (KIND_WEIGHT[p.doc.kind] || 0.3) });
    });
    hits.sort(function (a, b) { return b.score - a.score || (a.doc.url < b.doc.url ? -1 : 1); });
    return hits;
  }

  function segment(word) {
    try {
      var seg = new Intl.Segmenter("zh", { granularity: "word" });
      var parts = Array.from(seg.segment(word)).filter(function (s) { return s.isWordLike; })
        .map(function (s) { return s.segment; });
      // The browser's dictionary is not ours (会诊 → 会|诊): runs of single characters are
      // kept together as one word, and a lone character is dropped when longer words remain.
      var merged = [], run = "";
      parts.forEach(function (p) {
        if (Array.from(p).length === 1) { run += p; return; }
        if (run) merged.push(run);
        run = "";
        merged.push(p);
      });
      if (run) merged.push(run);
      var long = merged.filter(function (p) { return Array.from(p).length > 1; });
      return long.length ? long : merged;
    } catch (e) {
      return [word];
    }
  }

  // The query's results: as written; else its long words cut into segmenter words.
  function search(q) {
    var ws = words(q);
    if (!ws.length) return { terms: [], hits: [], partial: false };
    var terms = ws.map(term);
    var hits = rank(terms);
    if (hits.length) return { terms: terms, hits: hits, partial: false };
    var cut = [];
    ws.forEach(function (w) { cut = cut.concat(Array.from(w).length > 2 ? segment(w) : [w]); });
    if (cut.join(" ") !== ws.join(" ")) {
      terms = cut.map(term);
      hits = rank(terms);
      if (hits.length) return { terms: terms, hits: hits, partial: false };
    }
    if (terms.length < 2) return { terms: terms, hits: [], partial: false };
    // Any of the words: pages with more of them first.
    var seen = {};
    terms.forEach(function (t) {
      rank([t]).forEach(function (h) {
        var s = seen[h.doc.url] || (seen[h.doc.url] = { doc: h.doc, score: 0, n: 0 });
        s.score += h.score; s.n++;
      });
    });
    hits = Object.keys(seen).map(function (k) { return seen[k]; });
    hits.sort(function (a, b) { return b.n - a.n || b.score - a.score || (a.doc.url < b.doc.url ? -1 : 1); });
    return { terms: terms, hits: hits, partial: hits.length > 0 };
  }

  function mark(text, re) {
    var out = "", last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text))) {
      if (!m[0]) { re.lastIndex++; continue; }
      out += escapeHtml(text.slice(last, m.index)) + "<mark>" + escapeHtml(m[0]) + "</mark>";
      last = m.index + m[0].length;
    }
    return out + escapeHtml(text.slice(last));
  }

  // The sentence with most of the query's words (then most matches, then first), cut around
  // its first match.
  function snippet(doc, terms, all) {
    var best = null;
    doc.sentences.forEach(function (s, i) {
      var distinct = 0, total = 0;
      terms.forEach(function (t) {
        var n = count(new RegExp(t.source, "gi"), s);
        if (n) { distinct++; total += n; }
      });
      var key = [distinct, total, -i];
      if (distinct && (!best || key[0] > best.key[0] || (key[0] === best.key[0] && key[1] > best.key[1]))) {
        best = { s: s, key: key };
      }
    });
    // Found by a name only (a short name, a place): the names, the matched ones first.
    if (!best && doc.names) {
      var names = doc.names.split("\n");
      var hit = names.filter(function (n) { all.lastIndex = 0; return all.test(n); });
      if (hit.length) {
        return hit.concat(names.filter(function (n) { return hit.indexOf(n) < 0; })).slice(0, 6)
          .map(function (n) { return mark(n, all); }).join(" · ");
      }
    }
    var s = best ? best.s : doc.sentences[0] || "";
    if (Array.from(s).length > SNIPPET) {
      all.lastIndex = 0;
      var m = all.exec(s);
      var chars = Array.from(s);
      var at = m ? Array.from(s.slice(0, m.index)).length : 0;
      var start = Math.max(0, Math.min(at - 30, chars.length - SNIPPET));
      s = (start > 0 ? "…" : "") + chars.slice(start, start + SNIPPET).join("") +
        (start + SNIPPET < chars.length ? "…" : "");
    }
    return mark(s, all);
  }

  // ---- state: the URL is the state ---------------------------------------------------
  var input = el.querySelector("input[type=search]");
  var status = el.querySelector(".bl-search__status");
  var list = el.querySelector(".bl-search__results");
  var panel = el.querySelector(".bl-search__filters");
  var more = el.querySelector(".bl-search__more");
  var rootUrl = el.getAttribute("data-root") || "";
  var filterbox = el.querySelector(".bl-search__filterbox");
  var summary = filterbox.querySelector("summary");
  // On a phone the filters sit above the results: folded until the reader opens them.
  if (window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches) filterbox.open = false;
  var state = { q: "", filters: {}, shown: PAGE };

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("q") || "";
    state.filters = {};
    facets.forEach(function (f) {
      var values = params.getAll(f[0]);
      if (values.length) state.filters[f[0]] = values;
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facets.forEach(function (f) {
      (state.filters[f[0]] || []).forEach(function (v) { params.append(f[0], v); });
    });
    var qs = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    } catch (e) { /* some file:// setups refuse: the page still works */ }
  }

  function passes(doc, except) {
    for (var key in state.filters) {
      if (key === except || !state.filters[key].length) continue;
      var values = doc.facets[key] || [];
      if (!state.filters[key].some(function (v) { return values.indexOf(v) >= 0; })) return false;
    }
    return true;
  }

  function renderFilters(hits) {
    panel.innerHTML = "";
    var chosen = 0;
    for (var k in state.filters) chosen += state.filters[k].length;
    summary.textContent = chosen ? "筛选（已选 " + chosen + " 项）" : "筛选";
    facets.forEach(function (f) {
      var key = f[0], counts = {};
      hits.forEach(function (h) {
        if (!passes(h.doc, key)) return;
        (h.doc.facets[key] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      (state.filters[key] || []).forEach(function (v) { counts[v] = counts[v] || 0; });
      var values = Object.keys(counts);
      if (!values.length) return;
      values.sort(key === "year"
        ? function (a, b) { return a < b ? 1 : -1; }
        : function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      var box = document.createElement("fieldset");
      box.className = "bl-search__facet";
      box.setAttribute("data-facet", key);
      var legend = document.createElement("legend");
      legend.textContent = f[1];
      box.appendChild(legend);
      values.forEach(function (v) {
        var label = document.createElement("label");
        var cb = document.createElement("input");
        cb.type = "checkbox"; cb.name = key; cb.value = v;
        cb.checked = (state.filters[key] || []).indexOf(v) >= 0;
        cb.addEventListener("change", function () {
          var sel = (state.filters[key] || []).filter(function (x) { return x !== v; });
          if (cb.checked) sel.push(v);
          state.filters[key] = sel;
          state.shown = PAGE;
          update(true);
        });
        var name = document.createElement("span");
        name.textContent = v;
        var n = document.createElement("span");
        n.className = "bl-search__count";
        n.textContent = counts[v];
        label.appendChild(cb); label.appendChild(name); label.appendChild(n);
        box.appendChild(label);
      });
      panel.appendChild(box);
    });
  }

  function renderHits(result, hits) {
    list.innerHTML = "";
    var all = new RegExp(result.terms.map(function (t) { return t.source; }).join("|"), "gi");
    hits.slice(0, state.shown).forEach(function (h) {
      var li = document.createElement("li");
      li.className = "bl-hit";
      li.setAttribute("data-url", h.doc.url);
      var a = document.createElement("a");
      a.href = rootUrl + h.doc.url;
      var kind = document.createElement("span");
      kind.className = "bl-hit__kind";
      kind.textContent = [(h.doc.facets.kind || [""])[0]].concat(h.doc.facets.year || []).join(" · ");
      var title = document.createElement("span");
      title.className = "bl-hit__title";
      title.innerHTML = mark(h.doc.title, all);
      a.appendChild(kind); a.appendChild(title);
      var p = document.createElement("p");
      p.className = "bl-hit__snippet";
      p.innerHTML = snippet(h.doc, result.terms, all);
      li.appendChild(a); li.appendChild(p);
      list.appendChild(li);
    });
    more.hidden = hits.length <= state.shown;
  }

  function update(push) {
    if (push) writeUrl();
    var result = search(state.q);
    var hits = result.hits.filter(function (h) { return passes(h.doc, null); });
    if (!state.q.trim()) {
      status.textContent = "输入关键词搜索年度总结、结对、单位和地区。";
    } else if (!result.hits.length) {
      status.textContent = "没有找到与“" + state.q + "”相关的内容。";
    } else {
      var filtered = hits.length !== result.hits.length;
      status.textContent = (result.partial ? "没有完全符合的结果；下列页面含有其中部分词语。" : "") +
        "“" + state.q + "”" + (filtered ? "筛选后 " + hits.length + " 条结果（共 " + result.hits.length + " 条）" : "共 " + result.hits.length + " 条结果");
    }
    el.setAttribute("data-total", String(result.hits.length));
    el.setAttribute("data-shown", String(hits.length));
    renderFilters(result.hits);
    renderHits(result, hits);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.q = input.value;
      state.shown = PAGE;
      update(true);
    }, 120);
  });
  el.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    state.q = input.value;
    update(true);
  });
  more.addEventListener("click", function () {
    state.shown += PAGE;
    update(false);
  });
  readUrl();
  input.value = state.q;
  update(false);
  el.setAttribute("data-ready", "true");
  window.bulletinsSearch = { search: search, docs: docs };
})();
