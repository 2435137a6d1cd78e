"""The one way the site writes an amount: figures and totals as a Chinese bulletin does.

SPEC, "Totals": 近/约 before the number; 余 right after the number and before the
magnitude it qualifies; large amounts in 万/亿, never with digit grouping. Pages,
charts and the ``display`` column of downloads all call :func:`format_quantity`, so a
total reads the same everywhere. :func:`counted_differs` decides when a figure's counted
value is worth showing beside what the editor wrote.

This module must not add or convert amounts (see :mod:`generator.content.quantities`
and :mod:`generator.content.units`), read files, or import MkDocs. Numbers are
``Decimal``, never ``float``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from generator.content.figures import Approx, FigureError, parse_figure
from generator.content.quantities import Quantity
from generator.content.units import MAGNITUDES, UnitError, convert, parse_unit, split_unit

__all__ = ["counted_differs", "format_number", "format_quantity", "with_unit", "written_step"]


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


# The functions below marked @lru_cache are pure functions of immutable values (strings,
# frozen quantities), called for the same figures and units on page after page: each result is
# computed once. Equal Decimals (1.0, 1) write the same digits, so sharing a result is exact.

_WAN, _YI = Decimal(10_000), Decimal(100_000_000)
_ONE = Decimal(1)
_PLACES = Decimal("0.0001")  # 万 and 亿 shown to four places: exact for whole numbers in 万
_SCALE = {"": _ONE, "万": _WAN, "亿": _YI}


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=1 << 16)
def _prefix(unit: str) -> str:
    try:
        prefix, _ = split_unit(unit)
    except UnitError:  # a unit outside the table: judge by its first character
        prefix = unit[:1] if unit[:1] in MAGNITUDES else ""
    return prefix


def _in_scale(amount: Decimal, scale: str) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(amount.as_tuple().digits) + 8)  # quantize never overflows
        return amount if not scale else _round(amount / _SCALE[scale])


def _scale_of(amount: Decimal) -> str:
    """The magnitude Chinese writes ``amount`` (in base units) in: 1万 and more in 万, 1亿
    and more in 亿; below 1万 plain digits."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(amount.as_tuple().digits) + 8)
        if abs(amount) >= _YI and abs(_round(amount / _YI)) >= 1:
            return "亿"
        if abs(amount) >= _WAN:
            # 99,999,999.99999 rounds to 10,000万: that is 1亿
            return "亿" if abs(_round(amount / _WAN)) >= _WAN else "万"
    return ""


@lru_cache(maxsize=1 << 16)
def format_quantity(q: Quantity, unit: str, *, magnitude: bool = True) -> str:
    """A quantity as a Chinese bulletin writes it (SPEC, "Totals" display rules).

    ``200余次``, ``近100人次``, ``约120人次``, ``9800元``: 近/约 before the number, 余
    right after it. With ``magnitude`` (the default) an amount of 1万 or more is shown
    in 万 (from 1亿 on, in 亿), never with digit grouping: 150000 元 → ``15万元``,
    12000万元 → ``1.2亿元``; the number keeps up to four decimals (exact for whole
    numbers in 万; 亿 rounded half-up to 万). A unit with 万 of its own (``万元``) may
    become 亿; magnitudes other than 万 (``千人``) are left as they are.

    余 stands at the magnitude it qualifies (``q.step``), whatever the digits: with 余 at
    万, 1850000 元 is ``185余万元``; with 余 at 元, 170000 元 is ``17万余元``. Should 余
    qualify 万 in an amount of 亿 or more, the amount is written in 万 (``12070余万元``),
    since ``1.207亿余元`` would say 余 stands at 元.
    """
    prefix = _prefix(unit) if magnitude else None
    if prefix not in ("", "万"):  # no magnitude wanted, or one the display leaves alone
        number = format_number(q.value, grouping=not magnitude)
        return _marked(q.approx, number, "", "", unit)
    base = unit[len(prefix) :]
    unit_factor = _SCALE[prefix]
    amount = q.value * unit_factor
    scale = _scale_of(amount)
    if q.approx is Approx.MORE_THAN:
        step = (q.step or _ONE) * unit_factor
        if step >= _SCALE[scale]:  # 余 qualifies the magnitude itself: 185余万元, 70余万元
            number = format_number(_in_scale(amount, scale), grouping=False)
            return f"{number}余{scale}{base}"
        if step >= _WAN:  # 余 at 万 in an amount of 亿: 12070余万元
            number = format_number(_in_scale(amount, "万"), grouping=False)
            return f"{number}余万{base}"
    number = format_number(_in_scale(amount, scale), grouping=False)
    return _marked(q.approx, number, scale, base, "")


def _marked(approx: Approx, number: str, scale: str, base: str, unit: str) -> str:
    if approx is Approx.MORE_THAN:
        return f"{number}{scale}余{base}{unit}"
    text = f"{number}{scale}{base}{unit}"
    if approx is Approx.NEARLY:
        return f"近{text}"
    if approx is Approx.ABOUT:
        return f"约{text}"
    return text


@lru_cache(maxsize=1 << 16)
def with_unit(written: str, unit: str) -> str:
    """A figure as written, with the indicator's unit added when the editor left it out (they
    may: ``120余`` counts in the indicator's unit), so no figure is shown as a bare number:
    ``15`` of 人 → ``15人``, ``累计26`` → ``累计26人``."""
    try:
        parsed = parse_figure(written.removeprefix("累计"))
    except FigureError:
        return written
    return written if parsed.unit is not None or not unit else written + unit


def written_step(written: str, indicator_unit: str) -> Decimal | None:
    """Where 余 stands in a figure as written, in the indicator's unit: ``70余万元`` in 元 →
    10000 (余 qualifies 万), ``2万余元`` → 1 (it qualifies 元); ``None`` for one unit, or
    when the text has no 余 or cannot be read (the figure's validator reports that)."""
    try:
        parsed = parse_figure(written.removeprefix("累计"))
        if parsed.approx is not Approx.MORE_THAN or parsed.unit is None:
            return None
        step = convert(_ONE, parse_unit(parsed.unit), parse_unit(indicator_unit))
    except (FigureError, UnitError):
        return None
    return None if step == _ONE else step


@lru_cache(maxsize=1 << 16)
def counted_differs(written: str, indicator_unit: str) -> bool:
    """Whether a figure's counted value says something its written form does not: the
    number changed in conversion (``3.98公里`` counted as ``3980米``), not merely how the
    amount is spelled (``20000余元`` is ``2万余元``, ``5人`` is ``5名``; ``45余万元`` is itself)."""
    try:
        parsed = parse_figure(written.removeprefix("累计"))
        base = parse_unit(_base_unit(parsed.unit or indicator_unit))
        factor = convert(_ONE, base, parse_unit(_base_unit(indicator_unit)))
    except (FigureError, UnitError):
        return True
    return factor != _ONE


@lru_cache(maxsize=1 << 16)
def _base_unit(unit: str) -> str:
    try:
        return split_unit(unit)[1]
    except UnitError:
        return unit
