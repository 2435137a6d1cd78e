"""Page specs: which pages the site has, at which path, with which template and data.

Records and totals in, a list of `PageSpec` out, one module per section. No HTML
here (that is `render`) and no MkDocs (the plugin turns specs into files). Every
URL is decided in `sitemap`.
"""

from __future__ import annotations

from generator.content.gc_pause import paused_gc
from generator.content.model import Content, Report
from generator.site.headlines import Kinds
from generator.site.pages import (
    data,
    home,
    indicators,
    pairings,
    regions,
    reports,
    status,
    units,
    years,
)
from generator.site.pages.context import Site
from generator.site.pages.sitemap import (
    indicator_csv_uri,
    indicator_uri,
    pairing_uri,
    region_slug,
    region_uri,
    report_uri,
    unit_uri,
    year_csv_uri,
    year_uri,
)
from generator.site.pages.spec import PageSpec

__all__ = [
    "PageSpec",
    "build_pages",
    "indicator_csv_uri",
    "indicator_uri",
    "pairing_uri",
    "region_slug",
    "region_uri",
    "report_uri",
    "unit_uri",
    "year_csv_uri",
    "year_uri",
]

SECTIONS = (
    home.pages,
    pairings.pages,
    units.pages,
    years.pages,
    regions.pages,
    indicators.pages,
    reports.pages,
    data.pages,
    data.guide,
    status.pages,
)


@paused_gc()  # no cycles among the records built here: see gc_pause
def build_pages(
    content: Content,
    *,
    licence: str = "CC-BY-4.0",
    publisher: str = "",
    audience: str = "public",
    headlines: Kinds | None = None,
    drafts: tuple[Report, ...] = (),
) -> list[PageSpec]:
    """Every generated page of the site map, sorted by path; `licence`, `publisher` for /data/;
    `audience` decides whether the editor's guide and /status/ are published (internal builds
    only); `headlines` the kinds of figure that lead the home and year pages (default: 资金,
    人员, 培训, 物资); `drafts`: draft reports the build leaves out, which /status/ counts."""
    site = Site.of(
        content,
        licence=licence,
        publisher=publisher,
        audience=audience,
        headlines=headlines,
        drafts=drafts,
    )
    specs = [spec for section in SECTIONS for spec in section(site)]
    return sorted(specs, key=lambda s: s.src_uri)
