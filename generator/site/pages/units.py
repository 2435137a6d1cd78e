"""/units/: all units by region and kind, and one page per unit."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.model import UNIT_KINDS
from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import region_uri, unit_csv_uri, unit_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    by_region: dict[str, list[Any]] = defaultdict(list)
    for u in content.units.values():
        by_region[u.region[0] if u.region else "未填地区"].append(u)
    specs = [
        PageSpec(
            "units/index.md",
            "单位",
            "units.html",
            {**site.base, "by_region": sorted(by_region.items()), "kinds": UNIT_KINDS},
            meta={"hide": ["toc"]},
        )
    ]
    for u in content.units.values():
        sup, rec = agg.pairings_of_unit(content, u.id)
        reports = [r for p in (*sup, *rec) for r in site.reports_by_pairing.get(p.id, [])]
        has_figures = any(r.figures for r in reports)  # (as the download's rows: see opendata)
        context = {
            **site.base,
            "unit": u,
            "as_supporter": sup,
            "as_recipient": rec,
            "supporter_totals": agg.pairing_totals(content, [p.id for p in sup]),
            "recipient_totals": agg.pairing_totals(content, [p.id for p in rec]),
            "csv": unit_csv_uri(u.id) if has_figures else None,
            "region_links": [
                (u.region[: i + 1], region_uri(u.region[: i + 1])) for i in range(len(u.region))
            ],
        }
        specs.append(PageSpec(unit_uri(u.id), u.name, "unit.html", context, meta={"hide": ["toc"]}))
    return specs
