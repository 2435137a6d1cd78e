"""Consistency lint (W601): the narrative says one number, the figures another.

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

from collections.abc import Iterable, Mapping

from generator.content.model import Indicator, Report
from generator.content.problems import Problem
from generator.content.validate.mentions import find_mentions

__all__ = ["check_consistency"]


def check_consistency(
    reports: Iterable[Report], indicators: Mapping[str, Indicator]
) -> list[Problem]:
    """A W601 warning for each narrative figure that disagrees with the report's figures."""
    problems: list[Problem] = []
    for report in reports:
        figures = {f.indicator: f for f in report.figures}
        if not figures or not report.body.strip():
            continue
        by_indicator: dict[str, list] = {}
        for mention in find_mentions(report.body, indicators):
            figure = figures.get(mention.indicator)
            if figure is not None and figure.basis == mention.basis:
                by_indicator.setdefault(mention.indicator, []).append(mention)
        for iid, mentions in by_indicator.items():
            figure = figures[iid]
            if any(m.value == figure.value for m in mentions):
                continue
            name = indicators[iid].name
            for m in mentions:
                line, col = _position(report.body, m.start)
                msg = (
                    f"正文中的 “{m.context}” 与成效数据 {iid}: {figure.written}（{name}）不一致；"
                    "请核对正文或 figures 中的数字"
                )
                problems.append(
                    Problem(
                        report.source.path,
                        report.body_line + line - 1,
                        col,
                        "W601",
                        msg,
                        severity="warning",
                    )
                )
    return problems


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
