"""A page's key changes whenever anything it is made of does (site/digest.py): every field
of every record, however deep, and records written in place (plain-valued ones) as much as
records hashed on their own."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.content.figures import Approx, Basis
from generator.content.model import Figure, PartialDate, Report, Source
from generator.content.quantities import Quantity
from generator.site.aggregate import Part, Total
from generator.site.digest import Digester


def _figure(**changes: Any) -> Figure:
    base = Figure(
        indicator="road",
        written="3.98公里",
        value=Decimal("3980"),
        approx=Approx.EXACT,
        basis=Basis.ANNUAL,
        source=Source("reports/2009/a.md", 3),
    )
    return dataclasses.replace(base, **changes)


JANUARY = PartialDate(2010, 1)


def _context(figure: Figure, published: PartialDate | None = JANUARY) -> Any:
    report = Report(
        pairing="a", year=2009, title="总结", body="正文。", published=published, figures=(figure,)
    )
    total = Total(None, Quantity(Decimal("3980"), Approx.EXACT), (Part(report, figure),))  # type: ignore[arg-type]
    return {"report": report, "totals": {"road": total}, "years": [2009]}


def test_every_change_changes_the_key() -> None:
    base = Digester().of("reports/2009/a.md", _context(_figure()))
    variants = [
        _context(_figure(written="3.99公里")),
        _context(_figure(value=Decimal("3990"))),
        _context(_figure(approx=Approx.MORE_THAN)),
        _context(_figure(source=Source("reports/2009/a.md", 4))),  # a record written in place
        _context(_figure(source=Source("reports/2009/b.md", 3))),
        _context(_figure(), published=PartialDate(2010, 2)),
        _context(_figure(), published=None),
        _context(_figure(note="注")),
    ]
    keys = {Digester().of("reports/2009/a.md", v) for v in variants}
    assert base not in keys and len(keys) == len(variants)


def test_the_same_value_the_same_key_in_one_digester_or_another() -> None:
    d = Digester()
    first = d.of(_context(_figure()))
    assert d.of(_context(_figure())) == first  # other objects, the same values
    assert Digester().of(_context(_figure())) == first
    shared = _figure()
    assert d.of(_context(shared)) == d.of(_context(shared)) == first


def test_a_record_in_place_differs_from_its_fields_as_a_tuple() -> None:
    d = Digester()
    assert d.of(Source("a", 1)) != d.of(("a", 1)) != d.of(PartialDate(1, None, None))


def test_shared_records_name_real_record_types() -> None:
    """A renamed record type would silently be written in place everywhere (slower, still
    right): the names must resolve."""
    import importlib

    from generator.site.digest import SHARED_RECORDS

    for name in SHARED_RECORDS:
        module, _, qualname = name.rpartition(".")
        assert dataclasses.is_dataclass(getattr(importlib.import_module(module), qualname)), name


def test_a_shared_record_is_hashed_once_per_digester() -> None:
    d = Digester()
    figure = _figure()
    context = _context(figure)
    d.of(context)
    report = context["report"]
    assert any(v[0] is report for v in d._pickled.values())
    assert not any(v[0] is figure for v in d._pickled.values())  # written in place


# ---- the same key in every process, whatever was hashed before --------------------------------

_KEYS_SCRIPT = """
import sys
from pathlib import Path
from generator.content.audience import select_audience
from generator.content.load.tree import load_tree
from generator.content.validate import validate_tree
from generator.site import pages
from generator.site.digest import Digester
from generator.content.figures import Approx

content, _ = validate_tree(load_tree(Path(sys.argv[1])), "internal")
specs = pages.build_pages(select_audience(content, "internal"), audience="internal")
d = Digester()
for spec in specs:
    context = {k: v for k, v in spec.context.items() if k != "content"}
    print(d.of(spec.src_uri, spec.title, spec.template, spec.markdown, spec.meta, context))
words = {"支援", "流向", "a", "b", "c", "d", "e", "f", "g", "h"}
print(d.of({"s": words, "f": frozenset(words), "n": [{1, 2, 3}, {Approx.EXACT, Approx.MORE_THAN}]}))
print(d.of(content.reports, specs[0], {frozenset(words): set()}))
"""


def _keys_in_a_process(root: Path, seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", _KEYS_SCRIPT, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_keys_are_the_same_in_every_process() -> None:
    """Sets (in hash order, which differs from process to process) and everything else: the
    example site's page keys, and values with sets, in processes with other hash seeds."""
    root = Path(__file__).resolve().parents[2] / "content"
    first = _keys_in_a_process(root, "1")
    assert len(first) > 100
    assert _keys_in_a_process(root, "2") == first
    assert _keys_in_a_process(root, "3") == first


def test_a_key_does_not_depend_on_what_was_hashed_before() -> None:
    figure = _figure()
    values = [_context(figure), {"x": {"a", "b"}, "c": _context(figure)}, [Part], (1, 2.5)]
    forward = [Digester().of(v) for v in values]
    d = Digester()
    assert [d.of(v) for v in values] == forward
    d = Digester()
    assert [d.of(v) for v in reversed(values)] == list(reversed(forward))


def test_sets_in_any_order_give_one_key_and_differ_from_lists() -> None:
    d = Digester()
    a = {"x": {"甲", "乙", "丙"}, "y": frozenset({1, 2})}
    b = {"x": {"丙", "乙", "甲"}, "y": frozenset({2, 1})}
    assert d.of(a) == d.of(b) == Digester().of(b)
    assert d.of({"x": ["甲", "乙", "丙"], "y": frozenset({1, 2})}) != d.of(a)
    assert d.of({"x": {"甲", "乙"}, "y": frozenset({1, 2})}) != d.of(a)
    assert d.of({"x": {"甲", "乙", "丙"}, "y": {1, 2}}) != d.of(a)  # set, frozenset differ
    assert d.of(set) != d.of(frozenset) != d.of(list)  # the classes themselves

    class Tags(set[str]):
        pass

    assert d.of(Tags({"甲", "乙"})) == Digester().of(Tags({"乙", "甲"}))  # walked: sorted


def test_enum_members_and_read_only_mappings() -> None:
    from types import MappingProxyType

    d = Digester()
    assert d.of(Approx.EXACT) != d.of(Approx.MORE_THAN) != d.of(Basis.ANNUAL)
    assert d.of(Approx.EXACT) == Digester().of(Approx.EXACT)
    assert d.of(MappingProxyType({"a": 1})) == Digester().of(MappingProxyType({"a": 1}))
    assert d.of(MappingProxyType({"a": 1})) != d.of(MappingProxyType({"a": 2}))
    assert d.of(Decimal("1.50")) != d.of(Decimal("1.5"))  # as written: its text differs


def test_a_part_is_its_report_and_the_position_of_its_figure() -> None:
    """`MEMBER_RECORDS`: a part whose figure is its report's own is hashed from the report's
    digest and the figure's place; an equal figure that is another object, the long way.
    Either way any change of the report or of the figure changes the part's key."""
    figures = (_figure(), _figure(indicator="beds", written="8张", value=Decimal(8)))
    report = Report(pairing="a", year=2009, title="总结", body="正文。", figures=figures)
    d = Digester()
    first, second = d.of(Part(report, figures[0])), d.of(Part(report, figures[1]))
    assert first != second
    assert Digester().of(Part(report, figures[0])) == first
    copy = dataclasses.replace(figures[0])  # equal, not the report's own object
    assert copy == figures[0] and copy is not figures[0]
    long_way = Digester().of(Part(report, copy))
    assert long_way not in (first, second) and Digester().of(Part(report, copy)) == long_way
    changed = dataclasses.replace(report, figures=(_figure(written="3.99公里"), figures[1]))
    assert Digester().of(Part(changed, changed.figures[0])) != first
    assert Digester().of(Part(changed, changed.figures[1])) != second  # its report changed
    moved = dataclasses.replace(report, figures=(figures[1], figures[0]))
    assert Digester().of(Part(moved, moved.figures[1])) != first
