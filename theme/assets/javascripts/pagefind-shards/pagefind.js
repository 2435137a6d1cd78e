/* Pagefind's search API (the module Pagefind's UI imports as `${bundlePath}pagefind.js`) over the
   site's index shards, searched in parallel.

   Pagefind runs its searches in one Web Worker per copy of its module, and searches merged
   indexes one after another. Here each group of shards (window.bulletinsPagefind.groups, set by
   bulletins-pagefind.js) is the pagefind.js of its first bundle, a module and so a worker of its
   own, with the group's other bundles merged into it (Pagefind's mergeIndex). Results are merged
   as Pagefind merges indexes: all results, highest score first.

   Warm-up: Pagefind's first search in a worker is slow (at 5,000 reports the first search of
   培训 took 130–230 ms in a group's first shard against ~50 ms after a warm-up). A warm-up search
   must find real pages, a good share of them: a made-up word or a rare one barely helps. `warm`
   lists words on about a sixth of the pages of each group's first bundle (pagefind_index.py); each
   group searches one once on load, before the reader has typed. */
const config = globalThis.bulletinsPagefind || { groups: [] };
config.warmed = [];
// The first warm-up word the browser's segmenter leaves whole (as Pagefind will cut it: 对口 → 对 口).
config.warmWord = null;
for (const word of config.warm || []) {
  try {
    const segments = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(word)];
    if (segments.length !== 1) continue;
  } catch (e) { /* no Intl.Segmenter: Pagefind won't cut the word either */ }
  config.warmWord = word;
  break;
}
let opts = {};
let modules = null;

const load = () => {
  if (!modules) {
    modules = Promise.all(config.groups.map(async (bundles) => {
      const m = await import(new URL(bundles[0] + "pagefind.js", location.href).href);
      await m.options(opts);
      if (config.warmWord) {
        // Before the merge: the worker is warmed by its first bundle's search alone, one chunk.
        const t = performance.now();
        await m.search(config.warmWord);
        config.warmed.push(performance.now() - t);
      }
      for (const b of bundles.slice(1)) await m.mergeIndex(b);
      return m;
    }));
  }
  return modules;
};
const all = async (f) => Promise.all((await load()).map(f));

const mergeFilters = (list) => {
  const merged = {};
  for (const filters of list) {
    for (const [key, values] of Object.entries(filters || {})) {
      if (!merged[key]) {
        merged[key] = { ...values };
        continue;
      }
      for (const [value, n] of Object.entries(values)) merged[key][value] = (merged[key][value] || 0) + n;
    }
  }
  return merged;
};

export const options = async (o) => {
  opts = { ...opts, ...o };
  if (modules) await all((m) => m.options(o));
};
export const init = async () => { await all((m) => m.init()); };
export const destroy = async () => {
  if (modules) await all((m) => m.destroy());
  modules = null;
};
export const mergeIndex = async () => {
  throw new Error("bulletins: the site's shards are merged by pagefind-shards/pagefind.js");
};
export const filters = async () => mergeFilters(await all((m) => m.filters()));
export const preload = async (term, o) => { await all((m) => m.preload(term, o)); };
export const search = async (term, o = {}) => {
  const parts = await all((m) => m.search(term, o));
  const response = {
    results: parts.flatMap((s) => s.results).sort((a, b) => b.score - a.score),
    unfilteredResultCount: parts.reduce((n, s) => n + s.unfilteredResultCount, 0),
    filters: mergeFilters(parts.map((s) => s.filters)),
    totalFilters: mergeFilters(parts.map((s) => s.totalFilters)),
    timings: parts.flatMap((s) => s.timings),
  };
  if (parts[0] && parts[0].search_keywords) response.search_keywords = parts[0].search_keywords;
  if (parts[0] && parts[0].query_term_idfs) response.query_term_idfs = parts[0].query_term_idfs;
  return response;
};
let searchID = 0;
export const debouncedSearch = async (term, o, ms = 300) => {
  const id = ++searchID;
  preload(term, o);
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (id !== searchID) return null;
  const result = await search(term, o);
  return id === searchID ? result : null;
};
