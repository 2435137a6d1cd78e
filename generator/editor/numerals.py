"""Chinese numerals as summaries write them with a classifier: 两名, 十二人, 一百二十名, 六万余册.

`parse_numeral` reads the number part (`一百零五`, `两万三千`, `十二`, `一亿三千万`) into an
int, or raises `NumeralError`; `to_numeral` writes an int back in the same grammar (the
hypothesis round-trip tests hold the two together); `arabic` gives the short form a figure
is written in (`60000` → `6万`, `120` → `120`), as `figures:` accepts only Arabic digits.

The grammar is the written one, strict on purpose: a section is `[digit 千][digit 百]
[digit 十][digit]` with 零/〇 standing for skipped places (`一百零五`), sections joined by
万 and 亿 from large to small (`一亿零五百万`). A leading `十` may stand alone (`十二`), a
leading 百/千/万 may not (`千名医师` is a slogan, not 1000 persons). Runs of digits
without places (`三四名`: three or four; `二〇一五`: a year) are no figure and refused.
"""

from __future__ import annotations

import re

__all__ = ["NumeralError", "arabic", "parse_numeral", "to_numeral", "NUMERAL_CHARS"]

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
PLACES = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(PLACES) + "".join(BIG)
_WRITE = "零一二三四五六七八九"


class NumeralError(ValueError):
    """Text that is not a Chinese numeral of the written grammar."""


def _section(text: str, whole: str) -> int:
    """A number below 10000: `一千零二十`, `十二`, `三百`, `五`."""
    if not text:
        raise NumeralError(f"“{whole}” 不是数字")
    value = 0
    digit: int | None = None
    last_place = 10_000
    zero = False
    for i, ch in enumerate(text):
        if ch in DIGITS:
            if digit is not None:
                raise NumeralError(f"“{whole}” 中数字连写（如 三四名），不是一个数")
            digit = DIGITS[ch]
            if digit == 0:
                if zero or i == 0:
                    raise NumeralError(f"“{whole}” 中的“零”位置不对")
                zero = True
                digit = None
        elif ch in PLACES:
            place = PLACES[ch]
            if place >= last_place:
                raise NumeralError(f"“{whole}” 中位数顺序不对")
            if digit is None:
                if ch != "十" or i != 0:
                    raise NumeralError(f"“{whole}” 中“{ch}”前缺少数字")
                digit = 1
            if digit == 0:
                raise NumeralError(f"“{whole}” 中的“零”位置不对")
            if zero and place * 10 == last_place:
                raise NumeralError(f"“{whole}” 中的“零”多余")
            value += digit * place
            last_place, digit, zero = place, None, False
        else:
            raise NumeralError(f"“{whole}” 中有非数字的字“{ch}”")
    if digit is not None:
        if digit == 0:
            raise NumeralError(f"“{whole}” 以“零”结尾")
        if last_place > 10 and last_place != 10_000 and not zero:
            # 一千二 (colloquial 1200) is not written in reports; refused, not guessed.
            raise NumeralError(f"“{whole}” 是口语省略写法")
        value += digit
    elif zero:
        raise NumeralError(f"“{whole}” 以“零”结尾")
    return value


def parse_numeral(text: str) -> int:
    """`一百二十` → 120, `六万` → 60000, `两` → 2; anything else raises `NumeralError`."""
    whole = text
    if not text:
        raise NumeralError("空字符串不是数字")
    if text[0] in "百千万亿":
        raise NumeralError(f"“{whole}” 前缺少数字（应写 一{text[0]}）")
    total = 0
    for big, limit in (("亿", 10_000), ("万", 10_000)):
        if big not in text:
            continue
        head, _, rest = text.partition(big)
        if big in rest:
            raise NumeralError(f"“{whole}” 中“{big}”重复")
        part = _section(head, whole)
        if not 0 < part < limit:
            raise NumeralError(f"“{whole}” 中“{big}”前的数不对")
        total += part * BIG[big]
        if rest.startswith(("零", "〇")):
            rest = rest[1:]
            if not rest:
                raise NumeralError(f"“{whole}” 以“零”结尾")
        elif rest and _value(rest, whole) < BIG[big] // 10:
            # 一万五 (colloquial 15000), 一万五百: written reports put 零 where places are skipped.
            raise NumeralError(f"“{whole}” 是口语省略写法，或缺少“零”")
        text = rest
    if text:
        total += _section(text, whole)
    return total


def _value(text: str, whole: str) -> int:
    if "万" in text:
        head, _, rest = text.partition("万")
        return _section(head, whole) * 10_000 + (_value(rest.lstrip("零〇"), whole) if rest else 0)
    return _section(text, whole)


def _write_section(n: int, leading: bool) -> str:
    """A number below 10000 in the written grammar; `leading` allows `十二` for 12."""
    out = ""
    zero = False
    for place, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // place % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if place == 10 and d == 1 and not out and leading:
            out += "十"
        else:
            out += _WRITE[d] + ch
    return out


def to_numeral(n: int) -> str:
    """120 → `一百二十`, 60000 → `六万`, 105 → `一百零五` (n ≥ 1, below 1万亿)."""
    if not 1 <= n < 1_000_000_000_000:
        raise NumeralError("只写 1 到 1万亿 之间的整数")
    parts = [(n // 100_000_000, "亿"), (n // 10_000 % 10_000, "万"), (n % 10_000, "")]
    out = ""
    gap = False
    for value, big in parts:
        if value == 0:
            gap = bool(out)
            continue
        if out and (gap or value < 1000):
            out += "零"
        out += _write_section(value, leading=not out) + big
        gap = False
    return out


def arabic(n: int) -> str:
    """The short form of `figures:`: `6万` for 60000, `120` for 120, `1.2亿` never (digits)."""
    if n >= 100_000_000 and n % 100_000_000 == 0:
        return f"{n // 100_000_000}亿"
    if n >= 10_000 and n % 10_000 == 0:
        return f"{n // 10_000}万"
    return str(n)


NUMERAL = re.compile(rf"[{NUMERAL_CHARS}]+")
