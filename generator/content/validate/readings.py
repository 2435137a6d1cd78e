"""How a figure reads: exact, 近/约, or 余/多 with the range it leaves open.

`70余万元` and `70万余元` have the same value (700 000 元) but not the same reading:
the first is between 70 and 80 万元, the second just over 70 万元. Where 余 sits says
which digit it rounds: after a plain number, the number's last non-zero place (`80余次`
is 80 to 90, `120余次` 120 to 130); after 万 or 亿, one of those (`70万余元` is 70 万 to
71 万). The consistency lint (W602) compares readings of a figure and of the prose
beside its indicator's name when their values agree. This module must not read files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from generator.content.figures import Approx, FigureError, parse_figure
from generator.content.units import UnitError, UnitOfMeasure, convert, parse_unit

__all__ = ["Reading", "reading"]

_PARTS = re.compile(
    r"^(?:累计)?(?:[近约])?(?P<number>[0-9][0-9,.]*)(?P<mag>万亿|万|亿)?(?P<more>[余多])?"
    r"\s*(?P<unit>.*)$"
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


@dataclass(frozen=True)
class Reading:
    """A figure's approximation and, for 余/多, the upper end of what it allows."""

    approx: Approx
    low: Decimal
    """The value, in the indicator's unit."""
    high: Decimal | None
    """For 余/多: the value it stays below, in the indicator's unit; else None."""

    def describe(self, written: str) -> str:
        """Chinese: how `written` reads (`70余万元：70万元到80万元之间`)."""
        if self.approx is Approx.MORE_THAN:
            return f"“{written}” 指 {_upper_text(written, below=True)}"
        if self.approx is Approx.NEARLY:
            return f"“{written}” 指接近而不足这个数"
        if self.approx is Approx.ABOUT:
            return f"“{written}” 指大约这个数"
        return f"“{written}” 是确数"


def reading(written: str, unit: UnitOfMeasure) -> Reading | None:
    """The reading of `written` in the indicator's `unit`; None if it does not parse."""
    try:
        parsed = parse_figure(written)
        src = parse_unit(parsed.unit) if parsed.unit else unit
        low = convert(parsed.value, src, unit)
        high = None
        if parsed.approx is Approx.MORE_THAN:
            upper = parse_figure(_upper_text(written))
            high = convert(upper.value, parse_unit(upper.unit) if upper.unit else unit, unit)
    except (FigureError, UnitError):
        return None
    return Reading(parsed.approx, low, high)


def _upper_text(written: str, below: bool = False) -> str:
    """`70余万元` → `80万元` (or, with `below`, `70万元到80万元之间`)."""
    m = _PARTS.match(written.strip().translate(_FULL_WIDTH))
    if m is None:
        return written
    number = Decimal(m["number"].replace(",", ""))
    mag, unit = m["mag"] or "", m["unit"]
    if mag or number == 0:
        step = Decimal(1)
    elif number != number.to_integral_value():
        step = Decimal(1).scaleb(int(number.as_tuple().exponent))  # 3.5余 → 3.5 to 3.6
    else:
        digits = str(int(number))
        step = Decimal(10) ** (len(digits) - len(digits.rstrip("0")))
    upper = f"{number + step}{mag}{unit}"
    return f"{number}{mag}{unit}到{upper}之间" if below else upper
