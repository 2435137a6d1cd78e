"""Parsing figures as editors write them (generator.content.figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.figures import Approx, Basis, FigureError, ParsedFigure, parse_figure

E, M, N, A = Approx.EXACT, Approx.MORE_THAN, Approx.NEARLY, Approx.ABOUT
ANNUAL, CUMULATIVE = Basis.ANNUAL, Basis.CUMULATIVE


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx", "basis"),
    [
        ("80余次", "80", "次", M, ANNUAL),
        ("120余", "120", None, M, ANNUAL),
        ("70余万元", "70", "万元", M, ANNUAL),
        ("2万余元", "20000", "元", M, ANNUAL),
        ("近100人次", "100", "人次", N, ANNUAL),
        ("3.98公里", "3.98", "公里", E, ANNUAL),
        ("1,120", "1120", None, E, ANNUAL),
        ("1,120米", "1120", "米", E, ANNUAL),
        ("累计26人", "26", "人", E, CUMULATIVE),
        ("约1.5万元", "15000", "元", A, ANNUAL),
        ("849万元", "8490000", "元", E, ANNUAL),
        ("6万余册", "60000", "册", M, ANNUAL),
        ("80多次", "80", "次", M, ANNUAL),
        ("120万", "1200000", None, E, ANNUAL),
        ("3亿元", "300000000", "元", E, ANNUAL),
        ("累计近500人次", "500", "人次", N, CUMULATIVE),
        ("累计1,200余万元", "1200", "万元", M, CUMULATIVE),
        ("12,345,678.5", "12345678.5", None, E, ANNUAL),
        ("0", "0", None, E, ANNUAL),
        ("3千米", "3", "千米", E, ANNUAL),
        ("  80余次\n", "80", "次", M, ANNUAL),
        ("3.98 公里", "3.98", "公里", E, ANNUAL),
        ("１，１２０米", "1120", "米", E, ANNUAL),
        ("３．９８公里", "3.98", "公里", E, ANNUAL),
    ],
)
def test_parse_figure(
    text: str, value: str, unit: str | None, approx: Approx, basis: Basis
) -> None:
    figure = parse_figure(text)
    assert figure == ParsedFigure(text.strip(), Decimal(value), unit, approx, basis)
    assert "E" not in str(figure.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "abc",
            (
                '无法识别的数字写法 "abc"：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" '
                "这样的形式"
            ),
        ),
        ("", '数字不能为空：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" 这样的形式'),
        ("  ", '数字不能为空：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" 这样的形式'),
        (
            "-5",
            '数字不能为负数："-5"，应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" 这样的形式',
        ),
        (
            "约-5万元",
            (
                '数字不能为负数："约-5万元"，应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" '
                "这样的形式"
            ),
        ),
        ("80余余", '数字 "80余余" 中 "余" 重复：余/多 只能写一次，如 "80余次"'),
        ("1,12", '数字 "1,12" 的千位分隔符位置不对：逗号应每三位一个，如 "1,120"、"12,500"'),
        ("1,1200", '数字 "1,1200" 的千位分隔符位置不对：逗号应每三位一个，如 "1,120"、"12,500"'),
        ("近约5", '数字 "近约5" 同时写了 "近" 和 "约"：只能写其一，如 "近100人次" 或 "约1.5万元"'),
        (
            "近80余次",
            '数字 "近80余次" 同时写了 "近" 和 "余"：只能写其一，如 "近100人次" 或 "100余人次"',
        ),
        ("3.公里", '数字 "3.公里" 的小数点写法不对：应为 "3.98" 这样的形式'),
        ("1.2.3", '数字 "1.2.3" 的小数点写法不对：应为 "3.98" 这样的形式'),
        (
            "3千余元",
            (
                '数字 "3千余元" 中 "余" 的位置不对：余/多 应紧跟数字或 万/亿 之后，如 "80余次"、'
                '"2万余元"、"70余万元"'
            ),
        ),
        ("80次近", '数字 "80次近" 中 "近" 的位置不对：近/约 应写在数字之前，如 "近100人次"'),
        ("80平方 米", '数字 "80平方 米" 的单位中有空格：单位应连写，如 "3.98公里"'),
        (
            "5次3",
            (
                '无法识别的数字写法 "5次3"：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" '
                "这样的形式"
            ),
        ),
        (
            "累计",
            (
                '无法识别的数字写法 "累计"：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" '
                "这样的形式"
            ),
        ),
        (
            "余80",
            (
                '无法识别的数字写法 "余80"：应为 "80余次"、"近100人次"、"3.98公里"、"累计26人" '
                "这样的形式"
            ),
        ),
        (
            "1" * 21,
            (
                f'数字 "{"1" * 21}" 位数过多（超过 20 位）：应为 "80余次"、"近100人次"、'
                f'"3.98公里"、"累计26人" 这样的形式'
            ),
        ),
    ],
)
def test_parse_figure_refuses(text: str, message: str) -> None:
    with pytest.raises(FigureError) as info:
        parse_figure(text)
    assert str(info.value) == message


def test_non_text_is_a_figure_error() -> None:
    with pytest.raises(FigureError):
        parse_figure(80)  # type: ignore[arg-type]


def test_enums_are_their_values() -> None:
    assert Approx("more-than") is Approx.MORE_THAN
    assert Basis.CUMULATIVE == "cumulative"


@given(st.text())
def test_any_text_parses_or_raises_figure_error(text: str) -> None:
    try:
        figure = parse_figure(text)
    except FigureError as error:
        assert str(error)
    else:
        assert figure.value >= 0
        assert figure.written == text.strip()


_PIECES = st.sampled_from(
    [*"累计近约余多万亿十千,.-元次米 ", *"0123456789", "１", "，", "人次", "公里"]
)


@given(st.lists(_PIECES, max_size=10).map("".join))
def test_figure_like_text_parses_or_raises_figure_error(text: str) -> None:
    try:
        figure = parse_figure(text)
    except FigureError as error:
        assert str(error)
    else:
        assert figure.value >= 0
        assert figure.value.is_finite()


@given(
    st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "近", "约"]),
    st.sampled_from(["", "余", "多"]),
    st.sampled_from(["", "次", "人次", "公里"]),
)
def test_written_numbers_read_back(value: Decimal, mark: str, more: str, unit: str) -> None:
    if mark and more:
        return
    figure = parse_figure(f"{mark}{value:f}{more}{unit}")
    assert figure.value == value
    assert figure.unit == (unit or None)
    assert figure.approx == (
        {"近": Approx.NEARLY, "约": Approx.ABOUT}.get(mark)
        or (Approx.MORE_THAN if more else Approx.EXACT)
    )


def test_a_figure_text_is_parsed_once_and_errors_each_time() -> None:
    assert parse_figure("80余次") is parse_figure("80余次")
    for _ in range(2):
        with pytest.raises(FigureError):
            parse_figure("80余余次")
    with pytest.raises(FigureError):
        parse_figure(["80"])  # type: ignore[arg-type]  # not text: an error, not a cache TypeError
