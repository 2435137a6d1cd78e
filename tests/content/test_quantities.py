"""Approximate amounts and the SPEC's totals rules (generator.content.quantities)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.display import format_number, format_quantity
from generator.content.figures import Approx, Basis, parse_figure
from generator.content.quantities import (
    Quantity,
    annual_only,
    combine_approx,
    cumulative_total,
    max_quantities,
    sum_quantities,
    year_total,
)
from generator.content.units import convert, parse_unit

E, M, N, A = Approx.EXACT, Approx.MORE_THAN, Approx.NEARLY, Approx.ABOUT
ANNUAL, CUMULATIVE = Basis.ANNUAL, Basis.CUMULATIVE


def q(value: str | int, approx: Approx = E) -> Quantity:
    return Quantity(Decimal(value), approx)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([q(80, M), q(120, M)], q(200, M)),  # SPEC: 80余 + 120余 = 200余
        ([q(80, M), q(20)], q(100, M)),  # a lower bound plus an exact amount
        ([q(100, N), q(20, N)], q(120, N)),
        ([q(100, N), q(20)], q(120, A)),  # SPEC: 近100 + 20 = 约120
        ([q(100, N), q(20, M)], q(120, A)),
        ([q(100, A), q(20, M)], q(120, A)),
        ([q(100, A), q(20)], q(120, A)),
        ([q(100), q(20)], q(120)),
        ([q("3.98"), q("0.02")], q(4)),
        ([q(7)], q(7)),
        ([q(0)], q(0)),
    ],
)
def test_sum_quantities(parts: list[Quantity], expected: Quantity) -> None:
    assert sum_quantities(parts) == expected
    assert sum_quantities(reversed(parts)) == expected


def test_sum_of_nothing_is_not_reported_never_zero() -> None:
    assert sum_quantities([]) is None
    assert max_quantities([]) is None
    assert year_total([]) is None
    assert cumulative_total({}) is None
    assert cumulative_total({2020: [], 2021: []}) is None


def test_mixed_units_are_converted_before_adding() -> None:
    metres = parse_unit("米")
    parts = []
    for text in ("3.98公里", "20米"):
        figure = parse_figure(text)
        assert figure.unit is not None
        value = convert(figure.value, parse_unit(figure.unit), metres)
        parts.append(Quantity(value, figure.approx))
    assert sum_quantities(parts) == q(4000)


def test_figures_in_ten_thousands_add_up_in_yuan() -> None:
    yuan = parse_unit("元")
    parts = []
    for text in ("70余万元", "2万余元", "849万元"):
        figure = parse_figure(text)
        assert figure.unit is not None
        parts.append(Quantity(convert(figure.value, parse_unit(figure.unit), yuan), figure.approx))
    total = sum_quantities(parts)
    assert total == q(9_210_000, M)
    assert format_quantity(total, "元") == "921万余元"  # 921万 and a little more


def test_combine_approx_accepts_plain_strings() -> None:
    assert combine_approx(["more-than", "exact"]) is M  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([q(80, M), q(100)], q(100)),
        ([q(100), q(100, M)], q(100, M)),
        ([q(100, N), q(100)], q(100)),
        ([q(100, N), q(100, M), q(100)], q(100, M)),
        ([q(100, A), q(100)], q(100, A)),
        ([q(100, N), q(90)], q(100, N)),
    ],
)
def test_max_quantities(parts: list[Quantity], expected: Quantity) -> None:
    assert max_quantities(parts) == expected


def test_year_totals_leave_cumulative_figures_out() -> None:
    figures = [(ANNUAL, q(5)), (CUMULATIVE, q(26)), (ANNUAL, q(3, M))]
    assert annual_only(figures) == (q(5), q(3, M))
    assert year_total(figures) == q(8, M)
    assert year_total([(CUMULATIVE, q(26))]) is None


@pytest.mark.parametrize(
    ("by_year", "expected"),
    [
        # no cumulative figure: all annual figures
        ({2019: [(ANNUAL, q(5))], 2020: [(ANNUAL, q(7))]}, q(12)),
        # latest cumulative plus the annual figures of later years
        (
            {
                2019: [(ANNUAL, q(5))],
                2020: [(CUMULATIVE, q(20)), (ANNUAL, q(7))],
                2021: [(ANNUAL, q(3, M))],
                2022: [(ANNUAL, q(4))],
            },
            q(27, M),
        ),
        # an older cumulative figure is superseded by a later one
        (
            {
                2018: [(CUMULATIVE, q(10))],
                2019: [(ANNUAL, q(5))],
                2020: [(CUMULATIVE, q(26))],
                2021: [(ANNUAL, q(2))],
            },
            q(28),
        ),
        # cumulative in the latest year: nothing to add
        ({2020: [(ANNUAL, q(9))], 2021: [(CUMULATIVE, q(30, N)), (ANNUAL, q(4))]}, q(30, N)),
        # approximate cumulative plus exact later years
        ({2020: [(CUMULATIVE, q(100, N))], 2021: [(ANNUAL, q(20))]}, q(120, A)),
        # a running total given in parts (a list): the parts add up
        ({2020: [(CUMULATIVE, q(10)), (CUMULATIVE, q(6))], 2021: [(ANNUAL, q(2))]}, q(18)),
        # years given out of order
        ({2022: [(ANNUAL, q(1))], 2020: [(CUMULATIVE, q(10))], 2021: [(ANNUAL, q(2))]}, q(13)),
    ],
)
def test_cumulative_total(
    by_year: dict[int, list[tuple[Basis, Quantity]]], expected: Quantity
) -> None:
    assert cumulative_total(by_year) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1120", "1,120"),
        ("3.98", "3.98"),
        ("3.980", "3.98"),
        ("1E+3", "1,000"),
        ("1.5E+4", "15,000"),
        ("0", "0"),
        ("0.00", "0"),
        ("-0", "0"),
        ("100.0", "100"),
        ("1234567.25", "1,234,567.25"),
        ("0.001", "0.001"),
        ("-1500", "-1,500"),
        ("12345678901234567890123456789012", "12,345,678,901,234,567,890,123,456,789,012"),
    ],
)
def test_format_number(value: str, text: str) -> None:
    assert format_number(Decimal(value)) == text


def test_format_number_refuses_nan() -> None:
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"))


@pytest.mark.parametrize(
    ("quantity", "unit", "text"),
    [
        (q(200, M), "次", "200余次"),
        (q(120, M), "", "120余"),
        (q(100, N), "人次", "近100人次"),
        (q(120, A), "人次", "约120人次"),
        (q(120), "人次", "120人次"),
        (q(1120), "米", "1120米"),  # no digit grouping: 万/亿 from 1万 on
        (q("3.98"), "公里", "3.98公里"),
        (Quantity(Decimal(700_000), M, Decimal(10_000)), "元", "70余万元"),  # 余 at 万
        (Quantity(Decimal(1_900_000), M, Decimal(10_000)), "元", "190余万元"),
        (q(20_000, M), "元", "2万余元"),  # 余 at 元: after the magnitude, 2万 and more
        (q(60_000, M), "册", "6万余册"),
        (q(12_500, M), "元", "1.25万余元"),
        (q(150_000), "元", "15万元"),
        (q(9_800), "元", "9800元"),
        (q(10_000), "人次", "1万人次"),
        (q(9_999), "人次", "9999人次"),
        (q(100, M), "元", "100余元"),  # below 1万: plain digits, 余 right after them
        (q(70, M), "万元", "70余万元"),  # an indicator counted in 万元
        (Quantity(Decimal(6), M, Decimal("0.0001")), "万册", "6万余册"),
        (q(6, M), "万册", "6余万册"),  # 余 at one of the indicator's unit
        (q(12_000), "万元", "1.2亿元"),  # 万元 may become 亿元
        (q("0.5"), "万元", "5000元"),  # below 1万: plain digits
        (q(3, N), "万元", "近3万元"),
        (q(25_000, A), "元", "约2.5万元"),
        (q(200_000_000, M), "元", "2亿余元"),
        (q(230_000_000, M), "元", "2.3亿余元"),
        (q(1_500_000_000, M), "元", "15亿余元"),
        (Quantity(Decimal(1_000_000_000), M, Decimal(10**8)), "元", "10余亿元"),
        (Quantity(Decimal(120_700_000), M, Decimal(10**4)), "元", "12070余万元"),
        (q(15_000, M), "平方米", "1.5万余平方米"),  # area
        (q(30, M), "亩", "30余亩"),
        (q(3980), "米", "3980米"),  # length below 1万: plain digits
        (q(12_000, N), "米", "近1.2万米"),
        (q(2_000_000, A), "人次", "约200万人次"),  # person-times
        (q(20_000, M), "人", "2万余人"),  # persons
        (q(40, M), "台", "40余台"),  # counted items
        (q(120_000, M), "册", "12万余册"),
        (q(8_490_000), "元", "849万元"),
        (q(12_345_678), "", "1234.5678万"),  # exact: whole numbers have four places in 万
        (q(123_456_789), "元", "1.2346亿元"),  # 亿 rounded half-up to the 万
        (q(99_999), "元", "9.9999万元"),
        (q(100_000), "元", "10万元"),
        (q(150_000_000, N), "元", "近1.5亿元"),
        (q("99999999.999"), "元", "1亿元"),
        (q(700_000), "万元", "70亿元"),
        (q(200_000), "千人", "200000千人"),  # magnitudes other than 万 stay as written
        (q(150_000), "千米", "15万千米"),  # 千米 is a base unit, so rescaling is fine
    ],
)
def test_format_quantity(quantity: Quantity, unit: str, text: str) -> None:
    assert format_quantity(quantity, unit) == text


_EXACT_FOR_DISPLAY = st.decimals(
    min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False
)


def test_format_quantity_without_magnitude() -> None:
    assert format_quantity(q(700_000, M), "元", magnitude=False) == "700,000余元"


@given(_EXACT_FOR_DISPLAY, st.sampled_from(list(Approx)), st.sampled_from(["元", "人次", "册"]))
def test_format_quantity_shows_no_digit_grouping(value: Decimal, approx: Approx, unit: str) -> None:
    text = format_quantity(Quantity(value, approx), unit)
    assert "," not in text
    assert text.count("余") == (approx is M)
    assert text.startswith("近") == (approx is N) and text.startswith("约") == (approx is A)


_EXACT = st.decimals(
    min_value=-(10**15), max_value=10**15, places=4, allow_nan=False, allow_infinity=False
)


@given(st.lists(_EXACT, max_size=30))
def test_sum_of_exact_quantities_is_the_decimal_sum(values: list[Decimal]) -> None:
    total = sum_quantities(Quantity(v, E) for v in values)
    if not values:
        assert total is None
    else:
        assert total == Quantity(sum(values, Decimal(0)), E)


@given(st.lists(st.tuples(_EXACT, st.sampled_from(list(Approx))), min_size=1, max_size=10))
def test_sum_is_exact_only_when_every_part_is(parts: list[tuple[Decimal, Approx]]) -> None:
    total = sum_quantities(Quantity(v, a) for v, a in parts)
    assert total is not None
    assert (total.approx is E) == all(a is E for _, a in parts)


@given(_EXACT, st.sampled_from(list(Approx)), st.sampled_from(["", "元", "万元", "人次"]))
def test_format_quantity_never_shows_an_exponent(value: Decimal, approx: Approx, unit: str) -> None:
    text = format_quantity(Quantity(value, approx), unit)
    assert "E" not in text and "," not in text
    assert text.replace("余", "").endswith(unit.removeprefix("万"))
