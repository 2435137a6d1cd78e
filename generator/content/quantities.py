"""Approximate amounts and the totals rules of SPEC ("Figures", "Totals"), as pure functions.

A :class:`Quantity` is a value already converted to an indicator's unit, plus how
exact it is. Totals add them with the SPEC's rules (``80余 + 120余`` = ``200余``,
``近100 + 20`` = ``约120``), pick the latest cumulative figure without counting
anything twice, and format the result the way a Chinese bulletin writes it
(``70万余元``, ``近100人次``, ``1,234.57万``).

This module must not convert units (callers convert with :mod:`generator.content.units`
first), read files, know about reports or pairings beyond years and bases, or
import MkDocs. It never turns "not reported" into 0: totals of nothing are ``None``.
Numbers are ``Decimal``, never ``float``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from generator.content.figures import Approx, Basis
from generator.content.units import MAGNITUDES, UnitError, split_unit

__all__ = [
    "Quantity",
    "annual_only",
    "combine_approx",
    "cumulative_total",
    "format_number",
    "format_quantity",
    "max_quantities",
    "sum_quantities",
    "year_total",
]


@dataclass(frozen=True)
class Quantity:
    """An amount in an indicator's unit, exact or approximate."""

    value: Decimal
    """The value, converted to the indicator's unit."""

    approx: Approx = Approx.EXACT
    """How exact the value is."""


_APPROX_KINDS = frozenset(Approx)


def combine_approx(kinds: Iterable[Approx]) -> Approx:
    """How exact a sum is, given how exact its parts are.

    - All exact → exact.
    - 余 parts plus exact parts → 余: a lower bound plus exact amounts is still a
      lower bound (``80余 + 20`` = ``100余``).
    - 近 parts only → 近: each is a round figure approached from below, so their
      sum is too (``近100 + 近20`` = ``近120``).
    - 近 with an exact part → 约: SPEC fixes ``近100 + 20`` as ``约120``. 近 claims
      the editor rounded up to a figure they chose; once an exact amount is added
      the total's round figure is no one's choice, and only the weaker claim,
      closeness either way, is safe.
    - Any 约, or 余 mixed with 近 → 约: the error may lie on either side.
    """
    seen = set(kinds)
    if not seen <= _APPROX_KINDS:  # (a str enum: "exact" is already in it) unknown ones raise
        seen = {Approx(k) for k in seen}
    inexact = seen - {Approx.EXACT}
    if not inexact:
        return Approx.EXACT
    if inexact == {Approx.MORE_THAN}:
        return Approx.MORE_THAN
    if seen == {Approx.NEARLY}:
        return Approx.NEARLY
    return Approx.ABOUT


def sum_quantities(qs: Iterable[Quantity]) -> Quantity | None:
    """The total of quantities in one unit; ``None`` when there are none (not reported)."""
    parts = list(qs)
    if not parts:
        return None
    total = sum((q.value for q in parts), Decimal(0))
    return Quantity(total, combine_approx(q.approx for q in parts))


# When values tie, which approximation says more about the maximum: 余 means the
# true value is above, 近 below, so 100余 is the larger of 100余, 100 and 近100.
_TIE_ORDER = {Approx.NEARLY: 0, Approx.EXACT: 1, Approx.MORE_THAN: 2}


def max_quantities(qs: Iterable[Quantity]) -> Quantity | None:
    """The largest quantity (for ``aggregate: max``); ``None`` when there are none.

    The result keeps the approximation of the part with the largest value. Among
    equal values 余 beats exact beats 近; a tie involving 约 is 约, as either part
    may be the larger.
    """
    parts = list(qs)
    if not parts:
        return None
    top = max(q.value for q in parts)
    kinds = {Approx(q.approx) for q in parts if q.value == top}
    if Approx.ABOUT in kinds:
        return Quantity(top, Approx.ABOUT)
    return Quantity(top, max(kinds, key=_TIE_ORDER.__getitem__))


def annual_only(figures: Iterable[tuple[Basis, Quantity]]) -> tuple[Quantity, ...]:
    """The annual figures among ``figures``: year totals leave cumulative figures out."""
    return tuple(q for basis, q in figures if basis == Basis.ANNUAL)


def year_total(figures: Iterable[tuple[Basis, Quantity]]) -> Quantity | None:
    """Sum of one year's annual figures, cumulative ones left out; ``None`` if none."""
    return sum_quantities(annual_only(figures))


def cumulative_total(by_year: Mapping[int, Sequence[tuple[Basis, Quantity]]]) -> Quantity | None:
    """A pairing's cumulative total for one indicator, from its figures by year.

    SPEC: the latest cumulative figure plus the annual figures of later years; with
    no cumulative figure, the sum of all annual figures. Annual figures of the
    cumulative figure's own year and earlier are inside it, so they are not added
    again. Should one year hold several cumulative figures, they are the parts of
    its running total (a list: two villages' roads), so they are added, as the site does.
    ``None`` when nothing was reported.
    """
    cumulative_years = [
        year for year, figures in by_year.items() if any(b == Basis.CUMULATIVE for b, _ in figures)
    ]
    if not cumulative_years:
        return sum_quantities(q for year in sorted(by_year) for q in annual_only(by_year[year]))
    latest = max(cumulative_years)
    base = sum_quantities(q for b, q in by_year[latest] if b == Basis.CUMULATIVE)
    later = [q for year in sorted(by_year) if year > latest for q in annual_only(by_year[year])]
    return sum_quantities([base, *later]) if base is not None else None


def format_number(d: Decimal) -> str:
    """A plain number with thousands commas: ``1,120``, ``3.98``; never ``1E+3`` or ``3.50``."""
    if not d.is_finite():
        raise ValueError(f"not a finite number: {d!r}")
    text = format(d, ",f")  # fixed-point, so no exponent and no context rounding
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_WAN, _YI = Decimal(10_000), Decimal(100_000_000)
_RESCALE_FROM = Decimal(100_000)  # 99,999 stays as is; 100,000 becomes 10万
_CENTS = Decimal("0.01")


def _has_magnitude(unit: str) -> bool:
    """Whether the unit text already carries a magnitude (万元, 千人), so is not rescaled."""
    try:
        prefix, _ = split_unit(unit)
    except UnitError:  # a unit outside the table: judge by its first character
        return unit[:1] in MAGNITUDES
    return bool(prefix)


def _round_cents(value: Decimal) -> Decimal:
    return value.quantize(_CENTS, rounding=ROUND_HALF_UP)


def format_quantity(q: Quantity, unit: str, *, magnitude: bool = True) -> str:
    """A quantity as a bulletin writes it: ``200余次``, ``近100人次``, ``约120人次``, ``120人次``.

    With ``magnitude`` (the default), a value of 100,000 or more in a unit without a
    magnitude of its own is shown in 万 (from 1亿 on, in 亿), rounded half-up to two
    decimals — the only case where the shown number is rounded: 700000 元 余 →
    ``70万余元``, 8490000 → ``849万元``, 12345678 → ``1,234.57万``. A unit that
    already has a magnitude (``万元``) is never rescaled.
    """
    value, scale = q.value, ""
    if magnitude and abs(value) >= _RESCALE_FROM and not _has_magnitude(unit):
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 4)  # quantize never overflows
            value, scale = _round_cents(value / _WAN), "万"
            if abs(value) >= _WAN:  # also 99,999,999.999, which would round to 10,000万
                value, scale = _round_cents(q.value / _YI), "亿"
    number = format_number(value) + scale
    if q.approx == Approx.MORE_THAN:
        return f"{number}余{unit}"
    if q.approx == Approx.NEARLY:
        return f"近{number}{unit}"
    if q.approx == Approx.ABOUT:
        return f"约{number}{unit}"
    return f"{number}{unit}"
