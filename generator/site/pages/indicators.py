"""/indicators/: the achievements catalogue, and one page per indicator."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import indicator_csv_uri, indicator_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    categories: dict[str, list[Any]] = defaultdict(list)
    cumulative = agg.pairing_totals(content, content.pairings)
    for ind in content.indicators.values():
        categories[ind.category].append(ind)
    specs = [
        PageSpec(
            "indicators/index.md",
            "成效",
            "indicators.html",
            {**site.base, "categories": list(categories.items()), "cumulative": cumulative},
            meta={"hide": ["toc"]},
        )
    ]
    for ind in content.indicators.values():
        context = {
            **site.base,
            "indicator": ind,
            "by_year": agg.indicator_by_year(content, ind.id),
            "by_pairing": agg.indicator_by_pairing(content, ind.id),
            "by_sector": agg.indicator_by_sector(content, ind.id),
            "series": agg.indicator_year_series(content, ind.id),
            "gap_years": agg.gap_years(content),
            "cumulative_only": agg.indicator_cumulative_only(content, ind.id),
            "total": cumulative.get(ind.id),
            "csv": indicator_csv_uri(ind.id),
        }
        specs.append(
            PageSpec(
                indicator_uri(ind.id), ind.name, "indicator.html", context, meta={"hide": ["toc"]}
            )
        )
    return specs
