"""One test per problem code of `generator.content.problems.CODES`: code, path, line (and column).

Each test starts from the minimal valid tree `helpers.BASE`, breaks one thing and
asserts the *complete* list of problems, so a rule that also drags in follow-up
errors (a cascade) fails here too. W601 (the narrative lint) has its own tests.
"""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from helpers import make_tree, problems_of

from generator.cli import main
from generator.content.problems import CODES, Problem

R = "reports/2012/a-b.md"
C = "content/"


def where(problems: list[Problem]) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.code) for p in problems]


def one(problems: list[Problem], code: str) -> Problem:
    """The single problem of a tree broken in one place."""
    assert [p.code for p in problems] == [code], [p.format() for p in problems]
    return problems[0]


def pairing(**fields: str | None) -> str:
    base = {
        "supporters": "[a-school]",
        "recipients": "[b-school]",
        "sector": "education",
        "since": "2010",
    }
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v is not None)


def report(front: str, body: str = "正文。\n") -> str:
    return f"---\n{front}---\n{body}"


# ---------------------------------------------------------------- clean input


def test_base_tree_is_clean(tmp_path):
    assert problems_of(tmp_path, {}) == []


def test_bom_and_crlf_are_accepted(tmp_path):
    files = {
        "units/a-school.yml": (
            b"\xef\xbb\xbfname: \xe7\x94\xb2\xe5\xad\xa6\xe6\xa0\xa1\r\nkind: school\r\n"
        ),
        "pairings/a-b.yml": "\ufeff" + pairing().replace("\n", "\r\n"),
        R: ("\ufeff" + report("author: a-school\nfigures:\n  lectures: 80余次\n")).replace(
            "\n", "\r\n"
        ),
    }
    assert problems_of(tmp_path, files) == []


# ---------------------------------------------------------------- E1xx files


def test_e101_gbk_file(tmp_path):
    data = b"kind: school\nname: " + "甲学校".encode("gbk") + b"\n"
    p = one(problems_of(tmp_path, {"units/a-school.yml": data}), "E101")
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 2, 7)
    assert "UTF-8" in p.message and "GBK" in p.message


def test_e102_yaml_syntax_error_points_at_the_open_bracket(tmp_path):
    text = "name: 甲学校\nkind: school\nregion: [云南省, 文山州\n"
    p = one(problems_of(tmp_path, {"units/a-school.yml": text}), "E102")
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 3, 9)


def test_e102_in_front_matter_counts_file_lines(tmp_path):
    p = one(problems_of(tmp_path, {R: report("author: a-school\ntitle: a: b\n")}), "E102")
    assert (p.path, p.line) == (C + R, 3)


def test_e103_duplicate_key_at_the_second_key(tmp_path):
    p = one(
        problems_of(tmp_path, {"units/a-school.yml": "name: 甲\nkind: school\nname: 乙\n"}), "E103"
    )
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 3, 1)
    assert "第 1 行" in p.message


def test_e104_top_level_list(tmp_path):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": "- supporters: [a-school]\n"}), "E104")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 1, 1)


@pytest.mark.parametrize("name", ["A-School", "新疆师大", "a.b", "a b", "-a", "a_b"])
def test_e105_bad_id_file_names(tmp_path, name):
    p = one(problems_of(tmp_path, {f"units/{name}.yml": "name: 丙\nkind: school\n"}), "E105")
    assert (p.path, p.line, p.col) == (f"{C}units/{name}.yml", 1, 1)
    assert name in p.message


def test_e105_bad_report_folder_and_name(tmp_path):
    problems = problems_of(tmp_path, {"reports/20x1/a-b.md": "x\n", "reports/2012/A-B.md": "x\n"})
    assert where(problems) == [
        (C + "reports/2012/A-B.md", 1, 1, "E105"),
        (C + "reports/20x1", 1, 1, "E105"),
    ]


def test_e106_unclosed_front_matter(tmp_path):
    p = one(problems_of(tmp_path, {R: "---\nauthor: a-school\n正文\n"}), "E106")
    assert (p.path, p.line, p.col) == (C + R, 1, 1)


def test_e107_stray_file(tmp_path):
    problems = problems_of(tmp_path, {"units/readme.txt": "x", "reports/2012/notes.docx": b"PK"})
    assert where(problems) == [
        (C + "reports/2012/notes.docx", 1, 1, "E107"),
        (C + "units/readme.txt", 1, 1, "E107"),
    ]


def test_e108_alias_bomb(tmp_path):
    lines = ["name: 甲学校", "kind: school", "contact:", "  a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, cur in zip("abcde", "bcdef", strict=True):
        lines.append(f"  {cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    p = one(problems_of(tmp_path, {"units/a-school.yml": "\n".join(lines) + "\n"}), "E108")
    assert p.path == C + "units/a-school.yml"
    assert 4 <= p.line <= 9  # where the expansion crossed the bound


def test_e108_nesting_too_deep(tmp_path):
    text = "name: 甲学校\nkind: school\ncontact: " + "[" * 70 + "]" * 70 + "\n"
    p = one(problems_of(tmp_path, {"units/a-school.yml": text}), "E108")
    assert (p.path, p.line) == (C + "units/a-school.yml", 3)


@pytest.mark.parametrize("opener", ["[", "{a: "], ids=["flow-list", "flow-map"])
def test_e108_nesting_too_deep_for_the_parser(tmp_path, opener):
    # Deep enough to exhaust the YAML parser's recursion: still a problem, not a crash.
    text = "name: 甲学校\nkind: school\ncontact: " + opener * 1200 + "\n"
    p = one(problems_of(tmp_path, {"units/a-school.yml": text}), "E108")
    assert p.path == C + "units/a-school.yml"


@pytest.mark.parametrize(
    "name",
    ["about.md~", "about.md.bak", "about.orig", "secret.markdown", "secret.mdown", "secret.mkd"]
    + ["secret.mkdn", "x.html", "logo.svg", "assets/stylesheets/bulletins.css", "notes.txt"],
)
def test_e109_file_type_not_published(tmp_path, name):
    p = one(problems_of(tmp_path, {f"pages/{name}": "<script>alert(1)</script>\n"}), "E109")
    assert (p.path, p.line, p.col) == (C + f"pages/{name}", 1, 1)
    assert "不发布" in p.message or ".md" in p.message


def test_e109_attachments_of_listed_types_pass(tmp_path):
    files = {"pages/files/a.pdf": b"%PDF-1.4", "pages/logo.png": b"\x89PNG", "pages/t.docx": b"PK"}
    assert problems_of(tmp_path, files) == []


@pytest.mark.parametrize("where_", ["pages/passwd.txt", "pages/p.png", "units/c-school.yml"])
def test_e110_symlink_leading_outside(tmp_path, where_):
    outside = tmp_path / "outside.yml"
    outside.write_text("name: 外\nkind: school\n", encoding="utf-8")
    root = make_tree(tmp_path, {}, base=True)
    (root / where_).parent.mkdir(parents=True, exist_ok=True)
    (root / where_).symlink_to(outside)
    from generator.content.validate import load_content

    content, problems = load_content(root)
    p = one(problems, "E110")
    assert (p.path, p.line) == (C + where_, 1)
    assert "c-school" not in content.units and content.assets == ()


def test_e110_symlinked_folder_leading_outside(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.pdf").write_bytes(b"%PDF")
    root = make_tree(tmp_path, {}, base=True)
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "docs").symlink_to(tmp_path / "elsewhere")
    p = one(problems_of(tmp_path, {}), "E110")
    assert p.path == C + "pages/docs"


def test_e110_symlink_inside_content_is_refused_too(tmp_path):
    """Issue 21: a link inside content/ can give an internal record a public file's name."""
    root = make_tree(tmp_path, {"pages/a.pdf": b"%PDF"}, base=True)
    (root / "pages" / "b.pdf").symlink_to(root / "pages" / "a.pdf")
    p = one(problems_of(tmp_path, {}), "E110")
    assert (p.path, p.line) == (C + "pages/b.pdf", 1)


def test_e112_fifo_is_not_opened(tmp_path):
    import os

    root = make_tree(tmp_path, {}, base=True)
    os.mkfifo(root / "reports" / "2012" / "c-d.md")
    p = one(problems_of(tmp_path, {}), "E112")
    assert (p.path, p.line) == (C + "reports/2012/c-d.md", 1)


def test_e313_two_regions_one_address(tmp_path):
    files = {
        "units/a-school.yml": "name: 甲学校\nkind: school\nregion: [甲/乙]\n",
        "units/b-school.yml": "name: 乙学校\nkind: school\nregion:\n  - 云南省\n  - 昆明市\n",
        "units/c-school.yml": "name: 丙学校\nkind: school\nregion: [甲-乙]\n",
    }
    p = one(problems_of(tmp_path, files), "E313")
    assert (p.path, p.line, p.col) == (C + "units/c-school.yml", 3, 10)
    assert C + "units/a-school.yml 第 3 行" in p.message and "regions/甲-乙/" in p.message


@pytest.mark.parametrize(
    "region", ["[index]", "[云南省, Index.html]", "[" + "长" * 70 + "]", "[a, b, c, d, e, f, g]"]
)
def test_e314_region_name_that_cannot_be_a_file_name(tmp_path, region):
    files = {"units/a-school.yml": f"name: 甲学校\nkind: school\nregion: {region}\n"}
    p = one(problems_of(tmp_path, files), "E314")
    assert (p.path, p.line) == (C + "units/a-school.yml", 3)


@pytest.mark.parametrize("name", ["index", "units", "reports", "search"])
def test_e111_reserved_page_name(tmp_path, name):
    p = one(problems_of(tmp_path, {f"pages/{name}.md": "# 页面\n"}), "E111")
    assert (p.path, p.line) == (C + f"pages/{name}.md", 1)


# ---------------------------------------------------------------- E2xx fields


def test_e201_missing_required(tmp_path):
    p = one(problems_of(tmp_path, {"units/a-school.yml": "kind: school\n"}), "E201")
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 1, 1)
    assert "name" in p.message


def test_e202_unknown_field_suggests_nearest(tmp_path):
    text = pairing(recipients=None) + "recipent: [b-school]\n"
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": text}), "E202")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 4, 1)
    assert "recipent" in p.message and "“recipients”" in p.message


def test_e203_wrong_type(tmp_path):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": pairing(supporters="a-school")}), "E203")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 1, 13)
    assert "列表" in p.message


def test_e204_bad_choice_suggests_nearest(tmp_path):
    p = one(
        problems_of(tmp_path, {"units/a-school.yml": "name: 甲学校\nkind: universty\n"}), "E204"
    )
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 2, 7)
    assert "“university”" in p.message


@pytest.mark.parametrize("since", ["2010年5月", "2010-13", "2010-02-30", "'10'"])
def test_e205_bad_date(tmp_path, since):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": pairing(since=since)}), "E205")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 4, 8)


def test_e206_javascript_url(tmp_path):
    text = "name: 甲学校\nkind: school\nwebsite: javascript:alert(1)\n"
    p = one(problems_of(tmp_path, {"units/a-school.yml": text}), "E206")
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 3, 10)


def test_e207_empty_list(tmp_path):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": pairing(recipients="[]")}), "E207")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 2, 13)


def test_e208_empty_text(tmp_path):
    p = one(problems_of(tmp_path, {"units/a-school.yml": "name: ''\nkind: school\n"}), "E208")
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 1, 7)


# ---------------------------------------------------------------- E3xx references


def test_e301_unknown_unit(tmp_path):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": pairing(recipients="[b-schol]")}), "E301")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 2, 14)
    assert "“b-school”" in p.message


def test_e301_not_reported_for_a_unit_file_that_is_merely_broken(tmp_path):
    # The unit exists but is GBK: one E101 for the unit, no E301 in the pairing.
    gbk = "name: 甲学校\nkind: school\n".encode("gbk")
    assert [p.code for p in problems_of(tmp_path, {"units/a-school.yml": gbk})] == ["E101"]


def test_e302_unit_on_both_sides(tmp_path):
    p = one(
        problems_of(tmp_path, {"pairings/a-b.yml": pairing(recipients="[b-school, a-school]")}),
        "E302",
    )
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 2, 24)


def test_e303_pairing_mismatch(tmp_path):
    p = one(problems_of(tmp_path, {R: report("pairing: other\n")}), "E303")
    assert (p.path, p.line, p.col) == (C + R, 2, 10)


def test_e304_year_mismatch(tmp_path):
    p = one(problems_of(tmp_path, {R: report("author: a-school\nyear: 2013\n")}), "E304")
    assert (p.path, p.line, p.col) == (C + R, 3, 7)


def test_e305_author_not_in_pairing(tmp_path):
    p = one(problems_of(tmp_path, {R: report("author: c-school\n")}), "E305")
    assert (p.path, p.line, p.col) == (C + R, 2, 9)


def test_e306_year_outside_period(tmp_path):
    p = one(problems_of(tmp_path, {"reports/2009/a-b.md": "正文\n"}), "E306")
    assert (p.path, p.line) == (C + "reports/2009/a-b.md", 1)
    assert "2009" in p.message


def test_e307_until_before_since(tmp_path):
    p = one(
        problems_of(tmp_path, {"pairings/a-b.yml": pairing(since="2016") + "until: 2015\n"}), "E307"
    )
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 5, 8)


def test_e308_report_for_unknown_pairing(tmp_path):
    p = one(problems_of(tmp_path, {"reports/2012/a-c.md": "正文\n"}), "E308")
    assert (p.path, p.line) == (C + "reports/2012/a-c.md", 1)
    assert "“a-b”" in p.message


def test_e309_public_pairing_names_internal_unit_in_public_audience_only(tmp_path):
    files = {"units/b-school.yml": "name: 乙学校\nkind: school\nvisibility: internal\n"}
    p = one(problems_of(tmp_path, files, audience="public"), "E309")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 2, 14)
    assert "b-school" in p.message
    assert problems_of(tmp_path / "internal", files, audience="internal") == []
    assert problems_of(tmp_path / "none", files) == []


def test_e309_public_report_of_internal_pairing(tmp_path):
    files = {
        "units/a-school.yml": "name: 甲\nkind: school\nvisibility: internal\n",
        "pairings/a-b.yml": pairing(visibility="internal"),
    }
    assert where(problems_of(tmp_path, files, audience="public")) == [
        (C + R, 1, 1, "E309"),  # the pairing, named by the file name
        (C + R, 2, 9, "E309"),  # the author
    ]


def test_e310_unknown_indicator_suggests_nearest(tmp_path):
    p = one(problems_of(tmp_path, {R: report("figures:\n  lecture: 80余次\n")}), "E310")
    assert (p.path, p.line, p.col) == (C + R, 3, 3)
    assert "“lectures”" in p.message


def test_e311_unknown_sector(tmp_path):
    p = one(problems_of(tmp_path, {"pairings/a-b.yml": pairing(sector="helth")}), "E311")
    assert (p.path, p.line, p.col) == (C + "pairings/a-b.yml", 3, 9)
    assert "“health”" in p.message and "sectors.yml" in p.message


def test_e311_sector_added_in_sectors_yml_is_known(tmp_path):
    files = {"sectors.yml": "sports: 体育\n", "pairings/a-b.yml": pairing(sector="sports")}
    assert problems_of(tmp_path, files) == []


def test_e312_duplicate_id(tmp_path):
    p = one(problems_of(tmp_path, {"units/a-school.yaml": "name: 甲学校\nkind: school\n"}), "E312")
    assert (p.path, p.line) == (C + "units/a-school.yml", 1)
    assert "a-school.yaml" in p.message


# ---------------------------------------------------------------- E4xx figures


def test_e401_unparseable_figure(tmp_path):
    p = one(problems_of(tmp_path, {R: report("figures:\n  lectures: 八十余次\n")}), "E401")
    assert (p.path, p.line, p.col) == (C + R, 3, 13)


@pytest.mark.parametrize("value", ["-5", "-5次", "近-5次", "累计−5次", "{value: '-5'}"])
def test_e402_negative_figure(tmp_path, value):
    p = one(problems_of(tmp_path, {R: report(f"figures:\n  lectures: {value}\n")}), "E402")
    assert (p.path, p.line) == (C + R, 3)


def test_e403_unconvertible_unit(tmp_path):
    p = one(problems_of(tmp_path, {R: report("figures:\n  road-hardened: 5台\n")}), "E403")
    assert (p.path, p.line, p.col) == (C + R, 3, 18)
    assert "台" in p.message and "米" in p.message


def test_e404_unknown_unit(tmp_path):
    p = one(problems_of(tmp_path, {R: report("figures:\n  road-hardened: 5里\n")}), "E404")
    assert (p.path, p.line, p.col) == (C + R, 3, 18)


# ---------------------------------------------------------------- E5xx narrative


def test_e501_unsafe_narrative_with_the_line_in_the_body(tmp_path):
    body = (
        "# 标题\n"  # line 4 of the file
        "\n"
        "<script>alert(1)</script>\n"  # 6
        "文字 <iframe src=x></iframe>\n"  # 7
        '<a href="x" onclick="y">a</a>\n'  # 8
        "[b](javascript:alert(1))\n"  # 9
    )
    problems = problems_of(tmp_path, {R: report("author: a-school\n", body)})
    assert where(problems) == [
        (C + R, 6, 1, "E501"),
        (C + R, 7, 4, "E501"),
        (C + R, 8, 13, "E501"),
        (C + R, 9, 5, "E501"),
    ]


def test_e501_in_a_free_page(tmp_path):
    p = one(
        problems_of(tmp_path, {"pages/about.md": "---\ntitle: 关于\n---\n\n<SCRIPT>x</SCRIPT>\n"}),
        "E501",
    )
    assert (p.path, p.line, p.col) == (C + "pages/about.md", 5, 1)


def test_e502_remote_loads(tmp_path):
    body = (
        "# 标题\n"  # line 4
        "\n"
        "![图](https://example.com/a.png)\n"  # 6
        '<img src="//cdn.example.com/b.png">\n'  # 7
        '<img src="files/local.png">\n'  # 8: a file of the site, fine
    )
    problems = problems_of(tmp_path, {R: report("author: a-school\n", body)})
    assert where(problems) == [(C + R, 6, 6, "E502"), (C + R, 7, 11, "E502")]


def test_e503_nesting_too_deep(tmp_path):
    body = "".join("  " * i + "- x\n" for i in range(600))
    p = one(problems_of(tmp_path, {R: report("author: a-school\n", body)}), "E503")
    assert p.path == C + R and p.line > 4


def test_e504_control_characters(tmp_path):
    body = "# 标题\n\n开展\x08讲座\x1b。\n"
    p = one(problems_of(tmp_path, {R: report("author: a-school\n", body)}), "E504")
    assert (p.path, p.line, p.col) == (C + R, 6, 3)


def test_e504_bad_code_point_in_yaml(tmp_path):
    p = one(
        problems_of(tmp_path, {"units/a-school.yml": 'name: "\\ud800"\nkind: school\n'}), "E504"
    )
    assert (p.path, p.line, p.col) == (C + "units/a-school.yml", 1, 7)


def test_e505_title_that_could_become_markup(tmp_path):
    body = '# 标题\n\n<abbr title="&lt;img src=x onerror=alert(1)&gt;">缩</abbr>\n'
    p = one(problems_of(tmp_path, {R: report("author: a-school\n", body)}), "E505")
    assert (p.path, p.line) == (C + R, 6)


@pytest.mark.parametrize("snippet", ["{: #__config }", '<p id="md-header">x</p>', "{: .mermaid }"])
def test_e506_id_or_class_the_theme_looks_up(tmp_path, snippet):
    body = f"# 标题\n\n段落\n{snippet}\n" if snippet.startswith("{") else f"# 标题\n\n{snippet}\n"
    p = one(problems_of(tmp_path, {R: report("author: a-school\n", body)}), "E506")
    assert (p.path, p.line) == (C + R, 7 if snippet.startswith("{") else 6)


def test_e507_invisible_character(tmp_path):
    p = one(
        problems_of(tmp_path, {"units/a-school.yml": "name: 甲\u202e学校\nkind: school\n"}), "E507"
    )
    assert (p.path, p.line) == (C + "units/a-school.yml", 1)


def test_e508_narrative_the_renderer_would_take_too_long_on(tmp_path):
    body = "# 标题\n\n" + "[" * 24000 + "x" + "](" * 9600 + "\n"
    p = one(problems_of(tmp_path, {R: report("author: a-school\n", body)}), "E508")
    assert (p.path, p.line) == (C + R, 6)


# ---------------------------------------------------------------- all at once


def test_every_code_has_a_test():
    tested = {
        name[5:9].upper() for name in globals() if name.startswith("test_e") and name[6:9].isdigit()
    }
    assert {c for c in CODES if c.startswith("E")} == tested


def test_all_problems_in_one_run_sorted_by_path_and_line(tmp_path):
    files = {
        "units/a-school.yml": "name: 甲学校\nkind: universty\nwebsite: ftp://x\n",
        "units/c-school.yml": "kind: school\n",
        "units/Bad.yml": "name: x\nkind: school\n",
        "pairings/a-b.yml": pairing(sector="helth", until="2001"),
        R: report(
            "author: a-school\nfigures:\n  lecture: 80余次\n  road-hardened: 5台\n", "<script>\n"
        ),
    }
    problems = problems_of(tmp_path, files, audience="public")
    # The report's pairing is broken, yet the report's own problems come in the same run.
    assert where(problems) == [
        (C + "pairings/a-b.yml", 3, 9, "E311"),
        (C + "pairings/a-b.yml", 5, 8, "E307"),
        (C + R, 4, 3, "E310"),
        (C + R, 5, 18, "E403"),
        (C + R, 7, 1, "E501"),
        (C + "units/Bad.yml", 1, 1, "E105"),
        (C + "units/a-school.yml", 2, 7, "E204"),
        (C + "units/a-school.yml", 3, 10, "E206"),
        (C + "units/c-school.yml", 1, 1, "E201"),
    ]
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.col))


# ---------------------------------------------------------------- the command


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    return tmp_path


def test_cli_prints_compiler_style_lines_and_exits_1(in_tmp):
    make_tree(
        in_tmp,
        {"units/a-school.yml": "name: 甲学校\nkind: universty\n", R: report("author: c-school\n")},
        base=True,
    )
    result = CliRunner().invoke(main, ["check", "--content", "content"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f"content/{R}:2:9: error[E305]: 作者单位 “c-school” 不属于结对 “a-b”；应为 a-school、"
        "b-school 之一"
    )
    assert lines[1].startswith(
        "content/units/a-school.yml:2:7: error[E204]: 字段 “kind” 的取值应为 "
    )
    assert lines[1].endswith("是否应为 “university”？")
    assert len(lines) == 3 and "2 个错误" in lines[2]


def test_cli_json_format(in_tmp):
    import json

    make_tree(in_tmp, {"units/a-school.yml": "kind: school\n"}, base=True)
    result = CliRunner().invoke(main, ["check", "--content", "content", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["path"], d["line"], d["col"], d["code"], d["severity"]) for d in data] == [
        ("content/units/a-school.yml", 1, 1, "E201", "error")
    ]


def test_cli_exit_0_on_clean_content(in_tmp):
    make_tree(in_tmp, {}, base=True)
    for audience in ("public", "internal"):
        result = CliRunner().invoke(main, ["check", "--content", "content", "--audience", audience])
        assert result.exit_code == 0, result.output
        assert "检查通过" in result.output


@pytest.mark.parametrize(
    "args", [["check", "--audience", "everyone"], ["check", "--format", "xml"], ["chek"]]
)
def test_cli_exit_2_on_usage_error(in_tmp, args):
    make_tree(in_tmp, {}, base=True)
    assert CliRunner().invoke(main, args).exit_code == 2


def test_cli_as_a_process_never_shows_a_traceback(in_tmp):
    import subprocess

    make_tree(
        in_tmp, {"units/a-school.yml": b"\xff\xfe\x00garbage", R: b"---\n\x00\x01: [\n"}, base=True
    )
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--content", "content"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=in_tmp,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert (
        f"content/{R}:" in proc.stdout
        and "content/units/a-school.yml:1:1: error[E101]" in proc.stdout
    )
