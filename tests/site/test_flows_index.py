"""`in_region` and `region_side` through the region index (site/flows.py `_located`) equal
the scan of every pairing it replaces, for every region at every level, both sides, on the
example content and on a generated corpus."""

from __future__ import annotations

import sys
from pathlib import Path

from sites import REPO

from generator.content.model import Content, Pairing
from generator.content.validate import load_content
from generator.site import aggregate as agg
from generator.site import flows as fl

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402


def _scan(content: Content, region: fl.Region, side: str) -> list[Pairing]:
    """in_region as it was: every pairing tested."""
    units = content.units
    return [
        p
        for p in content.pairings.values()
        if any(units[u].region[: len(region)] == region for u in fl._units(p, side) if u in units)
    ]


def _compare(content: Content) -> int:
    checked = 0
    for region in agg.regions(content):
        for side in (fl.GIVEN, fl.RECEIVED):
            assert fl.in_region(content, region, side) == _scan(content, region, side)
            side_of = fl.region_side(content, region, side)
            scanned = [
                (p, fl.others(content, p, side, region)) for p in _scan(content, region, side)
            ]
            assert side_of.own == [p for p, n in scanned if not n]
            assert side_of.shared == [(p, n) for p, n in scanned if n]
            checked += 1
    return checked


def test_example_content() -> None:
    content, _ = load_content(REPO / "content", "internal")
    assert _compare(content) > 10


def test_generated_corpus(tmp_path: Path) -> None:
    generate(tmp_path / "content", reports=60)
    content, _ = load_content(tmp_path / "content", "public")
    assert _compare(content) > 20
    # Another content (same files) gets its own index.
    again, _ = load_content(tmp_path / "content", "public")
    assert _compare(again) > 20
