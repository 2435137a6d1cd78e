"""The home page: the story at a glance.

A way into every section, a few headline figures (cumulative and latest year, each
linked to its parts), the latest reports, and a chart of reports over the years. No
table here grows with the content: the lists are capped and the headline figures
are a fixed few, so the page weighs the same at 10 and at 5,000 reports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.content.model import Indicator
from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import DATA_URI, HOME_URI
from generator.site.pages.spec import PageSpec

LATEST_ON_HOME = 6
HEADLINES = 4


@dataclass(frozen=True)
class Headline:
    """One headline figure: an indicator's cumulative total and its latest year's total."""

    indicator: Indicator
    cumulative: agg.Total
    """Every pairing's cumulative total, added up (links to the indicator page's parts)."""
    first_year: int
    latest_year: int
    """The latest year with an annual figure of it (may be before the site's latest year)."""
    latest: agg.Total | None
    reach: int
    """How many pairings report it: the broadest indicators make the headlines."""


def headlines(site: Site, limit: int = HEADLINES) -> list[Headline]:
    """The indicators most pairings report, then in most years (catalogue order breaks ties),
    totalled; the money reported most widely always among them, as readers ask for it first.
    An indicator that is part of another (`part_of`) gives way to the whole."""
    content = site.content
    pairings_by_ind: dict[str, set[str]] = defaultdict(set)
    years_by_ind: dict[str, set[int]] = defaultdict(set)
    for part in agg.all_parts(content):
        pairings_by_ind[part.figure.indicator].add(part.report.pairing)
        years_by_ind[part.figure.indicator].add(part.report.year)
    cumulative = agg.pairing_totals(content, content.pairings)
    order = {iid: i for i, iid in enumerate(content.indicators)}
    candidates = [
        iid
        for iid, ind in content.indicators.items()
        if ind.aggregate != "none"
        and not ind.part_of
        and iid in cumulative
        and cumulative[iid].quantity is not None
    ]
    candidates.sort(
        key=lambda iid: (-len(pairings_by_ind[iid]), -len(years_by_ind[iid]), order[iid])
    )
    chosen = candidates[:limit]
    money = [iid for iid in candidates if content.indicators[iid].unit.dimension == "money"]
    if money and money[0] not in chosen:
        chosen = [*chosen[: limit - 1], money[0]]
    out = []
    for iid in chosen:
        by_year = agg.indicator_by_year(content, iid)
        latest_year = max(by_year) if by_year else max(years_by_ind[iid])
        out.append(
            Headline(
                content.indicators[iid],
                cumulative[iid],
                min(years_by_ind[iid]),
                latest_year,
                by_year.get(latest_year),
                len(pairings_by_ind[iid]),
            )
        )
    return out


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    latest_year = site.years[-1] if site.years else None
    latest = sorted(
        content.reports,
        key=lambda r: (r.published.sort_key() if r.published else (r.year, 12, 31), r.pairing),
        reverse=True,
    )
    sectors = [
        (sid, name, len(agg.sector_pairings(content, sid))) for sid, name in content.sectors.items()
    ]
    regions = agg.regions(content)
    counts: dict[int, int] = defaultdict(int)
    for r in content.reports:
        counts[r.year] += 1
    span = list(range(site.years[0], site.years[-1] + 1)) if site.years else []
    sections = [
        ("结对关系", "pairings/index.md", f"{len(content.pairings)} 个结对"),
        ("单位", "units/index.md", f"{len(content.units)} 个单位"),
        (
            "年度",
            "years/index.md",
            f"{span[0]}—{span[-1]}年" if len(span) > 1 else (f"{span[0]}年" if span else "暂无"),
        ),
        ("地区", "regions/index.md", f"{sum(1 for p in regions if len(p) == 1)} 个省级地区"),
        ("成效", "indicators/index.md", f"{len(content.indicators)} 项指标"),
        ("开放数据", DATA_URI, "CSV、JSON 下载"),
    ]
    context = {
        **site.base,
        "latest_year": latest_year,
        "sections": sections,
        "headlines": headlines(site),
        "year_counts": [(y, counts.get(y, 0)) for y in span],
        "year_bars": [(f"{y}年", counts.get(y, 0)) for y in span],
        "sectors": [s for s in sectors if s[2]],
        "latest": latest[:LATEST_ON_HOME],
        "more_reports": max(len(content.reports) - LATEST_ON_HOME, 0),
    }
    return [PageSpec(HOME_URI, "首页", "home.html", context, meta={"hide": ["toc"]})]
