"""Chinese numerals as summaries write them: the parser, its writer, and the finder's use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.editor.numerals import NumeralError, arabic, parse_numeral, to_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("一千零二十", 1020),
        ("两千", 2000),
        ("六万", 60_000),
        ("一万二千", 12_000),
        ("十万零一十", 100_010),
        ("一万〇五", 10_005),
        ("一亿三千万", 130_000_000),
        ("一亿零五百万", 105_000_000),
    ],
)
def test_numerals_read(text: str, value: int) -> None:
    assert parse_numeral(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "千",
        "百",
        "万",
        "三四",
        "二〇一五",
        "一千二",
        "一万五",
        "一百十",
        "零",
        "五零",
        "一万万",
    ],
)
def test_what_is_no_number_is_refused(text: str) -> None:
    # 三四名 is "three or four", 千名医师 a slogan, 一万五 colloquial: never guessed.
    with pytest.raises(NumeralError):
        parse_numeral(text)


@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_write_then_read_round_trips(n: int) -> None:
    assert parse_numeral(to_numeral(n)) == n


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_short_form_keeps_the_value(n: int) -> None:
    short = arabic(n)
    value = (
        int(short[:-1]) * (10_000 if short.endswith("万") else 10**8)
        if short[-1] in "万亿"
        else int(short)
    )
    assert value == n


@settings(deadline=None)  # the first example imports the finder
@given(st.integers(min_value=1, max_value=99_999))
def test_written_numerals_are_found_as_figures(n: int) -> None:
    from generator.editor.findfigures import _numbers

    text = f"全年培训医生{to_numeral(n)}名。"
    numbers = _numbers(text)
    assert len(numbers) == 1
    assert numbers[0][3] == arabic(n)
