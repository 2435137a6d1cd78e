"""A generated page's front matter, written as `yaml.safe_dump(meta, allow_unicode=True,
sort_keys=True)` writes it, without PyYAML's emitter for the shapes page specs have.

Every build writes the front matter of every generated page (thousands), and PyYAML's
emitter is a pure-Python event machine: most of the plugin's `add_pages`. A spec's front
matter is a title and a few flags: a mapping of short keys to strings, numbers, booleans and
lists of them. `dump` writes such a mapping itself when each string is one PyYAML writes
plain (no quotes) — a conservative set of characters, no space, not read back as another
type by YAML's resolver — and hands anything else to PyYAML whole, so its text is always
PyYAML's (tests/site/test_frontmatter.py compares both on every spec of the example site, a
1,000-report corpus, and generated strings). Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

_PRINTABLE = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
"""Characters beyond ASCII PyYAML writes as they are under `allow_unicode` (printable, not a
line break, not a byte-order mark)."""
_WORD = f"[0-9A-Za-z_({_PRINTABLE}][0-9A-Za-z_.()/+=~{_PRINTABLE}-]*"
_PLAIN = re.compile(f"{_WORD}(?: +[0-9A-Za-z_.()/+=~{_PRINTABLE}-]+)*")
"""A string PyYAML may write plain: it starts with no indicator (`-?:,[]{{}}#&*!|>'"%@` or a
backquote), holds no `:` or `#`, and spaces only between other characters. Stricter than
YAML: whatever it refuses goes to PyYAML."""
_SPACES = re.compile("( +)")
_WIDTH = 80
"""PyYAML's line width: a plain string is broken at a lone space past this column."""
_KEY = re.compile("[a-z][a-z_]*")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def _plain(text: str) -> bool:
    """Whether PyYAML writes `text` as it is: plain, and read back as a string (not `true`,
    `null`, `12`, `1.5`, a date…)."""
    return (
        _PLAIN.fullmatch(text) is not None
        and _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR
    )


def _folded(text: str, column: int) -> str:
    """`text` as PyYAML's `write_plain` writes it from `column` in a mapping's value: a lone
    space met past the line width becomes a new line indented by two."""
    if " " not in text:
        return text
    out = []
    for i, part in enumerate(_SPACES.split(text)):
        if i % 2 and part == " " and column > _WIDTH:
            out.append("\n  ")
            column = 2
        else:
            out.append(part)
            column += len(part)
    return "".join(out)


def _scalar(value: Any, column: int) -> str | None:
    t = type(value)
    if t is str:
        return _folded(value, column) if _plain(value) else None
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return str(value)
    if value is None:
        return "null"
    return None


def _fast(meta: dict[Any, Any]) -> str | None:
    if not meta or any(type(k) is not str or not _KEY.fullmatch(k) or not _plain(k) for k in meta):
        return None
    lines = []
    for key in sorted(meta):
        value = meta[key]
        if type(value) is list and value:
            items = [_scalar(v, 2) for v in value]
            if None in items or any(" " in v for v in value if type(v) is str):
                return None
            lines.append(f"{key}:\n")
            lines.extend(f"- {item}\n" for item in items)
            continue
        text = _scalar(value, len(key) + 2)
        if text is None:
            return None
        lines.append(f"{key}: {text}\n")
    return "".join(lines)


def dump(meta: dict[Any, Any]) -> str:
    """`yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)`, the same text."""
    text = _fast(meta) if type(meta) is dict else None
    if text is None:
        return yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return text
