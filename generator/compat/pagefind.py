"""Read a built Pagefind bundle's index, to choose the search page's warm-up word.

Pagefind's first search in a browser worker is slow: at 5,000 reports the first
query for 培训 took 130–230 ms in each shard group's first bundle, ~50 ms once the
worker had run a search with real results before. The cost is the worker's own
first run (its WebAssembly ranking and the JavaScript around it compiled for
speed only once they have done some work; the Chinese word segmenter set up):
a warm-up query that finds nothing (a made-up word) or finds a handful of pages
leaves most of it in place, one that finds a tenth of the bundle's pages removes
it. So the search page warms each worker with a word that this site's index has
on about `TARGET` of the pages of each group's first bundle, read here from
Pagefind's own files (`warm_words`).

Pagefind writes its files as gzip'd CBOR after a `pagefind_dcd` signature: the
bundle's `.pf_meta` lists the pages and the index chunks (`[first word, last
word, file hash]`), each chunk (`index/<hash>.pf_index`) its words and, for each
word, the pages that have it (page numbers delta-coded). This module reads the
few chunks it needs with a small CBOR decoder of its own (no new dependency).
Anything it does not understand is an `IndexFormatError`, never a crash of the
build. It must not import MkDocs.
"""

from __future__ import annotations

import bisect
import gzip
import re
import struct
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

DIST = "pagefind"
CHECKED = frozenset({"1.5.2"})
"""Versions of Pagefind whose index files this module was checked on (tests/test_pagefind_index.py
builds real bundles with the installed Pagefind and reads them back)."""

SIGNATURE = b"pagefind_dcd"
TARGET = 0.15
"""Share of a bundle's pages the warm-up word should be on (measured: ~13 % warms fully)."""
LOW, HIGH = 0.08, 0.30
"""A candidate's share must lie in this range in every group's first bundle."""
MAX_CHUNKS = 8
"""Chunks of the first bundle read for candidates at most (each ~100 KB of CBOR)."""
_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
"""Candidates: Chinese words, which the browser's query path treats as Chinese readers' queries."""


class IndexFormatError(ValueError):
    """The file is not what this module knows of Pagefind's format."""


def decode_cbor(data: bytes) -> Any:
    """The one CBOR item in `data` (RFC 8949: integers, strings, arrays, maps, tags, simple
    values and floats; definite and indefinite lengths)."""
    try:
        value, end = _item(data, 0)
    except (IndexError, struct.error, UnicodeDecodeError, RecursionError, TypeError) as e:
        raise IndexFormatError(f"CBOR not understood ({type(e).__name__}: {e})") from None
    if value is _BREAK:
        raise IndexFormatError("a CBOR break outside an indefinite-length item")
    if end != len(data):
        raise IndexFormatError(f"{len(data) - end} bytes after the CBOR item")
    return value


_BREAK = object()


def _item(b: bytes, i: int) -> tuple[Any, int]:  # noqa: C901 - one branch per CBOR major type
    try:
        head = b[i]
    except IndexError:
        raise IndexFormatError("CBOR item cut short") from None
    major, info = head >> 5, head & 31
    i += 1
    if major == 7:
        if info == 31:
            return _BREAK, i
        if info in (25, 26, 27):
            size = {25: 2, 26: 4, 27: 8}[info]
            return struct.unpack({2: ">e", 4: ">f", 8: ">d"}[size], b[i : i + size])[0], i + size
        simple = {20: False, 21: True, 22: None, 23: None}
        if info in simple:
            return simple[info], i
        if info == 24:
            return b[i], i + 1
        return info, i
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        if i + size > len(b):
            raise IndexFormatError("CBOR item cut short")
        arg = int.from_bytes(b[i : i + size], "big")
        i += size
    elif info == 31 and major in (2, 3, 4, 5):
        return _indefinite(b, i, major)
    else:
        raise IndexFormatError(f"CBOR head {head:#04x} not understood")
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major in (2, 3):
        if i + arg > len(b):
            raise IndexFormatError("CBOR string cut short")
        raw = b[i : i + arg]
        return (raw if major == 2 else raw.decode("utf-8")), i + arg
    if major == 4:
        items = []
        for _ in range(arg):
            value, i = _definite(b, i)
            items.append(value)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, i = _definite(b, i)
            mapping[key], i = _definite(b, i)
        return mapping, i
    return _item(b, i)  # major 6: a tag; the tagged item is what we need


def _definite(b: bytes, i: int) -> tuple[Any, int]:
    value, i = _item(b, i)
    if value is _BREAK:
        raise IndexFormatError("a CBOR break inside a definite-length item")
    return value, i


def _indefinite(b: bytes, i: int, major: int) -> tuple[Any, int]:
    items: list[Any] = []
    while True:
        value, i = _item(b, i)
        if value is _BREAK:
            break
        items.append(value)
    if major == 2:
        return b"".join(items), i
    if major == 3:
        return "".join(items), i
    if major == 4:
        return items, i
    return dict(zip(items[::2], items[1::2], strict=True)), i


def read_file(path: Path) -> Any:
    """A Pagefind index file (`.pf_meta`, `.pf_index`): gunzipped, signature checked, decoded."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as e:
        raise IndexFormatError(f"{path.name}: not gzip ({e})") from None
    if not raw.startswith(SIGNATURE):
        raise IndexFormatError(f"{path.name}: no Pagefind signature")
    return decode_cbor(raw[len(SIGNATURE) :])


class Bundle:
    """One Pagefind bundle: how many pages it has, its chunks, and each chunk's words."""

    def __init__(self, folder: Path) -> None:
        metas = sorted(folder.glob("*.pf_meta"))
        if len(metas) != 1:
            raise IndexFormatError(f"{folder.name}: {len(metas)} .pf_meta files, expected one")
        meta = read_file(metas[0])
        try:
            self.pages = len(meta[1])
            self.chunks: list[tuple[str, str, str]] = [(c[0], c[1], c[2]) for c in meta[2]]
        except (TypeError, IndexError, KeyError) as e:
            raise IndexFormatError(f"{metas[0].name}: unexpected layout ({e})") from None
        if not all(isinstance(x, str) for chunk in self.chunks for x in chunk):
            raise IndexFormatError(f"{metas[0].name}: unexpected layout (chunk bounds not text)")
        self.folder = folder
        self._words: dict[str, tuple[list[str], list[set[int]]]] = {}

    def words(self, chunk: str) -> tuple[list[str], list[set[int]]]:
        """The words of the chunk with hash `chunk`, sorted, and the pages (indexes) having each."""
        if chunk not in self._words:
            data = read_file(self.folder / "index" / f"{chunk}.pf_index")
            try:
                # Each word's pages come as [page, locations, …], the page numbers delta-coded.
                entries = sorted(
                    (entry[0], set(accumulate(page[0] for page in entry[1]))) for entry in data[0]
                )
            except (TypeError, IndexError, KeyError) as e:
                raise IndexFormatError(f"{chunk}.pf_index: unexpected layout ({e})") from None
            if not all(isinstance(word, str) for word, _ in entries):
                raise IndexFormatError(f"{chunk}.pf_index: unexpected layout (words not text)")
            self._words[chunk] = ([w for w, _ in entries], [p for _, p in entries])
        return self._words[chunk]

    def chunks_for(self, term: str) -> list[tuple[str, str, str]]:
        """The chunks Pagefind's browser code loads for `term` (`request_indexes`): those whose
        range holds it, or failing any, those whose range holds it compared on common prefixes."""
        strict = [c for c in self.chunks if c[0] <= term <= c[1]]
        if strict:
            return strict
        loose = []
        for chunk in self.chunks:
            low, high = min(len(term), len(chunk[0])), min(len(term), len(chunk[1]))
            if term[:low] >= chunk[0][:low] and term[:high] <= chunk[1][:high]:
                loose.append(chunk)
        return loose

    def matches(self, term: str) -> int:
        """Pages a first browser query for `term` finds here, as Pagefind finds them: the word
        and the longer words it starts, among the words of the chunks it loads for it."""
        found: set[int] = set()
        for _, _, chunk in self.chunks_for(term):
            words, pages = self.words(chunk)
            i = bisect.bisect_left(words, term)
            while i < len(words) and words[i].startswith(term):
                found |= pages[i]
                i += 1
        return len(found)


def _spread(n: int, k: int) -> list[int]:
    """`min(n, k)` indexes of `range(n)`, evenly spread, middle first."""
    m = min(n, k)
    return sorted(
        {int((j + 0.5) * n / m) for j in range(m)}, key=lambda x: (abs(x - (n - 1) / 2), x)
    )


def warm_words(bundles: Sequence[Path], count: int = 8) -> list[str]:
    """Up to `count` words, each on about `TARGET` of the pages of every one of `bundles` (each
    group's first bundle), closest first; deterministic for the same index. Several, because
    the browser cuts a query into words with its own dictionary (Intl.Segmenter: 对口 → 对 口):
    the search page takes the first that the reader's browser leaves whole."""
    opened = [Bundle(folder) for folder in bundles]
    first = opened[0]
    chinese = [
        c for c in first.chunks if c[0][:1] <= "\u9fff" and c[1][:1] >= "\u4e00"
    ]  # holding Chinese words
    candidates: list[tuple[float, str]] = []
    for index in _spread(len(chinese), MAX_CHUNKS):
        for word in first.words(chinese[index][2])[0]:
            if _WORD.fullmatch(word):
                share = first.matches(word) / max(1, first.pages)
                if LOW <= share <= HIGH:
                    candidates.append((abs(share - TARGET), word))
    chosen: list[str] = []
    for _, word in sorted(set(candidates)):
        if all(LOW <= b.matches(word) / max(1, b.pages) <= HIGH for b in opened[1:]):
            chosen.append(word)
            if len(chosen) == count:
                break
    return chosen
