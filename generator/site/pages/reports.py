"""/reports/<year>/<pairing>/: one page per yearly summary, its narrative as Markdown; and the
folders its address implies, /reports/ (every year) and /reports/<year>/ (one year's list)."""

from __future__ import annotations

from collections import defaultdict

from generator.content.model import Report
from generator.site.pages.context import Site
from generator.site.pages.sitemap import report_uri, reports_index_uri
from generator.site.pages.spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    content = site.content
    specs = []
    by_year: dict[int, list[Report]] = defaultdict(list)
    for r in content.reports:
        by_year[r.year].append(r)
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
    years = sorted(by_year, reverse=True)
    specs.append(
        PageSpec(
            reports_index_uri(),
            "年度工作总结",
            "reports.html",
            {**site.base, "by_year": [(y, by_year[y]) for y in years]},
            meta={"hide": ["toc"]},
        )
    )
    for y in years:
        specs.append(
            PageSpec(
                reports_index_uri(y),
                f"{y}年度工作总结",
                "reports-year.html",
                {**site.base, "year": y, "reports": by_year[y]},
                meta={"hide": ["toc"]},
            )
        )
    return specs
