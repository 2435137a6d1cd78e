"""/reports/<year>/<pairing>/: one page per yearly summary, its narrative as Markdown."""

from __future__ import annotations

from generator.site.pages.context import Site
from generator.site.pages.sitemap import report_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    specs = []
    for r in content.reports:
        siblings = site.reports_by_pairing[r.pairing]
        i = siblings.index(r)
        context = {
            **site.base,
            "report": r,
            "pairing": content.pairings[r.pairing],
            "previous": siblings[i - 1] if i > 0 else None,
            "next": siblings[i + 1] if i + 1 < len(siblings) else None,
        }
        specs.append(
            PageSpec(
                report_uri(r),
                r.title,
                "report.html",
                context,
                markdown=r.body,
                meta={"draft": r.status == "draft"},
            )
        )
    return specs
