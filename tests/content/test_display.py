"""The 余 table: totals written the way a Chinese bulletin writes them (generator.content.display).

Each case starts from figures as an editor writes them, goes through the same parsing,
conversion and adding the site uses, and ends in the text every page, chart and
download shows (SPEC, "Totals": the 余 of a total stands at the magnitude of its
coarsest approximate part).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.content.display import counted_differs, format_quantity, with_unit, written_step
from generator.content.figures import Approx, Basis, parse_figure
from generator.content.quantities import (
    Quantity,
    cumulative_total,
    max_quantities,
    sum_quantities,
)
from generator.content.units import convert, parse_unit


def counted(written: str, unit: str) -> tuple[Basis, Quantity]:
    """A figure as the validator counts it: converted to the indicator's unit, 余 kept."""
    parsed = parse_figure(written)
    value = convert(parsed.value, parse_unit(parsed.unit or unit), parse_unit(unit))
    return parsed.basis, Quantity(value, parsed.approx, written_step(written, unit))


def total(figures: list[str], unit: str) -> str:
    q = sum_quantities(counted(f, unit)[1] for f in figures)
    assert q is not None
    return format_quantity(q, unit)


@pytest.mark.parametrize(
    ("figures", "unit", "shown"),
    [
        # money: 余 at 万 stays before 万, whatever the total's digits
        (["70余万元", "115万元"], "元", "185余万元"),
        (["30万元", "85万元", "70余万元"], "元", "185余万元"),  # not 185万余元
        (["70余万元", "120万元"], "元", "190余万元"),
        (["70余万元", "2万余元", "849万元"], "元", "921余万元"),  # the coarsest 余 wins
        # money: 余 at 元 stays after the magnitude
        (["2万余元", "15万元"], "元", "17万余元"),
        (["20000余元"], "元", "2万余元"),
        (["9800余元", "100元"], "元", "9900余元"),
        (["5000余元", "5000元"], "元", "1万余元"),
        # counts
        (["80余次", "120余次"], "次", "200余次"),
        (["80余", "25"], "次", "105余次"),
        (["6万余册"], "册", "6万余册"),
        (["5万余册", "1万册"], "册", "6万余册"),
        # mixed 余 / 近 / 约
        (["近100人次", "20人次"], "人次", "约120人次"),
        (["近100人次", "近20人次"], "人次", "近120人次"),
        (["80余次", "近20次"], "次", "约100次"),
        (["约1.5万元", "3000元"], "元", "约1.8万元"),
        (["70余万元", "约30万元"], "元", "约100万元"),
        # 亿
        (["1.2亿元", "70余万元"], "元", "12070余万元"),  # 余 at 万 in an amount of 亿
        (["3余亿元", "5000万元"], "元", "3.5余亿元"),
        (["2亿余元", "3000万元"], "元", "2.3亿余元"),
        (["1亿元", "2亿元"], "元", "3亿元"),
        # an indicator counted in 万元
        (["70余万元", "115万元"], "万元", "185余万元"),
        (["2万余元", "15万元"], "万元", "17万余元"),
        (["8000万元", "4000余万元"], "万元", "12000余万元"),  # 余 at 万, so in 万
        # other units: 余 at a 公里 is at 1000 米
        (["3余公里", "200米"], "米", "3200余米"),
        (["1.2万余平方米"], "平方米", "1.2万余平方米"),
    ],
)
def test_totals_put_yu_at_the_coarsest_approximate_part(
    figures: list[str], unit: str, shown: str
) -> None:
    assert total(figures, unit) == shown
    assert total(list(reversed(figures)), unit) == shown


def test_cumulative_total_keeps_the_yu_of_its_parts() -> None:
    by_year = {
        2020: [counted("30万元", "元")],  # inside the cumulative figure of 2021
        2021: [counted("累计70余万元", "元")],
        2022: [counted("115万元", "元")],
    }
    q = cumulative_total(by_year)
    assert q is not None
    assert format_quantity(q, "元") == "185余万元"
    runs = {2020: [counted("累计80余次", "次")], 2021: [counted("120余次", "次")]}
    assert format_quantity(cumulative_total(runs) or Quantity(Decimal(0)), "次") == "200余次"


def test_max_keeps_the_yu_of_the_largest() -> None:
    q = max_quantities([counted("70余万元", "元")[1], counted("50万元", "元")[1]])
    assert q is not None and format_quantity(q, "元") == "70余万元"


@pytest.mark.parametrize(
    "written",
    ["70余万元", "45余万元", "2万余元", "6万余册", "80余次", "近100人次", "约1.5万元", "849万元"],
)
def test_a_figure_reads_as_written(written: str) -> None:
    unit = "元" if written.endswith("元") else written.lstrip("近约0123456789.余万")
    assert format_quantity(counted(written, unit)[1], unit) == written


@pytest.mark.parametrize(
    ("written", "unit", "differs"),
    [
        ("45余万元", "元", False),  # 余's place alone is never a reason (was 计为 45万余元)
        ("70余万元", "元", False),
        ("20000余元", "元", False),  # the same number spelled with 万
        ("5000元", "万元", False),
        ("累计6万余册", "册", False),
        ("5人", "名", False),
        ("3.98公里", "米", True),  # the number changed: 计为 3980米
        ("30亩", "平方米", True),
    ],
)
def test_counted_value_is_shown_only_when_the_number_differs(
    written: str, unit: str, differs: bool
) -> None:
    assert counted_differs(written, unit) is differs


def test_written_step() -> None:
    assert written_step("70余万元", "元") == Decimal(10_000)
    assert written_step("2万余元", "元") is None
    assert written_step("2万余元", "万元") == Decimal("0.0001")
    assert written_step("累计70余万元", "万元") is None
    assert written_step("近100人次", "人次") is None
    assert Quantity(Decimal(1), Approx.MORE_THAN).step is None


def test_a_figure_without_a_unit_takes_the_indicators() -> None:
    assert with_unit("15", "人") == "15人"
    assert with_unit("累计26", "人") == "累计26人"
    assert with_unit("120余", "次") == "120余次"
    assert with_unit("70余万元", "元") == "70余万元"
    assert with_unit("3.98公里", "米") == "3.98公里"
    assert with_unit("15", "") == "15"
