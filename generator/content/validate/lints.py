"""Record lints: things YAML and the field rules accept that are probably a mistake.

Warnings naming both places, never errors (`bulletins check --strict` fails on them):

- W603: a report's `published` date outside its year folder — before the year, or after
  the year that follows it (a year's summary is written during it or early the next).
- W604: two unit files with one name (the same unit entered twice, under two ids).
- W605: two pairings of one sector with the same supporters and recipients whose years
  overlap (the same pairing entered twice).

This module must not read files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from generator.content.load.yaml import YamlDoc
from generator.content.model import Pairing, Report, Unit
from generator.content.problems import Problem

__all__ = ["check_records"]

_FOREVER = 10_000


def check_records(
    units: Iterable[Unit],
    pairings: Iterable[Pairing],
    reports: Iterable[Report],
    docs: Mapping[str, YamlDoc],
) -> list[Problem]:
    """W603–W605 warnings; `docs` (path → parsed file) gives each field's line."""
    return [*_published(reports, docs), *_unit_names(units, docs), *_pairings(pairings, docs)]


def _warn(docs: Mapping[str, YamlDoc], path: str, field: str, code: str, msg: str) -> Problem:
    doc = docs.get(path)
    line, col = doc.pos(field) if doc is not None else (1, 1)
    return Problem(path, line, col, code, msg, severity="warning")


def _line(docs: Mapping[str, YamlDoc], path: str, field: str) -> int:
    doc = docs.get(path)
    return doc.pos(field)[0] if doc is not None else 1


def _published(reports: Iterable[Report], docs: Mapping[str, YamlDoc]) -> list[Problem]:
    out = []
    for r in reports:
        if r.published is None or r.year <= r.published.year <= r.year + 1:
            continue
        when = "早于" if r.published.year < r.year else "晚于"
        msg = (
            f"published: {r.published} {when}总结所在的年份目录 reports/{r.year}/：{r.year} "
            f"年度的总结应在 {r.year} 年或 {r.year + 1} 年发布；请核对 published 的年份，"
            "或把文件移到正确的年份目录"
        )
        out.append(_warn(docs, r.source.path, "published", "W603", msg))
    return out


def _unit_names(units: Iterable[Unit], docs: Mapping[str, YamlDoc]) -> list[Problem]:
    out = []
    first: dict[str, Unit] = {}
    for u in sorted(units, key=lambda u: u.source.path):
        other = first.setdefault(u.name, u)
        if other is u:
            continue
        msg = (
            f"单位名称 “{u.name}” 与 {other.source.path}:{_line(docs, other.source.path, 'name')}"
            f"（编号 {other.id}）相同：同一单位只应有一个文件，请删去一个并把引用改成另一个的编号；"
            "若是两个单位，请把名称写全以示区分"
        )
        out.append(_warn(docs, u.source.path, "name", "W604", msg))
    return out


def _years(p: Pairing) -> tuple[int, int]:
    return p.since.year, p.until.year if p.until is not None else _FOREVER


def _pairings(pairings: Iterable[Pairing], docs: Mapping[str, YamlDoc]) -> list[Problem]:
    out = []
    seen: dict[tuple[frozenset[str], frozenset[str], str], list[Pairing]] = {}
    for p in sorted(pairings, key=lambda p: p.source.path):
        key = (frozenset(p.supporters), frozenset(p.recipients), p.sector)
        start, end = _years(p)
        for other in seen.get(key, []):
            o_start, o_end = _years(other)
            if start <= o_end and o_start <= end:
                where = f"{other.source.path}:{_line(docs, other.source.path, 'supporters')}"
                msg = (
                    f"结对 “{p.id}” 与 {where}（结对 “{other.id}”）的支援方、受援方和领域相同，"
                    "年份又有重叠：同一结对只应有一个文件，请合并为一个（总结放在保留的编号下）；"
                    "若是前后两期，请用 since / until 把年份分开"
                )
                out.append(_warn(docs, p.source.path, "supporters", "W605", msg))
                break
        seen.setdefault(key, []).append(p)
    return out
