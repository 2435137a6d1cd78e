"""The shipped example content (content/): clean in both audiences, and all ten seed summaries.

The facts checked are the distinctive numbers and names of each seed summary
(篇一…篇十, see content/README.md for which file holds which), read through the
validator, so a figure that stops parsing or converting fails here too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.audience import select_audience
from generator.content.figures import Approx, Basis
from generator.content.model import Content, Figure
from generator.content.validate import load_content

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, problems = load_content(CONTENT, "internal")
    assert [p.format() for p in problems] == []
    return loaded


def figure(content: Content, year: int, pairing: str, indicator: str) -> Figure:
    report = next(r for r in content.reports if (r.year, r.pairing) == (year, pairing))
    found = {f.indicator: f for f in report.figures}
    assert indicator in found, f"{year}/{pairing} has no figure {indicator}: {sorted(found)}"
    return found[indicator]


def names(content: Content, pairing: str) -> tuple[list[str], list[str]]:
    p = content.pairings[pairing]
    return [content.units[u].name for u in p.supporters], [
        content.units[u].name for u in p.recipients
    ]


def report_keys(content: Content) -> set[tuple[int, str]]:
    return {r.key for r in content.reports}


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_shipped_content_has_no_problem_in_either_audience(audience):
    _, problems = load_content(CONTENT, audience)
    assert [p.format() for p in problems] == []


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_bulletins_check_passes_on_the_shipped_content(audience, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    result = CliRunner().invoke(main, ["check", "--audience", audience, "--content", "content"])
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_sizes_as_the_readme_says(content):
    assert (len(content.units), len(content.pairings), len(content.reports)) == (28, 14, 14)


def test_at_least_one_internal_record_and_one_draft(content):
    assert content.pairings["jiangjin-longshan-zhijiao"].visibility == "internal"
    assert {u.id for u in content.units.values() if u.visibility == "internal"} >= {
        "jiangjin-shiyan-xiaoxue",
        "longshan-zhongxin-xiaoxue",
    }
    assert [r.key for r in content.reports if r.status == "draft"] == [
        (2009, "beishida-xinjiang-shida")
    ]
    public = select_audience(content, "public")
    assert "jiangjin-longshan-zhijiao" not in public.pairings
    assert (2009, "jiangjin-longshan-zhijiao") not in report_keys(public)
    assert (2009, "beishida-xinjiang-shida") not in report_keys(public)
    assert all(u.contact is None for u in public.units.values())


def test_seed_1_xinhua_school(content):
    supporters, recipients = names(content, "yanshan-shiyan-xinhua")
    assert recipients == ["新华小学"]
    assert (2010, "yanshan-shiyan-xinhua") in report_keys(content)
    assert figure(content, 2010, "yanshan-shiyan-xinhua", "staff-dispatched").value == 2


def test_seed_2_county_hospitals(content):
    def f(indicator: str) -> Figure:
        return figure(content, 2011, "pingwu-chengxiang-yiyuan", indicator)

    assert (f("lectures").written, f("lectures").value, f("lectures").approx) == (
        "80余次",
        80,
        Approx.MORE_THAN,
    )
    assert (f("ward-rounds").written, f("ward-rounds").value) == ("120余", 120)
    assert f("case-discussions").written == f("surgery-demonstrations").written == "30余次"
    assert (f("training-fee-waived").written, f("training-fee-waived").value) == ("2万余元", 20000)
    for device in ("shadowless-lamps", "gastroscopes", "colonoscopes"):
        assert f(device).written == "2台"
    equipment = f("equipment-value")
    assert (equipment.written, equipment.value, equipment.approx) == (
        "70余万元",
        700000,
        Approx.MORE_THAN,
    )
    assert (f("staff-dispatched").written, f("staff-dispatched").approx) == (
        "近100人",
        Approx.NEARLY,
    )
    _, recipients = names(content, "pingwu-chengxiang-yiyuan")
    assert any("平通镇中心卫生院" in n for n in recipients) and any("木里" in n for n in recipients)


def test_seed_3_fangwang_and_jinma(content):
    assert names(content, "jinma-fangwang") == (["金马中心学校"], ["方旺中心学校"])
    report = next(r for r in content.reports if r.key == (2014, "jinma-fangwang"))
    assert report.author == "fangwang-zhongxin-xuexiao"


def test_seed_4_yiliang_red_cross_hospital(content):
    supporters, recipients = names(content, "yiliang-hongshizihui-xiangzhen")
    assert supporters == ["宜良县红十字会医院"]
    assert len(recipients) == 2
    assert any("竹山" in n for n in recipients) and any("草甸" in n for n in recipients)
    assert figure(content, 2013, "yiliang-hongshizihui-xiangzhen", "units-supported").value == 2


def test_seed_5_songshuping_and_shazipo_villages(content):
    assert any("松树坪村" in n for n in names(content, "nanhui-songshuping")[1])
    assert any("沙子坡村" in n for n in names(content, "nanhui-shazipo")[1])
    road = figure(content, 2009, "nanhui-shazipo", "road-hardened")
    assert (road.written, road.value) == ("3.98公里", Decimal("3980"))  # converted to 米
    excavated = figure(content, 2009, "nanhui-songshuping", "road-excavated")
    assert (excavated.written, excavated.value) == ("1,120米", 1120)
    assert figure(content, 2009, "nanhui-songshuping", "walnut-planted").written == "580亩"
    assert figure(content, 2009, "nanhui-wenshan", "investment").value == 8_490_000
    assert figure(content, 2009, "nanhui-wenshan", "shanghai-funds").value == 800_000


def test_seed_6_meitan_project_has_ended(content):
    pairing = content.pairings["meitan-zhongyiyuan-xinglong"]
    assert pairing.until is not None and pairing.until.year == 2012
    assert figure(content, 2012, "meitan-zhongyiyuan-xinglong", "lectures").written == "10多次"


def test_seed_7_teacher_reflection_is_internal(content):
    report = next(r for r in content.reports if r.key == (2009, "jiangjin-longshan-zhijiao"))
    assert report.visibility == "internal"
    assert "支教" in report.body


def test_seed_8_zhongshan_trainees(content):
    trainees = figure(content, 2014, "zhongshan-dahe", "trainees")
    assert (trainees.written, trainees.value) == ("112人次", 112)


def test_seed_9_weiyuan_staff_dispatched(content):
    staff = figure(content, 2015, "weiyuan-huichuan", "staff-dispatched")
    assert (staff.written, staff.value) == ("19名", 19)


def test_seed_10_ecnu_supports_xinjiang_normal_university(content):
    assert names(content, "huadong-xinjiang-shida") == (["华东师范大学"], ["新疆师范大学"])

    def f(indicator: str) -> Figure:
        return figure(content, 2009, "huadong-xinjiang-shida", indicator)

    assert (f("phd-enrolled").written, f("phd-enrolled").value, f("phd-enrolled").basis) == (
        "累计26人",
        26,
        Basis.CUMULATIVE,
    )
    assert (f("masters-enrolled").value, f("masters-enrolled").basis) == (22, Basis.CUMULATIVE)
    assert (f("visiting-lecturers").value, f("visiting-lecturers").basis) == (20, Basis.CUMULATIVE)
    books = f("books-donated")
    assert (books.value, books.approx, books.basis) == (60000, Approx.MORE_THAN, Basis.CUMULATIVE)
    # spelled out as {value: 6, unit: 万册, approx: more-than}: 六万余册, never 6余万册
    assert books.written == "累计6万余册"
    assert (2007, "huadong-xinjiang-shida") in report_keys(content)
