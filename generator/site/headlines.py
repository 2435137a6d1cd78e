"""Which figures lead: the home page's headlines and a year page's opening sentence.

A reader asks first what was given — money, people, training, goods — not which figure
the most reports happen to mention (a year led by 群众会25次). The site's headline
*kinds* are configured (the plugin's `headlines` option, default :data:`DEFAULT_KINDS`):
each kind names the indicator categories it covers (`资金: [资金投入]`), or, with no
list, matches the categories and then the indicator names containing its own name. For
each kind the indicator that the most pairings report (then in the most years, then
catalogue order) leads; kinds with nothing reported are left out.

Pure functions over totals; this module must not format HTML or import MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from generator.content.model import Indicator
from generator.site import aggregate as agg

__all__ = ["DEFAULT_KINDS", "Lead", "Kinds", "leading"]

Kinds = Mapping[str, Sequence[str]]
"""Headline kind (its label, e.g. 资金) → indicator categories or ids it covers; an empty
list: the categories, else the indicator names, that contain the label."""

DEFAULT_KINDS: Kinds = MappingProxyType({"资金": (), "人员": (), "培训": (), "物资": ()})
"""Money, people, training, goods: what a reader of a support bulletin asks first."""


@dataclass(frozen=True)
class Lead:
    """One leading figure: the kind it answers and its indicator's total."""

    kind: str
    indicator: Indicator
    total: agg.Total


def _covers(kind: str, names: Sequence[str], ind: Indicator, by_category: bool) -> bool:
    if names:
        return ind.category in names or ind.id in names
    return kind in ind.category if by_category else kind in ind.name


def _candidates(kind: str, names: Sequence[str], catalogue: Sequence[Indicator]) -> set[str]:
    """The indicators a kind covers, decided on the whole catalogue (not on what one year
    reported), so a kind means the same on every page."""
    by_category = {i.id for i in catalogue if _covers(kind, names, i, True)}
    if names or by_category:
        return by_category
    return {i.id for i in catalogue if _covers(kind, names, i, False)}


def leading(
    totals: Mapping[str, agg.Total],
    kinds: Kinds = DEFAULT_KINDS,
    limit: int = 4,
    catalogue: Iterable[Indicator] | None = None,
) -> list[Lead]:
    """Up to `limit` figures among `totals` (cumulative ones for the home page, a year's for
    its page): one per kind in the configured order, then, should kinds leave room, the most
    widely reported others. Indicators never totalled (`aggregate: none`), parts of another
    (`part_of`) and totals of nothing are never chosen. `catalogue` (all indicators, in
    catalogue order; default: those of `totals`) decides what each kind covers."""
    usable = [
        t.indicator
        for t in totals.values()
        if t.quantity is not None and t.indicator.aggregate != "none" and not t.indicator.part_of
    ]
    catalogue = list(catalogue) if catalogue is not None else [t.indicator for t in totals.values()]
    order = {ind.id: i for i, ind in enumerate(catalogue)}
    for t in totals.values():
        order.setdefault(t.indicator.id, len(order))

    def rank(ind: Indicator) -> tuple[int, int, Decimal, int]:
        # Most pairings, then most years, then the larger amount (within a kind the units
        # agree: 项目投入资金 849万元 before 减免进修学习费用 2万余元), then catalogue order.
        total = totals[ind.id]
        pairings = {p.report.pairing for p in total.parts}
        years = {p.report.year for p in total.parts}
        value = total.quantity.value if total.quantity is not None else Decimal(0)
        return (-len(pairings), -len(years), -value, order.get(ind.id, 0))

    chosen: list[Lead] = []
    taken: set[str] = set()
    for kind, names in kinds.items():
        covered = _candidates(kind, names, catalogue)
        found = sorted((i for i in usable if i.id in covered and i.id not in taken), key=rank)
        if found and len(chosen) < limit:
            chosen.append(Lead(kind, found[0], totals[found[0].id]))
            taken.add(found[0].id)
    for ind in sorted((i for i in usable if i.id not in taken), key=rank):
        if len(chosen) >= limit:
            break
        chosen.append(Lead("", ind, totals[ind.id]))
    return chosen
