"""MkDocs' private internals: the live-reload server's fields, and its plugin cache.

`bulletins serve` builds each rebuild into a folder of its own and swaps it in
(`generator/plugin/preview.py`). The server holds every request while a rebuild
runs, so as not to serve a half-built site; rebuilds here never touch the served
folder, so once an edited narrative is patched into the served page the server
may serve (and reload browsers) at once (`release`), and after the rebuild it
announces the complete site as a newer one (`announce_again`). The builder the
server calls is replaced by one that swaps the finished build in (`wrap_builder`).

When a rebuild fails, the preview's problems page is served by a WSGI application
wrapped around the server's own (`wrap_app`, the public `get_app`/`set_app` of
`wsgiref`), with the live-reload script MkDocs adds to its pages (`with_reload_script`),
so it updates as files change.

These are private attributes of MkDocs 1.x (`_epoch_cond`, `_wanted_epoch`,
`_visible_epoch`, `builder`, `_inject_js_into_html`): without them the patched page
simply shows when the rebuild ends, and the problems page does not reload by itself.

MkDocs keeps one instance of each plugin that has `on_startup`/`on_shutdown` for the
whole process (the `plugins` option's `plugin_cache`, so that `serve`'s rebuilds share
one startup). `bulletins build` runs startup, build and shutdown for each build, as
`mkdocs build` does in a process of its own: `forget_plugins` lets each build load fresh
instances (Material's blog plugin removes its folder at shutdown and would otherwise be
reused without it). Without the cache field nothing is cleared (the same as before).

This module must not import MkDocs (it only touches the objects it is given).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

DIST = "mkdocs"
CHECKED = frozenset({"1.6.1"})
"""Versions of MkDocs whose server internals these functions were checked on."""
FIELDS = ("_epoch_cond", "_wanted_epoch", "_visible_epoch", "builder", "_inject_js_into_html")
"""The server's attributes used here."""


def has_internals(server: Any) -> bool:
    """The server has every field this module uses."""
    return all(hasattr(server, name) for name in FIELDS)


def release(server: Any) -> bool:
    """Let the server serve the current folder now, mid-rebuild; False when it cannot."""
    if not has_internals(server):
        return False
    with server._epoch_cond:
        server._visible_epoch = server._wanted_epoch
        server._epoch_cond.notify_all()
    return True


def announce_again(server: Any) -> None:
    """Tell the browsers a newer site is there (after a rebuild that `release`d early)."""
    if not has_internals(server):
        return
    with server._epoch_cond:
        server._wanted_epoch = max(server._wanted_epoch + 1, round(time.monotonic() * 1000))


def wrap_builder(server: Any, wrap: Callable[[Callable[..., None]], Callable[..., None]]) -> bool:
    """Replace the server's rebuild function by `wrap(builder)`; False when it has none."""
    builder = getattr(server, "builder", None)
    if builder is None:
        return False
    server.builder = wrap(builder)
    return True


def forget_plugins(config_class: Any) -> bool:
    """Empty the process-wide plugin cache of MkDocs' config class (`MkDocsConfig`), so the
    next config loaded gets new plugin instances; False when the cache is not found."""
    found = False
    for _, option in getattr(config_class, "_schema", ()):
        cache = getattr(option, "plugin_cache", None)
        if isinstance(cache, dict):
            cache.clear()
            found = True
    return found


def with_reload_script(server: Any, page: bytes) -> bytes:
    """`page` with the script that reloads it when the server has a newer build."""
    if not has_internals(server):
        return page
    with server._epoch_cond:
        epoch = server._visible_epoch
    result: bytes = server._inject_js_into_html(page, epoch)
    return result


def wrap_app(server: Any, wrap: Callable[[Callable[..., Any], str], Callable[..., Any]]) -> bool:
    """Serve through `wrap(app, mount_path)` around the server's WSGI app; False without one."""
    get_app = getattr(server, "get_app", None)
    if get_app is None or get_app() is None or not hasattr(server, "set_app"):
        return False
    server.set_app(wrap(get_app(), str(getattr(server, "mount_path", "/"))))
    return True
