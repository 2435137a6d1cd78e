"""Parse a figure as an editor writes it in prose: ``80余次``, ``近100人次``, ``累计26人``.

Grammar (SPEC, "Figures"): ``累计? [近|约]? number [万|亿]? [余|多]? unit?`` where
``number`` is Arabic digits with optional thousands commas (``1,120``) and decimals
(``3.98``). Full-width digits, commas and points (``１，１２０``) are read as their
ASCII forms, and whitespace around the figure (or before the unit) is tolerated.
A magnitude written right after the number is folded into the value
(``2万余元`` → 20000 元); one written after 余/多 stays with the unit
(``70余万元`` → 70 万元), since there it belongs to the unit, not the count.

This module must not validate the unit (the validator does that with
:func:`generator.content.units.parse_unit`, knowing the indicator), must not import MkDocs,
and must never return a guess: anything outside the grammar is a
:class:`FigureError` with a Chinese message quoting the text. Numbers are
``Decimal``, never ``float``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import Enum
from functools import lru_cache

__all__ = ["Approx", "Basis", "FigureError", "ParsedFigure", "parse_figure"]


class FigureError(ValueError):
    """A figure that does not follow the grammar; the message is Chinese, shown to editors."""


class Approx(str, Enum):
    """How exact a figure is, as the editor wrote it."""

    EXACT = "exact"
    """A plain number: ``120``."""
    MORE_THAN = "more-than"
    """余 / 多: ``80余`` — at least 80, a little more."""
    NEARLY = "nearly"
    """近: ``近100`` — close to 100, a little short of it."""
    ABOUT = "about"
    """约: ``约120`` — roughly 120, either side."""


class Basis(str, Enum):
    """What period a figure covers."""

    ANNUAL = "annual"
    """Done in the report's year (the default)."""
    CUMULATIVE = "cumulative"
    """累计: the running total since the pairing began, as of the report's year."""


@dataclass(frozen=True)
class ParsedFigure:
    """A figure in short form, split into its parts; the unit is not yet checked."""

    written: str
    """The text as written, surrounding whitespace stripped; shown on the report page."""

    value: Decimal
    """The number times any magnitude written before 余/多 (``2万余元`` → 20000)."""

    unit: str | None
    """Unit text after the approximation marker, with its own magnitude
    (``70余万元`` → ``万元``, ``2万余元`` → ``元``); ``None`` when absent (``120余``),
    meaning the indicator's unit."""

    approx: Approx
    """Exact, or which kind of approximation (余/多, 近, 约)."""

    basis: Basis
    """Annual, or cumulative when the figure starts with 累计."""


_EXPECTED = '应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" 这样的形式'

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")

_MAGNITUDES = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}

_MARKS = {"近": Approx.NEARLY, "约": Approx.ABOUT}

# Loose on purpose: the number token is checked separately, so that a bad comma
# or a repeated marker gets its own message rather than "unrecognised".
_SHAPE = re.compile(
    r"(?P<cumulative>累计)?"
    r"(?P<mark>[近约])?"
    r"(?P<number>[0-9][0-9,.]*)"
    r"(?P<magnitude>万亿|万|亿)?"
    r"(?P<more>[余多])?"
    r"\s*(?P<unit>.*)",
    re.DOTALL,
)
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_NEGATIVE = re.compile(r"(?:累计)?[近约]?\s*[-−－]")
_TWO_MARKS = re.compile(r"(?:累计)?[近约][近约]")
_UNIT_FORBIDDEN = re.compile(r"[0-9,.\s余多近约]")

# An editor's figure never needs more; longer strings of digits are typos.
_MAX_DIGITS = 20


def parse_figure(text: str) -> ParsedFigure:
    """Parse a figure written in short form, e.g. ``70余万元`` or ``累计26人``.

    Raises :class:`FigureError` for anything outside the grammar, with a Chinese
    message that quotes the text and shows the expected form.
    """
    if not isinstance(text, str):
        raise FigureError(f"数字应写成文字，实际是 {text!r}：{_EXPECTED}")
    return _parse(text)


@lru_cache(maxsize=1 << 16)
def _parse(text: str) -> ParsedFigure:
    # Figures repeat (`2人`, `80余次`, and every figure the lint reads back from the prose):
    # each text is parsed once. The result is immutable; errors are raised anew each time.
    written = text.strip()
    if not written:
        raise FigureError(f"数字不能为空：{_EXPECTED}")
    normal = written.translate(_FULL_WIDTH)

    match = _SHAPE.fullmatch(normal)
    if match is None:
        raise FigureError(_shape_problem(written, normal))

    number = match["number"]
    if not _NUMBER.fullmatch(number):
        if "," in number:
            raise FigureError(
                f'数字 "{written}" 的千位分隔符位置不对：逗号应每三位一个，如 "1,120"、"12,500"'
            )
        raise FigureError(f'数字 "{written}" 的小数点写法不对：应为 "3.98" 这样的形式')
    if sum(ch.isdigit() for ch in number) > _MAX_DIGITS:
        raise FigureError(f'数字 "{written}" 位数过多（超过 {_MAX_DIGITS} 位）：{_EXPECTED}')

    mark, more = match["mark"], match["more"]
    if mark and more:
        raise FigureError(
            f'数字 "{written}" 同时写了 "{mark}" 和 "{more}"：只能写其一，'
            f'如 "{mark}100人次" 或 "100{more}人次"'
        )

    unit = match["unit"]
    bad = _UNIT_FORBIDDEN.search(unit)
    if bad is not None:
        raise FigureError(_unit_problem(written, unit, bad.group(0), repeated=bool(more)))

    approx = _MARKS[mark] if mark else Approx.MORE_THAN if more else Approx.EXACT
    basis = Basis.CUMULATIVE if match["cumulative"] else Basis.ANNUAL
    value = _plain(Decimal(number.replace(",", "")) * _MAGNITUDES[match["magnitude"] or ""])
    return ParsedFigure(written, value, unit or None, approx, basis)


def _shape_problem(written: str, normal: str) -> str:
    """The message for text that does not even have the grammar's shape."""
    if _NEGATIVE.match(normal):
        return f'数字不能为负数："{written}"，{_EXPECTED}'
    if _TWO_MARKS.match(normal):
        return f'数字 "{written}" 同时写了 "近" 和 "约"：只能写其一，如 "近100人次" 或 "约1.5万元"'
    return f'无法识别的数字写法 "{written}"：{_EXPECTED}'


def _unit_problem(written: str, unit: str, bad: str, *, repeated: bool) -> str:
    """The message for a unit part that holds what only the number part may hold."""
    if repeated and unit[0] in "余多":
        return f'数字 "{written}" 中 "{unit[0]}" 重复：余/多 只能写一次，如 "80余次"'
    if bad in "余多":
        return (
            f'数字 "{written}" 中 "{bad}" 的位置不对：余/多 应紧跟数字或 万/亿 之后，'
            f'如 "80余次"、"2万余元"、"70余万元"'
        )
    if bad in "近约":
        return f'数字 "{written}" 中 "{bad}" 的位置不对：近/约 应写在数字之前，如 "近100人次"'
    if bad.isspace():
        return f'数字 "{written}" 的单位中有空格：单位应连写，如 "3.98公里"'
    return f'无法识别的数字写法 "{written}"：{_EXPECTED}'


def _plain(value: Decimal) -> Decimal:
    """The same value without trailing zeros or exponent: 15000.0 → 15000, 3.50 → 3.5."""
    with localcontext() as ctx:
        ctx.prec = 60  # ample for _MAX_DIGITS digits times 万亿: nothing is rounded
        value = value.normalize()
        if value == value.to_integral_value():  # 1.5E+4 → 15000
            value = value.quantize(Decimal(1))
    return value
