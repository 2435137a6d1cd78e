"""Issue 21, text: invisible and direction-changing characters are refused with their line
(E507) in every YAML value and narrative heading, bidi controls anywhere in a narrative."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from click.testing import CliRunner
from helpers import problems_of
from sites import SMALL, write_site

from generator.cli import main
from generator.content.invisible import BIDI, FORMAT

C = "content/"


def test_the_set_is_unicodes_format_and_separator_categories():
    assert unicodedata.unidata_version >= "14"
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = unicodedata.category(char) in ("Cf", "Zl", "Zp")
        if code > 0x30000 and not 0xE0000 <= code < 0xE1000:
            continue  # unassigned planes
        assert bool(FORMAT.match(char)) == expected or unicodedata.unidata_version != "14.0.0", hex(
            code
        )
    assert all(FORMAT.match(c) for c in "\u202e\u2066\u2069\u200b\u200d\ufeff\u00ad\u2028")
    assert not BIDI.match("\u200b") and BIDI.match("\u2067")


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad"])
def test_names_and_titles_with_invisible_characters_are_e507(tmp_path, char):
    files = {
        "units/a-school.yml": f"name: 甲{char}学校\nkind: school\n",
        "reports/2012/a-b.md": f"---\nauthor: a-school\ntitle: 总结{char}\n---\n# 标题\n\n正文。\n",
    }
    problems = problems_of(tmp_path, files)
    assert [(p.path, p.line, p.code) for p in problems] == [
        (C + "reports/2012/a-b.md", 3, "E507"),
        (C + "units/a-school.yml", 1, "E507"),
    ]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_headings_and_bidi_in_narratives(tmp_path):
    body = (
        "# 标题\u200b\n\n正文里的软\u00ad连字符可以。\n\n正文\u202e反转不行。\n\n"
        "小标题\u2060\n---\n"
    )
    files = {"reports/2012/a-b.md": f"---\nauthor: a-school\n---\n{body}"}
    problems = problems_of(tmp_path, files)
    assert [(p.line, p.code) for p in problems] == [(4, "E507"), (8, "E507"), (10, "E507")]


def test_a_yaml_escape_of_a_line_separator_is_e507(tmp_path):
    """Variant: U+2028 written as an escape (YAML reads the raw character as a line break)."""
    files = {"units/a-school.yml": 'name: "甲\\u2028学校"\nkind: school\nregion: ["\\u2067云南"]\n'}
    problems = problems_of(tmp_path, files)
    assert [(p.line, p.code) for p in problems] == [(1, "E507"), (3, "E507")]


@pytest.mark.slow
def test_check_and_build_both_refuse(tmp_path):
    files = dict(SMALL)
    files["units/uni-e.yml"] = "name: 华东\u202e师范大学\nkind: university\nregion: [上海市]\n"
    cfg = write_site(tmp_path / "proj", files)
    check = CliRunner().invoke(main, ["check", "-f", str(cfg)])
    assert check.exit_code == 1 and "content/units/uni-e.yml:1:7: error[E507]" in check.output
    build = CliRunner().invoke(main, ["build", "-f", str(cfg), "-d", str(tmp_path / "site")])
    assert build.exit_code != 0 and "uni-e.yml:1:7: error[E507]" in build.output


def test_new_refuses_a_name_with_a_hidden_character(tmp_path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "s")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "s")
    result = runner.invoke(main, ["new", "unit", "甲\u2066单位", "--id", "x", "--kind", "school"])
    assert result.exit_code == 2 and "U+2066" in result.output
    assert not (tmp_path / "s" / "content" / "units" / "x.yml").exists()


@pytest.mark.parametrize(
    ("snippet", "line"),
    [
        ('投入<bdo dir="rtl">0001</bdo>万元。', 6),
        ('<span dir="rtl">123</span>', 6),
        ("段落\n{: dir=rtl }", 7),
    ],
)
def test_direction_changes_in_markup_are_e507_and_not_published(tmp_path, snippet, line):
    """The final attack: `<bdo dir=rtl>0001</bdo>万元` shows 1000万元 to a reader while search,
    feed and data read 0001 — the bidi override without a control character."""
    from generator.content.sanitize import clean_html

    body = f"---\nauthor: a-school\n---\n# 标题\n\n{snippet}\n"
    problems = problems_of(tmp_path, {"reports/2012/a-b.md": body})
    assert [(p.line, p.code) for p in problems] == [(line, "E507")], problems
    cleaned = clean_html('<p><bdo dir="rtl">0001</bdo><span dir="rtl">1</span></p>')
    assert "dir=" not in cleaned and "<bdo" not in cleaned
