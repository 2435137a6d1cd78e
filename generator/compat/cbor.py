"""A small CBOR codec (RFC 8949) for Pagefind's index files (compat/pagefind.py).

Decoding covers integers, strings, arrays, maps, tags, simple values and floats, definite and
indefinite lengths; encoding covers what Pagefind writes (integers, text, arrays, maps, in
shortest form, definite lengths), so a decoded file re-encodes to the same bytes. No new
dependency for a few dozen lines. It must not import MkDocs.
"""

from __future__ import annotations

import struct
from typing import Any


class CborError(ValueError):
    """The bytes are not CBOR this codec understands."""


def decode_cbor(data: bytes) -> Any:
    """The one CBOR item in `data` (RFC 8949: integers, strings, arrays, maps, tags, simple
    values and floats; definite and indefinite lengths)."""
    try:
        value, end = _item(data, 0)
    except (IndexError, struct.error, UnicodeDecodeError, RecursionError, TypeError) as e:
        raise CborError(f"CBOR not understood ({type(e).__name__}: {e})") from None
    if value is _BREAK:
        raise CborError("a CBOR break outside an indefinite-length item")
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the CBOR item")
    return value


_BREAK = object()


def _item(b: bytes, i: int) -> tuple[Any, int]:  # noqa: C901 - one branch per CBOR major type
    try:
        head = b[i]
    except IndexError:
        raise CborError("CBOR item cut short") from None
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
            raise CborError("CBOR item cut short")
        arg = int.from_bytes(b[i : i + size], "big")
        i += size
    elif info == 31 and major in (2, 3, 4, 5):
        return _indefinite(b, i, major)
    else:
        raise CborError(f"CBOR head {head:#04x} not understood")
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major in (2, 3):
        if i + arg > len(b):
            raise CborError("CBOR string cut short")
        raw = b[i : i + arg]
        return (raw if major == 2 else raw.decode("utf-8")), i + arg
    if major == 4:
        items = []
        for _ in range(arg):
            # Unsigned integers below 65,536 inline: most of what Pagefind's index holds
            # (page numbers, word positions). A cut-short one raises IndexError.
            small = b[i]
            if small < 24:
                items.append(small)
                i += 1
            elif small == 24:
                items.append(b[i + 1])
                i += 2
            elif small == 25:
                items.append(b[i + 1] << 8 | b[i + 2])
                i += 3
            else:
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
        raise CborError("a CBOR break inside a definite-length item")
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


def encode_cbor(value: Any) -> bytes:
    """`value` (int, str, bytes, bool, None, list, tuple, dict) in CBOR, shortest heads, definite
    lengths, maps in their own order: the inverse of `decode_cbor` for such values."""
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _head(major: int, arg: int, out: bytearray) -> None:
    if arg < 24:
        out.append(major << 5 | arg)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            out.append(major << 5 | info)
            out += arg.to_bytes(size, "big")
            return
    raise CborError(f"integer too large for CBOR: {arg}")


def _encode(value: Any, out: bytearray) -> None:
    if value is False or value is True or value is None:
        out.append({False: 0xF4, True: 0xF5, None: 0xF6}[value])
    elif isinstance(value, int):
        _head(0, value, out) if value >= 0 else _head(1, -1 - value, out)
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _head(3, len(raw), out)
        out += raw
    elif isinstance(value, bytes):
        _head(2, len(value), out)
        out += value
    elif isinstance(value, list | tuple):
        _head(4, len(value), out)
        for item in value:
            _encode(item, out)
    elif isinstance(value, dict):
        _head(5, len(value), out)
        for key, item in value.items():
            _encode(key, out)
            _encode(item, out)
    else:
        raise CborError(f"cannot encode {type(value).__name__} in CBOR")
