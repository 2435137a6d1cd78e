"""Units of measure for figures: parsing unit text and converting between units.

A unit is written as an optional magnitude (十 百 千 万 亿, or a combination such
as 十万, 千万, 万亿) followed by a base unit (元, 米, 公里, 平方米, 亩, 人次, 台 …).
Each base unit belongs to a dimension; values convert only within a dimension,
and counted items (台, 册, 次 …) are each a dimension of their own, so 台 never
adds up with 件, nor 人 with 人次.

This module must not import MkDocs, read files or know about indicators and
reports: it is a pure table plus two functions, shared by the validator, the
aggregator and the editor's guide. Numbers are ``Decimal``, never ``float``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property, lru_cache

__all__ = [
    "BASE_UNITS",
    "DIMENSION_NAMES",
    "MAGNITUDES",
    "UNIT_TEXTS",
    "UnitError",
    "UnitOfMeasure",
    "convert",
    "dimension_name",
    "parse_unit",
    "split_unit",
]


class UnitError(ValueError):
    """A unit that cannot be parsed or converted; the message is Chinese, shown to editors."""


@dataclass(frozen=True)
class UnitOfMeasure:
    """A unit as written by an editor, resolved to a dimension and a factor."""

    text: str
    """The unit as written (whitespace stripped), e.g. ``万元``, ``公里``, ``人次``."""

    dimension: str
    """``money``, ``length``, ``area``, ``volume``, ``persons``, ``person-times``,
    or ``count:<item>`` (``count:台``) for counted items, each its own dimension."""

    factor: Decimal
    """How many base units (元, 米, 平方米, 立方米, 人, 人次, or the item) one of this unit is.
    For 亩 this is a rounded decimal; conversions use :attr:`ratio`, which is exact."""

    ratio: Fraction | None = field(default=None, compare=False, repr=False)
    """The exact factor when ``factor`` had to be rounded (亩 = 10000/15 平方米);
    ``None`` means ``factor`` is exact."""

    @cached_property
    def exact_factor(self) -> Fraction:
        """The factor as an exact fraction, used for conversions (computed once per unit)."""
        return self.ratio if self.ratio is not None else Fraction(self.factor)


DIMENSION_NAMES: dict[str, str] = {
    "money": "货币",
    "length": "长度",
    "area": "面积",
    "volume": "体积",
    "persons": "人数",
    "person-times": "人次",
}
"""Dimension id → Chinese name; counted items appear as ``count:台`` → ``数量（台）``."""

MAGNITUDES: dict[str, Decimal] = {
    "十": Decimal(10),
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}
"""Magnitude characters that may precede a base unit, and what each multiplies by."""

# Chinese combines magnitudes from small to large: 十万, 百万, 千万, 十亿, 万亿, 千万亿.
# Anything else (万千, 十百, 万万) is a typo, not a number.
_MAGNITUDE_RE = re.compile(r"[十百千]?万?亿?")

_MU = Fraction(10_000, 15)  # 1 亩 = 10000/15 平方米 ≈ 666.67, exactly


def _base(text: str, dimension: str, factor: int | str | Fraction) -> UnitOfMeasure:
    exact = Fraction(factor)
    if exact.denominator == 1:
        return UnitOfMeasure(text, dimension, Decimal(exact.numerator))
    as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
    ratio = None if Fraction(as_decimal) == exact else exact
    return UnitOfMeasure(text, dimension, as_decimal, ratio)


# Counted items: each is its own dimension, so 台 never converts to 件.
_COUNTED = (
    "台 件 套 册 本 头 只 口 户 间 幢 栋 所 个 次 期 场 项 篇 辆 "
    "张 座 株 棵 批 门 家 条 部 份 处 课时 学时 天 人天"
).split()

BASE_UNITS: tuple[UnitOfMeasure, ...] = (
    _base("元", "money", 1),
    _base("米", "length", 1),
    _base("厘米", "length", "0.01"),
    _base("公里", "length", 1000),
    _base("千米", "length", 1000),
    _base("平方米", "area", 1),
    _base("亩", "area", _MU),
    _base("公顷", "area", 10_000),
    _base("平方公里", "area", 1_000_000),
    _base("平方千米", "area", 1_000_000),
    _base("立方米", "volume", 1),
    _base("方", "volume", 1),
    _base("人", "persons", 1),
    _base("名", "persons", 1),
    _base("位", "persons", 1),
    _base("人次", "person-times", 1),
    *(_base(item, f"count:{item}", 1) for item in _COUNTED),
)
"""Every base unit with its dimension and factor, in the order the editor's guide lists them."""

_BY_TEXT: dict[str, UnitOfMeasure] = {u.text: u for u in BASE_UNITS}

_MAGNITUDE_PREFIXES = tuple(
    a + b + c for a in ("", "十", "百", "千") for b in ("", "万") for c in ("", "亿")
)
"""Every string `_MAGNITUDE_RE` matches (a test checks it)."""

UNIT_TEXTS: frozenset[str] = frozenset(m + u.text for m in _MAGNITUDE_PREFIXES for u in BASE_UNITS)
"""Every unit text :func:`parse_unit` accepts, without surrounding whitespace: a set to look
candidates up in (the consistency lint tries several at each number in the prose)."""

DIMENSION_NAMES.update({f"count:{item}": f"数量（{item}）" for item in _COUNTED})

_EXAMPLES = '"元"、"万元"、"公里"、"平方米"、"亩"、"人次"、"台"'


def dimension_name(dimension: str) -> str:
    """Chinese name of a dimension, also for counted items not in the table."""
    if dimension in DIMENSION_NAMES:
        return DIMENSION_NAMES[dimension]
    if dimension.startswith("count:"):
        return f"数量（{dimension.removeprefix('count:')}）"
    return dimension


def _not_text(value: object) -> str:
    return f"单位应为文字，实际是 {value!r}：应为 {_EXAMPLES} 这样的单位"


def split_unit(text: str) -> tuple[str, str]:
    """Split unit text into (magnitude prefix, base unit), e.g. ``万元`` → (``万``, ``元``).

    The longest base unit wins: ``千米`` is the base unit 千米 (not 千 + 米), ``人次`` is
    never 人 + 次. Raises :class:`UnitError` when the text is not a unit.
    """
    if not isinstance(text, str):
        raise UnitError(_not_text(text))
    stripped = text.strip()
    if not stripped:
        raise UnitError(f"单位不能为空：应为 {_EXAMPLES} 这样的单位")
    bad_prefix = ""
    for cut in range(len(stripped)):
        prefix, base = stripped[:cut], stripped[cut:]
        if base not in _BY_TEXT:
            continue
        if _MAGNITUDE_RE.fullmatch(prefix):
            return prefix, base
        if not bad_prefix and all(ch in MAGNITUDES for ch in prefix):
            bad_prefix = prefix
    if bad_prefix:
        raise UnitError(
            f'单位 "{stripped}" 的数量级 "{bad_prefix}" 写法不对：'
            f"应为 十、百、千、万、亿 之一，或 十万、百万、千万、十亿、万亿 这样由小到大的组合"
        )
    raise UnitError(f'无法识别的单位 "{stripped}"：应为 {_EXAMPLES} 这样的单位{_suggest(stripped)}')


def _suggest(text: str) -> str:
    """A hint naming the nearest known unit, or an empty string."""
    match = _MAGNITUDE_RE.match(text)
    prefix = match.group(0) if match else ""
    rest = text[len(prefix) :]
    if not rest:  # magnitude only, e.g. "万": the base unit is missing
        return '（缺少基本单位，如 "万元"、"万人次"）'
    close = difflib.get_close_matches(rest, list(_BY_TEXT), n=1, cutoff=0.5)
    return f'（是否想写 "{prefix}{close[0]}"？）' if close else ""


def parse_unit(text: str) -> UnitOfMeasure:
    """Parse unit text such as ``万元``, ``公里``, ``亩``, ``人次`` into a :class:`UnitOfMeasure`.

    Raises :class:`UnitError` (Chinese message) for empty or unknown text.
    """
    if not isinstance(text, str):
        raise UnitError(_not_text(text))
    return _parse_unit(text)


@lru_cache(maxsize=1024)
def _parse_unit(text: str) -> UnitOfMeasure:
    # A handful of unit texts recur in every report: each is parsed (and its exact factor,
    # a cached property, computed) once. The unit is immutable; errors are raised anew.
    prefix, base_text = split_unit(text)
    base = _BY_TEXT[base_text]
    if not prefix:
        return UnitOfMeasure(base_text, base.dimension, base.factor, base.ratio)
    magnitude = 1
    for ch in prefix:
        magnitude *= int(MAGNITUDES[ch])
    ratio = None if base.ratio is None else base.ratio * magnitude
    return UnitOfMeasure(prefix + base_text, base.dimension, base.factor * magnitude, ratio)


def _to_decimal(value: Fraction) -> Decimal:
    """An exact Decimal when the fraction has one, else the context-rounded quotient."""
    return Decimal(value.numerator) / Decimal(value.denominator)


def convert(value: Decimal, src: UnitOfMeasure, dst: UnitOfMeasure) -> Decimal:
    """Convert ``value`` written in ``src`` into ``dst``, exactly where a decimal allows.

    Raises :class:`UnitError` naming both units when their dimensions differ
    (人 and 人次, 台 and 件, 元 and 米), or when the value is not a finite number.
    """
    if src.dimension != dst.dimension:
        raise UnitError(
            f'单位 "{src.text}"（{dimension_name(src.dimension)}）无法换算为 '
            f'"{dst.text}"（{dimension_name(dst.dimension)}）：两者不是同一种量，'
            f'应改用 "{dst.text}" 或可换算为它的单位'
        )
    if not value.is_finite():
        raise UnitError(f'数值 "{value}" 不是有限的数，无法从 "{src.text}" 换算为 "{dst.text}"')
    if src is dst or src.exact_factor == dst.exact_factor:
        return value
    return _to_decimal(Fraction(value) * src.exact_factor / dst.exact_factor)
