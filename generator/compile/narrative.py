"""A narrative's Markdown as a tree of plain data for the typesetter.

The Markdown is rendered as the site renders it (Python-Markdown with the site's
extensions) and cleaned by the same allowlist sanitiser (`clean_html`); the cleaned
HTML is then parsed by `html.parser` into nested nodes, `{"t": kind, ...}` with text
as plain strings. No text is ever spliced into typesetter source: the Typst template
walks this tree and shows every string as a string (see `template.typ`).

Images are not printed (a compilation without images): their alt text stands in.
This module must not import MkDocs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import markdown

from generator.content.markdown_bounds import LinearLinks
from generator.content.sanitize import clean_html

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]
"""The example site's Markdown extensions (mkdocs.yml), minus the table of contents."""

Node = dict[str, Any]

_BLOCKS = {
    "p": "par",
    "blockquote": "quote",
    "pre": "pre",
    "ul": "list",
    "ol": "list",
    "li": "item",
    "table": "table",
    "tr": "row",
    "hr": "rule",
}
_INLINE = {
    "strong": "strong",
    "b": "strong",
    "em": "emph",
    "i": "emph",
    "code": "code",
    "a": "link",
    "sub": "sub",
    "sup": "super",
    "del": "strike",
    "s": "strike",
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_VOID = {"br", "hr", "img", "col", "wbr"}
_TRANSPARENT = {"thead", "tbody", "tfoot", "div", "span", "section", "details", "figure"}
MAX_DEPTH = 40
"""Deeper nesting is flattened into its parent: a tree the typesetter's recursion can walk."""


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Node = {"t": "root", "c": []}
        self.stack: list[tuple[str, Node]] = [("", self.root)]

    @property
    def top(self) -> Node:
        return self.stack[-1][1]

    def _push(self, tag: str, node: Node) -> None:
        self.top["c"].append(node)
        if len(self.stack) < MAX_DEPTH:
            self.stack.append((tag, node))
        else:
            self.stack.append((tag, self.top))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "br":
            self.top["c"].append({"t": "br"})
        elif tag == "hr":
            self.top["c"].append({"t": "rule"})
        elif tag == "img":
            if a.get("alt"):
                self.top["c"].append(f"［图：{a['alt']}］")
        elif tag in _HEADINGS:
            self._push(tag, {"t": "heading", "level": _HEADINGS[tag], "c": []})
        elif tag in ("td", "th"):
            self._push(tag, {"t": "cell", "head": tag == "th", "c": []})
        elif tag == "ol" or tag == "ul":
            start = a.get("start", "1")
            node = {"t": "list", "ordered": tag == "ol", "c": []}
            node["start"] = int(start) if start.isdigit() else 1
            self._push(tag, node)
        elif tag == "a":
            self._push(tag, {"t": "link", "href": a.get("href", ""), "c": []})
        elif tag in _BLOCKS:
            self._push(tag, {"t": _BLOCKS[tag], "c": []})
        elif tag in _INLINE:
            self._push(tag, {"t": _INLINE[tag], "c": []})
        elif "admonition-title" in a.get("class", "").split():
            self._push(tag, {"t": "strong", "c": []})
        elif tag not in _VOID:
            # Anything else (thead, div, span, details …) shows its children as they are.
            self.stack.append((tag, self.top))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if data:
            self.top["c"].append(data)


_WIDE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_SOFT_BREAK = re.compile(r"[ \t]*\n\s*")


def _unwrap(text: str) -> str:
    """A source line break inside a paragraph: nothing between Chinese characters (as a
    browser shows it for `lang="zh"`), a space elsewhere."""

    def join(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        return "" if _WIDE.match(before) and _WIDE.match(after) else " "

    return _SOFT_BREAK.sub(join, text)


def _tidy(node: Node) -> Node:
    """Whitespace between blocks dropped; text runs joined; empty rows and tables kept apart."""
    out: list[Any] = []
    block = node["t"] in ("root", "quote", "list", "item", "table", "row")
    for child in node["c"]:
        if isinstance(child, str):
            if node["t"] not in ("pre", "code"):
                child = _unwrap(child)
            if block and not child.strip():
                continue
            if out and isinstance(out[-1], str):
                out[-1] += child
            else:
                out.append(child)
        else:
            out.append(_tidy(child))
    if node["t"] == "table":
        rows = [r for r in out if isinstance(r, dict) and r["t"] == "row" and r["c"]]
        width = max((len(r["c"]) for r in rows), default=0)
        return {"t": "table", "columns": width, "c": rows}
    return {**node, "c": out}


def narrative_tree(body: str) -> Node:
    """The narrative as nodes: root → blocks (heading, par, list → item, table → row → cell,
    quote, pre, rule) → inline (text strings, strong, emph, code, link, br, sub, super)."""
    html = markdown.Markdown(extensions=[*EXTENSIONS, LinearLinks()]).convert(body)
    builder = _Builder()
    builder.feed(clean_html(html))
    builder.close()
    return _tidy(builder.root)


def plain_text(node: Node | str) -> str:
    """Every string in a tree, in order (for tests and search of a compilation's text)."""
    if isinstance(node, str):
        return node
    return "".join(plain_text(c) for c in node.get("c", []))
