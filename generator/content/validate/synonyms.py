"""Validate `synonyms.yml`: the words search treats as one (`公路: [道路]`).

Editors keep the list; search (generator/search/) reads `Content.synonyms` and
finds a page by any word of a group. A group is written `词: [同义词, …]` (a single
string is accepted for one synonym); every word is non-empty text without spaces.
Problems name the file, line and word; nothing here knows about search engines.
"""

from __future__ import annotations

from typing import Any

from generator.content.load.yaml import YamlDoc
from generator.content.problems import Problem
from generator.content.validate.fields import require_mapping, show, type_name

MAX_WORD = 20
"""Longer than any word a reader types: a paragraph pasted by mistake."""


def _word_problem(word: Any) -> str | None:
    if not isinstance(word, str):
        return f"应为文本（一个词），而不是{type_name(word)}"
    text = word.strip()
    if not text:
        return "是空的"
    if any(c.isspace() for c in text):
        return f"“{show(text)}” 含有空格：每项只写一个词"
    if len(text) > MAX_WORD:
        return f"“{show(text)}” 太长（{len(text)} 字）：每项只写一个词"
    return None


def validate_synonyms(doc: YamlDoc | None, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """Word → its synonyms, as written (both ways are applied by search)."""
    synonyms: dict[str, tuple[str, ...]] = {}
    if doc is None or doc.data is None:
        return synonyms
    data = require_mapping(doc, "同义词表", problems)
    for key, value in (data or {}).items():
        bad = _word_problem(key)
        if bad:
            code = "E208" if bad == "是空的" else "E203"
            problems.append(doc.problem(code, f"同义词表的词 {bad}", key, key=True))
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            problems.append(
                doc.problem(
                    "E203",
                    f"“{key}” 的同义词应写成列表，如 `{key}: [同义词1, 同义词2]`，"
                    f"而不是{type_name(value)}",
                    key,
                )
            )
            continue
        words: list[str] = []
        for i, item in enumerate(items):
            bad = _word_problem(item)
            if bad:
                code = "E208" if bad == "是空的" else "E203"
                problems.append(doc.problem(code, f"“{key}” 的第 {i + 1} 个同义词{bad}", key, i))
            elif item.strip() != key.strip() and item.strip() not in words:
                words.append(item.strip())
        if words:
            synonyms[key.strip()] = tuple(words)
    return dict(sorted(synonyms.items()))
