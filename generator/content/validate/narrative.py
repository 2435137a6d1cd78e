"""Check a narrative (a report's or a free page's Markdown) before it is rendered.

- Control characters (backspace, escape…) are errors with their line: they make
  `feed.xml` invalid XML and show as nothing on the page.
- Nesting deeper than a reader can follow (lists in lists, quotes in quotes) is an
  error before any renderer recurses into it.
- The narrative is rendered as the site renders it and passed through the
  sanitiser's report (`content/sanitize.py`): every tag, attribute or link the
  site would remove is an error (E501), and every load from another host too
  (E502), each with the line of the source where it was written.

This module must not import MkDocs.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable

from generator.content.gc_pause import collect_own_cycles
from generator.content.invisible import BIDI, FORMAT, message
from generator.content.markdown_bounds import LinearLinks
from generator.content.problems import Problem
from generator.content.sanitize import Removal, unsafe_parts

MAX_DEPTH = 24
"""Nested lists or quotes deeper than this are refused (E503)."""

MAX_INDENT = 4 * MAX_DEPTH

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc", "footnotes", "def_list"]
"""What `check` renders with: the extensions of the example site plus the common ones."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_DEEP = re.compile(
    r"^(?:(?: {4}|\t| {0,3}\t){" + str(MAX_DEPTH + 1) + r"}| {" + str(MAX_INDENT + 1) + r"})"
    r"|^(?:[ \t]*>){" + str(MAX_DEPTH + 1) + "}",
    re.M,
)
"""A line indented past MAX_INDENT columns, or quoted more than MAX_DEPTH times."""
_NESTED_HTML = re.compile(r"<[a-zA-Z]")
_MAY_CARRY_HTML = re.compile(
    r"[<&]|\{[^}\n]*\}|\]\s*[(:\[]|://|javascript|data:|__|md-|bl-|mermaid|annotate", re.I
)
"""Without any of these, Markdown renders only its own safe tags: nothing to ask the sanitiser."""


def control_problems(text: str, path: str, first_line: int) -> list[Problem]:
    """Control characters (and lone surrogates) in `text`, one problem per line."""
    out: list[Problem] = []
    last_line = -1
    for m in _CONTROL.finditer(text):
        line, col = _position(text, m.start(), first_line)
        if line == last_line:
            continue
        last_line = line
        msg = (
            f"第 {line} 行含有不可见的控制字符 U+{ord(m.group()):04X}（多半是从别处粘贴带来的）；"
            "请删去它"
        )
        out.append(Problem(path, line, col, "E504", msg))
    return out


_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$|^.*\n {0,3}(?:=+|-+)[ \t]*$", re.M)


def invisible_problems(text: str, path: str, first_line: int) -> list[Problem]:
    """E507: format characters in a heading (any: titles, toc, anchors), bidi controls
    anywhere (see `content/invisible.py`); one problem per line."""
    found: dict[int, Problem] = {}
    spots = [(m.start(), m.group()) for m in BIDI.finditer(text)]
    if FORMAT.search(text):
        for h in _HEADING.finditer(text):
            spots += [(h.start() + m.start(), m.group()) for m in FORMAT.finditer(h.group())]
    for index, char in sorted(spots):
        line, col = _position(text, index, first_line)
        where = "标题中" if not BIDI.match(char) else "正文中"
        found.setdefault(line, Problem(path, line, col, "E507", message(char, where)))
    return list(found.values())


def _position(text: str, index: int, first_line: int) -> tuple[int, int]:
    line = first_line + text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _too_deep(body: str, path: str, first_line: int) -> Problem | None:
    m = _DEEP.search(body)
    if m is not None:
        line = first_line + body.count("\n", 0, m.start())
        msg = (
            f"第 {line} 行嵌套过深（列表或引用超过 {MAX_DEPTH} 层，或缩进超过 "
            f"{MAX_INDENT} 个空格）；请改成较平的结构"
        )
        return Problem(path, line, 1, "E503", msg)
    if body.count("<") > 4000 and len(_NESTED_HTML.findall(body)) > 4000:
        msg = "正文中的 HTML 标签过多（超过 4000 个）；请改用 Markdown 或拆分"
        return Problem(path, first_line, 1, "E503", msg)
    return None


MAX_MARKUP = 20_000
"""Markup characters (`[ ] * _ ` < & !`) in one narrative: Python-Markdown's inline
processing costs a fraction of a millisecond per element it finds (it copies the
paragraph's text after each), so a 1 MB narrative of nothing but links would take
minutes. 20,000 is some 10,000 links or emphases, far beyond any report (E508)."""
MAX_OPEN_ANGLES = 16
"""`<` between two `>`: the HTML block parser (Python's html.parser) reads from each
`<` to the next `>`, so thousands of unclosed `<` read the rest of the text thousands of
times (`<http://a ` × 2,000: 3.4 s at 20 KB). Write `&lt;` or the full-width ＜ (E508)."""

MAX_BYTES = 1 << 20
"""One narrative (a report's body or a free page) in UTF-8: some 350,000 Chinese
characters. Check and build each take at most a few seconds on any narrative within
this and the limits below (`bench/narrative_bounds.py` measures the worst cases)."""
MAX_LINES = 20_000
"""Lines in one narrative: every block (table row, list item, definition, heading) costs
the renderer some 0.1 ms; 160,000 table rows took 25 s (E508). A long report has a
few thousand lines."""
MAX_HEADINGS = 2_000
"""Headings in one narrative: the toc extension makes repeated headings' anchors unique
by counting up from 1 each time, quadratic in the repeats (E508)."""

MAX_BLOCK = 200_000
"""Characters in one paragraph (lines without a blank line between): the renderer
copies a paragraph's text after each link or emphasis it finds in it (E508)."""

_MARKUP = re.compile(r"[\[\]*_`<&!]")
_BLANK = re.compile(r"\n[ \t]*\n")
_HEADINGS = re.compile(r"^ {0,3}#|^ {0,3}(?:=+|-+)[ \t]*$", re.M)


def _too_complex(body: str, path: str, first_line: int) -> Problem | None:
    """E508 when the narrative would make the renderer's work superlinear (the limits
    above), found in one linear pass before any rendering."""
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        msg = f"正文过长：{size} 字节，超过上限 {MAX_BYTES} 字节（1 MB）；请拆分成几篇"
        return Problem(path, first_line, 1, "E508", msg)
    lines = body.count("\n") + 1
    if lines > MAX_LINES:
        msg = f"正文过长：{lines} 行，超过上限 {MAX_LINES} 行，生成页面会过慢；请拆分成几篇"
        return Problem(path, first_line + MAX_LINES, 1, "E508", msg)
    for count, m in enumerate(_HEADINGS.finditer(body), 1):
        if count > MAX_HEADINGS:
            line, col = _position(body, m.start(), first_line)
            msg = f"正文中的标题过多：超过 {MAX_HEADINGS} 个，生成页面会过慢；请拆分成几篇"
            return Problem(path, line, col, "E508", msg)
    start = 0
    for gap in [*_BLANK.finditer(body), None]:
        end = gap.start() if gap is not None else len(body)
        if end - start > MAX_BLOCK:
            line, col = _position(body, start, first_line)
            msg = (
                f"第 {line} 行起的段落过长：{end - start} 个字符，超过上限 {MAX_BLOCK}，"
                "生成页面会过慢；请用空行分段"
            )
            return Problem(path, line, col, "E508", msg)
        start = gap.end() if gap is not None else end
    count = 0
    for m in _MARKUP.finditer(body):
        count += 1
        if count > MAX_MARKUP:
            line, col = _position(body, m.start(), first_line)
            msg = (
                f"正文中的 Markdown 标记过多：到第 {line} 行已超过 {MAX_MARKUP} 个"
                "（[ ] * _ ` < & ! 之类），生成页面会过慢；请拆分成几篇，或删去多余的标记"
            )
            return Problem(path, line, col, "E508", msg)
    next_close = -1
    waiting = 0
    at = body.find("<")
    while at >= 0:
        if at > next_close:
            next_close = body.find(">", at)
            waiting = 0
            if next_close < 0:
                next_close = len(body)
        waiting += 1
        if waiting > MAX_OPEN_ANGLES:
            line, col = _position(body, at, first_line)
            msg = (
                f"第 {line} 行前后有超过 {MAX_OPEN_ANGLES} 个没有闭合的 “<”，生成页面会过慢；"
                "表示“小于”请写成全角 ＜ 或 &lt;"
            )
            return Problem(path, line, col, "E508", msg)
        at = body.find("<", at + 1)
    return None


def _renderer() -> Callable[[str], str]:
    import markdown

    md = markdown.Markdown(extensions=[*EXTENSIONS, LinearLinks()])
    return lambda text: md.reset().convert(text)


_render: Callable[[str], str] | None = None


def render_markdown(body: str) -> str:
    """The narrative as HTML, rendered the way `check` assumes the site renders it."""
    global _render
    if _render is None:
        _render = _renderer()
    return _render(body)


def _needles(r: Removal) -> list[str]:
    if r.attr is None:
        return ["<" + r.tag]
    shown = r.value.strip()[:60]
    value = [shown, htmllib.escape(shown, quote=False)] if len(shown) > 2 else []
    if r.attr in _URL_ATTRS:  # `[b](javascript:…)` has no `href=` in the source
        return [*value, r.attr + "=", r.attr, "<" + r.tag]
    return [r.attr + "=", *value, r.attr, "<" + r.tag]


_URL_ATTRS = {"href", "src", "cite", "srcset", "poster", "action", "formaction"}


def _locate(body: str, r: Removal, cursor: int) -> int:
    """Index in `body` where the removed part was written: the first match at or after
    the previous one, else anywhere, else the start."""
    lower = body.lower()
    for needle in _needles(r):
        n = needle.lower()
        at = lower.find(n, cursor)
        if at < 0:
            at = lower.find(n)
        if at >= 0:
            return at
    return 0


def check_narrative(body: str, path: str, first_line: int, problems: list[Problem]) -> None:
    """Add every problem of one narrative to `problems` (see the module docstring)."""
    problems.extend(control_problems(body, path, first_line))
    problems.extend(invisible_problems(body, path, first_line))
    deep = _too_deep(body, path, first_line)
    if deep is not None:
        problems.append(deep)
        return
    heavy = _too_complex(body, path, first_line)
    if heavy is not None:
        problems.append(heavy)
        return
    if not _MAY_CARRY_HTML.search(body):
        return
    try:
        html = collect_own_cycles(lambda: render_markdown(body))
    except RecursionError:
        msg = "正文结构嵌套过深，无法生成页面；请改成较平的结构"
        problems.append(Problem(path, first_line, 1, "E503", msg))
        return
    cursor = 0
    for r in unsafe_parts(html):
        at = _locate(body, r, cursor)
        cursor = at
        line, col = _position(body, at, first_line)
        if r.attr == "dir" or (r.tag == "bdo" and r.attr is None):
            msg = (
                f"正文中的{r.describe()}会改变文字的显示方向（如把 0001 显示成 1000），"
                "而搜索、订阅和数据读到的仍是原样；不会发布，请删去"
            )
            problems.append(Problem(path, line, col, "E507", msg))
        elif r.hook and r.attr == "title":
            msg = (
                f"正文中的{r.describe()}含有尖括号：主题会把提示文字当作 HTML 显示，"
                "尖括号会改成全角（＜＞）；请删去尖括号或改用全角"
            )
            problems.append(Problem(path, line, col, "E505", msg))
        elif r.hook:
            msg = (
                f"正文中的{r.describe()}是主题脚本使用的名称（以 __、md-、bl- 开头，或 "
                "mermaid、annotate 等），不会发布：它会让页面读取编辑写的内容代替主题自己的；"
                "请改用其他名称"
            )
            problems.append(Problem(path, line, col, "E506", msg))
        elif r.remote:
            msg = (
                f"正文中的{r.describe()}：网站的页面不从其他网站加载任何内容；"
                "请把文件放进 content/pages/ 并用相对路径引用，或改成普通链接"
            )
            problems.append(Problem(path, line, col, "E502", msg))
        else:
            msg = (
                f"正文中的{r.describe()}不会发布（网站只保留安全的标签、属性和 "
                "http(s)/mailto 链接，"
                "不发布脚本、样式和事件代码）；请删去"
            )
            problems.append(Problem(path, line, col, "E501", msg))
