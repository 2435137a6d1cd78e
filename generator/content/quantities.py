"""Approximate amounts and the totals rules of SPEC ("Figures", "Totals"), as pure functions.

A :class:`Quantity` is a value already converted to an indicator's unit, plus how
exact it is. Totals add them with the SPEC's rules (``80余 + 120余`` = ``200余``,
``近100 + 20`` = ``约120``), pick the latest cumulative figure without counting
anything twice, and track where a total's 余 stands (:func:`coarsest_step`);
:mod:`generator.content.display` writes them the way a Chinese bulletin does.

This module must not convert units (callers convert with :mod:`generator.content.units`
first), read files, know about reports or pairings beyond years and bases, or
import MkDocs. It never turns "not reported" into 0: totals of nothing are ``None``.
Numbers are ``Decimal``, never ``float``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.content.figures import Approx, Basis

__all__ = [
    "Quantity",
    "annual_only",
    "coarsest_step",
    "combine_approx",
    "cumulative_total",
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

    step: Decimal | None = None
    """For 余: the magnitude 余 qualifies, in the same unit as ``value`` (``70余万元`` in 元:
    10000, 余 stands at 万; ``2万余元``: 1, 余 stands at 元). ``None`` means one of that unit,
    and is what every other quantity carries (the display rule reads it only for 余)."""


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
    approx = combine_approx(q.approx for q in parts)
    return Quantity(total, approx, coarsest_step(parts) if approx is Approx.MORE_THAN else None)


def coarsest_step(parts: Iterable[Quantity]) -> Decimal | None:
    """Where the 余 of a total stands: at the magnitude of its coarsest 余 part (SPEC,
    "Totals"): ``70余万元 + 115万元`` is 185余万元 (余 at 万), ``2万余元 + 15万元`` is
    17万余元 (余 at 元). ``None`` (one unit) when no part says otherwise."""
    steps = [q.step or _ONE for q in parts if q.approx is Approx.MORE_THAN]
    top = max(steps, default=_ONE)
    return None if top == _ONE else top


_ONE = Decimal(1)


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
    tied = [q for q in parts if q.value == top]
    kinds = {Approx(q.approx) for q in tied}
    if Approx.ABOUT in kinds:
        return Quantity(top, Approx.ABOUT)
    approx = max(kinds, key=_TIE_ORDER.__getitem__)
    return Quantity(top, approx, coarsest_step(tied) if approx is Approx.MORE_THAN else None)


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
