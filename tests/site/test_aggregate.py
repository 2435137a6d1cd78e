"""Totals rules of SPEC ("Totals", "Figures") on whole validated trees (generator.site.aggregate).

Figures are written the way editors write them, validated (so units are
converted the real way) and totalled: mixed units, mixed approximations,
cumulative figures followed by annual ones, `max` and `none` indicators, and an
indicator not reported in a year — which must stay "not reported", never 0.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import make_tree

from generator.content.audience import select_audience
from generator.content.figures import Approx
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site import aggregate as agg
from generator.site.charts import bars_from_totals

INDICATORS = """\
road: {name: 道路硬化, unit: 米}
money: {name: 资金, unit: 元}
lectures: {name: 专题讲座, unit: 次}
staff: {name: 派驻人员, unit: 人次}
phd: {name: 攻读博士, unit: 人}
subjects: {name: 受支援学科, unit: 个, aggregate: max}
delegation: {name: 出访人数, unit: 人, aggregate: none}
"""


def report(figures: dict[str, str]) -> str:
    if not figures:
        return "---\ntitle: 无数字的总结\n---\n\n正文。\n"
    lines = "".join(f"  {k}: {v}\n" for k, v in figures.items())
    return f"---\nfigures:\n{lines}---\n\n正文。\n"


def tree(tmp_path: Path, reports: dict[str, dict[str, str]]) -> Content:
    files: dict[str, str | bytes | None] = {
        "indicators.yml": INDICATORS,
        "units/city.yml": "name: 市医院\nkind: hospital\nregion: [云南省, 昆明市]\n",
        "units/town.yml": "name: 镇卫生院\nkind: health-centre\nregion: [云南省, 昆明市, 宜良县]\n",
        "units/uni-e.yml": "name: 华东师范大学\nkind: university\nregion: [上海市]\n",
        "units/uni-x.yml": "name: 新疆师范大学\nkind: university\nregion: [新疆维吾尔自治区]\n",
        "pairings/hosp.yml": (
            "supporters: [city]\nrecipients: [town]\nsector: health\nsince: 2010\n"
        ),
        "pairings/uni.yml": (
            "supporters: [uni-e]\nrecipients: [uni-x]\nsector: higher-education\nsince: 2005\n"
        ),
    }
    for path, figures in reports.items():
        files[f"reports/{path}.md"] = report(figures)
    content, problems = load_content(make_tree(tmp_path, files))
    assert [p for p in problems if p.severity == "error"] == []
    return select_audience(content, "public")


def shown(total: agg.Total | None) -> str:
    return total.display if total is not None else "未报告"


def test_mixed_length_units_add_in_the_indicators_unit(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"road": "3.98公里"}, "2012/uni": {"road": "20米"}})
    t = agg.year_totals(c, 2012)["road"]
    assert t.quantity is not None and t.quantity.value == Decimal(4000)
    assert t.display == "4000米"
    assert [p.figure.written for p in t.parts] == ["3.98公里", "20米"]


def test_ten_thousand_yuan_and_yuan_add_up(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"money": "70余万元"}, "2012/uni": {"money": "2万余元"}})
    t = agg.year_totals(c, 2012)["money"]
    assert t.quantity is not None and t.quantity.value == Decimal(720_000)
    assert t.quantity.approx is Approx.MORE_THAN
    assert t.display == "72余万元"  # 余 at its coarsest part's magnitude: 70余万元's 万


def test_more_than_plus_more_than_is_more_than(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"lectures": "80余次"}, "2012/uni": {"lectures": "120余"}})
    assert agg.year_totals(c, 2012)["lectures"].display == "200余次"


def test_nearly_plus_exact_is_about(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"staff": "近100人次"}, "2012/uni": {"staff": "20人次"}})
    assert agg.year_totals(c, 2012)["staff"].display == "约120人次"


def test_exact_plus_exact_stays_exact(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"staff": "100人次"}, "2012/uni": {"staff": "20人次"}})
    t = agg.year_totals(c, 2012)["staff"]
    assert t.quantity is not None and t.quantity.approx is Approx.EXACT and t.display == "120人次"


def test_cumulative_then_later_annual_counts_nothing_twice(tmp_path: Path) -> None:
    c = tree(
        tmp_path,
        {
            "2007/uni": {"phd": "5人"},  # inside the 2009 cumulative figure
            "2009/uni": {"phd": "累计26人"},
            "2010/uni": {"phd": "4人"},
            "2011/uni": {"phd": "3人"},
        },
    )
    total = agg.pairing_totals(c, ["uni"])["phd"]
    assert total.display == "33人"  # 26 + 4 + 3, not + 5
    assert [(p.report.year, p.figure.written) for p in total.parts] == [
        (2009, "累计26人"),
        (2010, "4人"),
        (2011, "3人"),
    ]
    # As of 2009 the running total is the cumulative figure alone.
    assert agg.pairing_totals(c, ["uni"], until_year=2009)["phd"].display == "26人"
    # Year totals leave the cumulative figure out: 2009 reported no annual phd figure.
    assert "phd" not in agg.year_totals(c, 2009)
    assert [p.figure.written for p in agg.cumulative_only(c, 2009)] == ["累计26人"]
    assert agg.year_totals(c, 2007)["phd"].display == "5人"


def test_group_totals_add_each_pairings_cumulative_total(tmp_path: Path) -> None:
    c = tree(
        tmp_path,
        {
            "2009/uni": {"lectures": "累计50次"},
            "2010/uni": {"lectures": "10次"},
            "2010/hosp": {"lectures": "近20次"},
        },
    )
    everything = agg.pairing_totals(c, c.pairings)["lectures"]
    assert everything.display == "约80次"  # (50 + 10) + 近20
    by_sector = agg.indicator_by_sector(c, "lectures")
    assert {k: t.display for k, t in by_sector.items()} == {
        "health": "近20次",
        "higher-education": "60次",
    }
    by_pairing = agg.indicator_by_pairing(c, "lectures")
    assert {k: t.display for k, t in by_pairing.items()} == {"hosp": "近20次", "uni": "60次"}


def test_indicator_without_figures_in_a_year_is_not_reported_never_zero(tmp_path: Path) -> None:
    c = tree(
        tmp_path,
        {
            "2011/hosp": {"lectures": "80余次"},
            "2012/hosp": {"money": "1000元"},
            "2013/hosp": {"lectures": "10次"},
        },
    )
    assert "lectures" not in agg.year_totals(c, 2012)
    series = agg.indicator_year_series(c, "lectures")
    assert [(y, shown(t)) for y, t in series] == [
        (2011, "80余次"),
        (2012, "未报告"),
        (2013, "10次"),
    ]
    bars = bars_from_totals(series, "次", suffix="年")
    assert [(b.label, b.value, b.text) for b in bars] == [
        ("2011年", Decimal(80), "80余次"),
        ("2012年", None, "未报告"),
        ("2013年", Decimal(10), "10次"),
    ]
    # An indicator never reported anywhere has no total at all.
    assert "road" not in agg.pairing_totals(c, c.pairings)
    assert agg.indicator_by_year(c, "road") == {}
    assert [t for _, t in agg.indicator_year_series(c, "road")] == [None, None, None]


def test_max_indicator_takes_the_largest_figure_ever(tmp_path: Path) -> None:
    c = tree(
        tmp_path,
        {
            "2008/uni": {"subjects": "8个"},
            "2009/uni": {"subjects": "累计5个"},
            "2010/uni": {"subjects": "6个"},
        },
    )
    assert agg.pairing_totals(c, ["uni"])["subjects"].display == "8个"
    assert len(agg.pairing_totals(c, ["uni"])["subjects"].parts) == 3
    assert agg.year_totals(c, 2010)["subjects"].display == "6个"


def test_none_indicator_is_never_totalled_but_keeps_its_parts(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"delegation": "12人"}, "2012/uni": {"delegation": "8人"}})
    t = agg.year_totals(c, 2012)["delegation"]
    assert t.quantity is None and t.display == "2项，不合计" and len(t.parts) == 2


def test_none_indicator_with_one_figure_shows_that_figure(tmp_path: Path) -> None:
    c = tree(tmp_path, {"2012/hosp": {"delegation": "24人"}})
    t = agg.year_totals(c, 2012)["delegation"]
    assert t.quantity is None and t.display == "24人"  # a value exists: never 未汇总


def test_pairing_progress_lists_running_totals(tmp_path: Path) -> None:
    c = tree(
        tmp_path,
        {
            "2007/uni": {"phd": "1人"},
            "2009/uni": {"phd": "累计约4人", "lectures": "2次"},
            "2010/uni": {},
        },
    )
    progress = agg.pairing_progress(c, "uni")
    assert list(progress) == ["phd"]  # lectures reported in one year only
    assert [(y, shown(t)) for y, t in progress["phd"]] == [
        (2007, "1人"),
        (2009, "约4人"),
        (2010, "约4人"),
    ]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_indicator_views_agree_with_year_and_pairing_totals(audience: str) -> None:
    """The per-indicator shortcuts give exactly what the general functions give, on the example
    content."""
    root = Path(__file__).resolve().parents[2] / "content"
    content, _ = load_content(root)
    c = select_audience(content, audience)
    for iid in c.indicators:
        by_year = agg.indicator_by_year(c, iid)
        for y in agg.years(c):
            assert by_year.get(y) == agg.year_totals(c, y).get(iid)
        by_pairing = agg.indicator_by_pairing(c, iid)
        for pid in c.pairings:
            assert by_pairing.get(pid) == agg.pairing_totals(c, [pid]).get(iid)
        by_sector = agg.indicator_by_sector(c, iid)
        for sid in c.sectors:
            expected = agg.pairing_totals(c, [p.id for p in agg.sector_pairings(c, sid)]).get(iid)
            got = by_sector.get(sid)
            assert (
                (got.quantity, set(got.parts)) == (expected.quantity, set(expected.parts))
                if expected
                else got is None
            )


def _progress_by_general_totals(
    c: Content, pid: str
) -> dict[str, list[tuple[int, agg.Total | None]]]:
    """`pairing_progress` as its definition reads: `pairing_totals` as of each report year."""
    report_years = sorted(r.year for r in c.reports if r.pairing == pid)
    years_of: dict[str, set[int]] = {}
    for r in c.reports:
        if r.pairing == pid:
            for f in r.figures:
                years_of.setdefault(f.indicator, set()).add(r.year)
    wanted = [iid for iid in c.indicators if len(years_of.get(iid, ())) >= 2]
    as_of = {y: agg.pairing_totals(c, [pid], until_year=y) for y in report_years}
    return {iid: [(y, as_of[y].get(iid)) for y in report_years] for iid in wanted}


def test_pairing_progress_is_pairing_totals_as_of_each_year(tmp_path: Path) -> None:
    """Kept up to date year by year, it gives exactly the Totals of a recomputation per year:
    cumulative figures replacing earlier ones, `max` and `none` indicators, years without
    figures."""
    c = tree(
        tmp_path,
        {
            "2006/uni": {"phd": "2人", "subjects": "3个", "delegation": "5人", "money": "1.5万元"},
            "2007/uni": {"phd": "近3人", "subjects": "6个", "money": "3.98万元", "road": "1.2公里"},
            "2008/uni": {},
            "2009/uni": {
                "phd": "累计约8人",
                "subjects": "累计6个",
                "delegation": "累计12人",
                "road": "300米",
            },
            "2010/uni": {"phd": "1人", "subjects": "5个", "delegation": "3人", "money": "200余元"},
            "2011/uni": {"phd": "累计12人", "money": "累计10万元"},
            "2012/uni": {"phd": "2余人", "money": "5元"},
        },
    )
    assert agg.pairing_progress(c, "uni") == _progress_by_general_totals(c, "uni")
    root = Path(__file__).resolve().parents[2] / "content"
    example = select_audience(load_content(root)[0], "internal")
    for pid in example.pairings:
        assert agg.pairing_progress(example, pid) == _progress_by_general_totals(example, pid)
