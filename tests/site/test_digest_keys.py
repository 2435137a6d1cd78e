"""A page's key changes whenever anything it is made of does (site/digest.py): every field
of every record, however deep, and records written in place (plain-valued ones) as much as
records hashed on their own."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
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
