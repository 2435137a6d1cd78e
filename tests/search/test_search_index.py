"""Unit tests of the search-index segmentation (generator/search/lunr.py), without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import generator.search.lunr as si
from generator.search.lunr import (
    SEPARATOR,
    ZWSP,
    rewrite_index,
    rewrite_index_file,
    segment_text,
    tile,
)

REPO = Path(__file__).resolve().parents[2]


def tokens(text: str) -> list[str]:
    """Tokens as Material's browser tokenizer cuts them with SEPARATOR (zero-width splits too)."""
    return [t for t in re.split(SEPARATOR, text) if t]


def token_starts(segmented: str) -> set[int]:
    """Offsets, in the text without U+200B, where a token begins."""
    starts, plain = set(), 0
    at_boundary = True
    for ch in segmented:
        if ch == ZWSP:
            at_boundary = True
            continue
        if at_boundary:
            starts.add(plain)
        at_boundary = False
        plain += 1
    return starts


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("华东师范大学", ["华东", "师范", "大学"]),
        ("新疆师范大学", ["新疆", "师范", "大学"]),
        ("技术培训", ["技术", "培训"]),
        ("卫生院", ["卫生", "院"]),
        ("余万元", ["余", "万元"]),
        ("文山县", ["文山", "县"]),
        ("钟山区", ["钟山", "区"]),
        ("木里藏族自治县", ["木里", "藏族", "自治", "县"]),
    ],
)
def test_long_words_tiled_into_dictionary_sub_words(word: str, pieces: list[str]) -> None:
    assert tile(word) == pieces


@pytest.mark.parametrize("word", ["胃镜", "核桃", "培训", "会川镇", "县"])
def test_short_and_unknown_words_stay_whole(word: str) -> None:
    assert tile(word) == [word]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("华东师范大学对口支援新疆师范大学", "师范大学"),
        ("举办农村实用技术培训4期", "培训"),
        ("兴隆镇卫生院接受湄潭县中医院对口支援", "卫生院"),
        ("捐赠无影灯、胃镜、肠镜各2台", "胃镜"),
        ("种植业以烤烟和核桃为主", "核桃"),
        ("上海市南汇区对口帮扶文山县", "文山县"),
    ],
)
def test_a_token_begins_where_the_word_begins(text: str, word: str) -> None:
    segmented = segment_text(text)
    starts = token_starts(segmented)
    at = text.index(word)
    assert at in starts, segmented.replace(ZWSP, "|")


def test_approximate_figures_keep_the_unit_as_a_token() -> None:
    assert tokens(segment_text("价值70余万元")) == ["价值", "70", "余", "万元"]
    assert tokens(segment_text("30多人参加")) == ["30", "多", "人", "参加"]
    assert tokens(segment_text("诊疗病人1000余人次")) == ["诊疗", "病人", "1000", "余", "人次"]


def test_separator_splits_digits_and_letters_from_chinese_both_ways() -> None:
    # What the browser does to the query `70万元` (one term without it).
    assert tokens("70万元") == ["70", "万元"]
    assert tokens("B超室") == ["B", "超室"]
    assert tokens("万元70") == ["万元", "70"]
    assert tokens("3.98公里") == ["3.98", "公里"]
    assert tokens("（原文如此）150亩，共计") == ["原文如此", "150", "亩", "共计"]
    assert tokens("a\u200bb c-d") == ["a", "b", "c", "d"]


@given(
    st.text(
        alphabet=st.sampled_from(list("华东师范大学技术培训卫生院70余万元多aB 、。<p>\u200b")),
        max_size=60,
    )
)
def test_segmenting_never_changes_what_a_reader_sees(text: str) -> None:
    out = segment_text(text)
    assert out.replace(ZWSP, "") == text.replace(ZWSP, "")
    # A token never mixes Chinese with digits or letters.
    for token in tokens(out):
        assert not (re.search(r"[\u4e00-\u9fff]", token) and re.search(r"[0-9A-Za-z]", token)), (
            token
        )


def test_repeated_text_is_not_segmented_again(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "重复的文字只切分一次：平通镇中心卫生院开展技术培训（缓存测试）"
    first = segment_text(text)

    class Broken:
        @staticmethod
        def cut(_: str) -> list[str]:
            raise AssertionError("jieba called again for cached text")

    monkeypatch.setattr(si.compat_jieba, "tokenizer", lambda: Broken)
    si.segment_han.cache_clear()
    assert segment_text(text) == first


def test_rewrite_index_sets_separator_and_keeps_other_fields() -> None:
    data = {
        "config": {"lang": ["zh"], "separator": "[\\s]+", "pipeline": ["stemmer"]},
        "docs": [
            {
                "location": "a/",
                "title": "华东\u200b师范大学",
                "text": "<p>技术培训</p>",
                "tags": ["培训"],
                "boost": 2,
            },
            {"location": "b/", "title": "B", "text": ""},
        ],
    }
    out = rewrite_index(data)
    assert out["config"] == {"lang": ["zh"], "separator": SEPARATOR, "pipeline": ["stemmer"]}
    a = out["docs"][0]
    assert a["title"] == ZWSP.join(["华东", "师范", "大学"])
    assert a["text"] == "<p>" + ZWSP + ZWSP.join(["技术", "培训"]) + ZWSP + "</p>"
    assert (a["location"], a["tags"], a["boost"]) == ("a/", ["培训"], 2)
    assert out["docs"][1] == {"location": "b/", "title": "B", "text": ""}
    assert data["docs"][0]["title"] == "华东\u200b师范大学"  # input untouched


def test_rewrite_index_file_replaces_the_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "search_index.json"
    path.write_text(
        json.dumps(
            {
                "config": {"lang": ["zh"]},
                "docs": [{"location": "", "title": "首页", "text": "70余万元"}],
            }
        )
    )
    rewrite_index_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["config"]["separator"] == SEPARATOR
    assert tokens(data["docs"][0]["text"]) == ["70", "余", "万元"]
    assert [p.name for p in tmp_path.iterdir()] == ["search_index.json"]


def test_mkdocs_yml_separator_is_the_one_the_plugin_writes() -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^\s+separator: '(.*)'$", text, re.M)
    assert found and found.group(1) == SEPARATOR


def test_loading_jiebas_dictionary_prints_nothing() -> None:
    # A build loads jieba's dictionary for the search index: its English progress lines
    # ("Building prefix dict…", "Loading model cost…") must not reach an editor's terminal.
    import subprocess
    import sys

    code = (
        "from generator.search.lunr import segment_text; "
        "print(segment_text('新疆师范大学对口支援'))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "师范" in proc.stdout
    assert proc.stderr == "", proc.stderr
