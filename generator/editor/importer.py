"""`bulletins import FILE.docx`: a Word summary becomes a draft yearly report.

mammoth reads the .docx and gives clean HTML (it maps Word styles, not looks);
`html_to_markdown` turns that into Markdown, keeping headings, lists, tables,
bold and links. Chinese offices often mark sections with a numbered bold line
(`一、主要做法`) instead of a heading style, so such a line becomes a heading too.
The figures found in the prose (`findfigures.find_figures`) are written as
*commented* YAML lines with the clause they came from, for the editor to confirm:
nothing the import guesses reaches the site until a person has looked at it. A
figure the finder is unsure of is a question naming its candidates; one that fits
no indicator comes with the `bulletins new indicator` command that would add one.

Written without markdownify: mammoth's HTML uses a dozen tags, a 100-line
converter covers them and keeps the dependency list short. This module must not
import MkDocs, and never overwrites a file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers.expat import ExpatError

from generator.content.model import Content
from generator.content.validate import load_content
from generator.editor.docx_bounds import DocxTooBig, check_docx
from generator.editor.findfigures import Found, find_figures
from generator.editor.new import ScaffoldError, comment, write_new
from generator.editor.new_report import report_target
from generator.editor.suggest import figure_lines, section_lines, yaml_text

__all__ = [
    "Node",
    "html_to_markdown",
    "import_docx",
    "parse_html",
    "read_docx",
    "suggested_figures",
    "write_import",
]

_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='标题'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
"""

_SECTION = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*\S")
_SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*\S")
_SECTION_MARK = "\x00"  # a numbered line taken for a heading, placed once levels are known


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    _VOID = {"br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self._VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _escape(text: str) -> str:
    # The narrative is Markdown: a `<` from Word is text, never markup.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\u00a0", " ")


def _inline(node: Node | str) -> str:
    if isinstance(node, str):
        return _escape(node)
    inner = "".join(_inline(c) for c in node.children)
    if node.tag in ("strong", "b") and inner.strip():
        return f"**{inner.strip()}**"
    if node.tag in ("em", "i") and inner.strip():
        return f"*{inner.strip()}*"
    if node.tag == "a" and re.match(r"^https?://", node.attrs.get("href", "")) and inner.strip():
        return f"[{inner.strip()}]({node.attrs['href']})"
    if node.tag == "br":
        return "  \n"
    if node.tag == "img":
        return ""
    if node.tag in ("sup", "sub"):
        return inner
    return inner


def _block(node: Node, depth: int, out: list[str]) -> None:
    tag = node.tag
    if re.fullmatch(r"h[1-6]", tag):
        text = _inline(node).strip()
        if text:
            out.append("#" * int(tag[1]) + " " + text.replace("**", ""))
    elif tag == "p":
        text = _inline(node).strip()
        if not text:
            return
        plain = node.text().strip()
        if len(plain) <= 30 and _SECTION.match(plain):
            out.append(_SECTION_MARK + "1 " + plain)
        elif len(plain) <= 30 and _SUBSECTION.match(plain):
            out.append(_SECTION_MARK + "2 " + plain)
        else:
            out.append(text)
    elif tag in ("ul", "ol"):
        out.append("\n".join(_list(node, depth)))
    elif tag == "table":
        out.append(_table(node))
    else:
        for child in node.children:
            if isinstance(child, Node):
                _block(child, depth, out)
            elif child.strip():
                out.append(_escape(child.strip()))


def _list(node: Node, depth: int) -> list[str]:
    lines = []
    number = 0
    for item in node.children:
        if not isinstance(item, Node) or item.tag != "li":
            continue
        number += 1
        marker = f"{number}." if node.tag == "ol" else "-"
        text = "".join(
            _inline(c) for c in item.children if not (isinstance(c, Node) and c.tag in ("ul", "ol"))
        )
        lines.append("    " * depth + f"{marker} {text.strip()}")
        for sub in item.children:
            if isinstance(sub, Node) and sub.tag in ("ul", "ol"):
                lines += _list(sub, depth + 1)
    return lines


def _table(node: Node) -> str:
    rows: list[list[str]] = []

    def walk(n: Node) -> None:
        for c in n.children:
            if not isinstance(c, Node):
                continue
            if c.tag == "tr":
                cells = [c2 for c2 in c.children if isinstance(c2, Node) and c2.tag in ("td", "th")]
                rows.append([" ".join(_inline(x).split()).replace("|", "\\|") for x in cells])
            else:
                walk(c)

    walk(node)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def html_to_markdown(html: str) -> tuple[str | None, str]:
    """(title, Markdown body). The title is the first block when it is a heading or
    a short line naming a 总结; headings are shifted so sections start at `##`."""
    blocks: list[str] = []
    _block(parse_html(html), 0, blocks)
    title = None
    if blocks:
        first = blocks[0]
        plain = first.lstrip("#").strip().replace("**", "")
        if first.startswith("# ") or (
            len(plain) <= 60 and "总结" in plain and not first.startswith("##")
        ):
            title = plain
            blocks = blocks[1:]
    levels = [len(b) - len(b.lstrip("#")) for b in blocks if re.match(r"#{1,6} ", b)]
    shift = max(0, 2 - min(levels)) if levels else 0
    out = []
    for b in blocks:
        if b.startswith(_SECTION_MARK):
            b = "#" * (1 + int(b[1])) + b[2:]
        elif shift and re.match(r"#{1,6} ", b):
            b = "#" * shift + b
        out.append(b)
    blocks = out
    return title, "\n\n".join(b for b in blocks if b.strip()) + "\n"


def suggested_figures(text: str, content: Content) -> list[Found]:
    """Every figure found in `text`, in order of appearance, judged against the catalogue."""
    return find_figures(text, content.indicators)


def render_report(
    title: str | None, body: str, found: list[Found], source: str, images: int, content: Content
) -> str:
    lines = [
        "---",
        f"# 由 bulletins import 从 “{source}” 导入的草稿：请核对正文和下面建议的成效数据。",
    ]
    if title:
        lines.append(f"title: {yaml_text(title)}")
    lines.append("status: draft   # 草稿：只在 bulletins serve 预览中可见；核对完毕后删去这一行")
    if images:
        lines.append(
            f"# 原文中有 {images} 张图片未导入；需要时另存到 content/pages/ 下并在正文中引用。"
        )
    if found:
        lines += figure_lines(found, content)
    else:
        lines.append("# 正文中没有找到带单位的数字；可按 indicators.yml 手工填写 figures。")
    lines += section_lines(body)
    lines.append("---")
    # Every line above is a YAML key from the serialiser or a comment; the comments quote
    # the Word file's name and sentences, which must not end the comment and start a key.
    lines = [comment(line) if line.startswith("#") else line for line in lines]
    return "\n".join(lines) + "\n\n" + body


def read_docx(docx: Path) -> tuple[str | None, str, int]:
    """(title, Markdown body, images left out) of a .docx; a Chinese message when unreadable."""
    import mammoth

    if docx.suffix.lower() != ".docx":
        hint = (
            "；旧版 .doc 请先在 Word 或 WPS 中“另存为 .docx”"
            if docx.suffix.lower() == ".doc"
            else ""
        )
        raise ScaffoldError(f"只能导入 Word 的 .docx 文件，而这是 “{docx.name}”{hint}", 2)
    try:
        check_docx(docx)  # limits read from the zip's directory, before anything unpacks
        with docx.open("rb") as fh:
            result = mammoth.convert_to_html(fh, style_map=_STYLE_MAP)
    except DocxTooBig as exc:
        raise ScaffoldError(f"“{docx.name}” 过大，未导入：{exc}；请拆分文档后分别导入") from None
    except FileNotFoundError:
        raise ScaffoldError(f"找不到文件 “{docx}”", 2) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ExpatError, EOFError) as exc:
        # A cut or damaged file fails anywhere inside mammoth's zip or XML reading.
        raise ScaffoldError(
            f"无法读取 “{docx.name}”：它不像是有效的 .docx 文件（{type(exc).__name__}）；"
            "请用 Word 或 WPS 重新另存为 .docx"
        ) from None
    html = result.value
    title, body = html_to_markdown(html)
    return title, body, html.count("<img")


def write_import(
    content_dir: Path,
    content: Content,
    path: Path,
    read: tuple[str | None, str, int],
    source: str,
) -> list[Found]:
    """Write the draft report for what `read_docx` gave; never overwrites."""
    title, body, images = read
    found = suggested_figures(body, content)
    write_new(
        path, render_report(title, body, found, source, images, content), content_dir, "import"
    )
    return found


def import_docx(docx: Path, content_dir: Path, pairing: str, year: int) -> tuple[Path, list[Found]]:
    """Convert `docx` and write `reports/<year>/<pairing>.md`; never overwrites."""
    if not content_dir.is_dir():
        raise ScaffoldError(
            f"找不到内容目录 “{content_dir}”：请在网站文件夹中运行，或用 --content 指定", 2
        )
    if docx.suffix.lower() != ".docx":
        read_docx(docx)  # the message for a file that is no .docx
    content, _ = load_content(content_dir)
    path, _p = report_target(content_dir, content, pairing, year)
    return path, write_import(content_dir, content, path, read_docx(docx), docx.name)
