"""/status/ (internal build only): for each year, which pairings have reported, which have
a draft and which have not — what `bulletins status` prints, as a page for the office."""

from __future__ import annotations

from generator.content.bookkeeping import STATES, status_years, year_status
from generator.site.pages.context import Site
from generator.site.pages.sitemap import STATUS_URI
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    if site.audience != "internal":
        return []
    years = []
    for year in status_years(site.content, site.drafts):
        entries = year_status(site.content, year, site.drafts)
        order = list(STATES)
        entries.sort(key=lambda e: (order.index(e.state), e.pairing.id))
        counts = [(STATES[s], sum(e.state == s for e in entries)) for s in STATES]
        years.append((year, entries, counts))
    context = {**site.base, "status_years": years}
    meta = {"hide": ["toc"], "search": {"exclude": True}}
    return [PageSpec(STATUS_URI, "报送情况", "status.html", context, meta=meta)]
