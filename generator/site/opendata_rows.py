"""Figure rows written once: each figure's CSV lines and JSON object, by what they are made of.

A figure is in about ten downloads (its report's, pairing's, year's, indicator's, units',
regions' views, and `figures.csv`/`.json`). `RowCache` holds, by a key of every value a
figure's rows are made of (`row_key`), the rows as written: a build writes each row once, and
each download is its rows joined. The plugin keeps the cache between builds (in
`.bulletins-cache/`, under the build key), so a build writes only the rows whose values
changed. The bytes are those `to_csv`/`to_json` write from the tables' rows
(tests/site/test_opendata_fast.py, tests/site/test_incremental.py).

This module must not import MkDocs or touch the disk.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any, cast

from generator.content.model import Content, Figure, Report
from generator.site import aggregate as agg
from generator.site.opendata import FIGURE_FIELDS, figure_row

Key = str
"""`row_key`: the repr of a row's values (a string: a fifth of a tuple's time to load)."""
Placed = tuple[int, bytes]
"""A part's rank in a view's order (year, pairing, indicator; equal keys, equal ranks) and its
line in a page view."""
Written = tuple[bytes, bytes, bytes]
"""A figure's line in a page view, its line in figures.csv, its object in figures.json, in
UTF-8: a download is its header and these joined, never encoded as a whole."""


def row_key(content: Content, r: Report, f: Figure, counted: frozenset[Any]) -> Key:
    """Every value the rows of figure `f` of report `r` are made of, as one string (the repr of
    `row_values`: str, int, bool and None only, so it is the same in every process)."""
    return repr(row_values(content, r, f, counted))


def row_values(content: Content, r: Report, f: Figure, counted: frozenset[Any]) -> tuple[Any, ...]:
    """Every value the rows of figure `f` of report `r` are made of (figure_row and the view's
    columns: the indicator's name, unit and aggregate, the pairing's title and sector, whether
    cumulative totals count it), as plain values; whether cumulative totals count it last."""
    ind = content.indicators[f.indicator]
    pairing = content.pairings[r.pairing]
    return (
        r.pairing,
        r.year,
        f.indicator,
        f.part,
        f.written,
        str(f.value),
        f.approx.value,
        str(f.step),
        f.basis.value,
        f.note,
        f.label,
        ind.name,
        ind.unit.text,
        ind.aggregate,
        pairing.title,
        content.sectors.get(pairing.sector, pairing.sector),
        (r.pairing, r.year, f.indicator, f.part) in counted,
    )


class _Line:
    """Takes the one line a CSV writer writes per row."""

    text = ""

    def write(self, text: str) -> int:
        self.text = text
        return len(text)


class RowCache:
    """Figures' rows as written, by `row_key`; `known` from an earlier build, `used` this
    build's (what the next build is given)."""

    def __init__(self, known: Mapping[Key, Written] | None = None) -> None:
        self.known: Mapping[Key, Written] = known or {}
        self.used: dict[Key, Written] = {}
        self.written_now = 0
        """Rows this build wrote (not found in `known`)."""
        self._by_figure: dict[int, tuple[Figure, Written]] = {}
        self._placed: tuple[Content, Any, list[agg.Part], dict[int, Placed]] | None = None
        self._out = _Line()
        self._csv = csv.writer(self._out, lineterminator="\r\n")

    def rows(self, content: Content, r: Report, f: Figure, counted: frozenset[Any]) -> Written:
        hit = self._by_figure.get(id(f))
        if hit is not None and hit[0] is f:
            return hit[1]
        values = row_values(content, r, f, counted)
        key = repr(values)
        written = self.used.get(key) or self.known.get(key)
        if written is None:
            written = self._write(content, r, f, values[-1])
            self.written_now += 1
        self.used[key] = written
        self._by_figure[id(f)] = (f, written)  # the figure kept alive: its id is not reused
        return written

    def placed(self, content: Content, counted: frozenset[Any]) -> dict[int, Placed]:
        """Each part of `agg.all_parts(content)` by its id: its rank and view line, worked out
        once per content (a build writes ~1,600 views at 1,000 reports, each figure in about
        ten): a view is then its parts' lines in rank order."""
        if self._placed is not None and self._placed[0] is content and self._placed[1] is counted:
            return self._placed[3]
        parts = agg.all_parts(content)
        order = sorted(parts, key=lambda p: (p.report.year, p.report.pairing, p.figure.indicator))
        placed: dict[int, Placed] = {}
        rank, last = -1, None
        for p in order:
            key = (p.report.year, p.report.pairing, p.figure.indicator)
            if key != last:
                rank, last = rank + 1, key
            placed[id(p)] = (rank, self.rows(content, p.report, p.figure, counted)[0])
        self._placed = (content, counted, parts, placed)  # parts kept alive: ids not reused
        return placed

    def line(self, values: Sequence[Any]) -> str:
        self._csv.writerow(values)
        return self._out.text

    def _write(self, content: Content, r: Report, f: Figure, counted: bool) -> Written:
        from generator.site.opendata_files import _cell, json_object
        from generator.site.opendata_views import VIEW_FIELDS, view_row

        row = figure_row(content, r, f)
        view = view_row(content, r, f, row, counted)
        names = [x.name for x in FIGURE_FIELDS]
        obj = json_object(names, row)
        if obj is None:
            raise TypeError(f"a figure's column holds a nested value: {row}")
        return (
            self.line([_cell(view.get(x.name)) for x in VIEW_FIELDS]).encode("utf-8"),
            self.line([_cell(row.get(n)) for n in names]).encode("utf-8"),
            obj.encode("utf-8"),
        )


def view_csv(cache: RowCache, content: Content, parts: Sequence[agg.Part], counted: Any) -> bytes:
    """A page view's rows as CSV lines (UTF-8), in its order (year, pairing, indicator;
    stable)."""
    placed = cache.placed(content, counted)
    maybe = [placed.get(id(p)) for p in parts]
    if None in maybe:  # a part made elsewhere (never, while views take `all_parts`' parts)
        return view_csv_plain(cache, content, parts, counted)
    found = cast("list[Placed]", maybe)
    found.sort(key=_RANK)  # stable: equal ranks keep the parts' order, as the plain sort does
    return b"".join(map(_VIEW_LINE, found))


def view_csv_plain(
    cache: RowCache, content: Content, parts: Sequence[agg.Part], counted: Any
) -> bytes:
    """`view_csv` the obvious way (the tests hold the two equal)."""
    ordered = sorted(parts, key=lambda p: (p.report.year, p.report.pairing, p.figure.indicator))
    return b"".join(cache.rows(content, p.report, p.figure, counted)[0] for p in ordered)


def figures_written(
    cache: RowCache, content: Content, counted: frozenset[Any]
) -> tuple[bytes, list[bytes]]:
    """figures.csv's rows (without its header) and figures.json's objects, in the table's
    order (pairing, year, indicator, part; stable)."""
    keyed = sorted(
        (
            ((r.pairing, r.year, f.indicator, f.part), cache.rows(content, r, f, counted))
            for r in content.reports
            for f in r.figures
        ),
        key=lambda item: item[0],
    )
    return b"".join(w[1] for _, w in keyed), [w[2] for _, w in keyed]


_RANK = itemgetter(0)
_VIEW_LINE = itemgetter(1)
