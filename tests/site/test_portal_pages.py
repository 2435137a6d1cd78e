"""The reader's portal on the example site, in its HTML: the year's summary sentence and
order, the years list with years without reports, the completeness grid, numbers as Chinese
readers write them on every page, no technical text in the public build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sites import build_example, read


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("portal-pages") / "site")


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_year_page_opens_with_a_sentence_then_reports_then_totals(example: Path) -> None:
    html = read(example, "years/2009/")
    article = html[html.index("<article") :]
    sentence = re.search(r'<p class="bl-sentence">(.*?)</p>', article, re.S)
    assert sentence is not None
    words = text(sentence[1])
    assert words.startswith("2009年，4 个结对报送了年度总结（")
    assert "另有 3 个在期结对未报告" in words
    links = re.findall(r'href="#total-([a-z-]+)"', sentence[1])
    assert len(links) == 3 and all(f'id="total-{iid}"' in article for iid in links)
    assert article.index('id="reports"') < article.index('id="totals"')
    assert "in_year_total" not in article and "value）" not in article


def test_years_list_shows_years_without_reports_and_who_went_silent(example: Path) -> None:
    html = read(example, "years/")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    row_2008 = next(r for r in rows if "2008年" in r and "无总结" in r)
    assert 'href="2008/"' not in row_2008  # no page for a year without reports
    grid = html[html.index('id="completeness"') :]
    beishida = next(r for r in re.findall(r"<tr>(.*?)</tr>", grid, re.S) if "北京师范大学" in r)
    assert "从未" in beishida and "未报告" in beishida and "已报告" not in beishida
    huadong = next(r for r in re.findall(r"<tr>(.*?)</tr>", grid, re.S) if "华东师范大学" in r)
    assert text(huadong).count("已报告") == 2 and "2009年" in huadong


@pytest.mark.parametrize(
    ("url", "shown", "never"),
    [
        ("reports/2011/pingwu-chengxiang-yiyuan/", ["70余万元", "2万余元"], ["70万余元", "20,000"]),
        ("pairings/pingwu-chengxiang-yiyuan/", ["70余万元", "2万余元"], ["70万余元", "20,000"]),
        ("reports/2009/huadong-xinjiang-shida/", ["累计6万余册"], ["6余万册"]),
        ("reports/2009/nanhui-wenshan/", ["849万元", "15万元", "其中项"], ["8,490,000", "150,000"]),
        ("indicators/delegation-size/", ["24人"], ["未汇总"]),
    ],
)
def test_numbers_are_shown_as_chinese_readers_write_them(
    example: Path, url: str, shown: list[str], never: list[str]
) -> None:
    words = text(read(example, url))
    for s in shown:
        assert s in words, (url, s)
    for s in never:
        assert s not in words, (url, s)


def test_public_pages_carry_no_technical_text(example: Path) -> None:
    for page in sorted(example.rglob("index.html")):
        if page.parent.name == "data" or "data" in page.relative_to(example).parts[:1]:
            continue  # the open-data page names the download's columns, in Chinese first
        html = page.read_text(encoding="utf-8")
        article = text(html[html.find("<article") :])
        for word in ("in_year_total", "in_cumulative_total", "Made with", "未汇总"):
            assert word not in article and word not in html, (page, word)
    assert "404 - 页面不存在" in read(example, "404.html")


def test_indicator_chart_shows_years_without_reports_as_gaps_and_says_so(example: Path) -> None:
    html = read(example, "indicators/lectures/")
    chart = html[html.index('id="chart-by-year"') :]
    chart = chart[: chart.index("</svg>")]
    labels = re.findall(r"<text[^>]*>(\d{4})年</text>", chart)
    assert labels == [str(y) for y in range(int(labels[0]), int(labels[-1]) + 1)]  # no year skipped
    assert "2008" in labels
    assert "2008年本站没有任何年度总结" in text(html)
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "2008年" in r)
    assert "未报告（本年无总结）" in row and 'href="../../years/2008/"' not in row


def test_home_leads_with_money_people_and_training(example: Path) -> None:
    html = read(example, "")
    cards = re.findall(r'<span class="bl-headline-kind">(.*?)</span>\s*(.*?)</a>', html)
    kinds = [k for k, _ in cards]
    assert kinds[:3] == ["资金", "人员", "培训"], cards
    headline = html[html.index('id="headlines"') :]
    assert "项目投入资金" in headline[: headline.index("</ul>")]
    assert ">849万元<" in headline  # the project investment, missing from the home page before
    chart = html[html.index('id="chart-years"') :]
    chart = chart[: chart.index("</svg>")]
    assert "篇" not in chart  # results over the years, not a count of reports
    assert re.search(r"<title[^>]*>[^<]*：各年度当年合计（", chart)


def test_year_page_is_introduced_by_kind_with_sector_totals_folded(example: Path) -> None:
    html = read(example, "years/2009/")
    sentence = text(re.search(r'<p class="bl-sentence">(.*?)</p>', html, re.S)[1])  # type: ignore[index]
    named = sentence[sentence.index("当年完成") :]
    assert named.startswith("当年完成项目投入资金 849万元"), named
    assert "群众会" not in named.split("等")[0]
    article = html[html.index("<article") :]
    folded = re.findall(r'<details class="bl-fold"[^>]*>(.*?)</details>', article, re.S)
    assert len(folded) == 3 and all("<table" in f for f in folded)
    unfolded = re.sub(r'<details class="bl-fold".*?</details>', "", article, flags=re.S)
    captions = re.findall(r"<caption>(.*?)</caption>", unfolded, re.S)
    assert sum("合计" in c for c in captions) == 1, captions  # one totals table in view


def test_a_region_counts_a_flow_at_its_own_level(example: Path) -> None:
    html = text(read(example, "regions/贵州省/遵义市/湄潭县/"))
    assert "贵州省 → 贵州省（本地区 1 个结对，该流向共 2 个）" in html
    province = text(read(example, "regions/贵州省/"))
    assert "贵州省 → 贵州省（本地区 2 个结对）" in province
