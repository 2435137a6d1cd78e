"""Issue 21, bounds: every input has a limit, named in the message when exceeded, found
before the work that the limit bounds. Speeds are measured by bench/narrative_bounds.py,
not timed here; these tests check that each pathological input is refused with its
limit, and that the bounded link parser renders as Markdown's own does."""

from __future__ import annotations

import zipfile

import docx
import markdown
import pytest
from click.testing import CliRunner
from helpers import problems_of
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content.markdown_bounds import LinearLinks
from generator.content.validate.narrative import (
    MAX_BLOCK,
    MAX_BYTES,
    MAX_HEADINGS,
    MAX_LINES,
    MAX_MARKUP,
    MAX_OPEN_ANGLES,
)
from generator.content.validate.reports import MAX_FIGURES
from generator.editor.docx_bounds import MAX_PARAGRAPHS, MAX_UNPACKED

R = "reports/2012/a-b.md"


def _report(body: str) -> str:
    return f"---\nauthor: a-school\n---\n# 标题\n\n{body}\n"


PATHOLOGICAL = {
    "issue-brackets": ("[" * 24000 + "x" + "](" * 9600, str(MAX_MARKUP)),
    "links": ("[a](b) " * 12000, str(MAX_MARKUP)),
    "open-angles": ("<http://a " * 2000, str(MAX_OPEN_ANGLES)),
    "lines": ("x\n: y\n" * (MAX_LINES // 2 + 10), str(MAX_LINES)),
    "headings": ("## 同名标题\n\n" * (MAX_HEADINGS + 1), str(MAX_HEADINGS)),
    "paragraph": ("甲" * (MAX_BLOCK + 1), str(MAX_BLOCK)),
    "size": (("乙" * 1000 + "\n\n") * (MAX_BYTES // 3000 + 10), str(MAX_BYTES)),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_narratives_are_refused_naming_the_limit(tmp_path, name):
    body, limit = PATHOLOGICAL[name]
    problems = [p for p in problems_of(tmp_path, {R: _report(body)}) if p.code != "E503"]
    assert [p.code for p in problems] == ["E508"], [p.format()[:200] for p in problems]
    assert limit in problems[0].message


def test_free_pages_are_bounded_too(tmp_path):
    """Variant: a free page, not a report; `[` never closed, 30,000 times."""
    problems = problems_of(tmp_path, {"pages/x.md": "# 页面\n\n" + "[x " * 30000 + "\n"})
    assert [(p.path, p.code) for p in problems] == [("content/pages/x.md", "E508")]


LINKISH = st.lists(
    st.sampled_from(["[", "]", "(", ")", "a", " ", '"', "'", "<", ">", "!", "\n", "x](y)", "[^1]"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(LINKISH)
def test_the_bounded_link_parser_renders_as_markdowns_own(text):
    own = markdown.Markdown(extensions=["attr_list", "footnotes"]).convert(text)
    bounded = markdown.Markdown(extensions=["attr_list", "footnotes", LinearLinks()]).convert(text)
    assert bounded == own


def test_figures_per_report(tmp_path):
    items = ", ".join(["1次"] * (MAX_FIGURES + 1))
    front = f"author: a-school\nfigures:\n  lectures: [{items}]\n"
    problems = problems_of(tmp_path, {R: f"---\n{front}---\n正文。\n"})
    assert [(p.line, p.code) for p in problems] == [(3, "E108")]
    assert str(MAX_FIGURES) in problems[0].message


@pytest.fixture
def site(tmp_path, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path / "s")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "s")
    for name, uid in (("甲医院", "jia"), ("乙医院", "yi")):
        args = ["new", "unit", name, "--kind", "hospital", "--id", uid]
        assert runner.invoke(main, args).exit_code == 0
    args = ["new", "pairing", "--supporters", "jia", "--recipients", "yi", "--sector", "health"]
    assert runner.invoke(main, [*args, "--since", "2010", "--id", "jia-yi"]).exit_code == 0
    return tmp_path / "s"


def _import(path) -> tuple[int, str]:
    args = ["import", str(path), "--pairing", "jia-yi", "--year", "2015"]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_a_docx_bomb_is_refused_from_its_zip_directory(site, tmp_path):
    """A small file declaring more unpacked bytes than the limit is never unpacked."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        zf.writestr("word/media/big.bin", b"\0" * (MAX_UNPACKED + 1))
    assert bomb.stat().st_size < 1_000_000
    code, out = _import(bomb)
    assert code != 0 and "MB" in out and "过大" in out, out
    assert not (site / "content" / "reports" / "2015").exists()


def test_a_docx_with_too_many_paragraphs_is_refused(site, tmp_path):
    d = docx.Document()
    body = d.element.body
    para = d.add_paragraph("段落")._p
    for _ in range(MAX_PARAGRAPHS):
        body.append(para.__copy__())
    d.save(tmp_path / "long.docx")
    code, out = _import(tmp_path / "long.docx")
    assert code != 0 and str(MAX_PARAGRAPHS) in out, out
