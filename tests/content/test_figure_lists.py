"""Several figures for one indicator in one report (SPEC, "Figures"): a list, each part with
an optional label, shown each on the report page, added in totals, one row each in open data,
and compared one by one with the narrative (W601). A duplicate key offers the list form."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from helpers import make_tree, problems_of
from sites import read, write_site

from generator.cli.build import build_site
from generator.content.validate import load_content
from generator.site import aggregate as agg

INDICATORS = (
    "trainees:\n  name: 培训人次\n  unit: 人次\n"
    "road-hardened:\n  name: 硬化道路\n  unit: 米\n"
    "lectures:\n  name: 专题讲座\n  unit: 次\n"
)
UNITS = {
    "units/a-school.yml": "name: 甲学校\nkind: school\n",
    "units/b-school.yml": "name: 乙学校\nkind: school\n",
    "pairings/a-b.yml": (
        "supporters: [a-school]\nrecipients: [b-school]\nsector: education\nsince: 2010\n"
    ),
}
BODY = "开展种植技术培训450人次，养殖技术培训350人次，电商培训100人次。硬化道路3.98公里。\n"


def report(figures: str, body: str = BODY) -> str:
    return f"---\nfigures:\n{figures}---\n\n{body}"


def tree(figures: str, body: str = BODY, year: int = 2012) -> dict[str, str]:
    return {
        "indicators.yml": INDICATORS,
        **UNITS,
        f"reports/{year}/a-b.md": report(figures, body),
    }


LIST = (
    "  trainees: [450人次 种植技术, 350人次 养殖技术, 100人次]\n"
    "  road-hardened:\n"
    "    - {value: 2.5, unit: 公里, label: 甲村}\n"
    "    - {value: 1480, label: 乙村}\n"
)


def test_list_form_gives_one_figure_per_part_with_label(tmp_path: Path) -> None:
    content, problems = load_content(make_tree(tmp_path, tree(LIST)))
    assert problems == []
    (r,) = content.reports
    shown = [(f.indicator, f.written, f.value, f.label, f.part) for f in r.figures]
    assert shown == [
        ("trainees", "450人次", Decimal(450), "种植技术", 1),
        ("trainees", "350人次", Decimal(350), "养殖技术", 2),
        ("trainees", "100人次", Decimal(100), None, 3),
        ("road-hardened", "2.5公里", Decimal(2500), "甲村", 1),
        ("road-hardened", "1480", Decimal(1480), "乙村", 2),
    ]
    assert [f.source.line for f in r.figures] == [3, 3, 3, 5, 6]


def test_unit_written_apart_stays_with_its_number(tmp_path: Path) -> None:
    content, problems = load_content(
        make_tree(tmp_path, tree("  trainees: [450 人次 种植 技术, 近100人次]\n"))
    )
    assert [p for p in problems if p.severity == "error"] == []
    parts = [(f.written, f.label) for f in content.reports[0].figures]
    assert parts == [("450 人次", "种植 技术"), ("近100人次", None)]


def test_totals_add_the_parts(tmp_path: Path) -> None:
    files = tree(LIST)
    files["reports/2013/a-b.md"] = report("  trainees: [累计1000人次 种植, 累计200人次 养殖]\n", "")
    files["reports/2014/a-b.md"] = report("  trainees: [40人次, 60人次]\n", "")
    content, problems = load_content(make_tree(tmp_path, files))
    assert problems == []
    year = agg.totals(
        agg.annual(p for p in agg.all_parts(content) if p.report.year == 2012), content
    )
    assert year["trainees"].quantity is not None
    assert year["trainees"].quantity.value == 900
    assert year["road-hardened"].quantity is not None
    assert year["road-hardened"].quantity.value == Decimal(3980)
    # Cumulative: both parts of 2013's running total, plus 2014's annual parts.
    total = agg.pairing_totals(content, ["a-b"])["trainees"]
    assert total.quantity is not None and total.quantity.value == 1300
    assert len(total.parts) == 4
    progress = agg.pairing_progress(content, "a-b")["trainees"]
    assert [(y, t.quantity.value if t and t.quantity else None) for y, t in progress] == [
        (2012, 900),
        (2013, 1200),
        (2014, 1300),
    ]


def test_duplicate_figure_key_offers_the_list_form(tmp_path: Path) -> None:
    files = tree("  trainees: 450人次\n  trainees: 350人次\n")
    problems = problems_of(tmp_path, files, base=False)
    (p,) = [p for p in problems if p.code == "E103"]
    assert p.line == 4
    assert "写成列表" in p.message
    assert "trainees: [450人次 种植技术, 350人次 养殖技术, 100人次]" in p.message
    assert "删去" not in p.message


def test_duplicate_key_elsewhere_never_says_delete_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, {"units/a-school.yml": "name: 甲\nkind: school\nname: 乙\n"})
    (p,) = [p for p in problems if p.code == "E103"]
    assert "删去其中一个" not in p.message and "合并" in p.message


def test_bad_list_items_are_errors_with_their_line(tmp_path: Path) -> None:
    files = tree("  trainees:\n    - 450人次\n    - 3.98公里 错\n    - [1]\n  lectures: []\n")
    problems = problems_of(tmp_path, files, base=False)
    got = sorted((p.line, p.code) for p in problems if p.severity == "error")
    assert got == [(5, "E403"), (6, "E203"), (7, "E203")]


def test_w601_compares_the_text_with_each_part(tmp_path: Path) -> None:
    # Every part in the text: no warning.
    assert [p for p in problems_of(tmp_path / "a", tree(LIST), base=False)] == []
    # Only the sum given by hand: the text's three courses each disagree with 900.
    summed = tree("  trainees: 900人次\n")
    w = [p for p in problems_of(tmp_path / "b", summed, base=False) if p.code == "W601"]
    assert len(w) == 3
    # A typo in one part: the mention that fits no part is warned, the others are not.
    typo = tree("  trainees: [450人次, 350人次, 10人次]\n")
    w = [p for p in problems_of(tmp_path / "c", typo, base=False) if p.code == "W601"]
    assert len(w) == 1
    assert "电商培训100人次" in w[0].message and "10人次" in w[0].message
    # The text gives only the total of the parts: it agrees.
    total = tree("  trainees: [450人次, 350人次, 100人次]\n", "全年培训900人次。\n")
    assert [p for p in problems_of(tmp_path / "d", total, base=False)] == []


def test_report_page_and_open_data_show_each_part(tmp_path: Path) -> None:
    config = write_site(tmp_path, tree(LIST, year=2012))
    site = Path(build_site(str(config), str(tmp_path / "site")))
    html = read(site, "reports/2012/a-b/")
    for written, label in (("450人次", "种植技术"), ("350人次", "养殖技术"), ("2.5公里", "甲村")):
        row = html[html.index(f">{written}<") :]
        row = row[: row.index("</tr>")]
        assert label in row
    assert html.count('data-indicator="trainees"') == 3
    year_page = read(site, "years/2012/")
    assert 'data-value="900"' in year_page
    data = (site / "data" / "figures.csv").read_bytes().decode("utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(data)) if r["indicator"] == "trainees"]
    assert [(r["part"], r["written"], r["value"], r["label"]) for r in rows] == [
        ("1", "450人次", "450", "种植技术"),
        ("2", "350人次", "350", "养殖技术"),
        ("3", "100人次", "100", ""),
    ]


def test_the_guide_covers_lists_new_indicator_and_the_import_comments() -> None:
    from generator.site.guide import render_guide_markdown

    guide = render_guide_markdown()
    assert "### 同一指标有几项数字" in guide
    assert "trainees: [450人次 种植技术, 350人次 养殖技术, 100人次]" in guide
    assert "### 新增指标" in guide and "bulletins new indicator" in guide
    assert "导入写在 YAML 头里的注释分三类" in guide and "？" in guide


def test_a_total_lists_each_part_with_its_label(tmp_path: Path) -> None:
    config = write_site(tmp_path, tree(LIST, year=2012))
    site = Path(build_site(str(config), str(tmp_path / "site")))
    page = read(site, "years/2012/")
    parts = page[page.index('<details class="bl-parts">') :]
    parts = parts[: parts.index("</details>")]
    assert "450人次（种植技术）" in parts and "350人次（养殖技术）" in parts
