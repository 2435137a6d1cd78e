"""`synonyms.yml`: loaded into `Content.synonyms`, every bad entry a problem with its line, kept
through the audience selection; `bulletins check` reports them like any other file."""

from __future__ import annotations

from helpers import make_tree, problems_of

from generator.content.audience import select_audience
from generator.content.validate import load_content

C = "content/"


def test_synonyms_are_loaded_and_kept_for_the_public_build(tmp_path):
    root = make_tree(tmp_path, {"synonyms.yml": "公路: [道路, 马路]\n义诊: 巡诊\n"}, base=True)
    content, problems = load_content(root, "public")
    assert not [p for p in problems if p.severity == "error"]
    assert dict(content.synonyms) == {"义诊": ("巡诊",), "公路": ("道路", "马路")}
    assert select_audience(content, "public").synonyms == content.synonyms


def test_bad_entries_name_file_line_and_word(tmp_path):
    text = (
        "# 同义词\n"
        "公路: [道路]\n"
        "卫生院: 3\n"  # not a list of words
        "扶贫: [帮扶, '']\n"  # an empty word
        "远程 会诊: [远程医疗]\n"  # a space inside a word
        "进修: [进修学习, {a: b}]\n"  # not text
    )
    problems = problems_of(tmp_path, {"synonyms.yml": text})
    found = sorted((p.path, p.line, p.code) for p in problems)
    assert found == [
        (C + "synonyms.yml", 3, "E203"),
        (C + "synonyms.yml", 4, "E208"),
        (C + "synonyms.yml", 5, "E203"),
        (C + "synonyms.yml", 6, "E203"),
    ], found
    messages = {p.line: p.message for p in problems}
    assert "“卫生院” 的同义词应写成列表" in messages[3]
    assert "第 2 个同义词是空的" in messages[4]
    assert "含有空格" in messages[5]
    assert "第 2 个同义词应为文本" in messages[6]


def test_a_word_written_twice_is_a_duplicate_key(tmp_path):
    problems = problems_of(tmp_path, {"synonyms.yml": "公路: [道路]\n公路: [马路]\n"})
    assert [(p.line, p.code) for p in problems] == [(2, "E103")]


def test_check_reports_synonym_problems(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main

    make_tree(tmp_path, {"synonyms.yml": "公路: 5\n"}, base=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "content/synonyms.yml:1:5: error[E203]" in result.output, result.output
