"""/years/: the years, and one page per year (totals by sector and indicator, its reports)."""

from __future__ import annotations

from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import year_csv_uri, year_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    year_rows = [(y, [r for r in content.reports if r.year == y]) for y in site.years]
    specs = [
        PageSpec(
            "years/index.md",
            "年度",
            "years.html",
            {**site.base, "years": year_rows},
            meta={"hide": ["toc"]},
        )
    ]
    for y, reports in year_rows:
        by_sec = []
        for sid, name in content.sectors.items():
            rs = [r for r in reports if content.pairings[r.pairing].sector == sid]
            if rs:
                by_sec.append((sid, name, rs, agg.year_totals(content, y, sid)))
        context = {
            **site.base,
            "year": y,
            "reports": reports,
            "totals": agg.year_totals(content, y),
            "by_sector": by_sec,
            "cumulative_only": agg.cumulative_only(content, y),
            "csv": year_csv_uri(y),
            "sector_counts": [(name, len(rs)) for _, name, rs, _ in by_sec],
        }
        specs.append(PageSpec(year_uri(y), f"{y}年", "year.html", context, meta={"hide": ["toc"]}))
    return specs
