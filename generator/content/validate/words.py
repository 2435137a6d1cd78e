"""Cut short names into words exactly as `jieba.cut(name, HMM=False)` does, cheaply.

The consistency lint needs the words of each indicator name (a catalogue holds a
few dozen). Asking jieba means importing it and loading its prefix table of
350,000 dictionary words: ~1.7 CPU s, a tenth of the generator's own work at
5,000 reports, for a few dozen short names. A cut only ever looks up substrings
of the text being cut, so `cut_words` reads jieba's dictionary file once per
call, keeps the entries of those substrings only (a word's frequency, or 0 for a
prefix of a longer word, as jieba's prefix table does) and the dictionary's total,
and runs jieba's own algorithm on them: blocks of Han characters, letters and
digits; the DAG of dictionary words; the best route by log frequency; single
letters and digits run together; anything else one character at a time.

Whenever jieba itself may answer differently — it is already initialised in this
process (the search index or `bulletins new` loaded it, perhaps with user words),
its dictionary was replaced, or the dictionary file has a line jieba reads in a
way this module does not — jieba is asked. Tests compare the two on every
indicator name of the example content and of the benchmark corpus and on random
text. This module must not know about indicators or reports.
"""

from __future__ import annotations

import re
from math import log
from pathlib import Path

from generator.compat import jieba as compat_jieba

__all__ = ["cut_words"]

# jieba 0.42's patterns (`re_han_default`, `re_skip_default`, `re_eng`).
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENG = re.compile("[a-zA-Z0-9]")


def cut_words(names: tuple[str, ...]) -> list[list[str]]:
    """Each name's words, as `list(jieba.cut(name, HMM=False))` gives them."""
    if not names:
        return []
    table = None if _jieba_decides() else _partial_table(names)
    if table is None:
        dt = compat_jieba.tokenizer()
        return [list(dt.cut(name, HMM=False)) for name in names]
    freq, total = table
    return [_cut(name, freq, total) for name in names]


def _jieba_decides() -> bool:
    """Whether jieba's state may differ from its pristine default dictionary."""
    return not compat_jieba.pristine()


def _dictionary_file() -> Path | None:
    return compat_jieba.dictionary_file()


def _substrings(names: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for name in names:
        for block in _HAN.findall(name):
            for i in range(len(block)):
                for j in range(i + 1, len(block) + 1):
                    out.add(block[i:j])
    return out


def _partial_table(names: tuple[str, ...]) -> tuple[dict[str, int], int] | None:
    """jieba's prefix table restricted to the names' substrings, and its total; None to ask
    jieba."""
    path = _dictionary_file()
    needed = _substrings(names)
    if path is None or not needed:
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # jieba reads each line as `word freq [tag]` split at single spaces, and sums every
    # freq. Take the fields of the whole file at once, once sure each line is
    # `word freq tag` (a shifted field would be a tag or a word where int() wants digits).
    lines = text.count("\n")
    if (
        not text.endswith("\n")
        or text.startswith((" ", "\n"))
        or any(bad in text for bad in ("  ", "\n\n", " \n", "\n ", "\t", "\r", "\x0b", "\x0c"))
    ):
        return None  # blank lines, tabs, stray spaces…: jieba reads them its own way
    fields = text.replace("\n", " ").split(" ")
    if len(fields) != 3 * lines + 1:
        return None
    try:
        total = sum(map(int, fields[1::3]))
    except ValueError:
        return None
    # Lines that may hold a needed substring or a prefix of one: a two-character start
    # that one may have (a superset, filtered below), or a needed single character.
    twos = {s[:2] for s in needed if len(s) > 1}
    ones = {s for s in needed if len(s) == 1}
    firsts, seconds = ({s[i] for s in twos} for i in (0, 1))
    pattern = f"\\n(?:[{_charset(firsts)}][{_charset(seconds)}]|[{_charset(ones)}] )[^\\n]*"
    freq: dict[str, int] = {}
    for line in re.findall(pattern, "\n" + text):
        word, count = line[1:].split(" ")[:2]
        if word in needed:
            freq[word] = int(count)  # a later line of the same word wins, as in jieba
        for end in range(1, len(word)):
            prefix = word[:end]
            if prefix in needed and prefix not in freq:
                freq[prefix] = 0
    for ch in ones - freq.keys():
        if ("\n" + ch) in text or text.startswith(ch):
            freq[ch] = 0  # not a word, but the first character of one
    return freq, total


def _charset(chars: set[str]) -> str:
    return "".join(re.escape(ch) for ch in sorted(chars)) or "^\\s\\S"


def _cut(sentence: str, freq: dict[str, int], total: int) -> list[str]:
    """`Tokenizer.cut(sentence, HMM=False)` over a prefix table that holds every substring
    needed."""
    out: list[str] = []
    for block in _HAN.split(sentence):
        if not block:
            continue
        if _HAN.match(block):
            out.extend(_cut_block(block, freq, total))
        else:
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return out


def _cut_block(sentence: str, freq: dict[str, int], total: int) -> list[str]:
    n = len(sentence)
    dag: dict[int, list[int]] = {}
    for k in range(n):
        ends = []
        i = k
        frag = sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k : i + 1]
        dag[k] = ends or [k]
    route: dict[int, tuple[float, int]] = {n: (0, 0)}
    logtotal = log(total)
    for idx in range(n - 1, -1, -1):
        route[idx] = max(
            (log(freq.get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            for x in dag[idx]
        )
    words: list[str] = []
    x = 0
    buf = ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if _ENG.match(word) and len(word) == 1:
            buf += word
        else:
            if buf:
                words.append(buf)
                buf = ""
            words.append(word)
        x = y
    if buf:
        words.append(buf)
    return words
