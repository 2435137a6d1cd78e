"""/years/: the years (report counts, the years without reports, who reported when), and one
page per year: a summary sentence, the reports, then the totals by sector and indicator."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.model import Content, Pairing, Report
from generator.site import aggregate as agg
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
            "sentence_figures": sentence_figures(totals),
            "silent": silent,
        }
        specs.append(PageSpec(year_uri(y), f"{y}年", "year.html", context, meta={"hide": ["toc"]}))
    return specs


def sentence_figures(totals: dict[str, agg.Total], limit: int = SENTENCE_FIGURES) -> list[Any]:
    """The year's figures the summary sentence names: those most pairings reported, totalled."""
    ranked = [
        (iid, t)
        for iid, t in totals.items()
        if t.quantity is not None and t.indicator.aggregate != "none"
    ]
    order = {iid: i for i, iid in enumerate(totals)}
    ranked.sort(key=lambda it: (-len({p.report.pairing for p in it[1].parts}), order[it[0]]))
    return ranked[:limit]


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
