"""Totals: records in, totals out, each total carrying the figures it adds up.

Pure functions over `Content`. The rules are SPEC's: totals add converted
values; a total is approximate when any part is (see `quantities`); year totals
leave cumulative figures out; a pairing's cumulative total is its latest
cumulative figure plus the annual figures of later years, and group totals
(sector, unit, region, the whole site) add pairings' cumulative totals, so
nothing is counted twice; a `max` indicator compares every figure instead.
This module must not format HTML or import MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter, itemgetter

from generator.content.display import format_quantity
from generator.content.figures import Approx, Basis
from generator.content.model import Content, Figure, Indicator, Pairing, Report
from generator.content.quantities import (
    Quantity,
    coarsest_step,
    combine_approx,
    max_quantities,
    sum_quantities,
)

_YEAR = attrgetter("report.year")
_ANNUAL, _CUMULATIVE = Basis.ANNUAL, Basis.CUMULATIVE
_MORE = Approx.MORE_THAN  # (an enum member looked up per part costs)


@dataclass(frozen=True)
class Part:
    """One reported figure, with the report it comes from."""

    report: Report
    figure: Figure


@dataclass(frozen=True)
class Total:
    """One indicator's total over a set of parts."""

    indicator: Indicator
    quantity: Quantity | None
    """None when not reported, or when the indicator is never totalled (`aggregate: none`)."""
    parts: tuple[Part, ...]
    """Exactly the figures added up (or, for `max`, compared)."""

    @property
    def display(self) -> str:
        if self.quantity is None:
            if len(self.parts) == 1:  # `aggregate: none` with one figure: that figure, not a gap
                return format_quantity(self.parts[0].figure.quantity, self.indicator.unit.text)
            return f"{len(self.parts)}项，不合计" if self.parts else "未报告"
        return format_quantity(self.quantity, self.indicator.unit.text)


@dataclass(frozen=True)
class _Index:
    """One content's parts, sorted once and grouped, so a total reads only its own parts."""

    content: Content
    parts: tuple[Part, ...]
    """`all_parts` order: year, pairing, catalogue order."""
    by_pairing: dict[str, list[tuple[int, Part]]]
    """Each pairing's parts with their position in `parts`."""
    by_year: dict[int, list[Part]]
    by_indicator: dict[str, list[Part]]
    report_years: dict[str, list[int]]
    """Each pairing's report years, ascending."""
    maxed: frozenset[str]
    """Indicators totalled by `max`."""
    unit_pairings: dict[str, tuple[list[Pairing], list[Pairing]]]
    """Each unit's pairings (as supporter, as recipient), in `content.pairings` order."""
    maxed_by_pairing: dict[str, list[tuple[int, Part]]]
    """Each pairing's parts of `max` indicators with their position in `parts`."""
    summed: dict[tuple[str, int | None], list[Part]] = field(default_factory=dict)
    """Memo: one pairing's `cumulative_parts` (non-`max` indicators) as of a year."""
    group_totals: dict[tuple[frozenset[str], int | None], dict[str, Total]] = field(
        default_factory=dict
    )
    """Memo: `pairing_totals` by pairing set (a pairing's page and its recipient's ask the same)."""
    year_sector_totals: dict[tuple[int, str | None], dict[str, Total]] = field(default_factory=dict)
    """Memo: `year_totals` (a year's page and each indicator's page ask the same)."""
    year_annual: dict[int, dict[str, list[Part]]] = field(default_factory=dict)
    """Memo: a year's annual parts by sector, split in one pass for its sectors' `year_totals`."""
    region_pairings: dict[tuple[str, ...], list[Pairing]] = field(default_factory=dict)
    """Each region prefix's pairings (`pairings_in_region`), filled on first use."""


_last_index: _Index | None = None


def _index(content: Content) -> _Index:
    global _last_index
    # Pages ask about the same (immutable) content thousands of times: build the index once.
    if _last_index is None or _last_index.content is not content:
        order = {k: i for i, k in enumerate(content.indicators)}
        parts = [Part(r, f) for r in content.reports for f in r.figures]
        parts.sort(
            key=lambda p: (p.report.year, p.report.pairing, order.get(p.figure.indicator, 0))
        )
        by_pairing: dict[str, list[tuple[int, Part]]] = defaultdict(list)
        by_year: dict[int, list[Part]] = defaultdict(list)
        by_indicator: dict[str, list[Part]] = defaultdict(list)
        for i, p in enumerate(parts):
            by_pairing[p.report.pairing].append((i, p))
            by_year[p.report.year].append(p)
            by_indicator[p.figure.indicator].append(p)
        report_years: dict[str, list[int]] = defaultdict(list)
        for r in content.reports:
            report_years[r.pairing].append(r.year)
        years_sorted = {pid: sorted(ys) for pid, ys in report_years.items()}
        maxed = frozenset(iid for iid, ind in content.indicators.items() if ind.aggregate == "max")
        unit_pairings: dict[str, tuple[list[Pairing], list[Pairing]]] = defaultdict(
            lambda: ([], [])
        )
        for pairing in content.pairings.values():
            for uid in dict.fromkeys(pairing.supporters):
                unit_pairings[uid][0].append(pairing)
            for uid in dict.fromkeys(pairing.recipients):
                unit_pairings[uid][1].append(pairing)
        maxed_by_pairing = {
            pid: [e for e in entries if e[1].figure.indicator in maxed]
            for pid, entries in by_pairing.items()
        }
        _last_index = _Index(
            content,
            tuple(parts),
            dict(by_pairing),
            dict(by_year),
            dict(by_indicator),
            years_sorted,
            maxed,
            dict(unit_pairings),
            maxed_by_pairing,
        )
    return _last_index


def all_parts(content: Content) -> list[Part]:
    """Every figure of every report, by year, pairing and catalogue order."""
    return list(_index(content).parts)


def indexed_parts(content: Content) -> tuple[Part, ...]:
    """The parts the last totals over `content` were made of (the same objects); none when
    no total was asked of it (nothing is built here)."""
    index = _last_index
    return index.parts if index is not None and index.content is content else ()


def annual(parts: Iterable[Part]) -> list[Part]:
    """Parts done in their report's year (year totals leave cumulative figures out)."""
    return [p for p in parts if p.figure.basis is _ANNUAL]


def cumulative_parts(parts: Iterable[Part], until_year: int | None = None) -> list[Part]:
    """The parts that make up each pairing's cumulative total, per indicator.

    For each (pairing, indicator): the latest cumulative figure, if any, plus the
    annual figures of later years; with no cumulative figure, every annual one.
    `until_year` limits the reports considered (a total "as of" that year).
    """
    groups: dict[tuple[str, str], list[Part]] = defaultdict(list)
    for p in parts:
        if until_year is None or p.report.year <= until_year:
            groups[(p.report.pairing, p.figure.indicator)].append(p)
    used: list[Part] = []
    for key in sorted(groups):
        group = groups[key]
        group.sort(key=_YEAR)  # stable, like sorted(); the list is this function's own
        used.extend(_latest_cumulative_and_later(group))
    return used


def _latest_cumulative_and_later(group: list[Part]) -> list[Part]:
    """Of one (pairing, indicator)'s parts by year: the latest cumulative one and the annual
    ones of later years; with no cumulative one, all of them (the list itself)."""
    for i in range(len(group) - 1, -1, -1):
        latest = group[i]
        if latest.figure.basis is _CUMULATIVE:
            # A report may give its running total in parts (a list): all of them count.
            year = latest.report.year
            return [
                *(p for p in group if p.figure.basis is _CUMULATIVE and p.report.year == year),
                *(p for p in group if p.figure.basis is _ANNUAL and p.report.year > year),
            ]
    return group


def totals(parts: Iterable[Part], indicators: dict[str, Indicator] | Content) -> dict[str, Total]:
    """Per indicator (catalogue order), the total of the given parts; only indicators with parts."""
    catalogue = indicators.indicators if isinstance(indicators, Content) else indicators
    by_ind: dict[str, list[Part]] = defaultdict(list)
    for p in parts:
        by_ind[p.figure.indicator].append(p)
    out: dict[str, Total] = {}
    for ind_id, ind in catalogue.items():
        group = by_ind.get(ind_id)
        if group:
            out[ind_id] = _total(ind, group)
    return out


def _total(ind: Indicator, group: list[Part]) -> Total:
    """One indicator's total of its parts (non-empty), by its aggregate rule."""
    if ind.aggregate == "sum":
        q = sum_quantities([p.figure.quantity for p in group])
    elif ind.aggregate == "max":
        q = max_quantities([p.figure.quantity for p in group])
    else:
        q = None
    return Total(ind, q, tuple(group))


def year_totals(content: Content, year: int, sector: str | None = None) -> dict[str, Total]:
    """Annual figures of the year's reports (of one sector, if given)."""
    index = _index(content)
    key = (year, sector)
    if key not in index.year_sector_totals:
        parts = annual(index.by_year.get(year, ()))
        if sector is not None:
            if year not in index.year_annual:
                by_sector: dict[str, list[Part]] = defaultdict(list)
                for p in parts:
                    by_sector[content.pairings[p.report.pairing].sector].append(p)
                index.year_annual[year] = by_sector
            parts = index.year_annual[year].get(sector, [])
        index.year_sector_totals[key] = totals(parts, content)
    return dict(index.year_sector_totals[key])


def cumulative_set(
    content: Content, parts: Iterable[Part], until_year: int | None = None
) -> list[Part]:
    """The parts a cumulative total adds up: `cumulative_parts`, except for `max` indicators.

    A maximum counts nothing twice however often a figure recurs, so a `max`
    indicator compares every figure reported (until `until_year`), cumulative or not.
    """
    parts = [p for p in parts if until_year is None or p.report.year <= until_year]
    maxed = _index(content).maxed
    summed = cumulative_parts(p for p in parts if p.figure.indicator not in maxed)
    return summed + [p for p in parts if p.figure.indicator in maxed]


def pairing_totals(
    content: Content, pairing_ids: Iterable[str], until_year: int | None = None
) -> dict[str, Total]:
    """Cumulative totals over a set of pairings (one pairing, a sector, a unit's, a region's,
    all)."""
    # `cumulative_set` of the pairings' parts, assembled from each pairing's (memoised): its
    # cumulative_parts are sorted by (pairing, indicator), so they are each pairing's in id order.
    index = _index(content)
    wanted = sorted(set(pairing_ids))
    key = (frozenset(wanted), until_year)
    if key in index.group_totals:
        return dict(index.group_totals[key])
    summed = [p for pid in wanted for p in _summed(index, pid, until_year)]
    # The `max` indicators' parts of these pairings, in `all_parts` order.
    entries = sorted(
        (e for pid in wanted for e in index.maxed_by_pairing.get(pid, ())), key=itemgetter(0)
    )
    maxed = [p for _, p in entries if until_year is None or p.report.year <= until_year]
    index.group_totals[key] = totals(summed + maxed, content)
    return dict(index.group_totals[key])


def _summed(index: _Index, pairing_id: str, until_year: int | None) -> list[Part]:
    key = (pairing_id, until_year)
    if key not in index.summed:
        index.summed[key] = cumulative_parts(
            p
            for _, p in index.by_pairing.get(pairing_id, ())
            if p.figure.indicator not in index.maxed
            and (until_year is None or p.report.year <= until_year)
        )
    return index.summed[key]


def years(content: Content) -> list[int]:
    return sorted({r.year for r in content.reports})


def pairings_of_unit(content: Content, unit_id: str) -> tuple[list[Pairing], list[Pairing]]:
    """(as supporter, as recipient)."""
    sup, rec = _index(content).unit_pairings.get(unit_id, ((), ()))
    return list(sup), list(rec)


def pairings_in_region(content: Content, region: tuple[str, ...]) -> list[Pairing]:
    """Pairings with a recipient located in `region` (a prefix of units' region paths)."""
    if not isinstance(region, tuple):  # (no path equals it)
        return []
    index = _index(content)
    if not index.region_pairings:
        # Every prefix of a recipient's region path (and the empty one) → its pairings, in order.
        for p in content.pairings.values():
            prefixes = {
                content.units[u].region[:n]
                for u in p.recipients
                if u in content.units
                for n in range(len(content.units[u].region) + 1)
            }
            for prefix in prefixes:
                index.region_pairings.setdefault(prefix, []).append(p)
    return list(index.region_pairings.get(region, ()))


def sector_pairings(content: Content, sector: str) -> list[Pairing]:
    return [p for p in content.pairings.values() if p.sector == sector]


def indicator_by_year(content: Content, indicator_id: str) -> dict[int, Total]:
    """One indicator's year totals (annual figures), for the years that report it."""
    # The same total as the year's (`year_totals`, memoised: the year's page asked first).
    reported = {p.report.year for p in annual(_index(content).by_indicator.get(indicator_id, ()))}
    return {y: year_totals(content, y)[indicator_id] for y in sorted(reported)}


def indicator_year_series(content: Content, indicator_id: str) -> list[tuple[int, Total | None]]:
    """Every year from the site's first to its last, with its annual total of one indicator;
    None = not reported that year. A year without any report on the site stays in the series,
    so a chart over the years shows it as a gap instead of closing it up (see `gap_years`)."""
    by_year = indicator_by_year(content, indicator_id)
    return [(y, by_year.get(y)) for y in year_span(content)]


def year_span(content: Content) -> list[int]:
    """Every year from the first report's to the last's, gaps included."""
    ys = years(content)
    return list(range(ys[0], ys[-1] + 1)) if ys else []


def gap_years(content: Content) -> list[int]:
    """Years inside `year_span` with no report on the site at all (no year page either)."""
    have = set(years(content))
    return [y for y in year_span(content) if y not in have]


def cumulative_only(content: Content, year: int) -> list[Part]:
    """The year's cumulative figures: reported that year but left out of its totals."""
    return [p for p in _index(content).by_year.get(year, ()) if p.figure.basis is _CUMULATIVE]


def indicator_cumulative_only(content: Content, indicator_id: str) -> list[Part]:
    """One indicator's cumulative figures, every year (`all_parts` order)."""
    return [
        p
        for p in _index(content).by_indicator.get(indicator_id, ())
        if p.figure.basis is _CUMULATIVE
    ]


def indicator_by_sector(content: Content, indicator_id: str) -> dict[str, Total]:
    """One indicator's cumulative total per sector (pairings' cumulative totals added up)."""
    # The same total as the sector's pairings' `pairing_totals` (memoised: every indicator asks).
    reporting = {
        content.pairings[p.report.pairing].sector
        for p in _index(content).by_indicator.get(indicator_id, ())
    }
    return {
        sid: pairing_totals(content, [p.id for p in sector_pairings(content, sid)])[indicator_id]
        for sid in content.sectors
        if sid in reporting
    }


def pairing_progress(
    content: Content, pairing_id: str
) -> dict[str, list[tuple[int, Total | None]]]:
    """Per indicator reported in two or more years: the pairing's cumulative total as of each report
    year."""
    index = _index(content)
    report_years = index.report_years.get(pairing_id, [])
    by_ind: dict[str, list[Part]] = defaultdict(list)
    for _, p in index.by_pairing.get(pairing_id, ()):
        by_ind[p.figure.indicator].append(p)
    out: dict[str, list[tuple[int, Total | None]]] = {}
    for iid, ind in content.indicators.items():
        group = by_ind.get(iid, [])
        if len({p.report.year for p in group}) >= 2:
            out[iid] = _progress(ind, sorted(group, key=_YEAR), report_years, iid in index.maxed)
    return out


def _progress(
    ind: Indicator, group: list[Part], report_years: list[int], maxed: bool
) -> list[tuple[int, Total | None]]:
    """One indicator's total as of each report year, from the pairing's parts of it (by year).

    The same Totals `pairing_totals(…, until_year=y)` gives, kept up to date year by year
    instead of recomputed: the latest cumulative figure replaces the parts before it (except
    for `max`, which compares them all), later figures are added, and a sum is carried on
    exactly as `sum_quantities` adds (from Decimal(0), in order).
    """
    series: list[tuple[int, Total | None]] = []
    used: list[Part] = []
    total: Total | None = None
    value = Decimal(0)
    kinds: set[Approx] = set()
    i = 0
    reset_year = None  # the year whose cumulative parts replaced what came before
    for y in report_years:
        start = i
        while i < len(group) and group[i].report.year <= y:
            p = group[i]
            i += 1
            if not maxed and p.figure.basis is _CUMULATIVE and p.report.year != reset_year:
                used, value, kinds = [], Decimal(0), set()
                reset_year = p.report.year
            used.append(p)
            value += p.figure.value
            kinds.add(p.figure.approx)
        if i > start:
            if ind.aggregate == "sum":
                approx = combine_approx(kinds)
                step = coarsest_step(p.figure.quantity for p in used) if approx is _MORE else None
                total = Total(ind, Quantity(value, approx, step), tuple(used))
            else:
                total = _total(ind, used)
        series.append((y, total))
    return series


def indicator_by_pairing(content: Content, indicator_id: str) -> dict[str, Total]:
    """One indicator's cumulative total per pairing that reports it."""
    # The same total as the pairing's own (`pairing_totals`, memoised: its page asked first).
    reporting = {p.report.pairing for p in _index(content).by_indicator.get(indicator_id, ())}
    return {
        pid: pairing_totals(content, [pid])[indicator_id]
        for pid in content.pairings
        if pid in reporting
    }


def regions(content: Content) -> dict[tuple[str, ...], list[str]]:
    """Every region path prefix (province, prefecture, county) → unit ids located in it."""
    out: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for u in content.units.values():
        for i in range(1, len(u.region) + 1):
            out[u.region[:i]].append(u.id)
    return dict(sorted(out.items()))
