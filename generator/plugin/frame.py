"""Material's page frame rendered once per key and reused (issue 20, part 4).

Thousands of pages share most of Material's frame: the navigation, the footer, the logo, the
palette switch, the search box, the scripts. `install` wraps MkDocs' Jinja environment for one
build so that each of the regions named in `PARTIALS` (a partial, included by name) or marked
in `theme/main.html` (a block, `{% call bl_frame("block:…") %}{{ super() }}{% endcall %}`) is
rendered once per key and then reused.

A region's key is what it reads that differs between pages (`PARTIALS`' key functions: the
active navigation items, the table of contents, the previous and next page), plus the page's
`base_url`. Links in it go through MkDocs' `url` and `script_tag` filters, which make them
relative to the page: the first rendering records each call, and a later page reuses a
rendering only when every recorded call gives that page the same text. So a region is reused
exactly where rendering it again would give the same bytes; `tests/plugin/test_frame.py`
builds whole sites with and without the memo and compares every file.

A region is only memoised when the template it names is Material's or this package's: a site's
own override (its `custom_dir`) may read anything, and is rendered in full on every page.
`ENABLED = False` (tests only) renders every page in full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import jinja2

from generator.site.render import theme_dir

ENABLED = True
"""Tests set it to False to render every region on every page (the plain path)."""

FULL = "__bulletins_full__/"
"""Prefix of a memoised partial's own template (the wrapper includes it)."""

KeyFn = Callable[[Any], Hashable]

Call = tuple[Callable[..., Any], Any]


def _constant(context: Any) -> Hashable:
    return ()


def _nav_key(context: Any) -> Hashable:
    """What Material's navigation reads of the page: which items are active, and whether the
    page is one of them (then its table of contents shows there too)."""
    nav, page = context.get("nav"), context.get("page")
    active: list[int] = []
    here = None
    items = list(getattr(nav, "items", None) or [])
    while items:
        item = items.pop()
        if hasattr(item, "pages"):  # a blog view: lists pages itself
            return ("page", _uri(page))
        if getattr(item, "active", False):
            active.append(id(item))
        if page is not None and item == page:
            here = _uri(page)
        items.extend(getattr(item, "children", None) or [])
    return tuple(active), here


def _toc_key(context: Any) -> Hashable:
    page = context.get("page")
    return _toc_shape(page.toc) if page is not None else None


def _toc_shape(items: Any) -> Hashable:
    return tuple(
        (i.id, i.title, i.url, i.level, getattr(i, "typeset", None), _toc_shape(i.children))
        for i in items
    )


def _footer_key(context: Any) -> Hashable:
    """The previous and next page, when the footer shows them."""
    page = context.get("page")
    if page is None or "navigation.footer" not in (context.get("features") or []):
        return ()
    hide = (page.meta or {}).get("hide") or ()
    near = (page.previous_page, page.next_page)
    return tuple((_uri(p), p.title) if p is not None else None for p in near), "footer" in hide


def _uri(page: Any) -> str | None:
    return page.file.src_uri if page is not None else None


PARTIALS: dict[str, KeyFn] = {
    "partials/nav.html": _nav_key,
    "partials/toc.html": _toc_key,
    "partials/footer.html": _footer_key,
    "partials/copyright.html": _constant,
    "partials/logo.html": _constant,
    "partials/palette.html": _constant,
    "partials/icons.html": _constant,
    "partials/top.html": _constant,
    "partials/source.html": _constant,
    "partials/search.html": _constant,
    "partials/javascripts/base.html": _constant,
    "partials/javascripts/palette.html": _constant,
    "partials/javascripts/content.html": _constant,
    "partials/integrations/analytics.html": _constant,
}
"""Partials memoised, each with what it reads that may differ from page to page (beyond
`base_url` and its links). Checked against Material 9.8 (compat/material.py's CHECKED)."""

BLOCKS: dict[str, KeyFn] = {
    "block:styles": _constant,
    "block:libs": _constant,
    "block:config": _constant,
    "block:scripts": _constant,
}
"""Blocks of Material's base.html that theme/main.html wraps in `bl_frame`."""


class _Loader(jinja2.BaseLoader):
    """The site's loader, with each memoised partial wrapped in a `bl_frame` call."""

    def __init__(self, inner: jinja2.BaseLoader, trusted: list[Path]) -> None:
        self.inner = inner
        self.trusted = trusted

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template.startswith(FULL):
            return self.inner.get_source(environment, template[len(FULL) :])
        source = self.inner.get_source(environment, template)
        if template in PARTIALS and self._ours(source[1]):
            wrapper = (
                f"{{% call bl_frame({template!r}) %}}"
                f"{{% include {FULL + template!r} %}}{{% endcall %}}"
            )
            return wrapper, None, source[2]
        return source

    def _ours(self, filename: str | None) -> bool:
        if filename is None:
            return False
        path = Path(filename).resolve()
        return any(path.is_relative_to(d) for d in self.trusted)

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


class Frame:
    """One build's memo: regions rendered, by key and by the text of their links."""

    def __init__(self) -> None:
        self.entries: dict[Hashable, tuple[list[Call], dict[tuple[str, ...], str]]] = {}
        self.unsure: set[Hashable] = set()
        self.recording: list[list[tuple[Call, str]]] = []
        self.hits = 0
        self.misses = 0

    def install(self, env: jinja2.Environment, material: Path) -> jinja2.Environment:
        env.globals["bl_frame"] = self.region
        if not ENABLED:  # the plain path: MkDocs' environment as it was, every page in full
            return env
        assert env.loader is not None
        env.loader = _Loader(env.loader, [material.resolve(), theme_dir().resolve()])
        for name in ("url", "script_tag"):
            env.filters[name] = self._recorded(env.filters[name])
        return env

    def _recorded(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @jinja2.pass_context
        def filter(context: Any, value: Any) -> Any:
            out = fn(context, value)
            for calls in self.recording:
                calls.append(((fn, value), out))
            return out

        return filter

    @jinja2.pass_context
    def region(self, context: Any, name: str, *, caller: Callable[[], str]) -> str:
        key_fn = PARTIALS.get(name) or BLOCKS.get(name)
        if not ENABLED or key_fn is None:
            return caller()
        key = (name, context.get("base_url"), context.get("page") is None, key_fn(context))
        entry = self.entries.get(key)
        if entry is not None:
            calls, rendered = entry
            links = tuple(fn(context, value) for fn, value in calls)
            html = rendered.get(links)
            if html is not None:
                self.hits += 1
                for outer in self.recording:
                    outer.extend(zip(calls, links, strict=True))
                return html
        self.misses += 1
        recorded: list[tuple[Call, str]] = []
        self.recording.append(recorded)
        try:
            html = caller()
        finally:
            self.recording.pop()
        for outer in self.recording:
            outer.extend(recorded)
        if key in self.unsure:
            return html
        calls = [call for call, _ in recorded]
        links = tuple(out for _, out in recorded)
        if entry is None:
            self.entries[key] = (calls, {links: html})
        elif entry[0] == calls:
            entry[1][links] = html
        else:  # the same key took another path: it misses something; render it every time
            self.unsure.add(key)
            del self.entries[key]
        return html
