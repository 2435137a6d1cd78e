"""Which search a build gets: the plugin option `search` resolved for this site and build.

- `auto` (default): the site's own search (`local`) when its index fits a first visit
  (`local.estimate_bytes` under `local.LOCAL_MAX_BYTES`) or the build is offline;
  Pagefind's chunked index for larger served sites.
- `local`: always the site's own search (offline builds too).
- `pagefind`: Pagefind; an offline build (file://, where Pagefind cannot fetch its
  chunks) falls back to `local`.
- `lunr`: Material's own search, with the finer Chinese tokens of `lunr.py`.

docs/search.md has the measurements behind the choice. Pure: no MkDocs.
"""

from __future__ import annotations

from generator.content.model import Content
from generator.search.local import LOCAL_MAX_BYTES, estimate_bytes

SEARCH_MODES = ("auto", "local", "pagefind", "lunr")


def choose(requested: str, *, offline: bool, content: Content) -> str:
    """The engine of this build: `local`, `pagefind` or `lunr`."""
    if requested == "lunr":
        return "lunr"
    if offline or requested == "local":
        return "local"
    if requested == "pagefind":
        return "pagefind"
    return "local" if estimate_bytes(content) <= LOCAL_MAX_BYTES else "pagefind"
