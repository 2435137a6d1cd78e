"""Suggest a record id from a Chinese name: `新疆师范大学` → `xinjiang-shifan-daxue`.

Words are found with jieba, each word's syllables are joined (`shifan`), and words
are joined by hyphens. Two refinements make the ids read like the ones editors
write by hand:

- a long dictionary word that jieba's search mode can tile exactly with shorter
  words is split (`新疆师范大学` is one jieba word; `新疆 师范 大学` reads better),
  while one that cannot be tiled stays whole (`卫生局` → `weishengju`);
- an administrative suffix (县 区 市 镇 乡 村 …) ending a longer word stands alone
  (`平武县` → `pingwu-xian`), and a lone one-character word is glued to the word
  before it (`松树 坪 村` → `songshuping-cun`).

The result always matches the id rule of SPEC (`^[a-z0-9][a-z0-9-]{0,63}$`) or is
empty, when the name has nothing to spell. This module must not read files.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

__all__ = ["initials_id", "suggest_id", "words"]

_ADMIN_SUFFIXES = set("省市县区州镇乡村旗盟")
_MAX_LEN = 64
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _tile(word: str, pieces: set[str]) -> list[str] | None:
    """Cut `word` into the fewest `pieces` (each of 2+ characters), or None."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(end):
            head = best[start]
            piece = word[start:end]
            if head is None or piece not in pieces:
                continue
            if best[end] is None or len(head) + 1 < len(best[end] or ()):
                best[end] = [*head, piece]
    return best[len(word)]


def _split_word(word: str) -> list[str]:
    if len(word) >= 4 and _HAN.match(word):
        pieces = {p for p in _jieba().cut_for_search(word) if 2 <= len(p) < len(word)}
        tiled = _tile(word, pieces)
        if tiled:
            return [q for p in tiled for q in _split_word(p)]
    if len(word) >= 3 and word[-1] in _ADMIN_SUFFIXES and _HAN.match(word[-2]):
        return [word[:-1], word[-1]]
    return [word]


def words(name: str) -> list[str]:
    """The name cut into the words that become the id's hyphenated parts."""
    text = unicodedata.normalize("NFKC", name).strip()
    out: list[str] = []
    for token in _jieba().cut(text, HMM=False):
        token = token.strip()
        if not token or not re.search(r"[\w]", token):
            continue
        for part in _split_word(token):
            lone = len(part) == 1 and _HAN.match(part) and part not in _ADMIN_SUFFIXES
            if lone and out and _HAN.match(out[-1][-1]) and out[-1][-1] not in _ADMIN_SUFFIXES:
                out[-1] += part
            else:
                out.append(part)
    return out


def _spell(word: str) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(word, style=Style.NORMAL, errors="default", v_to_u=False)
    text = "".join(syllables).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest_id(name: str) -> str:
    """A lower-case pinyin id for `name`; empty when nothing in it can be spelt."""
    parts = [p for p in (_spell(w) for w in words(name)) if p]
    slug = re.sub(r"-{2,}", "-", "-".join(parts)).strip("-")
    if len(slug) > _MAX_LEN:
        cut = slug[:_MAX_LEN]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug


def initials_id(name: str) -> str:
    """A short id from the first letter of each syllable: `新疆师范大学` → `xjsfdx`.

    For a name already written as an id (`xinjiang-shifan-daxue`), the first letter of
    each part. Used to suggest `--id` when the spelt-out id would be too long.
    """
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", name).strip()
    if not _HAN.search(text):
        return "".join(part[0] for part in re.split(r"[^a-z0-9]+", text.lower()) if part)[:8]
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return re.sub(r"[^a-z0-9]+", "", "".join(letters).lower())[:8]
