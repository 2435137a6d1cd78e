"""Pieces of the page templates rendered once and reused on other pages.

A figure counted in a total is listed, the same way, on its report's pairing, units, year,
indicator and regions pages. The templates mark such a piece with
`{% call fragment("name", key, …) %}…{% endcall %}`: its key objects (records of the content)
must be everything the piece reads besides the content itself, its links (`url(…)`) and
constants. The first rendering records each link asked for and what the piece read of the
content (`RecordingContent`, site/digest.py); another page reuses it only when every recorded
link comes out the same for that page, and notes the same reads, so the incremental build's
keys are those of a page rendered in full. `ENABLED = False` (tests only) renders every piece
in full; `tests/plugin/test_frame.py` compares whole sites both ways.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import jinja2

from generator.site.digest import Read

ENABLED = True
"""Tests set it to False to render every piece on every page (the plain path)."""

UrlFor = Callable[[str], str]


class Fragments:
    """One environment's memo (an environment serves one build)."""

    def __init__(self) -> None:
        self.entries: dict[Hashable, tuple[list[str], set[Read], dict[tuple[str, ...], str]]] = {}
        self.unsure: set[Hashable] = set()
        self.held: list[Any] = []
        """The key objects, kept alive: keys hold their ids."""
        self.recording: list[list[tuple[str, str]]] = []
        self.hits = 0
        self.misses = 0

    def recorded(self, url_for: UrlFor) -> UrlFor:
        """`url_for` noting each link asked for while a piece renders."""

        def url(target: str) -> str:
            out = url_for(target)
            for calls in self.recording:
                calls.append((target, out))
            return out

        url.recording = True  # type: ignore[attr-defined]
        return url

    @jinja2.pass_context
    def region(self, context: Any, name: str, *key: Any, caller: Callable[[], str]) -> Any:
        reads: set[Read] | None = getattr(context.get("content"), "_reads", None)
        url = context.get("url")
        ident = (name, *(id(k) for k in key))
        if not ENABLED or not getattr(url, "recording", False) or ident in self.unsure:
            return caller()
        entry = self.entries.get(ident)
        if entry is not None:
            targets, noted, rendered = entry
            links = tuple(url(t) for t in targets)
            html = rendered.get(links)
            if html is not None:
                self.hits += 1
                if reads is not None:
                    reads |= noted
                for outer in self.recording:
                    outer.extend(zip(targets, links, strict=True))
                return html
        self.misses += 1
        # What the piece reads alone: the page's reads so far set aside while it renders.
        before = set(reads or ())
        if reads is not None:
            reads.clear()
        calls: list[tuple[str, str]] = []
        self.recording.append(calls)
        try:
            html = caller()
        finally:
            self.recording.pop()
            noted = set(reads or ())
            if reads is not None:
                reads |= before
        for outer in self.recording:
            outer.extend(calls)
        targets = [t for t, _ in calls]
        links = tuple(out for _, out in calls)
        if entry is None:
            self.held.append(key)
            self.entries[ident] = (targets, noted, {links: html})
        elif entry[0] == targets and entry[1] == noted:
            entry[2][links] = html
        else:  # the same key took another path: it misses something; render it every time
            self.unsure.add(ident)
            del self.entries[ident]
        return html
