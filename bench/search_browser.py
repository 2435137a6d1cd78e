"""Measure the Pagefind search of a built site in headless Chromium.

    python bench/search_browser.py SITE_DIR [--query 培训 ...] [--json OUT]

Serves SITE_DIR on a loopback port with a server that counts every byte it
sends, opens `/search/` in a fresh headless Chromium (cache disabled), types
each query into Pagefind's box, and reports, per query:

- `ms`: from the input event to the first result shown (title link in the DOM; the
  median of `--repeat` runs, each in a fresh page),
  timed inside the page with `performance.now()`;
- `query_bytes`: bytes served between typing and the result shown (Pagefind's
  script, WebAssembly, index chunks, fragments — workers' fetches included,
  which the Performance API would miss); `load_bytes`: search files fetched with
  the page before typing (Pagefind's UI, each worker's script and WebAssembly, the
  warm-up query's chunks: everything from the Pagefind bundles and the site's search
  scripts);
- `results`: how many results Pagefind reported, and the first result's URL;
- `warm`: the word the search page searched on load in each worker (see
  pagefind_index.py), and in how many workers that was done before typing.

Uncompressed bytes: a production server's gzip makes them smaller. This module
must not build sites.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUERIES = ("培训", "师范大学", "70万元", "核桃")
SEARCH_FILES = re.compile(
    r"^/(pagefind(-\d+)?/|assets/javascripts/(bulletins-pagefind|pagefind-shards))"
)
"""What the search page loads for search: the Pagefind bundles and the site's own search scripts."""


class _Counter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.log.append((time.perf_counter(), path, size))

    def since(self, t: float) -> list[tuple[float, str, int]]:
        with self.lock:
            return [e for e in self.log if e[0] >= t]


class _Handler(http.server.SimpleHTTPRequestHandler):
    counter: _Counter

    def log_message(self, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        self.counter.add(self.path, len(data))


@contextlib.contextmanager
def counting_server(root: Path) -> Iterator[tuple[str, _Counter]]:
    counter = _Counter()
    handler = type("Handler", (_Handler,), {"counter": counter})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()


_TYPE_AND_WAIT = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.querySelector(".pagefind-ui__search-input");
const shown = () => document.querySelector(".pagefind-ui__result-link");
const t0 = performance.now();
const finish = () => {
  const t1 = performance.now();
  const msg = document.querySelector(".pagefind-ui__message");
  const config = window.bulletinsPagefind || {};
  done({ms: t1 - t0, first: shown() ? shown().getAttribute("href") : null,
        message: msg ? msg.textContent : "",
        warm: config.warmWord || null, warmed: (config.warmed || []).length});
};
// A query may find nothing (no report of a small corpus says 70万元): the message is the answer.
const none = () => {
  const msg = document.querySelector(".pagefind-ui__message");
  return msg && msg.textContent.includes("没有找到");
};
const obs = new MutationObserver(() => { if (shown() || none()) { obs.disconnect(); finish(); } });
obs.observe(document.body, {childList: true, subtree: true});
input.value = query;
input.dispatchEvent(new Event("input", {bubbles: true}));
"""


def _settle(counter: _Counter, quiet: float = 0.5, limit: float = 20.0) -> None:
    """Wait until the server has sent nothing for `quiet` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        last = counter.log[-1][0] if counter.log else start
        if time.perf_counter() - last >= quiet:
            return
        time.sleep(0.05)


def measure_query(driver: Any, base: str, counter: _Counter, query: str) -> dict[str, Any]:
    """Open /search/ afresh, type `query`, wait for the first result; bytes and milliseconds."""
    from selenium.webdriver.support.ui import WebDriverWait

    start_load = time.perf_counter()
    driver.get(base + "search/")
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return !!document.querySelector('.pagefind-ui__search-input')")
    )
    _settle(counter)  # the page has loaded what it loads before anyone types
    typed = time.perf_counter()
    load_bytes = sum(s for _, p, s in counter.since(start_load) if SEARCH_FILES.match(p))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(_TYPE_AND_WAIT, query)
    done = time.perf_counter()
    fetched = [(p, s) for t, p, s in counter.since(typed) if t <= done + 0.05]
    return {
        "query": query,
        "ms": round(result["ms"], 1),
        "query_bytes": sum(s for _, s in fetched),
        "requests": len(fetched),
        "load_bytes": load_bytes,
        "first": result["first"],
        "message": result["message"].strip(),
        "warm": result.get("warm"),  # the word each worker searched on load (search page), if any
        "warmed": result.get("warmed", 0),
    }


def measure_site(
    site: Path, queries: tuple[str, ...] = QUERIES, profile: Path | None = None, repeat: int = 1
) -> list[dict[str, Any]]:
    """Every query in a fresh page with the browser cache disabled, `repeat` times; per query
    the median milliseconds (and every run's), the most bytes any run fetched."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import open_chromium  # the project's headless Chromium settings

    out = []
    scratch = None if profile else Path(tempfile.mkdtemp(prefix="bench-chromium-"))
    with counting_server(site) as (base, counter):
        driver = open_chromium(profile or scratch)
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
            for q in queries:
                runs = [measure_query(driver, base, counter, q) for _ in range(repeat)]
                best = dict(runs[0])
                best["runs_ms"] = [r["ms"] for r in runs]
                best["ms"] = statistics.median(best["runs_ms"])
                best["query_bytes"] = max(r["query_bytes"] for r in runs)
                best["load_bytes"] = max(r["load_bytes"] for r in runs)
                out.append(best)
        finally:
            driver.quit()
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="在无头 Chromium 中测量 Pagefind 搜索（首个查询的下载量与耗时）"
    )
    ap.add_argument("site", type=Path)
    ap.add_argument(
        "--query", action="append", help="查询词（可重复）；默认：" + "、".join(QUERIES)
    )
    ap.add_argument("--repeat", type=int, default=1, help="每个查询重复几次（取中位数）")
    ap.add_argument("--json", type=Path, help="结果写入此 JSON 文件")
    args = ap.parse_args(argv)
    results = measure_site(args.site, tuple(args.query or QUERIES), repeat=args.repeat)
    for r in results:
        print(
            f"{r['query']}\t{r['ms']:.0f} ms {r.get('runs_ms', '')}\t"
            f"{r['query_bytes'] / 1024:.0f} KiB (+{r['load_bytes'] / 1024:.0f} KiB UI)"
            f"\t{r['requests']} requests\t{r['message']}\t{r['first']}\twarm-up {r['warm']} "
            f"×{r['warmed']}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
