"""A generated page's front matter (site/frontmatter.py) is PyYAML's text, character for
character: on every spec of the example site and of a 1,000-report corpus, on generated
strings (spaces, folding past the line width, indicators, words YAML reads as other types),
and whatever it does not write itself goes to PyYAML whole."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.audience import select_audience
from generator.content.load.tree import load_tree
from generator.content.validate import validate_tree
from generator.plugin.files import page_text
from generator.site import frontmatter, pages
from generator.site.pages import PageSpec

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from bench import corpus  # noqa: E402


def _yaml(meta: Any) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)


def _specs(root: Path) -> list[PageSpec]:
    tree = load_tree(root)
    specs = []
    for audience in ("public", "internal"):
        content, _ = validate_tree(tree, audience)
        specs += pages.build_pages(select_audience(content, audience), audience=audience)
    return specs


def _same_as_yaml(specs: list[PageSpec]) -> None:
    from markupsafe import escape

    from generator.content.sanitize import inert_text

    assert specs
    slow = []
    for spec in specs:
        meta = {"title": str(escape(inert_text(spec.title))), **spec.meta}
        assert page_text(spec) == "---\n" + _yaml(meta) + "---\n\n" + spec.markdown, spec.src_uri
        if frontmatter._fast(meta) is None:
            slow.append(spec.src_uri)
    # The fast path is what was compared: PyYAML wrote only /status/ (a nested mapping).
    assert slow in ([], ["status.md"]), slow


def test_every_spec_of_the_example_site() -> None:
    _same_as_yaml(_specs(REPO / "content"))


@pytest.mark.slow
def test_every_spec_of_a_corpus_of_1000_reports(tmp_path: Path) -> None:
    corpus.generate(tmp_path / "content", reports=1000)
    _same_as_yaml(_specs(tmp_path / "content"))


_CHARS = st.sampled_from(
    [" ", " ", " ", "a", "Z", "0", "9", "_", "-", ".", "(", ")", "/", "+", "=", "~", ":", "#",
     "'", '"', "&", "*", "!", "|", ">", "%", "@", "`", "?", ",", "[", "]", "{", "}", "\\",
     "<", "\t", "\n", "\x85", "\xa0", "\u2028", "\ufeff", "\ufffe", "\U0010ffff", "\x7f",
     "中", "文", "→", "：", "（", "😀", "e", "y", "n", "o", "t", "r", "u"]
)  # fmt: skip
_TEXT = st.one_of(
    st.text(_CHARS, max_size=120),
    st.sampled_from(["yes", "No", "true", "null", "~", "12", "0x1f", "1.5", "1e3", ".inf",
                     "2020-01-02", "<<", "=", "---", "...", "- a", "a: b", "a #b", ""]),
    st.lists(st.sampled_from(["支援流向：上海市", "→", "云南省", "word", "x"]), max_size=40).map(
        " ".join
    ),
)  # fmt: skip
_SCALAR = st.one_of(_TEXT, st.booleans(), st.integers(), st.none(), st.floats())
_META = st.dictionaries(
    st.one_of(st.sampled_from(["title", "hide", "draft", "search", "a_b"]), _TEXT),
    st.one_of(_SCALAR, st.lists(_SCALAR, max_size=4), st.dictionaries(_TEXT, _SCALAR)),
    max_size=5,
)


@settings(max_examples=1500, deadline=None)
@given(_META)
def test_any_front_matter_is_pyyamls(meta: dict[str, Any]) -> None:
    assert frontmatter.dump(meta) == _yaml(meta)


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.sampled_from(["title", "draft", "x"]))
def test_any_title_is_pyyamls(title: str, key: str) -> None:
    meta = {key: title, "hide": ["navigation", "toc"]}
    assert frontmatter.dump(meta) == _yaml(meta)


def test_long_titles_fold_as_pyyaml_folds_them() -> None:
    for n in range(60, 200, 7):
        for word in ("支援", "ab", "→"):
            meta = {"title": " ".join([word] * n)}
            text = frontmatter.dump(meta)
            assert frontmatter._fast(meta) == text == _yaml(meta)
            assert "\n  " in text


def test_what_it_does_not_write_goes_to_pyyaml() -> None:
    class Text(str):
        pass

    for meta in ({"title": "a", "boost": 1.5}, {"search": {"boost": 2}}, {"hide": []}, {}):
        assert frontmatter._fast(meta) is None
        assert frontmatter.dump(meta) == _yaml(meta)
    with pytest.raises(yaml.representer.RepresenterError):  # as PyYAML itself refuses
        frontmatter.dump({"title": Text("a")})
