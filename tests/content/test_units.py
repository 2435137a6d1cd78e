"""Unit parsing and conversion (generator.content.units)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.units import (
    BASE_UNITS,
    DIMENSION_NAMES,
    UnitError,
    UnitOfMeasure,
    convert,
    dimension_name,
    parse_unit,
    split_unit,
)


@pytest.mark.parametrize(
    ("text", "dimension", "factor"),
    [
        ("元", "money", "1"),
        ("万元", "money", "10000"),
        ("千万元", "money", "10000000"),
        ("百万元", "money", "1000000"),
        ("十万元", "money", "100000"),
        ("亿元", "money", "100000000"),
        ("米", "length", "1"),
        ("公里", "length", "1000"),
        ("千米", "length", "1000"),
        ("厘米", "length", "0.01"),
        ("平方米", "area", "1"),
        ("万平方米", "area", "10000"),
        ("公顷", "area", "10000"),
        ("平方公里", "area", "1000000"),
        ("立方米", "volume", "1"),
        ("方", "volume", "1"),
        ("万方", "volume", "10000"),
        ("人", "persons", "1"),
        ("名", "persons", "1"),
        ("万人", "persons", "10000"),
        ("人次", "person-times", "1"),
        ("万人次", "person-times", "10000"),
        ("台", "count:台", "1"),
        ("万册", "count:册", "10000"),
        ("次", "count:次", "1"),
        ("课时", "count:课时", "1"),
        ("人天", "count:人天", "1"),
        (" 公里 ", "length", "1000"),
    ],
)
def test_parse_unit(text: str, dimension: str, factor: str) -> None:
    unit = parse_unit(text)
    assert unit.text == text.strip()
    assert unit.dimension == dimension
    assert unit.factor == Decimal(factor)


@pytest.mark.parametrize(
    "item",
    "台 件 套 册 本 头 只 口 户 间 幢 所 个 次 期 场 项 篇 辆".split(),
)
def test_every_counted_item_of_spec_is_its_own_dimension(item: str) -> None:
    unit = parse_unit(item)
    assert unit.dimension == f"count:{item}"
    assert DIMENSION_NAMES[unit.dimension] == f"数量（{item}）"


def test_mu_is_exactly_a_fifteenth_of_a_hectare() -> None:
    mu = parse_unit("亩")
    assert mu.dimension == "area"
    assert round(mu.factor, 2) == Decimal("666.67")
    assert mu.exact_factor == Fraction(10_000, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("千米", ("", "千米")),
        ("人次", ("", "人次")),
        ("万元", ("万", "元")),
        ("十万人次", ("十万", "人次")),
    ],
)
def test_longest_base_unit_wins(text: str, expected: tuple[str, str]) -> None:
    assert split_unit(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "单位不能为空"),
        ("   ", "单位不能为空"),
        ("abc", '无法识别的单位 "abc"'),
        ("万", "缺少基本单位"),
        ("平方公理", '是否想写 "平方公里"'),
        ("万千元", '数量级 "万千" 写法不对'),
        ("万万元", '数量级 "万万" 写法不对'),
        ("公斤", '无法识别的单位 "公斤"'),
    ],
)
def test_parse_unit_refuses(text: str, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_unit(text)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        ("3.98", "公里", "米", "3980"),
        ("20", "米", "公里", "0.02"),
        ("849", "万元", "元", "8490000"),
        ("8490000", "元", "万元", "849"),
        ("70", "万元", "元", "700000"),
        ("15", "亩", "平方米", "10000"),
        ("150", "亩", "公顷", "10"),
        ("1", "公顷", "亩", "15"),
        ("2", "平方公里", "公顷", "200"),
        ("6", "万册", "册", "60000"),
        ("12", "名", "人", "12"),
        ("5", "方", "立方米", "5"),
        ("1", "千米", "公里", "1"),
    ],
)
def test_convert(value: str, src: str, dst: str, expected: str) -> None:
    result = convert(Decimal(value), parse_unit(src), parse_unit(dst))
    assert result == Decimal(expected)
    assert "E" not in str(result)


def test_convert_mu_to_square_metres_is_close() -> None:
    result = convert(Decimal(1), parse_unit("亩"), parse_unit("平方米"))
    assert round(result, 2) == Decimal("666.67")


@pytest.mark.parametrize(
    ("src", "dst", "names"),
    [
        ("人", "人次", ("人数", "人次")),
        ("台", "件", ("数量（台）", "数量（件）")),
        ("元", "米", ("货币", "长度")),
        ("亩", "立方米", ("面积", "体积")),
    ],
)
def test_convert_refuses_other_dimension(src: str, dst: str, names: tuple[str, str]) -> None:
    with pytest.raises(UnitError) as info:
        convert(Decimal(1), parse_unit(src), parse_unit(dst))
    message = str(info.value)
    assert f'"{src}"' in message and f'"{dst}"' in message
    assert all(name in message for name in names)


def test_convert_refuses_non_finite() -> None:
    with pytest.raises(UnitError):
        convert(Decimal("NaN"), parse_unit("米"), parse_unit("公里"))


def test_base_units_table_is_complete_and_consistent() -> None:
    texts = [u.text for u in BASE_UNITS]
    assert len(texts) == len(set(texts))
    for unit in BASE_UNITS:
        assert parse_unit(unit.text) == unit
        assert dimension_name(unit.dimension) in DIMENSION_NAMES.values()
    assert {DIMENSION_NAMES[d] for d in ("money", "length", "area", "volume")} == {
        "货币",
        "长度",
        "面积",
        "体积",
    }


def test_dimension_name_of_unknown_count() -> None:
    assert dimension_name("count:枚") == "数量（枚）"


@given(st.text())
def test_parse_unit_returns_or_raises_unit_error(text: str) -> None:
    try:
        unit = parse_unit(text)
    except UnitError as error:
        assert str(error)
    else:
        assert isinstance(unit, UnitOfMeasure)
        assert unit.factor > 0


_PIECES = st.sampled_from([*"十百千万亿", *(u.text for u in BASE_UNITS), "x", " ", "1"])


@given(st.lists(_PIECES, max_size=4).map("".join))
def test_parse_unit_on_unit_like_text(text: str) -> None:
    try:
        parse_unit(text)
    except UnitError as error:
        assert str(error)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    ),
    st.sampled_from(["米", "公里", "千米", "厘米", "万米"]),
    st.sampled_from(["米", "公里", "千米", "厘米", "万米"]),
)
def test_convert_round_trips(value: Decimal, src: str, dst: str) -> None:
    a, b = parse_unit(src), parse_unit(dst)
    assert convert(convert(value, a, b), b, a) == value


def test_magnitude_prefixes_are_exactly_what_the_grammar_allows() -> None:
    from itertools import product

    from generator.content.units import _MAGNITUDE_PREFIXES, _MAGNITUDE_RE

    every = {"".join(p) for n in range(5) for p in product("十百千万亿", repeat=n)}
    assert {m for m in every if _MAGNITUDE_RE.fullmatch(m)} == set(_MAGNITUDE_PREFIXES)


@given(st.lists(_PIECES, max_size=4).map("".join))
def test_unit_texts_are_what_parse_unit_accepts(text: str) -> None:
    """`UNIT_TEXTS` (the lint's lookup) holds a text exactly when parse_unit accepts it as
    written."""
    from generator.content.units import UNIT_TEXTS

    try:
        accepted = parse_unit(text).text == text
    except UnitError:
        accepted = False
    assert (text in UNIT_TEXTS) == accepted


def test_unit_texts_all_parse() -> None:
    from generator.content.units import UNIT_TEXTS

    assert all(parse_unit(t).text == t for t in UNIT_TEXTS)


def test_a_unit_is_parsed_once_and_shared() -> None:
    """parse_unit caches by text: the same immutable unit, its exact factor computed once."""
    assert parse_unit("万元") is parse_unit("万元")
    with pytest.raises(UnitError):
        parse_unit(["元"])  # type: ignore[arg-type]  # not text: an error, not a cache TypeError
