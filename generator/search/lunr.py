"""Finer Chinese tokens for Material's search index, so words inside compounds are found.

Material's search plugin cuts each run of Chinese characters with jieba's precise
mode and joins the words with U+200B (zero-width space) in search_index.json.
Its browser worker then cuts a Chinese query greedily into tokens of that index
and looks each one up as a prefix (``term*``). Long jieba words such as
华东师范大学 or 技术培训 are single tokens, so 师范大学 or 培训 typed alone find
nothing, and ``70万元`` is one query token while the index holds ``70`` and
``余万元``.

This module rewrites the index: every Chinese run is cut again into finer,
non-overlapping tokens — jieba words, where a word longer than two characters
is tiled into the dictionary's two-character words (华东|师范|大学, 技术|培训,
卫生|院) — and ``余``/``多`` right after a digit become tokens of their own
(70|余|万元). The tokens are joined by U+200B, so the text a reader sees in the
results is unchanged. ``SEPARATOR`` adds zero-width splits at digit/letter and
Chinese boundaries, used by the browser for the index and for queries alike.
Segmentation is cached per run and per text, so repeated text costs nothing.

Pure: no MkDocs import and no knowledge of pages; the plugin calls
``rewrite_index_file`` after Material wrote the index. It must not change what
a result displays, only where tokens begin and end.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.compat import jieba as compat_jieba
from generator.content.model import SEARCH_SEPARATOR
from generator.search.files import write_atomic

ZWSP = "\u200b"

# The search separator (Material's zh separator, more CJK punctuation, zero-width splits
# between a digit or Latin letter and a Chinese character), written into the index.
SEPARATOR = SEARCH_SEPARATOR

# Han script as the browser's /\p{sc=Han}/u sees it (the characters its query segmenter cuts).
HAN_RUN = re.compile(
    "[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00020000-\U0003134f]+"
)

# Approximation marks written after a number (70余万元, 30多人): a token of their own,
# so the unit after them (万元, 人) starts a token and `70万元` finds `70余万元`.
APPROX_AFTER_DIGIT = frozenset("余多")
# Last character of a place name (文山县, 钟山区, 上海市): split off alone, so the name before it
# stays one token whatever jieba's dictionary says of its other two-character words (山县, 山区).
PLACE_SUFFIXES = frozenset("县区市省州")
DIGITS = frozenset("0123456789０１２３４５６７８９")

_TEXT_CACHE: dict[bytes, str] = {}
_TEXT_CACHE_MAX = 50_000


def tile(word: str) -> list[str]:
    """Cut one jieba word into non-overlapping pieces that start at dictionary sub-words.

    Picks the most two-character dictionary words (then the most frequent ones:
    中|医院 rather than 中医|院) and keeps each stretch between them whole
    (木里|藏族|自治|县); a place name's last character (县区市省州) goes alone.
    Words of one or two characters, and words with no two-character dictionary
    word inside, stay as they are.
    """
    n = len(word)
    if n <= 2:
        return [word]
    freq = compat_jieba.frequencies()  # loads the dictionary (once) if nothing was cut yet
    if word[-1] in PLACE_SUFFIXES:
        # 文山县 → 文山|县, never 文|山县: the name a reader types starts a token.
        return [*tile(word[:-1]), word[-1]]
    # best[i]: (number of 2-char dictionary words, sum of their log frequencies) in word[i:].
    best: list[tuple[int, float]] = [(0, 0.0)] * (n + 1)
    take = [False] * (n + 1)
    for i in range(n - 2, -1, -1):
        best[i], take[i] = best[i + 1], False
        f = freq.get(word[i : i + 2]) or 0
        if f > 0:
            count, weight = best[i + 2]
            candidate = (count + 1, weight + math.log(f))
            if candidate > best[i]:
                best[i], take[i] = candidate, True
    if best[0][0] == 0:
        return [word]
    pieces: list[str] = []
    rest = ""
    i = 0
    while i < n:
        if take[i]:
            if rest:
                pieces.append(rest)
                rest = ""
            pieces.append(word[i : i + 2])
            i += 2
        else:
            rest += word[i]
            i += 1
    if rest:
        pieces.append(rest)
    return pieces


@lru_cache(maxsize=1 << 16)
def segment_han(run: str) -> tuple[str, ...]:
    """Fine tokens of one run of Chinese characters: jieba's words, long ones tiled."""
    tokens: list[str] = []
    # Imported here, not with the module: a Pagefind build never cuts with jieba (0.26 s).
    for word in compat_jieba.tokenizer().cut(run):
        tokens.extend(tile(word))
    return tuple(tokens)


def _segment_run(run: str, after_digit: bool) -> Iterable[str]:
    if after_digit and len(run) > 1 and run[0] in APPROX_AFTER_DIGIT:
        return (run[0], *segment_han(run[1:]))
    return segment_han(run)


def _segment(text: str) -> str:
    text = text.replace(ZWSP, "")
    out: list[str] = []
    last = 0
    for match in HAN_RUN.finditer(text):
        start, end = match.span()
        out.append(text[last:start])
        after_digit = start > 0 and text[start - 1] in DIGITS
        # Zero-width spaces around the run too, as Material writes them (CT室 → CT|室).
        out.append(ZWSP + ZWSP.join(_segment_run(match.group(), after_digit)) + ZWSP)
        last = end
    out.append(text[last:])
    return "".join(out).strip(ZWSP)


def segment_text(text: str) -> str:
    """``text`` with its Chinese runs cut into fine tokens joined by U+200B.

    Removing every U+200B from the result gives back ``text`` without its own
    U+200B, so what a reader sees does not change.
    """
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    cached = _TEXT_CACHE.get(key)
    if cached is None:
        if len(_TEXT_CACHE) >= _TEXT_CACHE_MAX:
            _TEXT_CACHE.clear()
        cached = _TEXT_CACHE[key] = _segment(text)
    return cached


def rewrite_index(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a parsed search_index.json with fine tokens and ``SEPARATOR``."""
    config = {**data.get("config", {}), "separator": SEPARATOR}
    docs = []
    for doc in data.get("docs", []):
        doc = dict(doc)
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segment_text(doc[field])
        docs.append(doc)
    return {**data, "config": config, "docs": docs}


def rewrite_index_file(path: Path) -> None:
    """Rewrite search_index.json at ``path`` in place, atomically (a reader never sees half a
    file)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    # UTF-8, not \uXXXX escapes: half the bytes every reader downloads (25 MB instead of 48 MB
    # at 1,000 reports), and the same text for the browser's JSON parser.
    text = json.dumps(rewrite_index(data), separators=(",", ":"), ensure_ascii=False)
    write_atomic(path, text)
