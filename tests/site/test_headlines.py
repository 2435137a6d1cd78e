"""Which figures lead the home page and a year's sentence (generator.site.headlines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.audience import select_audience
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site import aggregate as agg
from generator.site.headlines import DEFAULT_KINDS, leading

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_KINDS = {
    "资金": ["资金投入"],
    "人员": ["人员派驻"],
    "培训": ["人才培养"],
    "物资": ["设施设备"],
}


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, _ = load_content(REPO / "content")
    return select_audience(loaded, "public")


def names(content: Content, totals: dict[str, agg.Total], kinds: object, limit: int = 4) -> list:
    leads = leading(totals, kinds, limit, content.indicators.values())  # type: ignore[arg-type]
    return [(lead.kind, lead.indicator.name, lead.total.display) for lead in leads]


def test_configured_kinds_lead_in_their_order(content: Content) -> None:
    cumulative = agg.pairing_totals(content, content.pairings)
    assert names(content, cumulative, EXAMPLE_KINDS) == [
        ("资金", "项目投入资金", "849万元"),  # the larger money among equally wide ones
        ("人员", "派驻（支教）人员", "约125人"),
        ("培训", "专题讲座", "90余次"),
        ("物资", "捐赠设备价值", "70余万元"),
    ]


def test_default_kinds_match_categories_then_names(content: Content) -> None:
    cumulative = agg.pairing_totals(content, content.pairings)
    chosen = names(content, cumulative, DEFAULT_KINDS)
    assert [k for k, _, _ in chosen][:3] == ["资金", "人员", "培训"]
    assert chosen[0][1] == "项目投入资金"  # category 资金投入
    assert chosen[2][1] == "免费培训医务管理人员"  # no category says 培训: its name does
    assert len(chosen) == 4 and chosen[3][0] == ""  # no 物资 here: the broadest other fills in


def test_a_year_names_what_was_given_not_the_largest_count(content: Content) -> None:
    year = agg.year_totals(content, 2009)
    chosen = names(content, year, EXAMPLE_KINDS, limit=3)
    assert chosen[0] == ("资金", "项目投入资金", "849万元")
    assert all("群众会" not in name for _, name, _ in chosen)


def test_kinds_cover_the_same_indicators_every_year(content: Content) -> None:
    # 2013 reports no 人员派驻 figure: 人员 must not fall back to names with 人员 in them.
    chosen = names(content, agg.year_totals(content, 2013), {"人员": []}, limit=1)
    assert chosen and all(kind == "" for kind, _, _ in chosen), chosen  # a filler, not 人员


def test_never_a_total_of_nothing_nor_an_untotalled_indicator(content: Content) -> None:
    cumulative = agg.pairing_totals(content, content.pairings)
    for lead in leading(cumulative, {"组织": []}, 10, content.indicators.values()):
        assert lead.total.quantity is not None and lead.indicator.aggregate != "none"


def test_the_headlines_option_is_read_and_checked(tmp_path: Path) -> None:
    from generator.plugin.settings import SettingsError, open_site

    def settings(option: str) -> object:
        (tmp_path / "mkdocs.yml").write_text(
            "site_name: t\ntheme: {name: material, language: zh}\n"
            f"plugins:\n  - bulletins:\n{option}",
            encoding="utf-8",
        )
        with open_site(tmp_path / "mkdocs.yml") as s:
            return s.headlines

    assert settings("      audience: public\n") == {"资金": [], "人员": [], "培训": [], "物资": []}
    assert settings("      headlines: {物资: 设施设备, 资金: [资金投入, investment]}\n") == {
        "物资": ["设施设备"],
        "资金": ["资金投入", "investment"],
    }
    with pytest.raises(SettingsError, match="headlines 应为"):
        settings("      headlines: {资金: [[1]]}\n")
    with pytest.raises(SettingsError, match="headlines"):
        settings("      headlines: [资金]\n")


def test_the_example_site_configures_its_kinds() -> None:
    from generator.plugin.settings import open_site

    with open_site(REPO / "mkdocs.yml") as s:
        assert list(s.headlines) == ["资金", "人员", "培训", "物资"]
        assert s.headlines["物资"] == ["设施设备", "图书资料"]
