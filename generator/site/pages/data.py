"""/data/: what each open-data download holds; and the editor's guide."""

from __future__ import annotations

from generator.site.guide import render_guide_markdown
from generator.site.opendata import core_tables
from generator.site.opendata_files import LICENCES
from generator.site.pages.context import Site
from generator.site.pages.sitemap import DATA_URI, GUIDE_URI
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    context = {
        **site.base,
        "tables": core_tables(site.content),
        "years": site.years,
        "licence": site.licence,
        "licence_info": LICENCES.get(site.licence),
        "publisher": site.publisher,
    }
    return [PageSpec(DATA_URI, "开放数据", "data.html", context, meta={"hide": ["toc"]})]


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
