"""Read one content file through the content cache (content/cache.py) and parse it: YAML with
positions, or Markdown with its front matter. The parse of a file is a function of its bytes
and path alone, which is what lets the cache keep it. This module must not import MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.content.cache import ContentCache
from generator.content.load.text import decode_text, read_bytes
from generator.content.load.yaml import YamlDoc, parse_yaml, split_front_matter
from generator.content.problems import Problem

T = TypeVar("T")


@dataclass
class RawDoc:
    """One record file: its id, its front matter / YAML, and (for Markdown) its body."""

    id: str
    path: str
    doc: YamlDoc
    body: str = ""
    body_line: int = 1
    """Line of the file where `body` starts, so narrative problems point at the file's line."""
    folder: str = ""
    """The report's year folder (`2015`), empty for other kinds."""


def load_yaml_file(
    f: Path, path: str, problems: list[Problem], cache: ContentCache | None = None
) -> YamlDoc | None:
    return _load(f, path, problems, cache, lambda data: _parse_yaml(data, path))


def _parse_yaml(data: bytes, path: str) -> tuple[YamlDoc | None, list[Problem]]:
    text, errs = decode_text(data, path)
    if text is None:
        return None, errs
    doc, more = parse_yaml(text, path)
    return doc, errs + more


def load_markdown_file(
    f: Path, path: str, rid: str, problems: list[Problem], cache: ContentCache | None = None
) -> RawDoc | None:
    return _load(f, path, problems, cache, lambda data: _parse_markdown(data, path, rid))


def _load(
    f: Path,
    path: str,
    problems: list[Problem],
    cache: ContentCache | None,
    parse: Callable[[bytes], tuple[T | None, list[Problem]]],
) -> T | None:
    """One file parsed, or its parse as the cache holds it when the file is unchanged; its
    problems (reading, decoding, parsing) added to `problems` either way."""
    cache = cache or ContentCache(None)
    now = cache.stat(f)
    known, found = cache.unchanged(path, now)
    if not known:
        data, errs = read_bytes(f, path)
        problems.extend(errs)
        if data is None:
            return None
        found = cache.parsed(path, data, lambda: parse(data), now)
    doc, errs = found
    problems.extend(errs)
    return doc


def _parse_markdown(data: bytes, path: str, rid: str) -> tuple[RawDoc | None, list[Problem]]:
    """One Markdown file's front matter (with positions) and body, and its problems."""
    text, problems = decode_text(data, path)
    if text is None:
        return None, problems
    front, offset, body, body_line, errs = split_front_matter(text, path)
    problems.extend(errs)
    if errs:
        return None, problems
    if front is None:
        doc = YamlDoc(path=path, data={})
    else:
        parsed, errs = parse_yaml(front, path, line_offset=offset)
        problems.extend(errs)
        if parsed is None:
            return None, problems
        doc = parsed
        if doc.data is None:
            doc.data = {}
    return RawDoc(id=rid, path=path, doc=doc, body=body, body_line=body_line), problems
