"""/pairings/: all pairings by sector, and one page per pairing."""

from __future__ import annotations

from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import pairing_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    by_sector = [
        (sid, name, agg.sector_pairings(content, sid)) for sid, name in content.sectors.items()
    ]
    specs = [
        PageSpec(
            "pairings/index.md",
            "结对关系",
            "pairings.html",
            {
                **site.base,
                "by_sector": [s for s in by_sector if s[2]],
                "reports_by_pairing": site.reports_by_pairing,
            },
            meta={"hide": ["toc"]},
        )
    ]
    for p in content.pairings.values():
        context = {
            **site.base,
            "pairing": p,
            "reports": site.reports_by_pairing.get(p.id, []),
            "totals": agg.pairing_totals(content, [p.id]),
            "progress": agg.pairing_progress(content, p.id),
        }
        specs.append(
            PageSpec(pairing_uri(p.id), p.title, "pairing.html", context, meta={"hide": ["toc"]})
        )
    return specs
