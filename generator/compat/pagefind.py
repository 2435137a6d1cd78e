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
import hashlib
import json
import re
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from generator.compat.cbor import CborError, decode_cbor, encode_cbor

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


IndexFormatError = CborError
"""The file is not what this module knows of Pagefind's format."""

__all__ = ["IndexFormatError", "decode_cbor", "read_file", "stabilise", "warm_words"]


def read_file(path: Path) -> Any:
    """A Pagefind index file (`.pf_meta`, `.pf_index`): gunzipped, signature checked, decoded."""
    return decode_cbor(_payload(path))


def _payload(path: Path) -> bytes:
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as e:
        raise IndexFormatError(f"{path.name}: not gzip ({e})") from None
    if not raw.startswith(SIGNATURE):
        raise IndexFormatError(f"{path.name}: no Pagefind signature")
    return raw[len(SIGNATURE) :]


def stabilise(bundle: Path) -> None:
    """Make a bundle's bytes a function of the pages indexed, whatever run wrote it.

    Pagefind 1.5 writes each filter's values (`filter/*.pf_filter`: `[name, [[value, pages],
    …]]`) and the meta file's list of filters (`[name, file hash]`) in hash-map order, which
    differs from run to run: the same site gave other filter files and another meta file (same
    lengths, other bytes). Both lists are sorted here, the files re-encoded (gzip without a
    timestamp) under names hashed from their bytes, and `pagefind-entry.json` pointed at the
    new meta file. Everything else Pagefind writes was already the same from run to run
    (tests/test_pagefind_stable.py builds twice). Before rewriting a file this checks that
    re-encoding what was decoded gives back Pagefind's own bytes, so a format it does not
    know raises `IndexFormatError` instead of writing a file Pagefind cannot read."""
    entry_file = bundle / "pagefind-entry.json"
    entry_text = entry_file.read_text(encoding="utf-8")
    for meta_file in sorted(bundle.glob("pagefind.*.pf_meta")):
        meta = _decoded(meta_file)
        old_meta = meta_file.name.removeprefix("pagefind.").removesuffix(".pf_meta")
        language = old_meta.rpartition("_")[0]
        try:
            filters = sorted(meta[3], key=lambda f: f[0])
        except (TypeError, IndexError) as e:
            raise IndexFormatError(f"{meta_file.name}: unexpected layout ({e})") from None
        renamed = []
        for name, file_hash in filters:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            data = _decoded(path)
            try:
                values = sorted(data[1], key=lambda v: v[0])
            except (TypeError, IndexError) as e:
                raise IndexFormatError(f"{path.name}: unexpected layout ({e})") from None
            new_hash = _write(bundle / "filter", language, [data[0], values], ".pf_filter", 7)
            if new_hash != file_hash:
                path.unlink()
            renamed.append([name, new_hash])
        meta[3] = renamed
        new_meta = _write(bundle, "pagefind." + language, meta, ".pf_meta", 13)
        new_meta = new_meta.removeprefix("pagefind.")
        if new_meta != old_meta:
            meta_file.unlink()
            if f'"{old_meta}"' not in entry_text:
                raise IndexFormatError(f"pagefind-entry.json does not name {old_meta}")
            entry_text = entry_text.replace(f'"{old_meta}"', f'"{new_meta}"')
    json.loads(entry_text)  # still JSON
    entry_file.write_text(entry_text, encoding="utf-8")


def _decoded(path: Path) -> Any:
    payload = _payload(path)
    value = decode_cbor(payload)
    if encode_cbor(value) != payload:
        raise IndexFormatError(f"{path.name}: does not re-encode to the same bytes")
    return value


def _write(folder: Path, prefix: str, value: Any, suffix: str, digits: int) -> str:
    """`value` written as `<prefix>_<hash><suffix>` in `folder`; returns `<prefix>_<hash>`."""
    data = gzip.compress(SIGNATURE + encode_cbor(value), compresslevel=6, mtime=0)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(data)
    return name


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
