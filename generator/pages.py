"""Page specs: which pages the site has, at which path, with which template and data.

Records and totals in, a list of `PageSpec` out. No HTML here (that is
`render`) and no MkDocs (the plugin turns specs into files). Every URL of
SPEC's site map is decided in this one module.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import aggregate as agg
from .gc_pause import paused_gc
from .guide import render_guide_markdown
from .model import UNIT_KINDS, Content, Report
from .opendata import core_tables
from .opendata_files import LICENCES

LATEST_ON_HOME = 10


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    src_uri: str
    """Virtual source path, e.g. `pairings/hsd-xjsd.md`; decides the URL."""
    title: str
    template: str
    """Template under `bulletins/` in the theme, e.g. `report.html`."""
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    """Markdown body rendered by MkDocs (a report's narrative, a free page)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra front matter for MkDocs/Material (hide, search boost…)."""


def region_slug(name: str) -> str:
    """A region name as one safe path segment: no separators, no leading dots."""
    slug = re.sub(r"[\s/\\?#%<>:\"|*'`]+", "-", name).strip("-.")
    return slug or "-"


def region_uri(path: tuple[str, ...]) -> str:
    return "regions/" + "/".join(region_slug(n) for n in path) + ".md"


def unit_uri(uid: str) -> str:
    return f"units/{uid}.md"


def pairing_uri(pid: str) -> str:
    return f"pairings/{pid}.md"


def report_uri(r: Report) -> str:
    return f"reports/{r.year}/{r.pairing}.md"


def year_uri(year: int) -> str:
    return f"years/{year}.md"


def indicator_uri(iid: str) -> str:
    return f"indicators/{iid}.md"


def year_csv_uri(year: int) -> str:
    """The download of exactly what a year page shows."""
    return f"data/years/{year}.csv"


def indicator_csv_uri(iid: str) -> str:
    """The download of exactly what an indicator page shows."""
    return f"data/indicators/{iid}.csv"


@paused_gc()  # no cycles among the records built here: see gc_pause
def build_pages(content: Content, *, licence: str = "CC-BY-4.0", publisher: str = "") -> list[PageSpec]:
    """Every generated page of the site map, sorted by path; `licence`, `publisher` for /data/."""
    specs: list[PageSpec] = []
    all_years = agg.years(content)
    latest_year = all_years[-1] if all_years else None
    reports_by_pairing: dict[str, list[Report]] = defaultdict(list)
    for r in content.reports:
        reports_by_pairing[r.pairing].append(r)
    base = {"content": content}

    # Home: headline totals for the latest year and cumulatively, sectors, latest reports.
    latest = sorted(content.reports, key=lambda r: (r.published.sort_key() if r.published else (r.year, 12, 31), r.pairing), reverse=True)
    sectors = [
        (sid, name, agg.sector_pairings(content, sid)) for sid, name in content.sectors.items()
    ]
    specs.append(
        PageSpec(
            "index.md",
            "首页",
            "home.html",
            {
                **base,
                "latest_year": latest_year,
                "year_totals": agg.year_totals(content, latest_year) if latest_year else {},
                "cumulative": agg.pairing_totals(content, content.pairings),
                "sectors": [s for s in sectors if s[2]],
                "latest": latest[:LATEST_ON_HOME],
            },
            meta={"hide": ["navigation", "toc"]},
        )
    )

    # Pairings
    by_sector = [(sid, name, agg.sector_pairings(content, sid)) for sid, name in content.sectors.items()]
    specs.append(PageSpec("pairings/index.md", "结对关系", "pairings.html", {**base, "by_sector": [s for s in by_sector if s[2]], "reports_by_pairing": reports_by_pairing}, meta={"hide": ["toc"]}))
    for p in content.pairings.values():
        reports = reports_by_pairing.get(p.id, [])
        specs.append(
            PageSpec(
                pairing_uri(p.id),
                p.title,
                "pairing.html",
                {**base, "pairing": p, "reports": reports, "totals": agg.pairing_totals(content, [p.id]),
                 "progress": agg.pairing_progress(content, p.id)},
                meta={"hide": ["toc"]},
            )
        )

    # Units
    by_region: dict[str, list[Any]] = defaultdict(list)
    for u in content.units.values():
        by_region[u.region[0] if u.region else "未填地区"].append(u)
    specs.append(PageSpec("units/index.md", "单位", "units.html", {**base, "by_region": sorted(by_region.items()), "kinds": UNIT_KINDS}, meta={"hide": ["toc"]}))
    for u in content.units.values():
        sup, rec = agg.pairings_of_unit(content, u.id)
        specs.append(
            PageSpec(
                unit_uri(u.id),
                u.name,
                "unit.html",
                {
                    **base,
                    "unit": u,
                    "as_supporter": sup,
                    "as_recipient": rec,
                    "supporter_totals": agg.pairing_totals(content, [p.id for p in sup]),
                    "recipient_totals": agg.pairing_totals(content, [p.id for p in rec]),
                    "region_links": [(u.region[: i + 1], region_uri(u.region[: i + 1])) for i in range(len(u.region))],
                },
                meta={"hide": ["toc"]},
            )
        )

    # Years
    year_rows = [(y, [r for r in content.reports if r.year == y]) for y in all_years]
    specs.append(PageSpec("years/index.md", "年度", "years.html", {**base, "years": year_rows}, meta={"hide": ["toc"]}))
    for y, reports in year_rows:
        by_sec = []
        for sid, name in content.sectors.items():
            rs = [r for r in reports if content.pairings[r.pairing].sector == sid]
            if rs:
                by_sec.append((sid, name, rs, agg.year_totals(content, y, sid)))
        specs.append(
            PageSpec(
                year_uri(y),
                f"{y}年",
                "year.html",
                {**base, "year": y, "reports": reports, "totals": agg.year_totals(content, y), "by_sector": by_sec,
                 "cumulative_only": agg.cumulative_only(content, y), "csv": year_csv_uri(y),
                 "sector_counts": [(name, len(rs)) for _, name, rs, _ in by_sec]},
                meta={"hide": ["toc"]},
            )
        )

    # Regions
    regions = agg.regions(content)
    specs.append(PageSpec("regions/index.md", "地区", "regions.html", {**base, "regions": regions, "region_uri": region_uri}, meta={"hide": ["toc"]}))
    for path, unit_ids in regions.items():
        pairings = agg.pairings_in_region(content, path)
        children = [(p, region_uri(p)) for p in regions if len(p) == len(path) + 1 and p[: len(path)] == path]
        specs.append(
            PageSpec(
                region_uri(path),
                " / ".join(path),
                "region.html",
                {
                    **base,
                    "region": path,
                    "parents": [(path[: i + 1], region_uri(path[: i + 1])) for i in range(len(path) - 1)],
                    "children": children,
                    "units": [content.units[u] for u in unit_ids],
                    "pairings": pairings,
                    "totals": agg.pairing_totals(content, [p.id for p in pairings]),
                },
                meta={"hide": ["toc"]},
            )
        )

    # Indicators
    categories: dict[str, list[Any]] = defaultdict(list)
    cumulative = agg.pairing_totals(content, content.pairings)
    for ind in content.indicators.values():
        categories[ind.category].append(ind)
    specs.append(PageSpec("indicators/index.md", "成效", "indicators.html", {**base, "categories": list(categories.items()), "cumulative": cumulative}, meta={"hide": ["toc"]}))
    for ind in content.indicators.values():
        specs.append(
            PageSpec(
                indicator_uri(ind.id),
                ind.name,
                "indicator.html",
                {
                    **base,
                    "indicator": ind,
                    "by_year": agg.indicator_by_year(content, ind.id),
                    "by_pairing": agg.indicator_by_pairing(content, ind.id),
                    "by_sector": agg.indicator_by_sector(content, ind.id),
                    "series": agg.indicator_year_series(content, ind.id),
                    "cumulative_only": agg.indicator_cumulative_only(content, ind.id),
                    "total": cumulative.get(ind.id),
                    "csv": indicator_csv_uri(ind.id),
                },
                meta={"hide": ["toc"]},
            )
        )

    # Reports
    for r in content.reports:
        p = content.pairings[r.pairing]
        siblings = reports_by_pairing[r.pairing]
        i = siblings.index(r)
        specs.append(
            PageSpec(
                report_uri(r),
                r.title,
                "report.html",
                {
                    **base,
                    "report": r,
                    "pairing": p,
                    "previous": siblings[i - 1] if i > 0 else None,
                    "next": siblings[i + 1] if i + 1 < len(siblings) else None,
                },
                markdown=r.body,
                meta={"draft": r.status == "draft"},
            )
        )

    # Open data: what each download holds, for the /data/ page.
    specs.append(
        PageSpec(
            "data/index.md",
            "开放数据",
            "data.html",
            {
                **base,
                "tables": core_tables(content),
                "years": all_years,
                "licence": licence,
                "licence_info": LICENCES.get(licence),
                "publisher": publisher,
            },
            meta={"hide": ["toc"]},
        )
    )

    # The editor's guide, generated from the checker's own tables so it cannot drift.
    specs.append(PageSpec("guide.md", "编辑指南", "markdown.html", {**base}, markdown=render_guide_markdown()))
    return sorted(specs, key=lambda s: s.src_uri)
