"""Approximate amounts and the totals rules of SPEC ("Figures", "Totals"), as pure functions.

A :class:`Quantity` is a value already converted to an indicator's unit, plus how
exact it is. Totals add them with the SPEC's rules (``80余 + 120余`` = ``200余``,
``近100 + 20`` = ``约120``), pick the latest cumulative figure without counting
anything twice, and format the result the way a Chinese bulletin writes it
(``70余万元``, ``2万余元``, ``近100人次``, ``1234.5678万``).

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


def format_number(d: Decimal, *, grouping: bool = True) -> str:
    """A plain number: ``1,120``, ``3.98``; never ``1E+3`` or ``3.50``.

    With ``grouping=False`` no thousands commas (``1120``): Chinese display writes
    large amounts with 万/亿 instead (:func:`format_quantity`).
    """
    if not d.is_finite():
        raise ValueError(f"not a finite number: {d!r}")
    text = format(d, ",f" if grouping else "f")  # fixed-point: no exponent, no context rounding
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_WAN, _YI = Decimal(10_000), Decimal(100_000_000)
_TEN = Decimal(10)
_PLACES = Decimal("0.0001")  # 万 and 亿 shown to four places: exact for whole numbers in 万


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def _scaled(value: Decimal, unit: str) -> tuple[Decimal, str, str]:
    """(number, magnitude, base unit) as Chinese writes the amount: 1万 and more in 万, 1亿 and
    more in 亿. A unit with 万 of its own (``万元``) may become 亿; other magnitudes stay."""
    try:
        prefix, _ = split_unit(unit)
    except UnitError:  # a unit outside the table: judge by its first character
        prefix = unit[:1] if unit[:1] in MAGNITUDES else ""
    if prefix not in ("", "万"):
        return value, "", unit
    base = unit[len(prefix) :]
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 8)  # quantize never overflows
        amount = value * (_WAN if prefix else 1)
        if abs(amount) >= _YI and abs(_round(amount / _YI)) >= 1:
            return _round(amount / _YI), "亿", base
        if abs(amount) >= _WAN:
            scaled = _round(amount / _WAN)
            if abs(scaled) >= _WAN:  # 99,999,999.99999 rounds to 10,000万: that is 1亿
                return _round(amount / _YI), "亿", base
            return scaled, "万", base
    return amount, "", base  # below 1万 plain digits, also for a 万元 indicator: 5000元


def format_quantity(q: Quantity, unit: str, *, magnitude: bool = True) -> str:
    """A quantity as a Chinese bulletin writes it (SPEC, "Totals" display rules).

    ``200余次``, ``近100人次``, ``约120人次``, ``9800元``: 近/约 before the number, 余
    right after it. With ``magnitude`` (the default) an amount of 1万 or more is shown
    in 万 (from 1亿 on, in 亿), never with digit grouping: 150000 元 → ``15万元``,
    12000万元 → ``1.2亿元``; the number keeps up to four decimals (exact for whole
    numbers in 万; 亿 rounded half-up to 万). Where 余 goes then follows usage: after a
    round number of tens it qualifies the number before the magnitude (``190余万元``,
    ``70余万元``: tens of 万 and more); otherwise it follows the magnitude (``2万余元``,
    ``6万余册``: 2万 and a little more) — ``6余万`` is not written.
    Magnitudes other than 万 in the unit (``千米``, ``百人``) are left as they are.
    """
    value, scale, base = q.value, "", unit
    if magnitude:
        value, scale, base = _scaled(q.value, unit)
    number = format_number(value, grouping=not magnitude)
    if q.approx == Approx.MORE_THAN:
        if scale and value == value.to_integral_value() and value % _TEN == 0:
            return f"{number}余{scale}{base}"
        return f"{number}{scale}余{base}"
    text = f"{number}{scale}{base}"
    if q.approx == Approx.NEARLY:
        return f"近{text}"
    if q.approx == Approx.ABOUT:
        return f"约{text}"
    return text
