"""The site's own search (`search: local`): one small index, loaded by the search page only.

The index is a JavaScript file (`search/bulletins-index.js`) that sets
`window.bulletinsSearchIndex`, so it loads from a `<script>` tag and works under
`file://` as well as over http — one engine, the same ranks, for the offline
and the served build. The browser (theme/assets/javascripts/bulletins-search.js)
matches a query as written, as a substring: `会诊` is 会诊, never 会; `培训` is
found inside 技术培训; `70万元` finds `70余万元` and not `700亩`. No word
segmentation is needed on either side, so the index and the query never
disagree about where a word begins. Ranking weighs the title, the parties and
places and the narrative (BM25 over sentences), and ranks reports above
catalogue pages; snippets are narrative sentences. See docs/search.md.

It suits sites whose text fits a first visit: `estimate_bytes` decides whether
`search: auto` picks it (`LOCAL_MAX_BYTES`) or Pagefind's chunked index.
Pure: no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator.content.model import Content
from generator.search.documents import FACETS, Document, documents
from generator.search.files import write_atomic
from generator.site.pages import PageSpec
from generator.site.pages.sitemap import SEARCH_URI

INDEX_PATH = "search/bulletins-index.js"
"""Where the index is written in the site (beside Material's search_index.json)."""
LOCAL_MAX_BYTES = 700_000
"""`search: auto` uses this engine while the estimated index stays under this size: with the
search page's scripts, a first visit stays under 1 MB (SPEC's budget)."""
PER_REPORT_BYTES = 1500
"""Index bytes of a report beyond its narrative (names, figures, problems, plans, filters)."""
PER_PAGE_BYTES = 500
"""Index bytes of a catalogue page (title, introduction, filters)."""


def estimate_bytes(content: Content) -> int:
    """An upper estimate of the index's size, from the content alone (before any page is built):
    the narratives' Markdown (the index holds their prose, which is less), a share per report
    and one per catalogue page (a unit counts twice: its page and its regions'). Measured on
    bench/corpus.py's reports: 779 KB estimated for 705 KB written at 120 reports."""
    narrative = sum(len(r.body.encode("utf-8")) for r in content.reports)
    narrative += sum(len(p.body.encode("utf-8")) for p in content.pages)
    pages = len(content.pairings) + 2 * len(content.units) + len(content.indicators)
    pages += len(content.pages) + 20  # years, the data page
    return narrative + PER_REPORT_BYTES * len(content.reports) + PER_PAGE_BYTES * pages


def synonym_groups(synonyms: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """`synonyms.yml` as groups of words found for one another, merged where they share a word
    (`公路: [道路]` and `道路: [马路]` make one group), each sorted, in a stable order."""
    groups: list[set[str]] = []
    for word, others in synonyms.items():
        group = {word, *others}
        for g in [g for g in groups if g & group]:
            group |= g
            groups.remove(g)
        groups.append(group)
    return sorted(sorted(g) for g in groups)


def index_data(
    docs: Iterable[Document],
    url: Callable[[str], str | None],
    synonyms: Mapping[str, Iterable[str]],
) -> dict[str, object]:
    """The index as data: `url(src_uri)` is the page's URL relative to the site root (None: the
    page is not in this build, and left out)."""
    rows = []
    for d in docs:
        href = url(d.src_uri)
        if href is None:
            continue
        row: dict[str, object] = {"u": href, "k": d.kind, "t": d.title}
        if d.names:
            row["n"] = list(d.names)
        if d.text:
            row["s"] = list(d.text)
        facets = {k: list(v) for k, v in d.facets.items() if v}
        if facets:
            row["f"] = facets
        rows.append(row)
    return {
        "version": 1,
        "facets": [list(f) for f in FACETS],
        "synonyms": synonym_groups(synonyms),
        "docs": rows,
    }


def write_index(site_dir: Path, data: Mapping[str, object]) -> Path:
    """Write `INDEX_PATH` in the site, atomically; returns its path."""
    path = site_dir / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # `</` cannot end the script early in a JS file, but keep the file safe to inline anyway.
    text = "window.bulletinsSearchIndex=" + body.replace("</", "<\\/") + ";\n"
    write_atomic(path, text)
    return path


def search_page() -> PageSpec:
    """`/search/`: the search box, filters and results; `?q=` and filters come from the URL."""
    return PageSpec(
        SEARCH_URI,
        "搜索",
        "search.html",
        {"index_path": INDEX_PATH},
        meta={"hide": ["navigation", "toc"]},
    )


def build_index(
    site_dir: Path,
    content: Content,
    specs: Mapping[str, PageSpec],
    prose: Mapping[str, list[str]],
    url: Callable[[str], str | None],
) -> Path:
    """Write the site's index: every searchable page (documents.py) with its URL."""
    data = index_data(documents(content, specs, prose), url, content.synonyms)
    return write_index(site_dir, data)
