"""The home page: headline totals for the latest year and cumulatively, sectors, latest reports."""

from __future__ import annotations

from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import HOME_URI
from generator.site.pages.spec import PageSpec

LATEST_ON_HOME = 10


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    latest_year = site.years[-1] if site.years else None
    latest = sorted(
        content.reports,
        key=lambda r: (r.published.sort_key() if r.published else (r.year, 12, 31), r.pairing),
        reverse=True,
    )
    sectors = [
        (sid, name, agg.sector_pairings(content, sid)) for sid, name in content.sectors.items()
    ]
    context = {
        **site.base,
        "latest_year": latest_year,
        "year_totals": agg.year_totals(content, latest_year) if latest_year else {},
        "cumulative": agg.pairing_totals(content, content.pairings),
        "sectors": [s for s in sectors if s[2]],
        "latest": latest[:LATEST_ON_HOME],
    }
    return [PageSpec(HOME_URI, "首页", "home.html", context, meta={"hide": ["navigation", "toc"]})]
