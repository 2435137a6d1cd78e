"""Find figures in narrative prose: `开展学习讲座80余次` → (lectures, `80余次`).

Shared by the Word import (which suggests figures for the editor to confirm) and
the consistency lint (which compares the prose with the figures given). A
*mention* is a number written in the figure grammar with a unit (`80余次`,
`70余万元`, `3.98公里`), preceded in the same clause by a keyword of one
indicator: its `name`, the name without a bracketed qualifier, its last word or
all but its first word, or a synonym from `SYNONYMS`. A keyword shared by several indicators is
settled by the unit (`道路硬化3.98公里` is a length, not an area); one that the
unit does not settle is dropped rather than guessed. `捐赠胃镜、肠镜各2台` gives
one mention per listed item.

This module must not read files or judge the figures; it only finds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from generator.content.figures import Basis, FigureError, parse_figure
from generator.content.model import Indicator
from generator.content.units import UNIT_TEXTS, UnitError, UnitOfMeasure, convert, parse_unit
from generator.content.validate.words import cut_words

__all__ = ["SYNONYMS", "Mention", "find_mentions", "keyword_table"]

SYNONYMS: dict[str, tuple[str, ...]] = {
    "staff-dispatched": ("派驻", "选派", "派出", "支教教师"),
    "cadres-sent": ("挂职干部",),
    "lectures": ("讲座", "讲课", "专题讲座", "学术讲座"),
    "ward-rounds": ("查房", "教学查房"),
    "case-discussions": ("病例讨论", "疑难病例"),
    "surgery-demonstrations": ("手术示教", "示教手术"),
    "patients-treated": ("诊疗", "接诊", "义诊", "诊治"),
    "refresher-trainees": ("进修",),
    "trainees": ("培训",),
    "equipment-value": ("价值", "设备价值"),
    "books-donated": ("图书", "赠书"),
    "road-hardened": ("道路硬化", "硬化道路", "硬化路"),
    "houses-rebuilt": ("危房改造",),
    "students-aided": ("贫困学生",),
    "phd-enrolled": ("攻读博士",),
    "masters-enrolled": ("攻读硕士",),
    "labour-export": ("劳务输出",),
}
"""Common wordings of the common indicators, used only for ids the catalogue has."""

# Last words too generic to point at one indicator by themselves.
_GENERIC = {"人员", "人数", "金额", "资金", "面积", "长度", "数量", "项目", "建设", "工作", "情况"}

_BOUNDARY = "，。；;！？!?\n：:、（）()|,"
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
# The lookahead changes no match (every match starts with 近, 约 or a digit) but lets the
# regex engine skip to those characters instead of trying the lookbehind everywhere.
_NUMBER = re.compile(
    r"(?=[近约0-9])(?<![0-9A-Za-z.,])(?P<mark>[近约])?"
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?P<magnitude>万亿|万|亿)?(?P<more>[余多])?"
)
_MAX_GAP = 8
_JOINERS = "和及与并另"
_MAX_UNIT = 6


@dataclass(frozen=True)
class Mention:
    """One figure found in prose."""

    indicator: str
    written: str
    """The figure in short form, e.g. `80余次`, `累计26人`."""
    value: Decimal
    """Converted to the indicator's unit."""
    basis: Basis
    start: int
    """Offset of the number in the text."""
    context: str
    """The clause it came from, e.g. `开展学习讲座80余次`."""


@lru_cache(maxsize=32)
def _table(catalogue: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}

    def add(word: str, iid: str) -> None:
        if len(word) >= 2:
            found.setdefault(word, set()).add(iid)

    bares = [re.sub(r"[（(][^）)]*[）)]", "", name).strip("“”\"' ") for _, name in catalogue]
    cuts = iter(cut_words(tuple(bare for bare in bares if bare)))  # jieba's words, one pass
    for (iid, name), bare in zip(catalogue, bares, strict=True):
        add(name, iid)
        add(bare, iid)
        words = [w for w in next(cuts) if w.strip()] if bare else []
        # `专题讲座` → `讲座`; `捐赠肠镜` → `肠镜` (jieba cuts it 肠/镜, so the tail too).
        for tail in {words[-1], "".join(words[1:])} if words else ():
            if tail not in _GENERIC:
                add(tail, iid)
        for word in SYNONYMS.get(iid, ()):
            add(word, iid)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def keyword_table(indicators: Mapping[str, Indicator]) -> dict[str, tuple[str, ...]]:
    """Keyword → the indicator ids it may name."""
    catalogue = tuple((i.id, i.name) for i in indicators.values())
    known = _KNOWN.get(catalogue)
    return known if known is not None else _table(catalogue)


_KNOWN: dict[tuple[tuple[str, str], ...], dict[str, tuple[str, ...]]] = {}
"""Tables kept from an earlier run (content/cache.py), for the same catalogue and word cuts."""


def remember_table(
    indicators: Mapping[str, Indicator], table: dict[str, tuple[str, ...]] | None
) -> None:
    """Take `table` as the catalogue's keyword table: made by `keyword_table` in an earlier run
    under the same jieba dictionary (content/cache.py keys it so); None forgets it."""
    _KNOWN.clear()
    if table is not None:
        _KNOWN[tuple((i.id, i.name) for i in indicators.values())] = table


@lru_cache(maxsize=1 << 14)
def _parsed_unit(candidate: str) -> UnitOfMeasure | None:
    try:
        return parse_unit(candidate)
    except UnitError:
        return None


def _unit_at(text: str, pos: int) -> str | None:
    """The longest unit (of at most `_MAX_UNIT` characters) written at `pos`."""
    for length in range(min(_MAX_UNIT, len(text) - pos), 0, -1):
        candidate = text[pos : pos + length]
        if candidate in UNIT_TEXTS:  # what parse_unit accepts, surrounding whitespace excluded
            return candidate
    return None


def _clause_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in _BOUNDARY:
        start -= 1
    return start


def _keyword_before(
    prefix: str, table: Mapping[str, tuple[str, ...]], lengths: tuple[int, ...] | None = None
) -> tuple[str, int] | None:
    """The keyword ending nearest the end of `prefix` (longest on a tie), and the gap."""
    lengths = _lengths(tuple(table)) if lengths is None else lengths
    for gap in range(min(_MAX_GAP, len(prefix)) + 1):
        end = len(prefix) - gap
        for size in lengths:  # longest first
            if size <= end and prefix[end - size : end] in table:
                return prefix[end - size : end], gap
    return None


@lru_cache(maxsize=32)
def _lengths(words: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in words}, reverse=True))


def _resolve(
    ids: tuple[str, ...], written: str, indicators: Mapping[str, Indicator]
) -> tuple[str, Decimal] | None:
    try:
        parsed = parse_figure(written)
    except FigureError:
        return None
    fits = []
    for iid in ids:
        ind = indicators.get(iid)
        if ind is None:
            continue
        try:
            unit = _parsed_unit(parsed.unit) if parsed.unit else ind.unit
            if unit is None:
                continue
            fits.append((iid, convert(parsed.value, unit, ind.unit)))
        except UnitError:
            continue
    return fits[0] if len(fits) == 1 else None


def find_mentions(text: str, indicators: Mapping[str, Indicator]) -> list[Mention]:
    """Every figure of a known indicator in `text`, in order of appearance."""
    table = keyword_table(indicators)
    lengths = _lengths(tuple(table))  # once per text, not once per number
    # Translating reads every character through a dict: only when there is something to change.
    plain = text.translate(_DIGITS) if _FULL_WIDTH_DIGIT.search(text) else text
    out: list[Mention] = []
    for m in _NUMBER.finditer(plain):
        unit = _unit_at(plain, m.end())
        if unit is None or plain[m.start() - 1 : m.start()] == "第":
            continue
        if unit == "个" and plain[m.end() + 1 : m.end() + 2] == "月":
            continue
        start = _clause_start(plain, m.start())
        prefix = plain[start : m.start()]
        basis = Basis.CUMULATIVE if "累计" in prefix else Basis.ANNUAL
        written = ("累计" if basis is Basis.CUMULATIVE else "") + m.group(0) + unit
        context = plain[start : m.end() + len(unit)].strip()
        for word, ids in _candidates(plain, start, prefix, table, lengths):
            found = _resolve(ids, written, indicators)
            if found is not None:
                ctx = context if word in context else f"{word}…{context}"
                out.append(Mention(found[0], written, found[1], basis, m.start(), ctx))
    return out


def _candidates(
    text: str,
    start: int,
    prefix: str,
    table: Mapping[str, tuple[str, ...]],
    lengths: tuple[int, ...],
) -> list[tuple[str, tuple[str, ...]]]:
    hit = _keyword_before(prefix, table, lengths)
    if hit is None:
        return []
    word, gap = hit
    between = prefix[len(prefix) - gap :]
    if "各" not in between:
        # `活动场地和一间20平方米`: past a conjunction the number is another item's.
        return [] if any(ch in _JOINERS for ch in between) else [(word, table[word])]
    # `捐赠无影灯、胃镜、肠镜各2台`: every item of the list before 各 gets the figure.
    out = [(word, table[word])]
    head = text[:start] + prefix[: len(prefix) - gap - len(word)]
    while head and head[-1] in _JOINERS + "、":
        head = head[:-1]
        found = _keyword_before(head[_clause_start(head, len(head)) :], table, lengths)
        if found is None or found[1] != 0:
            break
        out.append((found[0], table[found[0]]))
        head = head[: len(head) - len(found[0])]
    return out
