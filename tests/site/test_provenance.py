"""A report's source document (`source:`) and an indicator's `part_of`: checked with file,
line and field, and shown on the pages."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from helpers import problems_of
from sites import SMALL, read, write_site

from generator.cli.build import build_site

C = "content/"
R = "reports/2012/a-b.md"


def report(front: str) -> str:
    return f"---\nauthor: a-school\n{front}---\n正文。\n"


@pytest.mark.parametrize(
    "source", ["pages/2012-zongjie.pdf", "https://example.org/zongjie.pdf", "pages/年报/2012.docx"]
)
def test_a_source_file_or_url_is_accepted(tmp_path: Path, source: str) -> None:
    files = {R: report(f"source: {source}\n"), "pages/2012-zongjie.pdf": b"%PDF-1.4\n%%EOF\n"}
    files["pages/年报/2012.docx"] = b"PK\x03\x04"
    assert [p for p in problems_of(tmp_path, files) if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("javascript:alert(1)", "应为 pages/ 下的文件"),
        ("pages/../mkdocs.yml", "应为 pages/ 下的文件"),
        ("/etc/passwd", "应为 pages/ 下的文件"),
        ("pages/missing.pdf", "原始文件 “pages/missing.pdf” 不存在"),
    ],
)
def test_a_bad_source_names_file_line_and_field(tmp_path: Path, source: str, words: str) -> None:
    found = [
        p for p in problems_of(tmp_path, {R: report(f"source: {source}\n")}) if p.code == "E206"
    ]
    assert len(found) == 1
    p = found[0]
    assert (p.path, p.line) == (C + R, 3) and words in p.message and "source" in p.message + words


def test_part_of_must_name_another_indicator(tmp_path: Path) -> None:
    text = (
        "lectures:\n  name: 专题讲座\n  unit: 次\n  part_of: lecture\nroad-hardened:\n  name: "
        "硬化道路\n  unit: 米\n"
    )
    found = [p for p in problems_of(tmp_path, {"indicators.yml": text}) if p.code == "E310"]
    assert len(found) == 1
    assert (found[0].path, found[0].line) == (C + "indicators.yml", 4)
    assert "part_of" in found[0].message and "“lectures”" in found[0].message
    itself = "lectures:\n  name: 专题讲座\n  unit: 次\n  part_of: lectures\n"
    found = [p for p in problems_of(tmp_path, {"indicators.yml": itself}) if p.code == "E310"]
    assert len(found) == 1 and "不能是它自己" in found[0].message


def test_report_page_links_its_source_and_shows_its_date(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["reports/2015/hosp-a.md"] = str(SMALL["reports/2015/hosp-a.md"]).replace(
        "published: 2016-01-10\n", "published: 2016-01-10\nsource: pages/hosp-a-2015.pdf\n"
    )
    files["reports/2015/uni.md"] = str(SMALL["reports/2015/uni.md"]).replace(
        "---\nfigures:", "---\nsource: https://example.org/uni-2015.pdf\nfigures:"
    )
    files["pages/hosp-a-2015.pdf"] = b"%PDF-1.4\n%%EOF\n"
    files["indicators.yml"] = str(SMALL["indicators.yml"]) + (
        "equipment-part: {name: 其中医疗设备, unit: 元, category: 设施设备, part_of: "
        "equipment-value}\n"
    )
    site = build_site(str(write_site(tmp_path, files)), str(tmp_path / "site"))
    html = read(site, "reports/2015/hosp-a/")
    assert "原始文件" in html and 'href="../../../hosp-a-2015.pdf"' in html
    assert (site / "hosp-a-2015.pdf").is_file()
    assert "发布日期" in html and "2016年1月10日" in html
    assert 'href="https://example.org/uni-2015.pdf"' in read(site, "reports/2015/uni/")
    parent = read(site, "indicators/equipment-value/")
    assert "其中" in parent and "其中医疗设备" in parent
    child = urllib.parse.unquote(read(site, "indicators/equipment-part/"))
    assert "是" in child and "设备价值" in child and "其中项" in child


def test_an_internal_reports_source_stays_out_of_the_public_build(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["reports/2016/uni.md"] = str(SMALL["reports/2016/uni.md"]).replace(
        "---\nfigures:", "---\nvisibility: internal\nsource: pages/uni-2016.pdf\nfigures:"
    )
    files["pages/uni-2016.pdf"] = b"%PDF-1.4\n%%EOF\n"
    site = build_site(str(write_site(tmp_path, files)), str(tmp_path / "site"))
    assert not (site / "uni-2016.pdf").exists()
    internal = build_site(
        str(write_site(tmp_path / "i", files, audience="internal")), str(tmp_path / "isite")
    )
    assert (internal / "uni-2016.pdf").is_file()
