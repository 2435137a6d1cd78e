"""What a compilation (年度汇编) says: records in, one document of plain data out.

`year_document` (one year, reports grouped by sector) and `pairing_document` (one
pairing across its years) read content that the audience rules already selected
(`select_audience`), and the totals from `site.aggregate`, as the year and pairing
pages do. Every value is a string, a number or a list/dict of them: the typesetter
shows strings as strings, and nothing here is markup. Pure: no files, no MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.compile.narrative import narrative_tree
from generator.content.display import counted_differs, format_quantity, with_unit
from generator.content.model import Content, Pairing, Report
from generator.site import aggregate as agg
from generator.site.pages.years import sentence_figures

Doc = dict[str, Any]


@dataclass(frozen=True)
class Masthead:
    """The cover's words: from mkdocs.yml (site name, publisher) and the build."""

    site_name: str
    publisher: str
    date: str
    """The compilation's date, in Chinese (from SOURCE_DATE_EPOCH or the newest report)."""
    audience: str
    """`public` or `internal`."""


def _names(content: Content, ids: Iterable[str]) -> str:
    return "、".join(content.units[u].name if u in content.units else u for u in ids)


def _period(p: Pairing) -> str:
    return f"{p.since.chinese()}—{p.until.chinese() if p.until else '至今'}"


def _converted(figure: Any, unit: str) -> str:
    """The figure as counted in totals when the number itself differs (`3.98公里` → `3980米`),
    as the site's pages say it (site/render.py `converted`)."""
    if not counted_differs(figure.written, unit):
        return ""
    return format_quantity(figure.quantity, unit)


def report_data(content: Content, r: Report) -> Doc:
    """One report: title, facts (pairing and parties), figures as written, narrative, lists."""
    p = content.pairings[r.pairing]
    facts = [
        ["结对", p.title],
        ["支援方", _names(content, p.supporters)],
        ["受援方", _names(content, p.recipients)],
        ["领域", content.sectors.get(p.sector, p.sector)],
        ["年度", f"{r.year}年"],
    ]
    if p.programme:
        facts.append(["所属计划", p.programme])
    facts.append(["结对期限", _period(p)])
    if r.author:
        facts.append(["撰写单位", _names(content, [r.author])])
    if r.published:
        facts.append(["发布日期", r.published.chinese()])
    figures = []
    for f in r.figures:
        ind = content.indicators[f.indicator]
        notes = [x for x in (f.label, "累计数" if f.basis.value == "cumulative" else None, f.note)]
        converted = _converted(f, ind.unit.text)
        if converted:
            notes.append(f"计为{converted}")
        written = with_unit(f.written, ind.unit.text)  # (`400` shown as `400头`, as on the site)
        figures.append([ind.name, written, "；".join(n for n in notes if n)])
    return {
        "title": r.title,
        "path": r.source.path,
        "draft": r.status == "draft",
        "facts": facts,
        "figures": figures,
        "body": narrative_tree(r.body),
        "problems": list(r.problems),
        "plans": list(r.plans),
    }


def _totals_rows(content: Content, totals: dict[str, agg.Total]) -> list[Doc]:
    rows = []
    for t in totals.values():
        parts = []
        for part in t.parts:
            pairing = content.pairings[part.report.pairing].title
            written = with_unit(part.figure.written, t.indicator.unit.text)
            written += f"（{part.figure.label}）" if part.figure.label else ""
            converted = _converted(part.figure, t.indicator.unit.text)
            note = "累计数" if part.figure.basis.value == "cumulative" else ""
            note = "；".join(x for x in (note, f"计为{converted}" if converted else "") if x)
            parts.append([f"{part.report.year}年 · {pairing}", written, note])
        rows.append({"name": t.indicator.name, "display": t.display, "parts": parts})
    return rows


def _sentence(year: int, reports: list[Report], by_sector: list[tuple[str, int]], totals) -> str:
    counts = "、".join(f"{name} {n} 篇" for name, n in by_sector)
    text = f"{year}年，{len(reports)} 个结对报送了年度总结" + (f"（{counts}）" if counts else "")
    named = sentence_figures(totals)
    if named:
        figures = "、".join(f"{t.indicator.name} {t.display}" for _, t in named)
        more = f"等 {len(totals)} 项成效" if len(totals) > len(named) else ""
        text += f"。当年完成{figures}{more}"
    return text + "。"


def year_document(content: Content, year: int, masthead: Masthead) -> Doc:
    """The compilation of one year: overview, the reports by sector, the year's totals."""
    reports = [r for r in content.reports if r.year == year]
    groups, by_sector = [], []
    for sid, name in content.sectors.items():
        rs = [r for r in reports if content.pairings[r.pairing].sector == sid]
        if rs:
            by_sector.append((name, len(rs)))
            groups.append(
                {
                    "title": f"{name}（{len(rs)} 篇）",
                    "reports": [report_data(content, r) for r in rs],
                }
            )
    totals = agg.year_totals(content, year)
    reported = {r.pairing for r in reports}
    silent = [p for p in content.pairings.values() if p.covers(year) and p.id not in reported]
    cumulative = agg.cumulative_only(content, year)
    return {
        **_cover(masthead, f"{year}年度工作总结汇编", f"{year}年"),
        "overview": {
            "sentence": _sentence(year, reports, by_sector, totals),
            "totals": [[t.indicator.name, t.display, len(t.parts)] for t in totals.values()],
            "reported": [_row(content, content.pairings[pid]) for pid in sorted(reported)],
            "silent": [_row(content, p) for p in silent],
            "chart": {
                "title": f"{year}年各领域年度总结篇数",
                "bars": [[name, n, f"{n}篇"] for name, n in by_sector],
            },
        },
        "groups": groups,
        "appendix": {
            "title": f"附录　{year}年合计及其构成",
            "intro": "合计只含当年完成的数字，不含累计数；每项合计下列出它所加总的数字及其出处。",
            "totals": _totals_rows(content, totals),
            "cumulative": [
                [
                    content.indicators[p.figure.indicator].name,
                    with_unit(p.figure.written, content.indicators[p.figure.indicator].unit.text),
                    content.pairings[p.report.pairing].title,
                ]
                for p in cumulative
            ],
        },
    }


def pairing_document(content: Content, pairing_id: str, masthead: Masthead) -> Doc:
    """The compilation of one pairing across its years: its reports by year, its totals."""
    p = content.pairings[pairing_id]
    reports = [r for r in content.reports if r.pairing == pairing_id]
    years = [r.year for r in reports]
    reported = set(years)
    span = range(p.since.year, (p.until.year if p.until else max(years or [p.since.year])) + 1)
    missing = [y for y in span if y not in reported]
    totals = agg.pairing_totals(content, [pairing_id])
    sentence = f"{p.title}，{_period(p)}，共报送年度总结 {len(reports)} 篇"
    sentence += f"（{years[0]}—{years[-1]}年）。" if years else "。"
    return {
        **_cover(masthead, f"{p.title}工作总结汇编", f"{years[0]}—{years[-1]}年" if years else ""),
        "overview": {
            "sentence": sentence,
            "totals": [[t.indicator.name, t.display, len(t.parts)] for t in totals.values()],
            "reported": [[f"{r.year}年", r.title] for r in reports],
            "silent": [[f"{y}年", "未报送"] for y in missing],
            "chart": {
                "title": "各年度报送的成效数据项数",
                "bars": [[f"{r.year}年", len(r.figures), f"{len(r.figures)}项"] for r in reports],
            },
        },
        "groups": [
            {"title": f"{r.year}年（1 篇）", "reports": [report_data(content, r)]} for r in reports
        ],
        "appendix": {
            "title": "附录　累计合计及其构成",
            "intro": "累计合计取最近一次累计数，加上其后各年的当年数，不重复计算。",
            "totals": _totals_rows(content, totals),
            "cumulative": [],
        },
    }


def _row(content: Content, p: Pairing) -> list[str]:
    return [p.title, content.sectors.get(p.sector, p.sector)]


def _cover(m: Masthead, title: str, span: str) -> Doc:
    return {
        "site": m.site_name,
        "publisher": m.publisher,
        "title": title,
        "span": span,
        "date": m.date,
        "audience": "内部资料　注意保存" if m.audience == "internal" else "公开版",
        "running": f"{m.site_name} · {title}",
    }
