"""/data/: what each open-data download holds; and the editor's guide."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from generator.content.model import Content
from generator.site.guide import render_guide_markdown
from generator.site.opendata import core_tables
from generator.site.opendata_columns import Field
from generator.site.opendata_files import LICENCES
from generator.site.pages.context import Site
from generator.site.pages.sitemap import DATA_URI, GUIDE_URI
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    context = {
        **site.base,
        "tables": table_shapes(site.content),
        "years": site.years,
        "licence": site.licence,
        "licence_info": LICENCES.get(site.licence),
        "publisher": site.publisher,
    }
    return [PageSpec(DATA_URI, "开放数据", "data.html", context, meta={"hide": ["toc"]})]


@dataclasses.dataclass(frozen=True)
class TableShape:
    """What /data/ says of one core table: its name, title, description, fields and primary
    key as `core_tables` gives them, and its number of rows (the rows themselves are the
    downloads' work: 30,000 formatted figures at 5,000 reports, not the page's)."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    count: int


def table_shapes(content: Content) -> list[TableShape]:
    """The core tables' shapes (`core_tables` of the content without its records) and row
    counts: one row per indicator, unit, pairing, report, figure, and per unit of a pairing
    (parties). tests/site/test_data_page.py compares them with `core_tables` itself."""
    empty: MappingProxyType[str, Any] = MappingProxyType({})
    bare = dataclasses.replace(content, units=empty, pairings=empty, reports=())
    pairings = content.pairings.values()
    counts = {
        "indicators": len(content.indicators),
        "units": len(content.units),
        "pairings": len(pairings),
        "parties": sum(len(p.supporters) + len(p.recipients) for p in pairings),
        "reports": len(content.reports),
        "figures": sum(len(r.figures) for r in content.reports),
    }
    return [
        TableShape(t.name, t.title, t.description, t.fields, t.primary_key, counts[t.name])
        for t in core_tables(bare)
    ]


def guide(site: Site) -> list[PageSpec]:
    """The editor's guide, generated from the checker's own tables so it cannot drift.

    Editors, not readers, need it (YAML, problem codes): the internal build only."""
    if site.audience != "internal":
        return []
    return [
        PageSpec(
            GUIDE_URI, "编辑指南", "markdown.html", {**site.base}, markdown=render_guide_markdown()
        )
    ]
