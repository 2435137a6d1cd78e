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
import decimal
import enum
import hashlib
import io
import operator
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
    once per build, from its fields only: not what a `cached_property` added to it) or is
    written in place as its fields (`SHARED_RECORDS` decides); a read-only mapping for its
    items. Only `reducer_override` is Python, and the C pickler calls it for non-builtin types
    only: strings, numbers and containers, nearly everything a page holds, go at C speed.

    A set is pickled in hash order, which differs from process to process. At protocol 3 the
    C pickler writes a set as a call of the class `set` (or `frozenset`), and that class
    passes through `reducer_override` before the first set of a value is written: the value
    is then pickled by `_SetPickler` instead.

    Each record's digest is a pickling of its own: the functions and classes every one names
    are in the memo from the start (`_SEED`), so they are never looked up and written again."""

    sorts_sets = False

    def __init__(self, file: io.BytesIO, digests: dict[int, tuple[Any, bytes]]) -> None:
        super().__init__(file, protocol=3)
        self.memo = _SEED  # copied by the pickler
        self.digests = digests

    def reducer_override(self, obj: Any) -> Any:
        t = type(obj)
        kind = _KINDS.get(t)
        if kind is None:
            kind = _kind(obj)
        if kind is _OTHER:
            if t is type and (obj is set or obj is frozenset) and not self.sorts_sets:
                raise _HoldsSet
            return NotImplemented
        if kind is _MAPPING:
            return (dict, (list(obj.items()),))
        if kind is _ENUM:
            return (_member, (_KIND_NAMES[t], obj._value_))
        name, fields, shared, member = kind
        if not shared:  # written in place: its type's name and its fields
            return (_leaf, (name, *fields(obj)))
        hit = self.digests.get(id(obj))
        if hit is None or hit[0] is not obj:
            digest = self._member(obj, name, member) if member else None
            if digest is None:
                data = _pickled((name, *fields(obj)), self.digests)
                if data is None:
                    raise pickle.PicklingError("a field with no stable form")
                digest = hashlib.blake2b(data, digest_size=16).digest()
            # Keep the record alive with its digest: its id cannot be reused meanwhile.
            hit = self.digests[id(obj)] = (obj, digest)
        return (_shared, (hit[1],))

    def _member(self, obj: Any, name: str, member: tuple[str, str, str]) -> bytes | None:
        """The digest of a `MEMBER_RECORDS` record from its owner's digest and the position of
        its item in the owner (None: the item is not that very object there)."""
        owner_field, items_field, item_field = member
        owner, item = getattr(obj, owner_field), getattr(obj, item_field)
        items = getattr(owner, items_field, None)
        if type(items) is not tuple:
            return None
        i = next((i for i, x in enumerate(items) if x is item), None)
        if i is None:
            return None
        reduced = self.reducer_override(owner)
        if type(reduced) is not tuple or reduced[0] is not _shared:
            return None
        head = b"member:%s:%d:" % (name.encode(), i)  # never the start of a pickle (b"\x80")
        return hashlib.blake2b(head + reduced[1][0], digest_size=16).digest()


_OTHER = ("other",)
"""The kind of a type that is neither a record nor a read-only mapping: pickled as pickle
does (an enum member, a Decimal, a class by its name)."""
_MAPPING = ("mapping",)
_ENUM = ("enum",)
_KIND_NAMES: dict[type, str] = {}

_Kind = tuple[Any, ...]
_KINDS: dict[type, _Kind] = {}
"""Each type met: `_OTHER`, `_MAPPING`, `_ENUM` or, for a record, (its name, a function
giving the tuple of its fields, whether it is shared, its `MEMBER_RECORDS` entry)."""


def _kind(obj: Any) -> _Kind:
    t = type(obj)
    if t is MappingProxyType:
        kind: _Kind = _MAPPING
    elif isinstance(obj, enum.Enum):
        kind = _ENUM
        _KIND_NAMES[t] = f"{t.__module__}.{t.__qualname__}"
    elif isinstance(obj, set | frozenset):  # a subclass: pickled by its own reduce, unsorted
        raise pickle.PicklingError("a subclass of set: walked instead")
    elif not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        kind = _OTHER
    else:
        name = f"{t.__module__}.{t.__qualname__}"
        names = [f.name for f in dataclasses.fields(obj)]
        get = operator.attrgetter(*names) if names else (lambda _: ())
        fields = get if len(names) != 1 else (lambda o: (get(o),))
        member = MEMBER_RECORDS.get(name)
        if member is not None and sorted(names) != sorted((member[0], member[2])):
            member = None  # a field the shortcut would leave out
        kind = (name, fields, name in SHARED_RECORDS, member)
    _KINDS[t] = kind
    return kind


class _SetPickler(_Pickler):
    """`_Pickler` for a value holding a set: each set stands for the digest of its members'
    digests, sorted. `persistent_id` is called for every object, so only such values pay."""

    sorts_sets = True

    def persistent_id(self, obj: Any) -> Any:
        t = type(obj)
        if t is set or t is frozenset:
            parts = [_pickled((x,), self.digests) for x in obj]
            members = sorted(x for x in parts if x is not None)
            if len(members) != len(parts):
                raise pickle.PicklingError("a set member with no stable form")
            kind = b"set:" if t is set else b"frozenset:"
            return kind + hashlib.blake2b(b"".join(members), digest_size=16).digest()
        return None


class _HoldsSet(Exception):
    """A value holds a set (or the class set itself): `_SetPickler` pickles it."""


def _shared(digest: bytes) -> None:
    """What a shared record is pickled as: this function's name and the record's digest."""


def _member(enum_type: str, value: Any) -> None:
    """What an enum's member is pickled as: its class's name and its value (as pickle does)."""


def _leaf(*fields: Any) -> None:
    """What a record written in place is pickled as: this function's name and its fields."""


_SEED = {id(x): (i, x) for i, x in enumerate((_leaf, _shared, _member, dict, decimal.Decimal))}
"""What the pickler's memo starts with: always the same, so the bytes are the same in every
process."""


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

MEMBER_RECORDS = {"generator.site.aggregate.Part": ("report", "figures", "figure")}
"""Shared records made of a shared record and one item of a tuple it holds (a figure and its
report): (owner field, the owner's tuple, item field). Such a record's digest is its owner's
digest and the item's position there, when the item is that very object (else it is pickled
as any shared record): the item is part of its owner's digest already. Thousands of figures
are each hashed once per build as part of their report, not a second time in their part."""


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
        try:
            _Pickler(buffer, digests).dump(values)
        except _HoldsSet:
            buffer = io.BytesIO()
            _SetPickler(buffer, digests).dump(values)
        data = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    # An object pickled by its address or its own reduce of no stable form: walk instead.
    return None if b" at 0x" in data else data


class RecordingContent:
    """The content as a template sees it, noting what it reads into `reads`."""

    def __init__(self, content: Any, reads: set[Read]) -> None:
        self._content = content
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._content, name)
        if not isinstance(value, Mapping):
            self._reads.add((name, None))  # noted at every read (site/fragments.py counts on it)
            return value
        # Kept for the page's next reads (templates ask for `content.pairings` row after row):
        # the mapping notes each lookup itself.
        mapping = _RecordingMapping(name, value, self._reads)
        setattr(self, name, mapping)
        return mapping


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
