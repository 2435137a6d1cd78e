"""Consistency lints: the narrative says one number, the figures another (W601), or the same
number read differently (W602: `70余万元` in prose, `70万余元` in figures).

A report whose prose says `讲座80余次` while its front matter says
`lectures: 70余次` has a typo on one side. For each figure, the mentions of its
indicator in the narrative (see `parse_mentions`) are compared with it after
unit conversion (`70余万元` equals `700000元`). Prose often names a figure more
than once, or a part of it (`其中…`), so the lint speaks only when *no* mention
of that indicator agrees, and only between figures and mentions of the same
basis (a 累计 mention is compared with a cumulative figure only).

Warnings, not errors: `bulletins check` reports them, `--strict` fails on them.
This module must not read files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from functools import partial

from generator.compat import jieba as compat_jieba
from generator.content.cache import context_of
from generator.content.figures import Basis
from generator.content.model import Figure, Indicator, Report
from generator.content.problems import Problem
from generator.content.units import UnitOfMeasure
from generator.content.validate.mentions import SYNONYMS, Mention, find_mentions
from generator.content.validate.readings import reading

__all__ = ["check_consistency", "consistency_context"]


Memo = Callable[[Report, Callable[[], list[Problem]]], list[Problem]]


def check_consistency(
    reports: Iterable[Report], indicators: Mapping[str, Indicator], memo: Memo | None = None
) -> list[Problem]:
    """A W601 warning for each narrative figure that disagrees with the report's figures.
    `memo`: where each report's warnings may have been kept (content/cache.py), given the same
    catalogue and word cuts (`consistency_context`)."""
    problems: list[Problem] = []
    for report in reports:
        if memo is None:
            problems.extend(_report_problems(report, indicators))
        else:
            problems.extend(memo(report, partial(_report_problems, report, indicators)))
    return problems


def consistency_context(indicators: Mapping[str, Indicator]) -> str | None:
    """What a report's warnings depend on besides its file: the catalogue, and how jieba cuts
    its names (its dictionary file, as shipped); None when jieba's state cannot be named."""
    if not compat_jieba.pristine():
        return None
    path = compat_jieba.dictionary_file()
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return None
    where = (str(path), stat.st_size, stat.st_mtime_ns) if stat is not None else None
    return context_of(list(indicators.items()), SYNONYMS, where)


def _report_problems(report: Report, indicators: Mapping[str, Indicator]) -> list[Problem]:
    problems: list[Problem] = []
    if not report.figures or not report.body.strip():
        return problems
    # One indicator may have several parts (a list); a mention is compared with each
    # part of the same basis, and with their sum (`共培训900人次`).
    parts: dict[tuple[str, Basis], list[Figure]] = {}
    for f in report.figures:
        parts.setdefault((f.indicator, f.basis), []).append(f)
    by_key: dict[tuple[str, Basis], list[Mention]] = {}
    for mention in find_mentions(report.body, indicators):
        key = (mention.indicator, mention.basis)
        if key in parts:
            by_key.setdefault(key, []).append(mention)
    for key, mentions in by_key.items():
        group = parts[key]
        values = {f.value for f in group} | {sum((f.value for f in group), Decimal(0))}
        agreeing = [m for m in mentions if m.value in values]
        if len(group) == 1:
            # Prose names a figure several times, or a part of it (`其中…`): one agreeing
            # mention is enough.
            wrong = [] if agreeing else mentions
            unit = indicators[key[0]].unit
            if agreeing and not any(_same_reading(m, group[0], unit) for m in agreeing):
                problems.append(_reading_warning(report, agreeing[0], group[0], unit))
        else:
            mentioned = {m.value for m in agreeing}
            complete = values & mentioned and (
                sum((f.value for f in group), Decimal(0)) in mentioned
                or all(f.value in mentioned for f in group)
            )
            wrong = [] if complete else [m for m in mentions if m.value not in values]
        for m in wrong:
            problems.append(_warning(report, m, group, indicators[key[0]].name))
    return problems


def _warning(report: Report, m: Mention, group: list[Figure], name: str) -> Problem:
    line, col = _position(report.body, m.start)
    iid = group[0].indicator
    if len(group) == 1:
        given = f"{iid}: {group[0].written}（{name}）"
    else:
        items = "、".join(f"{f.written} {f.label}" if f.label else f.written for f in group)
        given = f"{iid} 的各项（{items}；{name}）及其合计"
    msg = f"正文中的 “{m.context}” 与成效数据 {given}不一致；请核对正文或 figures 中的数字"
    return Problem(
        report.source.path, report.body_line + line - 1, col, "W601", msg, severity="warning"
    )


def _same_reading(m: Mention, f: Figure, unit: UnitOfMeasure) -> bool:
    a, b = reading(m.written, unit), reading(f.written, unit)
    return a is None or b is None or (a.approx, a.high) == (b.approx, b.high)


def _reading_warning(report: Report, m: Mention, f: Figure, unit: UnitOfMeasure) -> Problem:
    """W602: same value, different 余/近/约 (`70余万元` in prose, `70万余元` in figures)."""
    line, col = _position(report.body, m.start)
    a, b = reading(m.written, unit), reading(f.written, unit)
    assert a is not None and b is not None
    msg = (
        f"正文中的 “{m.context}” 与成效数据 {f.indicator}: {f.written}（第 {f.source.line} 行）"
        f"的约数写法不一致：{a.describe(m.written)}，{b.describe(f.written)}；"
        "请把两处改成同一种写法"
    )
    return Problem(
        report.source.path, report.body_line + line - 1, col, "W602", msg, severity="warning"
    )


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
