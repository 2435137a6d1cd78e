"""Validate yearly reports: front matter, references, figures and narrative safety."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import partial
from typing import Any

from generator.content.display import written_step
from generator.content.figures import Approx, Basis, FigureError, parse_figure
from generator.content.load.tree import RawDoc
from generator.content.load.yaml import YamlDoc
from generator.content.model import Figure, Indicator, Pairing, Report, Source
from generator.content.problems import Problem, did_you_mean
from generator.content.schema import FIGURE_FIELDS, REPORT_FIELDS
from generator.content.units import UnitError, convert, parse_unit, split_unit
from generator.content.validate.fields import read_fields, require_mapping, show, type_name
from generator.content.validate.narrative import check_narrative

OwnChecks = tuple[dict[str, Any] | None, list[Figure] | None, list[Problem]]
"""A report's fields, its figures (None when one is wrong) and the problems of both and of its
narrative: what the report's file and the indicator catalogue alone decide."""
Memo = Callable[[RawDoc, Callable[[], OwnChecks]], OwnChecks]


def validate_reports(
    raws: list[RawDoc],
    pairings: dict[str, Pairing],
    pairing_ids: set[str],
    indicators: dict[str, Indicator],
    problems: list[Problem],
    assets: Collection[str] | None = None,
    memo: Memo | None = None,
) -> list[Report]:
    """`assets`: the files under pages/ a report's `source` may name (None: not checked);
    `memo`: where each report's own checks may have been kept (content/cache.py), given the
    same catalogue."""
    reports = []
    for raw in raws:
        own_checks = partial(_own_checks, raw, indicators)
        own = own_checks() if memo is None else memo(raw, own_checks)
        report = _validate_report(raw, pairings, pairing_ids, own, problems, assets)
        if report is not None:
            reports.append(report)
    return reports


def _own_checks(raw: RawDoc, indicators: dict[str, Indicator]) -> OwnChecks:
    found: list[Problem] = []
    doc = raw.doc
    data = require_mapping(doc, "年度总结的 YAML 头", found) if doc.data != {} else {}
    if data is None:
        return None, None, found
    v = read_fields(doc, data, REPORT_FIELDS, found)
    figures = _validate_figures(doc, v.get("figures", {}), indicators, raw.path, found)
    check_narrative(raw.body, raw.path, raw.body_line, found)
    return v, figures, found


def _validate_report(
    raw: RawDoc,
    pairings: dict[str, Pairing],
    pairing_ids: set[str],
    own: OwnChecks,
    problems: list[Problem],
    assets: Collection[str] | None = None,
) -> Report | None:
    doc = raw.doc
    v, figures, found = own
    problems.extend(found)
    if v is None:
        return None
    ok = True
    year = int(raw.folder)
    if "pairing" in v and v["pairing"] != raw.id:
        msg = (
            f"pairing 写的是 “{v['pairing']}”，但文件名是 “{raw.id}.md”：两者须一致（可删去 "
            "pairing 字段）"
        )
        problems.append(doc.problem("E303", msg, "pairing"))
        ok = False
    if "year" in v and v["year"] != year:
        msg = (
            f"year 写的是 {v['year']}，但文件在 reports/{year}/ 目录中：两者须一致（可删去 year "
            "字段）"
        )
        problems.append(doc.problem("E304", msg, "year"))
        ok = False
    pairing = pairings.get(raw.id)
    if raw.id not in pairing_ids:
        msg = (
            f"结对 “{raw.id}” 不存在（文件名应为 content/pairings/ 下的结对编号）"
            f"{did_you_mean(raw.id, pairing_ids)}"
        )
        problems.append(Problem(raw.path, 1, 1, "E308", msg))
    author = v.get("author")
    # Without a valid pairing (unknown, or its file has its own problems) the checks
    # against it are skipped, but figures and narrative are still checked: one run.
    if pairing is not None and author is not None and author not in pairing.units:
        msg = f"作者单位 “{author}” 不属于结对 “{raw.id}”；应为 {'、'.join(pairing.units)} 之一"
        problems.append(doc.problem("E305", msg, "author"))
        ok = False
    if pairing is not None and not pairing.covers(year):
        period = f"{pairing.since.year}—{pairing.until.year if pairing.until else '至今'}"
        msg = f"总结年份 {year} 不在结对期限 {period} 之内"
        problems.append(Problem(raw.path, 1, 1, "E306", msg))
        ok = False
    document = v.get("source")
    if document and document.startswith("pages/") and assets is not None:
        if document.removeprefix("pages/") not in assets:
            msg = (
                f"字段 “source” 的原始文件 “{document}” 不存在：应放在 content/pages/ 下，或写 "
                "http(s) 网址"
            )
            problems.append(doc.problem("E206", msg, "source"))
            ok = False
    if figures is None or not ok or pairing is None:
        return None
    return Report(
        pairing=raw.id,
        year=year,
        title=v.get("title") or f"{pairing.title} {year}年度工作总结",
        body=raw.body,
        author=author,
        published=v.get("published"),
        status=v.get("status", "published"),
        visibility=v.get("visibility", "public"),
        figures=tuple(figures),
        problems=v.get("problems", ()),
        plans=v.get("plans", ()),
        body_line=raw.body_line,
        source=Source(raw.path, 1),
        source_document=document,
    )


MAX_FIGURES = 2_000
"""Figures in one report (list items counted one by one): 100,000 took the build 141 s."""


def _validate_figures(
    doc: YamlDoc,
    data: dict[str, Any],
    indicators: dict[str, Indicator],
    path: str,
    problems: list[Problem],
) -> list[Figure] | None:
    out: list[Figure] = []
    ok = True
    count = sum(len(v) if isinstance(v, list) else 1 for v in data.values())
    if count > MAX_FIGURES:
        msg = (
            f"成效数据过多：{count} 项，超过每篇总结 {MAX_FIGURES} 项的上限"
            "（生成页面和合计会过慢）；请合并同类数字，或拆分总结"
        )
        problems.append(doc.problem("E108", msg, "figures", key=True))
        return None
    for key, value in data.items():
        fpath = ("figures", key)
        ind = indicators.get(key) if isinstance(key, str) else None
        if ind is None:
            msg = (
                f"未知的成效指标 “{show(key)}”（应在 indicators.yml 中定义）"
                f"{did_you_mean(str(key), indicators)}"
            )
            problems.append(doc.problem("E310", msg, *fpath, key=True))
            ok = False
            continue
        items: list[tuple[tuple[Any, ...], Any, int]]
        if isinstance(value, list):
            if not value:
                msg = (
                    f"指标 “{key}” 的列表是空的：写上数字，如 “{key}: [450人次 种植技术, "
                    "350人次]”，或删去这一行"
                )
                problems.append(doc.problem("E203", msg, *fpath))
                ok = False
                continue
            items = [((*fpath, i), item, i + 1) for i, item in enumerate(value)]
        else:
            items = [(fpath, value, 1)]
        for ipath, item, part in items:
            figure = _validate_figure(doc, ind, item, ipath, path, part, problems)
            if figure is None:
                ok = False
            else:
                out.append(figure)
    return out if ok else None


def _validate_figure(
    doc: YamlDoc,
    ind: Indicator,
    value: Any,
    fpath: tuple[Any, ...],
    path: str,
    part: int,
    problems: list[Problem],
) -> Figure | None:
    key = ind.id
    in_list = len(fpath) > 2
    parsed = _parse_value(doc, key, value, fpath, problems, in_list=in_list)
    if parsed is None:
        return None
    number, unit_text, approx, basis, note, label, shown = parsed
    try:
        unit = parse_unit(unit_text) if unit_text else ind.unit
    except UnitError as exc:
        problems.append(doc.problem("E404", f"指标 “{key}” 的单位无法识别：{exc}", *fpath))
        return None
    try:
        converted = convert(number, unit, ind.unit)
    except UnitError as exc:
        msg = f"指标 “{key}”（{ind.name}，单位 “{ind.unit.text}”）：{exc}"
        problems.append(doc.problem("E403", msg, *fpath))
        return None
    written = _written(doc, value, fpath) if shown is None else shown
    line = doc.pos(*fpath)[0]
    step = written_step(written, ind.unit.text) if approx is Approx.MORE_THAN else None
    return Figure(
        key,
        written,
        converted,
        approx,
        basis,
        note,
        Source(path, line),
        label=label,
        part=part,
        step=step,
    )


def _written(doc: YamlDoc, value: Any, fpath: tuple[Any, ...]) -> str:
    if isinstance(value, dict):
        v = doc.texts.get((*fpath, "value"), str(value.get("value", "")))
        unit = value.get("unit", "")
        prefix = {"nearly": "近", "about": "约"}.get(str(value.get("approx")), "")
        cum = "累计" if value.get("basis") == "cumulative" else ""
        if value.get("approx") == "more-than":
            return f"{cum}{_more_than(str(v), str(unit))}"
        return f"{cum}{prefix}{v}{unit}"
    return doc.texts.get(fpath, str(value)).strip()


def _more_than(number: str, unit: str) -> str:
    """余 where Chinese writes it in a spelled-out figure: after the magnitude of the unit
    (``6`` ``万册`` → ``6万余册``, 6万 and a little more), except after a round number of tens
    (``70`` ``万元`` → ``70余万元``); ``6余万册`` is not written."""
    try:
        magnitude, base = split_unit(unit) if unit else ("", "")
    except UnitError:
        magnitude, base = "", unit
    plain = number.replace(",", "")
    if magnitude and not (plain.isdigit() and int(plain) % 10 == 0):
        return f"{number}{magnitude}余{base}"
    return f"{number}余{unit}"


def split_label(text: str) -> tuple[str, str | None]:
    """`450人次 种植技术` → (`450人次`, `种植技术`): a list item's figure and its label.

    The split is at the rightmost whitespace whose left side is a figure, so a unit
    written apart from its number (`450 人次 种植技术`) stays with the number.
    """
    text = text.strip()
    cuts = [m.start() for m in _SPACE.finditer(text)]
    for cut in reversed(cuts):
        head, label = text[:cut].strip(), text[cut:].strip()
        try:
            parse_figure(head)
        except FigureError:
            continue
        return head, label
    return text, None


_SPACE = re.compile(r"\s+")


Parsed = tuple[Any, str | None, Approx, Basis, str | None, str | None, str | None]
"""Number, unit text, approximation, basis, note, label, and the written form when it
differs from the scalar's text (a list item's figure without its label)."""


def _parse_value(
    doc: YamlDoc,
    key: str,
    value: Any,
    fpath: tuple[Any, ...],
    problems: list[Problem],
    *,
    in_list: bool = False,
) -> Parsed | None:
    note = label = shown = None
    if isinstance(value, dict):
        v = read_fields(doc, value, FIGURE_FIELDS, problems, prefix=fpath)
        if "value" not in v:
            return None
        text = v["value"]
        unit_override = v.get("unit")
        approx_override = v.get("approx")
        basis_override = v.get("basis")
        note = v.get("note")
        label = v.get("label")
        vpath = (*fpath, "value")
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = doc.texts.get(fpath, str(value))
        unit_override = approx_override = basis_override = None
        vpath = fpath
        if in_list:
            text, label = split_label(str(text))
            shown = text.strip() if label else None
    else:
        form = "“450人次 种植技术” 这样的文本" if in_list else "“80余次” 这样的文本"
        msg = (
            f"指标 “{key}” 的数字应写成{form}或 {{value: …, unit: …}} 映射，"
            f"而写的是{type_name(value)}"
        )
        problems.append(doc.problem("E203", msg, *fpath))
        return None
    text = str(text).strip()
    if _NEGATIVE.match(text):
        problems.append(
            doc.problem(
                "E402", f"指标 “{key}” 的数字 “{show(text)}” 是负数；成效数字不能为负", *vpath
            )
        )
        return None
    try:
        parsed = parse_figure(text)
    except FigureError as exc:
        problems.append(doc.problem("E401", f"指标 “{key}”：{exc}", *vpath))
        return None
    unit = unit_override or parsed.unit
    if unit_override and parsed.unit:
        problems.append(
            doc.problem(
                "E203",
                f"指标 “{key}”：value 中已写了单位 “{parsed.unit}”，又写了 unit；只保留一处",
                *vpath,
            )
        )
        return None
    approx = Approx(approx_override) if approx_override else parsed.approx
    basis = Basis(basis_override) if basis_override else parsed.basis
    return parsed.value, unit, approx, basis, note, label, shown


_NEGATIVE = re.compile(r"(?:累计)?\s*[近约]?\s*[-−－]")
"""A minus sign (ASCII, Unicode or full-width) before the number: E402, not E401."""
