"""/regions/: the region tree, the flows between provinces and a schematic map; one page per
region (support given and received, own and shared); one page per flow (/flows/…), and the
folders a flow's address implies (/flows/, /flows/<source>/)."""

from __future__ import annotations

from generator.site import aggregate as agg
from generator.site import flows as fl
from generator.site.pages.context import Site
from generator.site.pages.sitemap import (
    flow_csv_uri,
    flow_uri,
    flows_index_uri,
    region_csv_uri,
    region_uri,
)
from generator.site.pages.spec import PageSpec
from generator.site.regionmap import region_map


def _tree(regions: dict[tuple[str, ...], list[str]]) -> list[tuple[tuple[str, ...], int, int]]:
    """(path, number of units, depth of the next row; 1 after the last) in tree order, so the
    template can nest lists: every prefix of a path is in `regions`, so depth grows by one."""
    paths = list(regions)
    nexts = [len(p) for p in paths[1:]] + [1] if paths else []
    return [(p, len(regions[p]), n) for p, n in zip(paths, nexts, strict=True)]


def _local(
    flows: list[fl.Flow], side: fl.Side, province: tuple[str, ...], end: str
) -> list[tuple[fl.Flow, str, int]]:
    """(flow, its page, how many of its pairings are on this region's `side`), for the flows
    whose `end` (source or target) is `province` and that carry any of them."""
    mine = {p.id for p in side.all}
    out = []
    for f in flows:
        n = sum(1 for p in f.pairings if p.id in mine)
        if getattr(f, end) == province and n:
            out.append((f, flow_uri(f.source, f.target), n))
    return out


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    regions = agg.regions(content)
    all_flows = fl.flows(content)
    specs = [
        PageSpec(
            "regions/index.md",
            "地区",
            "regions.html",
            {
                **site.base,
                "regions": regions,
                "tree": _tree(regions),
                "flows": [(f, flow_uri(f.source, f.target)) for f in all_flows],
                "map": region_map(content, all_flows),
            },
            meta={"hide": ["toc"]},
        )
    ]
    sources: dict[tuple[str, ...], list[fl.Flow]] = {}
    for f in all_flows:
        sources.setdefault(f.source, []).append(f)
    specs.append(
        PageSpec(
            flows_index_uri(),
            "支援流向",
            "flows.html",
            {
                **site.base,
                "source": (),
                "flows": [(f, flow_uri(f.source, f.target)) for f in all_flows],
            },
            meta={"hide": ["toc"]},
        )
    )
    for source, out in sources.items():
        specs.append(
            PageSpec(
                flows_index_uri(source),
                f"支援流向：{source[-1]} →",
                "flows.html",
                {
                    **site.base,
                    "source": source,
                    "flows": [(f, flow_uri(f.source, f.target)) for f in out],
                },
                meta={"hide": ["toc"]},
            )
        )
    for f in all_flows:
        name = f"{f.source[-1]} → {f.target[-1]}"
        context = {
            **site.base,
            "flow": f,
            "totals": fl.flow_totals(content, f),
            "shared_totals": [
                (p, f.shared[p.id], agg.pairing_totals(content, [p.id]))
                for p in f.pairings
                if f.shared.get(p.id)
            ],
            "reports": [r for p in f.pairings for r in site.reports_by_pairing.get(p.id, [])],
            "csv": flow_csv_uri(f.source, f.target),
            "scope": f"flow:{'/'.join(f.source)}→{'/'.join(f.target)}",
        }
        specs.append(
            PageSpec(
                flow_uri(f.source, f.target),
                f"支援流向：{name}",
                "flow.html",
                context,
                meta={"hide": ["toc"]},
            )
        )
    for path, unit_ids in regions.items():
        children = [
            (p, region_uri(p))
            for p in regions
            if len(p) == len(path) + 1 and p[: len(path)] == path
        ]
        given = fl.region_side(content, path, fl.GIVEN)
        received = fl.region_side(content, path, fl.RECEIVED)
        province = path[:1]
        context = {
            **site.base,
            "region": path,
            "parents": [(path[: i + 1], region_uri(path[: i + 1])) for i in range(len(path) - 1)],
            "children": children,
            "units": [content.units[u] for u in unit_ids],
            "given": given,
            "received": received,
            "shared_totals": {
                p.id: agg.pairing_totals(content, [p.id])
                for side in (given, received)
                for p, _ in side.shared
            },
            # Province-level flows, each counted at this region's own level: only the
            # pairings with a unit of this region on that side (炉霍县's 2, not 四川省's 6).
            "flows_out": _local(all_flows, given, province, "source"),
            "flows_in": _local(all_flows, received, province, "target"),
            "csv": region_csv_uri(path),
            "scope": " / ".join(path),
        }
        specs.append(
            PageSpec(
                region_uri(path), " / ".join(path), "region.html", context, meta={"hide": ["toc"]}
            )
        )
    return specs
