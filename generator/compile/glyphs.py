"""Characters that no installed font can show: a warning naming the report, never a box.

Typst sets each character in the first font that has it (the CJK faces first, then any
installed font); one that no font has prints as an empty box (.notdef). Before
typesetting, each report's characters are looked up in the fonts' character maps
(fontTools reads only the `cmap` table), so the editor hears which file and which
character, and can write it another way or install a font that has it.
This module must not import MkDocs.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from generator.compile.fonts import FontChoice


@lru_cache(maxsize=128)
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a font file fontTools cannot read covers nothing here
        return frozenset()


def _shown(text: str) -> set[str]:
    """The characters of `text` that need a glyph (not spaces, controls or format marks)."""
    return {ch for ch in set(text) if not ch.isspace() and unicodedata.category(ch)[0] != "C"}


def uncovered(text: str, fonts: FontChoice) -> set[str]:
    """The characters of `text` that no installed font has (the chosen faces asked first)."""
    left = _shown(text)
    infos = [i for i in fonts.database.fonts() if i.path]
    chosen = set(fonts.body) | set(fonts.heading)
    for group in (
        [i for i in infos if i.family in chosen],
        [i for i in infos if i.family not in chosen],
    ):
        for info in group:
            if not left:
                return left
            codes = _cmap(str(info.path), int(info.index))
            left = {ch for ch in left if ord(ch) not in codes}
    return left


def missing_glyphs(document: dict[str, Any], fonts: FontChoice) -> list[str]:
    """One message per report (and one for the rest) with characters no font has."""
    messages = []
    parts: Iterable[tuple[str, Any]] = [
        (r.get("path", ""), r) for g in document.get("groups", []) for r in g["reports"]
    ]
    rest = {k: v for k, v in document.items() if k != "groups"}
    for path, part in [*parts, ("mkdocs.yml", rest)]:
        missing = uncovered(json.dumps(part, ensure_ascii=False), fonts)
        if missing:
            chars = "、".join(f"“{ch}”（U+{ord(ch):04X}）" for ch in sorted(missing))
            messages.append(
                f"{path}: 警告：字符 {chars} 在已安装的字体中都没有字形，汇编 PDF 中会显示为空框；"
                "请改写，或安装含这些字的字体（no installed font has these characters）"
            )
    return messages
