"""/regions/: the region tree, and one page per region (its units, pairings and totals)."""

from __future__ import annotations

from generator.site import aggregate as agg
from generator.site.pages.context import Site
from generator.site.pages.sitemap import region_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    regions = agg.regions(content)
    specs = [
        PageSpec(
            "regions/index.md",
            "地区",
            "regions.html",
            {**site.base, "regions": regions, "region_uri": region_uri},
            meta={"hide": ["toc"]},
        )
    ]
    for path, unit_ids in regions.items():
        pairings = agg.pairings_in_region(content, path)
        children = [
            (p, region_uri(p))
            for p in regions
            if len(p) == len(path) + 1 and p[: len(path)] == path
        ]
        context = {
            **site.base,
            "region": path,
            "parents": [(path[: i + 1], region_uri(path[: i + 1])) for i in range(len(path) - 1)],
            "children": children,
            "units": [content.units[u] for u in unit_ids],
            "pairings": pairings,
            "totals": agg.pairing_totals(content, [p.id for p in pairings]),
        }
        specs.append(
            PageSpec(
                region_uri(path), " / ".join(path), "region.html", context, meta={"hide": ["toc"]}
            )
        )
    return specs
