"""`parse_words.cut_words` cuts exactly as `jieba.cut(…, HMM=False)` does, without loading
jieba's whole dictionary; so the consistency lint's keyword table is the one jieba gives."""

from __future__ import annotations

import logging
import random
import re
import sys
from pathlib import Path

import jieba
import pytest
import yaml

from generator.content.model import Indicator
from generator.content.units import parse_unit
from generator.content.validate import mentions as parse_mentions
from generator.content.validate import words as parse_words
from generator.content.validate.mentions import _GENERIC, SYNONYMS, keyword_table

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from bench import corpus  # noqa: E402

jieba.setLogLevel(logging.WARNING)

EXAMPLE_NAMES = {
    iid: d["name"]
    for iid, d in yaml.safe_load((REPO / "content" / "indicators.yml").read_text("utf-8")).items()
}
CORPUS_NAMES = {iid: name for iid, name, *_ in corpus.INDICATORS}


def _bare(name: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", name).strip("“”\"' ")


def _partial_cut(texts: tuple[str, ...]) -> list[list[str]]:
    """The cut from the partial table, whatever state jieba is in in this test process."""
    table = parse_words._partial_table(texts)
    assert table is not None
    return [parse_words._cut(t, *table) for t in texts]


def _jieba_cut(texts: tuple[str, ...], tokenizer: jieba.Tokenizer | None = None) -> list[list[str]]:
    return [list((tokenizer or jieba.dt).cut(t, HMM=False)) for t in texts]


def test_indicator_names_cut_as_jieba_cuts_them() -> None:
    names = tuple(
        sorted(
            {
                n
                for name in (*EXAMPLE_NAMES.values(), *CORPUS_NAMES.values())
                for n in (name, _bare(name))
            }
        )
    )
    assert _partial_cut(names) == _jieba_cut(names)
    assert parse_words.cut_words(names) == _jieba_cut(names)


def test_random_text_cuts_as_jieba_cuts_it() -> None:
    """Pieces of the example reports (Han, digits, Latin, punctuation, spaces) and odd strings."""
    bodies = [p.read_text("utf-8") for p in sorted((REPO / "content" / "reports").rglob("*.md"))]
    rnd = random.Random(7)
    texts = []
    for _ in range(1500):
        body = rnd.choice(bodies)
        start = rnd.randrange(len(body))
        texts.append(body[start : start + rnd.randrange(1, 30)])
    texts += [
        "AT&T公司 x1 2b",
        "ａｂｃ　全角",
        "C++和Python3.11",
        " 空格\t制表\r\n换行 ",
        "—…“”",
        "乒乓球拍卖完了",
    ]
    assert _partial_cut(tuple(texts)) == _jieba_cut(tuple(texts))


def test_a_dictionary_of_another_shape_is_left_to_jieba(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Duplicates and prefixes read as jieba reads them; any line of another shape: jieba
    decides."""
    good = tmp_path / "good.txt"
    good.write_text(
        "新建 50 v\n沼气池 30 n\n沼气 40 n\n新建 80 v\n建设 20 v\n新 100 a\n池 9 n\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(parse_words, "_dictionary_file", lambda: good)
    texts = ("新建沼气池", "沼气池建设", "新池", "建沼")
    tokenizer = jieba.Tokenizer(str(good))
    tokenizer.tmp_dir = str(tmp_path)  # its cache file stays here
    assert _partial_cut(texts) == _jieba_cut(texts, tokenizer)
    for bad in ("新建 50\n", "新建 50 v\n\n沼气 3 n\n", "新建\t50 v\n", "新建 50 v", "新建 x v\n"):
        (tmp_path / "bad.txt").write_text(bad, encoding="utf-8")
        monkeypatch.setattr(parse_words, "_dictionary_file", lambda: tmp_path / "bad.txt")
        assert parse_words._partial_table(texts) is None, bad


def test_jieba_answers_once_it_is_initialised_or_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    jieba.dt.check_initialized()
    assert parse_words._jieba_decides()
    monkeypatch.setattr(jieba, "dt", jieba.Tokenizer())
    assert not parse_words._jieba_decides()
    jieba.dt.dictionary = "/elsewhere/dict.txt"
    assert parse_words._jieba_decides()


def _reference_table(names: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The keyword table as parse_mentions built it with jieba itself."""
    found: dict[str, set[str]] = {}

    def add(word: str, iid: str) -> None:
        if len(word) >= 2:
            found.setdefault(word, set()).add(iid)

    for iid, name in names.items():
        add(name, iid)
        bare = _bare(name)
        add(bare, iid)
        words = [w for w in jieba.cut(bare, HMM=False) if w.strip()] if bare else []
        for tail in {words[-1], "".join(words[1:])} if words else ():
            if tail not in _GENERIC:
                add(tail, iid)
        for word in SYNONYMS.get(iid, ()):
            add(word, iid)
    return {k: tuple(sorted(v)) for k, v in found.items()}


@pytest.mark.parametrize("names", [EXAMPLE_NAMES, CORPUS_NAMES], ids=["content", "bench-corpus"])
def test_keyword_table_is_the_one_jieba_gives(
    names: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jieba, "dt", jieba.Tokenizer())  # pristine: the partial table answers
    parse_mentions._table.cache_clear()
    unit = parse_unit("次")
    indicators = {iid: Indicator(iid, name, unit) for iid, name in names.items()}
    table = keyword_table(indicators)
    assert not jieba.dt.initialized  # jieba's dictionary was not loaded to build it
    monkeypatch.undo()
    assert table == _reference_table(names)


def test_nothing_to_cut_loads_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        parse_words, "_partial_table", lambda names: pytest.fail("read the dictionary")
    )
    assert parse_words.cut_words(()) == []
