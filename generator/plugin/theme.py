"""Where the package theme sits among the site's theme folders, and the assets it adds.

Order, first wins: the search-box override (only when the site has its own search page),
the site's own `custom_dir`, the package theme (`generator/theme/bulletins`), Material.
When `custom_dir` *is* the package theme (the example site), the package theme comes first.
The offline build ships Material's iframe-worker polyfill and turns off instant navigation,
which file:// cannot serve.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.plugin import neighbours
from generator.site.render import theme_dir

PORTAL_JS = "assets/javascripts/portal.js"
IFRAME_SHIM = "assets/javascripts/iframe-worker/shim.js"


def _same(a: str, b: str) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def order_dirs(theme: Any, *, own_search_page: bool) -> None:
    """Put the package theme below the site's own custom_dir, above Material."""
    ours = str(theme_dir())
    dirs = [d for d in theme.dirs if not _same(d, ours)]
    custom = theme.custom_dir
    at = 1 if custom and not _same(custom, ours) else 0
    dirs.insert(at, ours)
    if own_search_page:
        # The header's search box becomes a form that opens /search/
        # (theme/searchbox/partials/search.html).
        dirs.insert(0, str(theme_dir() / "searchbox"))
    theme.dirs = dirs


def material_dir() -> Path:
    """Material's own templates."""
    import material

    return Path(material.__file__).parent / "templates"


def add_assets(config: Any, *, offline: bool) -> None:
    """The portal's stylesheet first (it @imports portal.css) and script; offline: the
    iframe-worker polyfill shipped, instant navigation off."""
    neighbours.put_stylesheet_first(config.extra_css)
    if not any(str(s) == PORTAL_JS for s in config.extra_javascript):
        config.extra_javascript.append(PORTAL_JS)  # sorting, folding
    if offline:
        # Material's offline mode would load iframe-worker from a CDN: ship it instead.
        config.extra["polyfills"] = [
            x for x in config.extra.get("polyfills", []) if "iframe-worker" not in x
        ] + [IFRAME_SHIM]
        features = config.theme.get("features", [])
        config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
