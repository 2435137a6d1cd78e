"""Fingerprints of what a page is made of, for the incremental build (`site/buildcache.py`).

A generated page is a function of its spec and of the records its template reads from the
whole content (`content.units[id]`, `content.pairings`…). `Digester` hashes values the same
way in every process (no `hash()`, no object ids in the bytes; sets sorted; dataclass records
by their fields, each record once per build). `RecordingContent` stands in for the content
in a template's context and notes each read, so the next build can tell, from the new
content alone, whether a page would come out the same: same spec, same values at the same
reads → same bytes (the template takes the same path). Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import pickle
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

ALL = "*"
"""The key of a read of a whole collection (iterated, counted, passed whole)."""

Read = tuple[str, str | None]
"""(attribute of the content, key read) — the key None stands for the whole attribute."""

_ATOMS = (int, float, bool, type(None), complex)


class NotDigestible(TypeError):
    """A value whose bytes could differ from run to run (an object printed with its address)."""


class _Pickler(pickle.Pickler):
    """Pickle as a fast canonical form. A dataclass record stands for its digest (computed
    once per build, from its fields only: not what a `cached_property` added to it); a
    read-only mapping for its items."""

    def __init__(self, file: io.BytesIO, digests: dict[int, tuple[Any, bytes]]) -> None:
        super().__init__(file, protocol=5)
        self.digests = digests

    def persistent_id(self, obj: Any) -> Any:
        t = type(obj)
        if t in _PLAIN:
            return None
        if t is set or t is frozenset:  # in hash order, which differs from process to process
            parts = [_pickled((x,), self.digests) for x in obj]
            members = sorted(x for x in parts if x is not None)
            if len(members) != len(parts):
                raise pickle.PicklingError("a set member with no stable form")
            return b"set:" + hashlib.blake2b(b"".join(members), digest_size=16).digest()
        names = _FIELDS.get(t)
        if names is None:
            if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
                _PLAIN.add(t)
                return None
            names = _FIELDS[t] = tuple(f.name for f in dataclasses.fields(obj))
        if not _SHARED_BY_TYPE[t]:
            return None  # written in place by `reducer_override`
        hit = self.digests.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        data = _pickled(
            (t.__module__, t.__qualname__, *(getattr(obj, n) for n in names)), self.digests
        )
        if data is None:
            raise pickle.PicklingError("a field with no stable form")
        digest = hashlib.blake2b(data, digest_size=16).digest()
        # Keep the record alive with its digest: its id cannot be reused meanwhile.
        self.digests[id(obj)] = (obj, digest)
        return digest

    def reducer_override(self, obj: Any) -> Any:
        t = type(obj)
        names = _FIELDS.get(t)
        if names is not None:  # a record of plain values (`persistent_id`)
            return (_leaf, (t.__module__, t.__qualname__, *(getattr(obj, n) for n in names)))
        if isinstance(obj, MappingProxyType):
            return (dict, (list(obj.items()),))
        return NotImplemented


def _leaf(*fields: Any) -> None:
    """What a record written in place is pickled as: this function's name and its fields."""


SHARED_RECORDS = frozenset(
    {
        "generator.content.model.Report",
        "generator.content.model.Pairing",
        "generator.content.model.Unit",
        "generator.content.model.Indicator",
        "generator.content.model.FreePage",
        "generator.site.aggregate.Part",
    }
)
"""Records many pages hold (the content's, and a figure with its report): each is hashed once
per build and stands for its digest wherever it is met. Every other record (a page's totals,
a quantity, a date) is written in place, which is cheaper than a digest of its own. Which
way a type goes is fixed (by its name), so a value's digest never depends on what was met
first."""


class _Shared(dict[type, bool]):
    def __missing__(self, t: type) -> bool:
        self[t] = f"{t.__module__}.{t.__qualname__}" in SHARED_RECORDS
        return self[t]


_SHARED_BY_TYPE = _Shared()


_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN: set[type] = {str, int, float, bool, type(None), tuple, list, dict, bytes}


class Digester:
    """Canonical 16-byte digests of plain values and frozen dataclass records."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}
        """Records' digests as `_feed` walks them."""
        self._pickled: dict[int, tuple[Any, bytes]] = {}
        """Records' digests as `_Pickler` writes them (another scheme: never mixed with the
        walk's, or a record's digest would depend on which scheme met it first)."""
        self._reads: dict[tuple[str, str | None], bytes] = {}

    def of(self, *values: Any) -> str:
        """The hex digest of `values`, in order: pickled the canonical way (C speed) where every
        value allows, else walked value by value (`_feed`)."""
        fast = _pickled(values, self._pickled)
        if fast is not None:
            return hashlib.blake2b(fast, digest_size=16).hexdigest()
        h = hashlib.blake2b(digest_size=16)
        for v in values:
            self._feed(h, v)
        return h.hexdigest()

    def _record(self, value: Any) -> bytes:
        hit = self._memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        h = hashlib.blake2b(digest_size=16)
        h.update(type(value).__qualname__.encode())
        for f in dataclasses.fields(value):
            h.update(f.name.encode() + b"=")
            self._feed(h, getattr(value, f.name))
        digest = h.digest()
        # Keep the record alive with its digest: its id cannot be reused meanwhile.
        self._memo[id(value)] = (value, digest)
        return digest

    def _feed(self, h: Any, v: Any) -> None:  # noqa: C901 - one branch per kind of value
        t = type(v)
        if t is str:
            raw = v.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(raw))
            h.update(raw)
        elif t in _ATOMS:
            h.update(b"%s(%r)" % (t.__name__.encode(), v))
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            h.update(b"D")
            h.update(self._record(v))
        elif isinstance(v, dict | MappingProxyType):
            h.update(b"{%d:" % len(v))
            for key, item in v.items():
                self._feed(h, key)
                self._feed(h, item)
        elif isinstance(v, list | tuple):
            h.update(b"[%d:" % len(v) if t is list else b"(%d:" % len(v))
            for item in v:
                self._feed(h, item)
        elif isinstance(v, set | frozenset):
            h.update(b"<%d:" % len(v))
            for d in sorted(self.of(item) for item in v):
                h.update(d.encode())
        elif isinstance(v, enum.Enum):
            h.update(b"E%s.%s" % (t.__qualname__.encode(), v.name.encode()))
        elif isinstance(v, RecordingContent):
            raise NotDigestible("the recording content stands in for the content: not hashed")
        else:
            text = repr(v)
            if " at 0x" in text or text.startswith("<"):
                raise NotDigestible(f"{t.__qualname__} has no stable form: {text[:80]}")
            h.update(b"R%s:%s" % (t.__qualname__.encode(), text.encode("utf-8", "replace")))

    def reads(self, content: Any, reads: list[Read]) -> str:
        """The digest of what `reads` (as `RecordingContent` noted them) find in `content`;
        each read is hashed once per build (many pages read the same records)."""
        h = hashlib.blake2b(digest_size=16)
        for read in reads:
            digest = self._reads.get(read)
            if digest is None:
                name, key = read
                value = getattr(content, name, None)
                if key is None:
                    found: Any = ("all", value)
                elif isinstance(value, Mapping) and key in value:
                    found = ("key", key, value[key])
                else:
                    found = ("none", key)
                digest = self._reads[read] = bytes.fromhex(self.of(name, found))
            h.update(digest)
        return h.hexdigest()


def _pickled(values: tuple[Any, ...], digests: dict[int, tuple[Any, bytes]]) -> bytes | None:
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, digests).dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    data = buffer.getvalue()
    # An object pickled by its address or its own reduce of no stable form: walk instead.
    return None if b" at 0x" in data else data


class RecordingContent:
    """The content as a template sees it, noting what it reads into `reads`."""

    def __init__(self, content: Any, reads: set[Read]) -> None:
        self._content = content
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._content, name)
        if isinstance(value, Mapping):
            value = _RecordingMapping(name, value, self._reads)
        else:
            self._reads.add((name, None))
        # Kept for the page's next reads (templates ask for `content.pairings` row after row):
        # a mapping notes each lookup itself, a whole value is noted once, as it was now.
        setattr(self, name, value)
        return value


class _RecordingMapping(Mapping[str, Any]):
    """One of the content's mappings (units, pairings …): a lookup notes its key; anything that
    sees the whole mapping (iterating, counting) notes the whole."""

    def __init__(self, name: str, mapping: Mapping[str, Any], reads: set[Read]) -> None:
        self._name = name
        self._mapping = mapping
        self._reads = reads

    def __getitem__(self, key: str) -> Any:
        self._reads.add((self._name, key))
        return self._mapping[key]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            self._reads.add((self._name, None))
            return key in self._mapping
        self._reads.add((self._name, key))
        return key in self._mapping

    def __iter__(self) -> Iterator[str]:
        self._reads.add((self._name, None))
        return iter(self._mapping)

    def __len__(self) -> int:
        self._reads.add((self._name, None))
        return len(self._mapping)


def sorted_reads(reads: set[Read]) -> list[Read]:
    """Reads in a fixed order (whole-collection reads, marked None, first)."""
    return sorted(reads, key=lambda r: (r[0], r[1] is not None, r[1] or ""))
