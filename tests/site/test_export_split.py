"""Long exported pages are split into linked parts so that no page's text exceeds a search
engine's index limit (generator/site/export_split.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import assert_export_links_land

from generator.site import export_split
from generator.site.export import front_matter, page_url, relative_url
from generator.site.export_split import split_body, split_pages, tokens

REPO = Path(__file__).resolve().parents[2]


def _table(rows: int, caption: str = "各结对") -> str:
    body = "".join(
        f'  <tr><td><a href="../../pairings/p{i}/">结对{i}号对口支援</a></td><td>{i}</td></tr>\n'
        for i in range(rows)
    )
    return (
        f'<div class="bl-table-scroll">\n<table data-sortable>\n  <caption>{caption}</caption>\n'
        f"  <thead><tr><th>结对</th><th>数</th></tr></thead>\n  <tbody>\n{body}  </tbody>\n"
        "</table>\n</div>"
    )


def _split(pages: dict[str, str], budget: int) -> dict[str, str]:
    return split_pages(pages, page_url, relative_url, front_matter, budget)


def _body(text: str) -> str:
    return text.split("---\n", 2)[2]


def test_tokens_count_every_chinese_character_and_every_word() -> None:
    assert tokens("<p>对口支援 abc 2015年</p>") == 4 + 1 + 1 + 1
    assert tokens('<a href="x">甲&amp;乙</a>') == 2


def test_a_short_page_is_left_alone() -> None:
    page = front_matter({"title": "甲"}) + "<p>短</p>\n"
    assert _split({"units/a.md": page}, 1000) == {"units/a.md": page}


def test_a_long_table_is_paged_with_its_caption_and_header_repeated() -> None:
    page = front_matter({"title": "四川省", "hide": ["toc"]}) + "<h2>接受支援</h2>\n" + _table(120)
    out = _split({"regions/四川省.md": page}, 400)
    parts = ["regions/四川省.md"] + [f"regions/四川省/{k}.md" for k in range(2, len(out) + 1)]
    assert list(out) == sorted(parts) and len(out) > 2
    rows: list[str] = []
    for k, uri in enumerate(parts, 1):
        text = out[uri]
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert meta["title"] == ("四川省" if k == 1 else f"四川省（第 {k} 页）")
        assert meta["hide"] == ["toc"]
        body = _body(text)
        assert tokens(body) <= 400
        assert body.count("<caption>各结对</caption>") == 1 and body.count("<thead>") == 1
        assert body.count("<table") == body.count("</table>") == 1
        rows += re.findall(r"结对(\d+)号", body)
        # the pager links every part from every part
        pager = re.search(r'<p class="bl-pager">.*?</p>', body)
        assert pager and pager.group(0).count("<a ") == len(parts) - 1
        for href in re.findall(r'href="([^"]+)"', pager.group(0)):
            target = page_url(uri) + href
            resolved = Path("/s", target).resolve().relative_to("/s").as_posix()
            assert f"{resolved}.md" in out or resolved == "regions/四川省", href
    assert rows == [str(i) for i in range(120)]  # every row once, in order
    # links in a moved part still reach the same page
    assert '<a href="../../../pairings/p119/">' in out[parts[-1]]
    assert '<a href="../../pairings/p0/">' in out[parts[0]]


def test_a_row_over_budget_is_cut_between_its_items_with_the_row_header_repeated() -> None:
    items = "".join(f"<li>报告{i}：对口支援医疗卫生工作</li>" for i in range(80))
    block = (
        "<table><thead><tr><th>指标</th><th>构成</th></tr></thead><tbody>"
        f'<tr><th scope="row">派驻人员</th><td><details><summary>80 项数据</summary><ul>{items}'
        "</ul></details></td></tr></tbody></table>"
    )
    parts = split_body(block, 300)
    assert len(parts) > 2
    for part in parts:
        assert tokens(part) <= 300
        assert "<thead>" in part and "派驻人员" in part and "<summary>80 项数据</summary>" in part
        assert part.count("<ul>") == part.count("</ul>") == 1
    assert "".join(parts).count("<li>") == 80


def test_anchors_that_move_are_followed_from_other_pages_and_other_parts() -> None:
    long = (
        front_matter({"title": "甲"})
        + '<h2 id="top">概况</h2>\n<p><a href="#given">支援他地</a></p>\n'
        + _table(40)
        + '\n<h2 id="given">支援他地</h2>\n<p><a href="#top">回到概况</a></p>'
    )
    other = front_matter({"title": "乙"}) + '<p><a href="../../regions/a/#given">甲的支援</a></p>\n'
    out = _split({"regions/a.md": long, "units/b.md": other}, 300)
    holder = next(u for u, t in out.items() if 'id="given"' in t)
    assert holder != "regions/a.md"
    expected = relative_url(page_url(holder), "units/b/") + "#given"
    assert f'href="{expected}"' in out["units/b.md"]
    # within the page: part 1 links to the part that holds the anchor, and back
    to_given = relative_url(page_url(holder), "regions/a/") + "#given"
    assert f'<a href="{to_given}">支援他地</a>' in out["regions/a.md"]
    back = relative_url("regions/a/", page_url(holder)) + "#top"
    assert f'<a href="{back}">回到概况</a>' in out[holder]


def test_pages_with_a_markdown_body_are_never_split() -> None:
    narrative = "对口支援。" * 500
    page = front_matter({"title": "总结"}) + f'<div markdown="1">\n\n{narrative}\n</div>'
    assert _split({"reports/2015/a.md": page}, 100) == {"reports/2015/a.md": page}


@pytest.mark.slow
def test_the_export_of_the_example_at_a_small_budget_keeps_every_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cli import main

    monkeypatch.setattr(export_split, "BUDGET", 600)
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    docs = tmp_path / "out" / "docs"
    parts = sorted(docs.rglob("2.md"))
    assert parts, "nothing was split at a budget of 600"
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if 'markdown="1"' not in text and page.parent.name != "pages":
            assert tokens(_body(text) if text.startswith("---") else text) <= 600 or (
                "<svg" in text
            ), page
    assert_export_links_land(docs)
