"""`bulletins compile`: the yearly compilation PDF, read back as a reader's PDF viewer would.

One small site (tests/sites.py SMALL) with an internal pairing, a contact, a draft and
hostile narratives is compiled once per audience; the tests read the PDF's text, outline
and fonts with pypdf.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sites import SMALL, write_site

from generator.cli import main
from generator.compile.fonts import NoCJKFont, choose_fonts
from generator.compile.narrative import narrative_tree, plain_text
from generator.content.audience import select_audience
from generator.content.display import with_unit
from generator.content.validate import load_content
from generator.site.aggregate import year_totals

pytestmark = pytest.mark.slow  # each test compiles a PDF (1–3 s) or reads the module's

CANARY = "INTERNALCANARY"
HOSTILE = (
    '原文 #read("/etc/passwd") 与 #import "@preview/cetz:0.3.0": * 和 $x^2$ 以及 \\ 反斜杠 '
    "] 右括号 "
    'a < b 和 @ref 还有 #{panic("boom")} 与 #eval("1") 以及 // 注释 /* 块 */'
)
LONG = "，".join(f"第{i}项工作按计划完成并通过验收" for i in range(60)) + "。"
"""Long enough to wrap many times, with a comma wherever a line could break."""

FILES: dict[str, str | bytes] = {
    **SMALL,
    "units/secret-unit.yml": (
        f"name: 内部单位{CANARY}\nkind: other\nvisibility: internal\n"
        f"contact: {{电话: 13800000000{CANARY}}}\n"
    ),
    "units/town-a.yml": (
        "name: 甲镇中心卫生院\nkind: health-centre\nregion: [云南省, 昆明市, 宜良县]\n"
        f"contact: {{联系人: 王{CANARY}}}\n"
    ),
    "pairings/secret.yml": (
        "supporters: [secret-unit]\nrecipients: [town-b]\nsector: health\nsince: 2014\n"
        "visibility: internal\n"
    ),
    "reports/2015/secret.md": (
        f"---\nvisibility: internal\ntitle: 内部总结{CANARY}\n---\n\n内部正文{CANARY}。\n"
    ),
    "reports/2015/hosp-b.md": (
        "---\nfigures:\n  lectures: 120余次\n  road-hardened: 20米\n  equipment-value: "
        "2万余元\nproblems: [经费不足]\nplans: [扩大培训]\n---\n\n## 取得成效\n\n"
        f"{HOSTILE}\n\n"
        "| 项目 | 数量 |\n|---|---|\n| 培训班 | 3期 |\n| 义诊 | 12次 |\n\n"
        f'{LONG}\n\n    #read("/etc/hostname")\n'
    ),
    "reports/2015/uni.md": (
        "---\ntitle: '华东师大支援新疆师大2015年总结 #read(\"/etc/passwd\") $'\n"
        "figures:\n  lectures: 近100\n  phd-enrolled: 累计26人\n---\n\n"
        "华东师范大学支援新疆师范大学。\n"
    ),
    "reports/2014/hosp-a.md": f"---\nstatus: draft\ntitle: 草稿{CANARY}\n---\n\n草稿正文。\n",
}
TITLES = {
    "hosp-a": "市第一人民医院对口支援甲镇中心卫生院 2015年度工作总结",
    "hosp-b": "市第一人民医院对口支援乙乡卫生院 2015年度工作总结",
    "uni": '华东师大支援新疆师大2015年总结 #read("/etc/passwd") $',
}


def _compile(root: Path, *args: str) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(main, ["compile", "-f", str(root / "mkdocs.yml"), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("compile")
    config = write_site(root, FILES)
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "      audience: public\n", "      audience: public\n      publisher: 测试办公室\n"
    )
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def public_pdf(site: Path) -> PdfReader:
    out = site / "out" / "public-2015.pdf"
    code, output = _compile(site, "--year", "2015", "-o", str(out))
    assert code == 0, output
    return PdfReader(io.BytesIO(out.read_bytes()))


def _pages(reader: PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_cover_names_the_site_the_year_and_the_publisher(public_pdf: PdfReader) -> None:
    cover = _pages(public_pdf)[0]
    assert "测试站点" in cover and "2015年度工作总结汇编" in _flat(cover)
    assert "测试办公室" in cover and "公开版" in cover
    assert public_pdf.metadata is not None and public_pdf.metadata.title == "2015年度工作总结汇编"


def test_the_contents_page_numbers_are_where_each_report_starts(public_pdf: PdfReader) -> None:
    pages = [_flat(t) for t in _pages(public_pdf)]
    toc = pages[1]
    assert "目录" in toc
    for title in TITLES.values():
        flat = _flat(title)
        match = re.search(re.escape(flat) + r"[.·…]*(\d+)", toc)
        assert match, (title, toc)
        number = int(match.group(1))
        # The page the 目录 names starts with the title (after the running header), then its facts.
        assert flat in pages[number - 1], (title, number)
        start = pages[number - 1]
        assert start.index(flat) < start.index("结对", start.index(flat)), (title, number)
        assert all(flat not in p.split("总结全文")[0] for p in pages[: number - 1][2:]), title
    # The PDF bookmarks point at the same pages.
    marks = {
        _flat(o.title): public_pdf.get_destination_page_number(o) + 1 for o in _outline(public_pdf)
    }
    for title in TITLES.values():
        assert _flat(title) in marks, marks
        assert f"{marks[_flat(title)]}" in re.findall(re.escape(_flat(title)) + r"[.·…]*(\d+)", toc)


def _outline(reader: PdfReader) -> list:
    items, stack = [], list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        else:
            items.append(item)
    return items


def test_page_numbers_say_which_of_how_many(public_pdf: PdfReader) -> None:
    pages = _pages(public_pdf)
    total = len(pages)
    for n, text in enumerate(pages[1:], start=2):
        assert f"第 {n} 页 / 共 {total} 页" in text, n


def test_every_title_and_figures_as_written(public_pdf: PdfReader) -> None:
    text = _flat("".join(_pages(public_pdf)))
    for title in TITLES.values():
        assert _flat(title) in text
    for written in ("80余次", "70余万元", "3.98公里", "120余次", "2万余元", "近100次", "累计26人"):
        assert written in text, written
    assert "计为3980米" in text  # the counted value beside a figure whose number differs
    assert "经费不足" in text and "扩大培训" in text  # problems and plans


def test_overview_says_who_reported_and_who_did_not(public_pdf: PdfReader) -> None:
    overview = _flat(_pages(public_pdf)[2])
    assert "2015年，3个结对报送了年度总结" in overview
    assert "已报送（3）" in overview and "未报送（0）" in overview


def test_appendix_totals_with_the_figures_they_add_up(public_pdf: PdfReader, site: Path) -> None:
    pages = _pages(public_pdf)
    appendix = _flat("".join(p for p in pages if "附录" in p and "构成" in p))
    content, _ = load_content(site / "content", "public")
    totals = year_totals(select_audience(content, "public"), 2015)
    assert len(totals) == 3
    for t in totals.values():  # each total as the year page writes it, then its parts
        assert _flat(f"{t.indicator.name}：{t.display}") in appendix
        for part in t.parts:  # as written, with the unit an editor left out (`近100` → `近100次`)
            assert _flat(with_unit(part.figure.written, t.indicator.unit.text)) in appendix
    assert "累计26人" in appendix  # cumulative figures are listed, not counted


def test_public_compilation_holds_nothing_internal_and_no_draft(public_pdf: PdfReader) -> None:
    text = "".join(_pages(public_pdf))
    assert CANARY not in text
    assert "13800000000" not in text and "草稿" not in text


def test_internal_compilation_has_internal_reports_but_never_drafts_or_contacts(site: Path) -> None:
    out = site / "out" / "internal.pdf"
    code, output = _compile(site, "--year", "2015", "--audience", "internal", "-o", str(out))
    assert code == 0, output
    text = _flat("".join(_pages(PdfReader(out))))
    assert f"内部总结{CANARY}" in text and "内部资料" in text
    assert f"草稿{CANARY}" not in text and f"13800000000{CANARY}" not in text
    code, output = _compile(site, "--year", "2014", "--audience", "internal", "-o", str(out))
    assert code == 1 and "2014年没有已发布的年度总结" in output


def test_editors_text_is_never_run_as_typst(public_pdf: PdfReader) -> None:
    text = _flat("".join(_pages(public_pdf)))
    assert _flat(HOSTILE) in text  # every character printed as written
    assert "root:" not in text and "/bin/" not in text  # no file was read
    assert '#read("/etc/hostname")' in text


def test_no_line_starts_with_closing_punctuation(public_pdf: PdfReader) -> None:
    lines = [ln.strip() for t in _pages(public_pdf) for ln in t.splitlines() if ln.strip()]
    assert sum("第" in ln and "项工作" in ln for ln in lines) > 5  # LONG wrapped over many lines
    bad = [ln for ln in lines if ln[0] in "，。、；：？！）》」』】〉”’"]
    assert bad == []


def _font_problems(reader: PdfReader) -> tuple[list[str], list[str]]:
    """(fonts not embedded, pages with a .notdef glyph)."""
    unembedded, notdef = [], []
    for n, page in enumerate(reader.pages, start=1):
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get_object().get("/FontDescriptor")
                fd = fd.get_object() if fd is not None else {}
                if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    unembedded.append(str(font["/BaseFont"]))
        if "\x00" in page.extract_text() or "\ufffd" in page.extract_text():
            notdef.append(str(n))
    return unembedded, notdef


def test_every_font_embedded_and_no_missing_glyph(public_pdf: PdfReader) -> None:
    unembedded, notdef = _font_problems(public_pdf)
    assert unembedded == [] and notdef == []
    names = {
        str(f.get_object()["/BaseFont"])
        for p in public_pdf.pages
        for f in p["/Resources"].get_object().get("/Font", {}).values()
    }
    assert any("CJK" in n for n in names), names


def test_a_character_no_font_has_is_a_warning_naming_the_report(tmp_path: Path) -> None:
    files = {**SMALL, "reports/2015/uni.md": "---\nfigures: {}\n---\n\n甲\U00030000乙。\n"}
    write_site(tmp_path, files)
    code, output = _compile(tmp_path, "--year", "2015", "-o", str(tmp_path / "x.pdf"))
    assert code == 0, output
    assert "reports/2015/uni.md: 警告：字符 “\U00030000”（U+30000）" in output
    assert "hosp-a.md" not in output  # only the report that has it


def test_the_glyph_check_sees_a_missing_glyph() -> None:
    from generator.compile.engine import typeset

    doc = _tiny("甲\U00030000乙")  # a CJK Extension G character no installed font has
    reader = PdfReader(io.BytesIO(typeset(doc, choose_fonts(), 0)))
    assert _font_problems(reader)[1] != []


def _tiny(body: str) -> dict:
    return {
        "site": "s",
        "publisher": "p",
        "title": "t",
        "span": "",
        "date": "d",
        "audience": "a",
        "running": "r",
        "overview": {
            "sentence": "x",
            "totals": [],
            "reported": [],
            "silent": [],
            "chart": {"title": "c", "bars": []},
        },
        "groups": [
            {
                "title": "g",
                "reports": [
                    {
                        "title": "标题",
                        "draft": False,
                        "facts": [],
                        "figures": [],
                        "body": narrative_tree(body),
                        "problems": [],
                        "plans": [],
                    }
                ],
            }
        ],
        "appendix": {"title": "a", "intro": "i", "totals": [], "cumulative": []},
    }


def test_one_pairing_across_its_years(site: Path) -> None:
    out = site / "out" / "uni.pdf"
    code, output = _compile(site, "--pairing", "uni", "-o", str(out))
    assert code == 0, output
    text = _flat("".join(_pages(PdfReader(out))))
    assert "2015年（1篇）" in text and "2016年（1篇）" in text and "第五年" in text
    code, output = _compile(site, "--pairing", "secret", "-o", str(out))
    assert code == 1 and "没有可汇编的结对" in output


def test_the_same_content_gives_the_same_bytes(site: Path, public_pdf: PdfReader) -> None:
    again = site / "out" / "again.pdf"
    code, output = _compile(site, "--year", "2015", "-o", str(again))
    assert code == 0, output
    assert again.read_bytes() == (site / "out" / "public-2015.pdf").read_bytes()


def test_usage_errors_are_messages(site: Path) -> None:
    assert _compile(site)[0] == 2
    code, output = _compile(site, "--year", "2015", "-o", str(site / "content" / "x.pdf"))
    assert code == 2 and "内容目录" in output
    code, output = _compile(site, "--year", "2015", "-o", str(site / "x.txt"))
    assert code == 2 and ".pdf" in output


def test_no_cjk_font_is_a_message_naming_the_package() -> None:
    with pytest.raises(NoCJKFont, match="fonts-noto-cjk"):
        choose_fonts(include_system_fonts=False)


def test_narrative_tree_keeps_headings_tables_and_text_as_text() -> None:
    tree = narrative_tree(
        '## 做法\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- 一\n- 二\n\n见 #read("x")\n'
    )
    kinds = [n["t"] for n in tree["c"]]
    assert kinds == ["heading", "table", "list", "par"]
    assert tree["c"][1]["columns"] == 2
    assert plain_text(tree).endswith('#read("x")')
    # A soft line break between Chinese characters is no space.
    assert plain_text(narrative_tree("第一行\n第二行")) == "第一行第二行"
