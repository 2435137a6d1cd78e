"""The home page: the story at a glance.

A way into every section, the headline figures — money, people, training, goods, each
cumulative with its years and its latest year's, linked to its parts — the latest
reports, and the leading figure's results over the years (a chart, and a table of every
headline by year). No
table here grows with the content: the lists are capped and the headline figures
are a fixed few, so the page weighs the same at 10 and at 5,000 reports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.content.model import Indicator
from generator.site import aggregate as agg
from generator.site.headlines import leading
from generator.site.pages.context import Site
from generator.site.pages.sitemap import DATA_URI, HOME_URI
from generator.site.pages.spec import PageSpec

LATEST_ON_HOME = 6
HEADLINES = 4


@dataclass(frozen=True)
class Headline:
    """One headline figure: an indicator's cumulative total, its years and its latest year's."""

    kind: str
    """The headline kind it answers (资金, 人员 …); empty for one filling a place no kind took."""
    indicator: Indicator
    cumulative: agg.Total
    """Every pairing's cumulative total, added up (links to the indicator page's parts)."""
    first_year: int
    latest_year: int
    """The latest year with an annual figure of it (may be before the site's latest year)."""
    latest: agg.Total | None
    reach: int
    """How many pairings report it."""
    series: list[tuple[int, agg.Total | None]]
    """Its annual totals over the site's years, gaps included (None: not reported)."""


def headlines(site: Site, limit: int = HEADLINES) -> list[Headline]:
    """One figure per headline kind (资金, 人员, 培训, 物资 by default; the plugin's
    `headlines` option), chosen by `site.headlines.leading` among the cumulative totals."""
    content = site.content
    cumulative = agg.pairing_totals(content, content.pairings)
    out = []
    catalogue = content.indicators.values()
    for lead in leading(cumulative, site.headlines, limit, catalogue):
        iid = lead.indicator.id
        years = sorted({p.report.year for p in lead.total.parts})
        by_year = agg.indicator_by_year(content, iid)
        latest_year = max(by_year) if by_year else years[-1]
        out.append(
            Headline(
                lead.kind,
                lead.indicator,
                lead.total,
                years[0],
                latest_year,
                by_year.get(latest_year),
                len({p.report.pairing for p in lead.total.parts}),
                agg.indicator_year_series(content, iid),
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
    leads = headlines(site)
    context = {
        **site.base,
        "latest_year": latest_year,
        "sections": sections,
        "headlines": leads,
        # The chart follows the headline reported in the most years: results over the years.
        "chart_lead": max(leads, key=lambda h: sum(1 for _, t in h.series if t), default=None),
        "gap_years": agg.gap_years(content),
        "year_counts": [(y, counts.get(y, 0)) for y in span],
        "sectors": [s for s in sectors if s[2]],
        "latest": latest[:LATEST_ON_HOME],
        "more_reports": max(len(content.reports) - LATEST_ON_HOME, 0),
    }
    return [PageSpec(HOME_URI, "首页", "home.html", context, meta={"hide": ["toc"]})]
