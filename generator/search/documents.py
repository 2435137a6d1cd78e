"""What search indexes, page by page: the words readers look for, and the filters.

A report is indexed by what it is about: its title, its parties (names and
short names), their places, its programme and modes, its narrative sentences,
figures as written (`设备价值 70余万元`), problems and plans. A catalogue page
(pairing, unit, year, region, indicator, the data page) is indexed by its title
and a one-line introduction, never by its tables: it names many words and is
about none of them. The editor's guide, the home page, the section lists and
the search page are not search results.

Every document carries its filter values (facets): kind, year, sector,
province, prefecture (of the recipients: where the support went) and
supporter. Pure: no MkDocs; engines (local.py, pagefind.py) turn these into
their own index formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.content.model import UNIT_KINDS, Content, Pairing, Report, Unit
from generator.site.pages import PageSpec
from generator.site.pages.sitemap import (
    DATA_URI,
    indicator_uri,
    pairing_uri,
    report_uri,
    unit_uri,
    year_uri,
)

FACETS: tuple[tuple[str, str], ...] = (
    ("kind", "类型"),
    ("year", "年度"),
    ("sector", "领域"),
    ("province", "省份"),
    ("prefecture", "地州"),
    ("supporter", "支援方"),
)
"""Filters: URL parameter and the label readers see, in the order shown."""

KINDS = {
    "report": "年度总结",
    "pairing": "结对关系",
    "unit": "单位",
    "year": "年度",
    "region": "地区",
    "indicator": "成效指标",
    "page": "其他页面",
}


@dataclass(frozen=True)
class Document:
    """One search result to be: a page, what it is found by, and its filter values."""

    src_uri: str
    """The page's source path (`reports/2015/x.md`); the plugin turns it into a URL."""
    kind: str
    """One of `KINDS`: reports rank above catalogue pages."""
    title: str
    names: tuple[str, ...] = ()
    """Parties, places, programme, modes: what the page is *of*."""
    text: tuple[str, ...] = ()
    """Narrative sentences (reports, free pages) or the introduction (catalogue pages)."""
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Facet key (`FACETS`) → values."""
    figures: tuple[str, ...] = ()
    """A report's figures as written (`设备价值 70余万元`), also at the end of `text`."""


def _unit_names(u: Unit) -> list[str]:
    return [u.name] + ([u.short_name] if u.short_name else [])


def _places(units: Iterable[Unit]) -> list[str]:
    return [place for u in units for place in u.region]


def _uniq(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _pairing_facets(content: Content, p: Pairing) -> dict[str, tuple[str, ...]]:
    recipients = [content.units[u] for u in p.recipients if u in content.units]
    supporters = [content.units[u] for u in p.supporters if u in content.units]
    return {
        "sector": (content.sectors.get(p.sector, p.sector),),
        "province": _uniq(u.region[0] for u in recipients if u.region),
        "prefecture": _uniq(u.region[1] for u in recipients if len(u.region) > 1),
        "supporter": _uniq(u.name for u in supporters),
    }


def _pairing_names(content: Content, p: Pairing) -> list[str]:
    units = [content.units[u] for u in (*p.supporters, *p.recipients) if u in content.units]
    names = [n for u in units for n in _unit_names(u)] + _places(units)
    return names + ([p.programme] if p.programme else []) + list(p.modes)


def report_document(content: Content, r: Report, prose: list[str]) -> Document:
    p = content.pairings[r.pairing]
    figures = []
    for f in r.figures:
        indicator = content.indicators.get(f.indicator)
        name = indicator.name if indicator else f.indicator
        figures.append(f"{name} {f.written}" + (f"（{f.note}）" if f.note else ""))
    text = [*prose, *figures, *r.problems, *r.plans]
    facets = {"kind": (KINDS["report"],), "year": (f"{r.year}年",), **_pairing_facets(content, p)}
    # The year and the sector are found too: `培训 2015`, `医疗卫生 进修`.
    names = [*_pairing_names(content, p), f"{r.year}年", *facets["sector"]]
    return Document(
        report_uri(r),
        "report",
        r.title,
        _uniq(names),
        tuple(text),
        facets,
        tuple(figures),
    )


def documents(
    content: Content, specs: Mapping[str, PageSpec], prose: Mapping[str, list[str]]
) -> list[Document]:
    """Every page a reader may find, in a stable order: reports first (by year), then catalogue
    pages, then free pages. `prose`: src_uri → sentences of the page's rendered Markdown."""
    docs = [
        report_document(content, r, prose.get(report_uri(r), []))
        for r in content.reports
        if report_uri(r) in specs
    ]
    for p in content.pairings.values():
        if pairing_uri(p.id) in specs:
            names = _pairing_names(content, p)
            since = f"自{p.since.year}年起" + (f"至{p.until.year}年" if p.until else "")
            intro = f"{content.sectors.get(p.sector, p.sector)}领域的结对关系，{since}。"
            facets = {"kind": (KINDS["pairing"],), **_pairing_facets(content, p)}
            docs.append(
                Document(pairing_uri(p.id), "pairing", p.title, _uniq(names), (intro,), facets)
            )
    for u in content.units.values():
        if unit_uri(u.id) in specs:
            intro = f"{UNIT_KINDS.get(u.kind, u.kind)}" + (
                f"，位于{''.join(u.region)}。" if u.region else "。"
            )
            facets = {
                "kind": (KINDS["unit"],),
                "province": u.region[:1],
                "prefecture": u.region[1:2],
            }
            docs.append(
                Document(
                    unit_uri(u.id),
                    "unit",
                    u.name,
                    _uniq([*_unit_names(u), *u.region]),
                    (intro,),
                    facets,
                )
            )
    for year in sorted({r.year for r in content.reports}):
        if year_uri(year) in specs:
            facets = {"kind": (KINDS["year"],), "year": (f"{year}年",)}
            intro = f"{year}年各结对的年度工作总结与成效合计。"
            docs.append(Document(year_uri(year), "year", f"{year}年", (), (intro,), facets))
    for spec in specs.values():
        if spec.template == "region.html":
            path = tuple(spec.context.get("region") or spec.title.split(" / "))
            facets = {"kind": (KINDS["region"],), "province": path[:1], "prefecture": path[1:2]}
            intro = f"{''.join(path)}的单位、收到和给出的支援及成效合计。"
            docs.append(Document(spec.src_uri, "region", spec.title, path, (intro,), facets))
    for ind in content.indicators.values():
        if indicator_uri(ind.id) in specs:
            intro = f"成效指标（{ind.category}），按年度和结对列出各年度总结的数字。" + (
                ind.description or ""
            )
            docs.append(
                Document(
                    indicator_uri(ind.id),
                    "indicator",
                    ind.name,
                    (ind.category,),
                    (intro,),
                    {"kind": (KINDS["indicator"],)},
                )
            )
    if DATA_URI in specs:
        intro = "单位、结对、年度总结和成效数字的开放数据下载（CSV、JSON）。"
        docs.append(
            Document(
                DATA_URI, "page", specs[DATA_URI].title, (), (intro,), {"kind": (KINDS["page"],)}
            )
        )
    for fp in content.pages:
        uri = f"{fp.id}.md"
        docs.append(
            Document(
                uri, "page", fp.title, (), tuple(prose.get(uri, [])), {"kind": (KINDS["page"],)}
            )
        )
    return docs
