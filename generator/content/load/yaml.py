"""Parse YAML keeping the line and column of every key and value.

PyYAML's composer gives nodes with marks; we walk them ourselves so that we can
refuse duplicate keys (which `safe_load` silently lets the last one win), keep
each scalar's text exactly as written (a figure `3.98` must not become a float
first), and bound alias expansion. The result is plain Python data plus position
tables keyed by the path of keys. This module must not know about records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.content.invisible import FORMAT, message
from generator.content.load.yaml_errors import explain
from generator.content.problems import Problem

KeyPath = tuple[Any, ...]
Pos = tuple[int, int]

MAX_NODES = 200_000
"""Bound on expanded nodes, so aliases cannot make a small file explode."""
MAX_DEPTH = 64


@dataclass
class YamlDoc:
    """A parsed YAML document with source positions."""

    path: str
    """File path as shown in problems."""
    data: Any
    """Plain Python data (dict, list, str, int, float, bool, None, date)."""
    values: dict[KeyPath, Pos] = field(default_factory=dict)
    """Position of each value, keyed by its key path (`("figures", "lectures")`)."""
    keys: dict[KeyPath, Pos] = field(default_factory=dict)
    """Position of each mapping key, keyed by the path ending in that key."""
    texts: dict[KeyPath, str] = field(default_factory=dict)
    """Each scalar as written in the file, before YAML typed it."""

    def pos(self, *path: Any) -> Pos:
        """Position of a value, or of its nearest known ancestor, or (1, 1)."""
        p: KeyPath = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))

    def key_pos(self, *path: Any) -> Pos:
        p: KeyPath = tuple(path)
        return self.keys.get(p) or self.pos(*p)

    def problem(self, code: str, message: str, *path: Any, key: bool = False) -> Problem:
        line, col = self.key_pos(*path) if key else self.pos(*path)
        return Problem(self.path, line, col, code, message)


_STR_TAG = "tag:yaml.org,2002:str"


_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Control characters and lone surrogates (only YAML escapes can produce them here)."""


class _Walker:
    def __init__(self, doc: YamlDoc, line_offset: int) -> None:
        self.doc = doc
        self.offset = line_offset
        self.count = 0
        self.problems: list[Problem] = []
        # A constructor alone (not a whole SafeLoader with reader, scanner and parser per file).
        self.constructor = yaml.constructor.SafeConstructor()
        # A str-tagged scalar constructs to its text (`construct_yaml_str`): take it directly,
        # unless that constructor was replaced.
        self.plain_str = (
            self.constructor.yaml_constructors.get(_STR_TAG)
            is yaml.constructor.SafeConstructor.construct_yaml_str
        )

    def mark(self, node: yaml.Node) -> Pos:
        m = node.start_mark
        return (m.line + 1 + self.offset, m.column + 1)

    def walk(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _TooBig(self.mark(node))
        self.doc.values[path] = self.mark(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar_key(key_node)
                kpath = (*path, key)
                if key in out:
                    line, col = self.mark(key_node)
                    first = self.doc.keys.get(kpath, (line, col))[0]
                    self.problems.append(
                        Problem(self.doc.path, line, col, "E103", _duplicate(key, first, path))
                    )
                    continue
                self.doc.keys[kpath] = self.mark(key_node)
                out[key] = self.walk(value_node, kpath, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(v, (*path, i), depth + 1) for i, v in enumerate(node.value)]
        if _BAD_CHARS.search(node.value):
            # `"\ud800"` or `"\x1b"` escapes: no page, feed or file can hold them.
            bad = _BAD_CHARS.search(node.value)
            assert bad is not None
            line, col = self.mark(node)
            msg = (
                f"取值中含有无效或不可见的字符 U+{ord(bad.group()):04X}（转义写法或粘贴带来的）；"
                "请删去"
            )
            self.problems.append(Problem(self.doc.path, line, col, "E504", msg))
            node.value = _BAD_CHARS.sub("\ufffd", node.value)
        elif (hidden := FORMAT.search(node.value)) is not None:
            line, col = self.mark(node)
            self.problems.append(
                Problem(self.doc.path, line, col, "E507", message(hidden.group(), "取值中"))
            )
        self.doc.texts[path] = node.value
        if node.tag == _STR_TAG and self.plain_str:
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # An impossible date (2015-02-30) stays text, so the field's own rule
            # reports it at its line (E205) instead of failing the whole file.
            return node.value

    def scalar_key(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            line, col = self.mark(node)
            raise _BadKey((line, col))
        if node.tag == _STR_TAG and self.plain_str:
            return node.value
        value = self.constructor.construct_object(node, deep=True)
        # Keys are field names or ids; dates or numbers as keys are compared as text.
        return value if isinstance(value, str) else node.value


def _duplicate(key: Any, first: int, path: KeyPath) -> str:
    """E103's message: a second figure for one indicator is a list item, never a line to drop."""
    head = f"键 “{key}” 在同一映射中重复出现（第 {first} 行已有）"
    if path == ("figures",):
        return (
            f"{head}：同一指标有几项数字时写成列表，每项可带说明，各项都计入合计，如 "
            f"“{key}: [450人次 种植技术, 350人次 养殖技术, 100人次]”"
        )
    return f"{head}：后写的值会被忽略；请核对两处，把内容合并到一处"


class _TooBig(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


class _BadKey(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose_fast(text: str) -> list[yaml.Node] | None:
    """Nodes from libyaml's parser (~20× faster than PyYAML's own), or None.

    Same nodes, values and marks as the pure-Python parser on valid YAML; on
    anything it refuses the caller runs the pure-Python parser, so every problem
    message and position stays exactly as that parser reports it.
    """
    if _FAST_LOADER is None:
        return None
    try:
        return list(yaml.compose_all(text, Loader=_FAST_LOADER))
    except yaml.YAMLError:
        return None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; `line_offset` shifts lines (for front matter)."""
    doc = YamlDoc(path=path, data=None)
    try:
        nodes = _compose_fast(text)
        if nodes is None:
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(text, path, line_offset, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1 + line_offset, 1, "E102", f"YAML 语法错误：{exc}")]
    except RecursionError:
        # PyYAML's parser recurses once per nesting level: `[[[[…` thousands deep.
        msg = f"YAML 嵌套过深（超过 {MAX_DEPTH} 层）；请减少括号或缩进的层数"
        return None, [Problem(path, 1 + line_offset, 1, "E108", msg)]
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1 + line_offset
        return None, [
            Problem(path, line, 1, "E102", "YAML 语法错误：一个文件只能有一个文档（多了 `---`）")
        ]
    if not nodes:
        doc.data = None
        return doc, []
    walker = _Walker(doc, line_offset)
    try:
        doc.data = walker.walk(nodes[0], (), 0)
    except _TooBig as exc:
        msg = (
            f"YAML 结构过大或嵌套过深（超过 {MAX_NODES} 个节点或 {MAX_DEPTH} 层）；请去掉别名（& "
            "*）并拆分文件"
        )
        return None, [Problem(path, exc.pos[0], exc.pos[1], "E108", msg)]
    except _BadKey as exc:
        return None, [
            Problem(path, exc.pos[0], exc.pos[1], "E102", "YAML 语法错误：键必须是简单文本")
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        what = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(path, line, col, "E102", f"YAML 取值无法识别：{what}")]
    except (ValueError, OverflowError, TypeError) as exc:
        # PyYAML raises these for impossible dates (2015-02-30) or huge numbers.
        return None, [Problem(path, 1 + line_offset, 1, "E102", f"YAML 取值无法识别：{exc}")]
    return doc, walker.problems


def _syntax_problem(text: str, path: str, line_offset: int, exc: yaml.MarkedYAMLError) -> Problem:
    """E102 at the likely mistake, in Chinese (`yaml_errors.explain`)."""
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or ""
    context = (exc.context_mark.line, exc.context_mark.column) if exc.context_mark else None
    if context is not None and ("<stream end>" in what or "end of stream" in what):
        # An unclosed `[`, `{` or quote fails at the end of the file; point at its start.
        msg = "从这里开始的括号或引号没有闭合：在文字或列表的末尾补上对应的 ]、} 或引号"
        return Problem(
            path, context[0] + 1 + line_offset, context[1] + 1, "E102", f"YAML 语法错误：{msg}"
        )
    at = (mark.line, mark.column) if mark else (0, 0)
    found = explain(text, what, at, context)
    return Problem(
        path, found.line + 1 + line_offset, found.col + 1, "E102", f"YAML 语法错误：{found.message}"
    )


def split_front_matter(text: str, path: str) -> tuple[str | None, int, str, int, list[Problem]]:
    """Split `---` front matter from a Markdown body.

    Returns (yaml_text or None, yaml_first_line_index, body, body_first_line, problems).
    A file without front matter has only a body.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0, text, 1, []
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), 1, "\n".join(lines[i + 1 :]), i + 2, []
    msg = "YAML 头没有结束：第 1 行的 `---` 之后应有另一行 `---` 把字段和正文分开"
    return None, 0, "", 1, [Problem(path, 1, 1, "E106", msg)]
