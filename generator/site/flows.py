"""Support between regions: who in a region gives, who receives, and the flows between them.

Pure functions over `Content`, from the units' `region` paths. A pairing belongs to a
region's *given* side when one of its supporters is located there, to its *received*
side when one of its recipients is. When a side's units lie in several regions, the
pairing's figures are shared (SPEC, "Totals": `与另2个地区共享`): each region shows them
marked as shared, and a region's own total adds only the pairings wholly its own, so
nothing is counted as if one region had it alone. A flow is a (supporter province,
recipient province) pair with the pairings that link them. This module must not format
HTML or import MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.content.model import Content, Pairing
from generator.site import aggregate as agg

Region = tuple[str, ...]

GIVEN, RECEIVED = "given", "received"


def _units(p: Pairing, side: str) -> tuple[str, ...]:
    return p.supporters if side == GIVEN else p.recipients


def side_regions(content: Content, p: Pairing, side: str, depth: int) -> list[Region]:
    """The distinct regions (cut to `depth` levels) of one side's units, sorted; units
    without a region are left out."""
    found = {
        content.units[u].region[:depth]
        for u in _units(p, side)
        if u in content.units and content.units[u].region
    }
    return sorted(found)


def others(content: Content, p: Pairing, side: str, region: Region) -> int:
    """How many other regions (at `region`'s level) one side of a pairing also lies in:
    0 when the pairing is wholly the region's own on that side."""
    return sum(1 for r in side_regions(content, p, side, len(region)) if r != region)


@dataclass(frozen=True)
class Side:
    """A region's pairings on one side (given or received), split into own and shared."""

    own: list[Pairing]
    """Pairings whose units on this side all lie in the region: the region's own total."""
    shared: list[tuple[Pairing, int]]
    """Pairings this side shares with other regions, with how many other regions."""
    totals: dict[str, agg.Total]
    """The own pairings' cumulative totals (each figure once)."""

    @property
    def all(self) -> list[Pairing]:
        return self.own + [p for p, _ in self.shared]


def in_region(content: Content, region: Region, side: str) -> list[Pairing]:
    """The pairings with a unit of the given side located in `region`, in the content's
    order (looked up in `_located`: region pages ask for hundreds of regions, each of which
    would otherwise scan every pairing)."""
    if region:
        return list(_located(content, side).get(region, ()))
    out = []
    for p in content.pairings.values():
        units = [content.units[u] for u in _units(p, side) if u in content.units]
        if any(u.region[: len(region)] == region for u in units):
            out.append(p)
    return out


_LOCATED: list[tuple[Content, str, dict[Region, list[Pairing]]]] = []
"""The last content's index, one per side (held with the content, so never another's)."""


def _located(content: Content, side: str) -> dict[Region, list[Pairing]]:
    """Every region (at every level) → the pairings with a unit of `side` in it, in the
    content's order."""
    for known, known_side, found in _LOCATED:
        if known is content and known_side == side:
            return found
    index: dict[Region, list[Pairing]] = {}
    for p in content.pairings.values():
        prefixes = {
            content.units[u].region[:depth]
            for u in _units(p, side)
            if u in content.units
            for depth in range(1, len(content.units[u].region) + 1)
        }
        for prefix in prefixes:
            index.setdefault(prefix, []).append(p)
    _LOCATED[:] = [e for e in _LOCATED if e[0] is content][-1:] + [(content, side, index)]
    return index


def region_side(content: Content, region: Region, side: str) -> Side:
    """The pairings with a unit of the given side located in `region`."""
    own, shared = [], []
    for p in in_region(content, region, side):
        n = others(content, p, side, region)
        if n:
            shared.append((p, n))
        else:
            own.append(p)
    return Side(own, shared, agg.pairing_totals(content, [p.id for p in own]))


@dataclass(frozen=True)
class Flow:
    """Support from one region to another, with the pairings that carry it."""

    source: Region
    target: Region
    pairings: list[Pairing]
    shared: dict[str, int]
    """Pairing id → how many other flows it also belongs to (several provinces on a side)."""

    @property
    def own(self) -> list[Pairing]:
        return [p for p in self.pairings if not self.shared.get(p.id)]


def flows(content: Content, depth: int = 1) -> list[Flow]:
    """Every (supporter region → recipient region) pair at `depth` levels, sorted."""
    by_pair: dict[tuple[Region, Region], list[Pairing]] = defaultdict(list)
    width: dict[str, int] = {}
    for p in content.pairings.values():
        sources = side_regions(content, p, GIVEN, depth)
        targets = side_regions(content, p, RECEIVED, depth)
        width[p.id] = len(sources) * len(targets)
        for s in sources:
            for t in targets:
                by_pair[(s, t)].append(p)
    return [
        Flow(s, t, ps, {p.id: width[p.id] - 1 for p in ps if width[p.id] > 1})
        for (s, t), ps in sorted(by_pair.items())
    ]


def flow_totals(content: Content, flow: Flow) -> dict[str, agg.Total]:
    """A flow's own pairings' cumulative totals (shared ones are shown apart)."""
    return agg.pairing_totals(content, [p.id for p in flow.own])
