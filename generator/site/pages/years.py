"""/years/: the years (report counts, the years without reports, who reported when), and one
page per year: a summary sentence led by the headline kinds, the reports, the year's totals
in one table, then the reports per sector with each sector's totals folded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.content.model import Content, Indicator, Pairing, Report
from generator.site import aggregate as agg
from generator.site.headlines import DEFAULT_KINDS, Kinds, leading
from generator.site.pages.context import Site
from generator.site.pages.sitemap import year_csv_uri, year_uri
from generator.site.pages.spec import PageSpec

SENTENCE_FIGURES = 3
"""How many figures the year's summary sentence names."""


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    by_year: dict[int, list[Any]] = defaultdict(list)
    for r in content.reports:
        by_year[r.year].append(r)
    span = list(range(site.years[0], site.years[-1] + 1)) if site.years else []
    specs = [
        PageSpec(
            "years/index.md",
            "年度",
            "years.html",
            {
                **site.base,
                "years": [(y, by_year.get(y, [])) for y in span],
                "grid": completeness(content, span),
                "span": span,
            },
            meta={"hide": ["toc"]},
        )
    ]
    for y in site.years:
        reports = by_year[y]
        by_sec = []
        for sid, name in content.sectors.items():
            rs = [r for r in reports if content.pairings[r.pairing].sector == sid]
            if rs:
                by_sec.append((sid, name, rs, agg.year_totals(content, y, sid)))
        totals = agg.year_totals(content, y)
        reported = {r.pairing for r in reports}
        silent = [p for p in content.pairings.values() if p.covers(y) and p.id not in reported]
        context = {
            **site.base,
            "year": y,
            "reports": reports,
            "totals": totals,
            "by_sector": by_sec,
            "cumulative_only": agg.cumulative_only(content, y),
            "csv": year_csv_uri(y),
            "sector_counts": [(name, len(rs)) for _, name, rs, _ in by_sec],
            "sentence_figures": sentence_figures(
                totals, site.headlines, catalogue=content.indicators.values()
            ),
            "silent": silent,
        }
        specs.append(PageSpec(year_uri(y), f"{y}年", "year.html", context, meta={"hide": ["toc"]}))
    return specs


def sentence_figures(
    totals: dict[str, agg.Total],
    kinds: Kinds = DEFAULT_KINDS,
    limit: int = SENTENCE_FIGURES,
    catalogue: Iterable[Indicator] | None = None,
) -> list[tuple[str, agg.Total]]:
    """The year's figures the summary sentence names: one per headline kind (资金, 人员, 培训,
    物资 …, as on the home page), not the figures most reports happen to mention."""
    leads = leading(totals, kinds, limit, catalogue)
    return [(lead.indicator.id, lead.total) for lead in leads]


def completeness(
    content: Content, span: list[int]
) -> list[tuple[Pairing, list[tuple[str, Report | None]]]]:
    """Pairing × year: (`yes`, its report), (`no`, None) in its period but not reported, or
    (`out`, None) outside its period. Not reported stays distinct from 0, and from the years
    the pairing did not run."""
    reports = {(r.pairing, r.year): r for r in content.reports}
    rows = []
    for p in content.pairings.values():
        cells: list[tuple[str, Report | None]] = []
        for y in span:
            r = reports.get((p.id, y))
            cells.append(("yes", r) if r else ("no" if p.covers(y) else "out", None))
        rows.append((p, cells))
    return rows
