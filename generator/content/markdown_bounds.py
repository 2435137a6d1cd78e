"""Markdown that stays linear on any input: the link processors' bracket search, bounded.

Python-Markdown 3.11 finds the `]` that closes a link's `[` by computing the closing
bracket of every index of the paragraph (`_findBracketEnds`, a Python loop over every
character), and recomputes it whenever the paragraph's text changed — after every
link it replaced. A paragraph of n links costs n × its length: 3,000 links
(`[a](b) ` × 3,000, 21 KB) took 41 s, `"[" * 8000 + "x" + "](" * 3200` 3.3 s at 14 KB and
was still running after 120 s at 90 KB. Older versions scanned forward from each `[`
without bound, quadratic on unclosed brackets.

`LinearLinks` replaces the link and image processors (inline and reference forms, same
names and priorities) with ones that scan forward from the `[` over brackets only
(a regular expression skips the text between them) and give up as not a link when
brackets nest deeper than `MAX_BRACKET_DEPTH`; the `(…)` of an inline link is
searched the same way before Markdown's own parser reads it. Each bracket is then
visited at most `MAX_BRACKET_DEPTH` times per unclosed opener before it: linear. Links
nested deeper than that are no links a person writes.

`check` renders with it (`validate/narrative.py`), and so does the build (the plugin
adds it to MkDocs' Markdown extensions): the same HTML, in bounded time.

This module must not import MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

MAX_BRACKET_DEPTH = 32
"""Brackets (or parentheses) nested deeper than this inside one link are not a link."""

MAX_LINK_SPAN = 4096
"""Characters from a `[` (or a link's `(`) to its closing bracket: farther is not a link.
Without it every unclosed `[` would search to the paragraph's end."""

TITLE_SLACK = 64
"""Characters past the first closing parenthesis a link's quoted title may run on."""

UNCLOSED_SPAN = 256
"""Characters Markdown's own parser reads after a `(` that does not close."""

_SQUARE = re.compile(r"[\[\]]")
_ROUND = re.compile(r"[()]")


def closing(data: str, index: int, brackets: re.Pattern[str]) -> int | None:
    """Index just past the bracket closing the one opened before `index`, or None when
    it does not close, or only deeper than `MAX_BRACKET_DEPTH`."""
    depth = 1
    for m in brackets.finditer(data, index, index + MAX_LINK_SPAN):
        if m.group() in "[(":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                return None
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return None


class _Bounded:
    """The bounded `getText` (and `getLink` guard) shared by every link processor."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        end = closing(data, index, _SQUARE)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        """Markdown's own parser of `(href "title")`, shown only the text up to the closing
        parenthesis (and `TITLE_SLACK` more, for a `)` inside a quoted title): it would
        otherwise read to the paragraph's end for every unclosed title."""
        at = index
        while at < len(data) and data[at] in " \t\n":
            at += 1
        if at >= len(data) or data[at] != "(":
            return super().getLink(data, index)  # type: ignore[misc]
        end = closing(data, at + 1, _ROUND)
        # Unclosed: Markdown's parser may still take a link (a quote hides parentheses),
        # shown only UNCLOSED_SPAN characters, never the rest of the paragraph.
        part = data[index : (end + TITLE_SLACK) if end is not None else (at + UNCLOSED_SPAN)]
        href, title, stop, handled = super().getLink(part, 0)  # type: ignore[misc]
        # Markdown's parser can return -1 (an unresolved title's backtrack): kept as is.
        return href, title, index + stop if stop >= 0 else stop, handled


class _Link(_Bounded, LinkInlineProcessor):
    pass


class _Image(_Bounded, ImageInlineProcessor):
    pass


class _Reference(_Bounded, ReferenceInlineProcessor):
    pass


class _ImageReference(_Bounded, ImageReferenceInlineProcessor):
    pass


class _ShortReference(_Bounded, ShortReferenceInlineProcessor):
    pass


class _ShortImageReference(_Bounded, ShortImageReferenceInlineProcessor):
    pass


class LinearLinks(Extension):
    """Replace Markdown's link processors by bounded ones (see the module docstring)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        patterns: list[tuple[Any, str, str, int]] = [
            (_Reference, REFERENCE_RE, "reference", 170),
            (_Link, LINK_RE, "link", 160),
            (_Image, IMAGE_LINK_RE, "image_link", 150),
            (_ImageReference, IMAGE_REFERENCE_RE, "image_reference", 140),
            (_ShortReference, REFERENCE_RE, "short_reference", 130),
            (_ShortImageReference, IMAGE_REFERENCE_RE, "short_image_ref", 125),
        ]
        for cls, pattern, name, priority in patterns:
            if name in md.inlinePatterns:
                md.inlinePatterns.register(cls(pattern, md), name, priority)


def makeExtension(**kwargs: Any) -> LinearLinks:  # noqa: N802 - Markdown's API
    return LinearLinks(**kwargs)
