"""The site map, decided here and only here: every generated URL, the sections
of the navigation, and the names free pages may not take.

The plugin, the search page, the templates (through `render`) and the benchmark
all read these; none of them spells a path of its own.
"""

from __future__ import annotations

from generator.content.addresses import region_slug  # the one name → segment function
from generator.content.model import Report
from generator.content.schema import RESERVED_PAGE_IDS

HOME_URI = "index.md"
SEARCH_URI = "search.md"
GUIDE_URI = "guide.md"
STATUS_URI = "status.md"
"""Who has reported each year (internal build only)."""
DATA_URI = "data/index.md"
FEED_URI = "feed.xml"

SECTIONS: tuple[tuple[str, str], ...] = (
    ("首页", HOME_URI),
    ("结对关系", "pairings/index.md"),
    ("单位", "units/index.md"),
    ("年度", "years/index.md"),
    ("地区", "regions/index.md"),
    ("成效", "indicators/index.md"),
)
"""The navigation's sections, in order (title, source path); then data, guide, free pages."""

RESERVED = RESERVED_PAGE_IDS
"""First path segments generated pages own: a free page there would shadow one."""


def region_uri(path: tuple[str, ...]) -> str:
    return "regions/" + "/".join(region_slug(n) for n in path) + ".md"


def flow_uri(source: tuple[str, ...], target: tuple[str, ...]) -> str:
    """Support from one region to another (flows between provinces)."""
    return f"flows/{'/'.join(map(region_slug, source))}/{'/'.join(map(region_slug, target))}.md"


def flows_index_uri(source: tuple[str, ...] = ()) -> str:
    """Every flow (no `source`), or the flows from one region: the folders `flow_uri` implies."""
    return "flows/" + ("/".join(map(region_slug, source)) + ".md" if source else "index.md")


def region_csv_uri(path: tuple[str, ...]) -> str:
    """The download of every figure of the pairings a region gives or receives."""
    return "data/regions/" + "/".join(region_slug(n) for n in path) + ".csv"


def report_csv_uri(r: Report) -> str:
    """The download of every figure of one yearly summary."""
    return f"data/{report_uri(r).removesuffix('.md')}.csv"


def unit_csv_uri(uid: str) -> str:
    """The download of every figure of the pairings a unit supports or receives."""
    return f"data/units/{uid}.csv"


def pairing_csv_uri(pid: str) -> str:
    """The download of every figure of one pairing."""
    return f"data/pairings/{pid}.csv"


def flow_csv_uri(source: tuple[str, ...], target: tuple[str, ...]) -> str:
    return "data/" + flow_uri(source, target).removesuffix(".md") + ".csv"


def unit_uri(uid: str) -> str:
    return f"units/{uid}.md"


def pairing_uri(pid: str) -> str:
    return f"pairings/{pid}.md"


def report_uri(r: Report) -> str:
    return f"reports/{r.year}/{r.pairing}.md"


def reports_index_uri(year: int | None = None) -> str:
    """Every report by year (no `year`), or one year's reports: the folders `report_uri`
    implies (`/reports/`, `/reports/2009/`)."""
    return "reports/index.md" if year is None else f"reports/{year}.md"


def year_uri(year: int) -> str:
    return f"years/{year}.md"


def indicator_uri(iid: str) -> str:
    return f"indicators/{iid}.md"


def year_csv_uri(year: int) -> str:
    """The download of exactly what a year page shows."""
    return f"data/years/{year}.csv"


def year_compilation_uri(year: int) -> str:
    """The year's compilation (年度汇编 PDF), when the site is built with it."""
    return f"data/years/{year}-compilation.pdf"


def indicator_csv_uri(iid: str) -> str:
    """The download of exactly what an indicator page shows."""
    return f"data/indicators/{iid}.csv"


def free_page_uri(page_id: str) -> str:
    return f"{page_id}.md"


def nav(titles: dict[str, str], free_pages: list[tuple[str, str]]) -> list[dict[str, str]]:
    """The navigation: the sections, then data and guide when built (`titles`: uri → title
    of the generated pages), then the free pages (id, title)."""
    entries = [{title: uri} for title, uri in SECTIONS]
    for extra in (DATA_URI, GUIDE_URI, STATUS_URI):
        if extra in titles:
            entries.append({titles[extra]: extra})
    entries += [{title: free_page_uri(pid)} for pid, title in free_pages]
    return entries
