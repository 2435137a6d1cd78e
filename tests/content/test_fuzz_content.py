"""Property tests: whatever an editor writes, `load_content` answers with problems or values.

Any string or bytes given as a figure, or as a whole unit, pairing, indicator or
report file (random bytes, YAML-ish text, text in legacy encodings), must come
back as typed content and `Problem` values, never as an exception. Examples are
kept few so the module runs in seconds.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from helpers import BASE, make_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.problems import CODES, Problem
from generator.content.validate import load_content

R = "reports/2012/a-b.md"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that mean something to YAML, Markdown front matter or the figure grammar.
YAMLISH = st.lists(
    st.sampled_from(
        list(":-[]{},&*!|>'\"#%@`?\n\t ")
        + [
            "---\n",
            "\r\n",
            "\ufeff",
            "name",
            "kind",
            "figures",
            "lectures",
            "  ",
            "80余次",
            "累计",
            "近",
            "万",
            "1,120",
            "3.98",
            "公里",
            "<script>",
            "2015-02-30",
            "yes",
            "~",
            "null",
            "甲",
            "\x00",
            "\u2028",
        ]
    ),
    max_size=40,
).map("".join)
FIGURE_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(
        r"\A(累计)?[近约]?-?[0-9,.]{1,8}(万|亿)?[余多]?(元|万元|米|公里|亩|人|人次|台|次|x)?\Z"
    ),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gbk", "big5", "latin-1", "shift_jis"])


def check(files: dict[str, str | bytes | None], audience: str | None = None) -> list[Problem]:
    """Load the base tree with `files` overridden; assert every answer is well formed."""
    with tempfile.TemporaryDirectory() as tmp:
        root = make_tree(Path(tmp), files, base=True)
        content, problems = load_content(root, audience)
    for p in problems:
        assert p.code in CODES, p
        assert p.path.startswith("content/"), p
        assert p.line >= 1 and p.col >= 1, p
        assert p.message.strip(), p
        p.format()
    assert problems == sorted(problems)
    return problems


def lectures(files: dict[str, str | bytes | None]) -> tuple[object, list[Problem]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_tree(Path(tmp), files, base=True)
        content, problems = load_content(root, "public")
    figure = next(
        (f for r in content.reports for f in r.figures if f.indicator == "lectures"), None
    )
    return figure, problems


@FUZZ
@given(FIGURE_TEXT)
def test_any_figure_text_yields_a_value_or_a_problem(text):
    figure, problems = lectures({R: f"---\nfigures:\n  lectures: {json.dumps(text)}\n---\n正文\n"})
    for p in problems:
        assert p.code in CODES and p.line >= 1
    if figure is None:
        assert any(p.path == "content/" + R for p in problems), text
    else:
        assert figure.value >= 0
        assert not [p for p in problems if p.severity == "error"]


@FUZZ
@given(
    FIGURE_TEXT,
    st.one_of(st.none(), st.text(max_size=6)),
    st.sampled_from([None, "more-than", "x"]),
)
def test_any_long_form_figure_yields_a_value_or_a_problem(value, unit, approx):
    long = {"value": value, "unit": unit, "approx": approx, "basis": "cumulative"}
    spelled = json.dumps({k: v for k, v in long.items() if v is not None}, ensure_ascii=False)
    figure, problems = lectures({R: f"---\nfigures:\n  lectures: {spelled}\n---\n正文\n"})
    if figure is None:
        assert any(p.path == "content/" + R for p in problems), spelled
    else:
        assert figure.value >= 0


@FUZZ
@given(YAMLISH)
def test_any_yamlish_text_unquoted_as_a_figure(text):
    check({R: f"---\nfigures:\n  lectures: {text}\n---\n正文\n"})


@FUZZ
@given(st.sampled_from(sorted(BASE)), st.binary(max_size=200))
def test_any_bytes_as_a_whole_file(name, data):
    check({name: data})


@FUZZ
@given(st.sampled_from(sorted(BASE)), YAMLISH)
def test_any_yamlish_text_as_a_whole_file(name, text):
    check({name: text}, audience="public")


@FUZZ
@given(st.sampled_from(sorted(BASE)), st.text(max_size=80), ENCODINGS)
def test_any_text_in_any_encoding_as_a_whole_file(name, text, encoding):
    data = text.encode(encoding, errors="replace")
    problems = check({name: data})
    if encoding == "utf-8" and "\x00" not in text:
        assert not any(p.code == "E101" for p in problems)


@FUZZ
@given(
    st.sampled_from(sorted(BASE)),
    st.integers(min_value=0, max_value=400),
    st.binary(min_size=1, max_size=8),
)
def test_a_valid_file_with_bytes_spliced_in(name, at, junk):
    original = BASE[name]
    data = original.encode("utf-8") if isinstance(original, str) else original
    at = min(at, len(data))
    check({name: data[:at] + junk + data[at:]})


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "units/x.yml",
                "pairings/x-b.yml",
                "reports/2012/x-b.md",
                "reports/2099/a-b.md",
                "sectors.yml",
                "pages/p.md",
            ]
        ),
        st.one_of(YAMLISH, st.binary(max_size=60)),
        max_size=4,
    )
)
def test_extra_files_of_any_content(files):
    check(dict(files), audience="public")


@settings(max_examples=12, deadline=None)
@given(
    st.integers(min_value=1, max_value=1200),
    st.sampled_from(["[", "{a: ", "- ", "? "]),
    st.sampled_from(sorted(BASE)),
)
def test_any_nesting_depth(depth, opener, name):
    check(
        {
            name: "---\n" + opener * depth + "\n---\n"
            if name.endswith(".md")
            else opener * depth + "\n"
        }
    )


# Free pages, titles and attachments (issue 13): names, front matter and bodies an attacker
# or a hurried editor could write, never an exception.
PAGE_NAMES = st.sampled_from(
    ["about.md", "index.md", "x.markdown", "a.md~", "a.bak", "s.svg", "f/a.pdf", "f/b.png"]
    + ["p.html", "assets/stylesheets/bulletins.css", "UP.md", "deep/x.md", ".hidden.md"]
)
MARKUP = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "img",
            " src=",
            "x",
            " onerror=",
            "alert(1)",
            "javascript:",
            "&#106;",
            "{: ",
            "}",
        ]
        + ["\n", "# ", "- ", "  ", "> ", "[a](", ")", "![", "http://h/", "\x08", "\x1b", "关于"]
        + ["<details/open/ontoggle=", "<style>", "@import", "title: ", "---\n", "visibility: "]
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(st.dictionaries(PAGE_NAMES, st.one_of(MARKUP, st.binary(max_size=40)), max_size=4))
def test_any_free_pages_titles_and_attachments(files):
    check({f"pages/{name}": data for name, data in files.items()}, audience="public")


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["- ", "> ", "1. ", "<div>"]))
def test_any_narrative_nesting_depth(depth, opener):
    body = (
        "".join("  " * i + opener + "x\n" for i in range(depth))
        if opener != "> "
        else (opener * depth + "x\n")
    )
    check({R: "---\nauthor: a-school\n---\n" + body})
