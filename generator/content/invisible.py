"""Invisible and direction-changing characters: refused where they would hide or reorder
what a reader or an editor sees.

`FORMAT` is every character of Unicode's categories Cf (format: soft hyphen U+00AD,
zero-width space, joiners and marks U+200B–U+200F, bidi embeddings and overrides
U+202A–U+202E and isolates U+2066–U+2069, word joiner, BOM U+FEFF, tags…), Zl and Zp
(U+2028, U+2029, which YAML reads as line breaks). Control characters (Cc) are E504's.
The set is written out (Unicode 14, Python 3.11's `unicodedata`) so loading costs
nothing; `tests/content/test_safety_text.py` recomputes it from `unicodedata`.

Where (E507, file and line; nothing is removed silently — the editor decides):
- every YAML value (names, titles, regions, ids in lists, figures…);
- a narrative's headings (page titles, table of contents entries, anchors) — any of
  them; the rest of a narrative — the bidi controls only (they reorder text, as in
  "Trojan Source"); a soft hyphen or zero-width space pasted from Word into prose
  is harmless there.

This module must not import MkDocs.
"""

from __future__ import annotations

import re

FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
"""Categories Cf, Zl, Zp."""

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Marks, embeddings, overrides and isolates that change the order text is shown in."""

_NAMES = {
    0x0009: "制表符",
    0x000A: "换行符",
    0x000D: "回车符",
    0x00AD: "软连字符",
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连字",
    0x200E: "从左到右标记",
    0x200F: "从右到左标记",
    0x202A: "从左到右嵌入",
    0x202B: "从右到左嵌入",
    0x202C: "方向格式结束",
    0x202D: "从左到右覆盖",
    0x202E: "从右到左覆盖",
    0x2028: "行分隔符",
    0x2029: "段分隔符",
    0x2060: "词连接符",
    0x2066: "从左到右隔离",
    0x2067: "从右到左隔离",
    0x2068: "首强隔离",
    0x2069: "隔离结束",
    0xFEFF: "零宽不换行空格（BOM）",
}


def describe(char: str) -> str:
    """`U+202E（从右到左覆盖）` for messages."""
    name = _NAMES.get(ord(char))
    return f"U+{ord(char):04X}" + (f"（{name}）" if name else "")


def message(char: str, where: str) -> str:
    return (
        f"{where}含有看不见的格式字符 {describe(char)}（多半是从网页或 Word 粘贴带来的）："
        "它会隐藏或颠倒读者看到的文字；请删去它（在编辑器中可用“显示不可见字符”找到）"
    )
