"""The engine's configuration beside an export: one `mkdocs.yml` that MkDocs, ProperDocs and
Zensical all build as they find it (`mkdocs build`, `properdocs build`, `zensical build`).

What it carries over from the site's own mkdocs.yml, and why:

- the site's name, address, description and copyright line, and the theme's language,
  font, palette, features, icons and logo (Material's theme is always named: the pages'
  HTML uses Material's classes);
- the navigation: the site's own `nav:` when it has one, else the sections the plugin
  would give it, with their Chinese titles (`sitemap.nav`), never folder names;
- the site's search separator (Zensical takes `separator` and `enabled` only; Material
  also reads `lang`);
- the Markdown extensions, with the three the exported pages need (`tables`,
  `attr_list`, `md_in_html`) added when missing;
- the site's stylesheets and scripts (`extra_css`, `extra_javascript`), after the
  package's own (`bulletins.css`, which @imports `portal.css`, and `portal.js`: sorting
  and folding), all copied under `docs/`;
- the footer (`partials/copyright.html`, reading `extra.bulletins`, and the page
  language partial) as template overrides under `overrides/`.

The bulletins plugin itself is left out: the pages are already generated. This module
must not import MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.content.load.text import MAX_FILE_BYTES
from generator.content.safe_files import REGULAR, entry_kind, read_regular
from generator.site.render import theme_dir

DOCS_DIR = "docs"
"""Where the pages go in an export with an engine configuration (mkdocs.yml sits above)."""
OVERRIDES_DIR = "overrides"
CONFIG_FILE = "mkdocs.yml"

PACKAGE_CSS = ("assets/stylesheets/bulletins.css",)
PACKAGE_JS = ("assets/javascripts/portal.js",)
PACKAGE_ASSETS = (*PACKAGE_CSS, "assets/stylesheets/portal.css", *PACKAGE_JS)
"""Files of the package theme the pages need, copied into `docs/` as they are."""
PACKAGE_OVERRIDES = ("partials/copyright.html", "partials/language.html")
"""Templates of the package theme copied into `overrides/`: the footer and the page language.
(`404.html` and the search box are left out: they use the plugin's own pages.)"""

NEEDED_EXTENSIONS = ("tables", "attr_list", "md_in_html")
THEME_KEYS = ("language", "font", "features", "palette", "icon", "logo", "favicon")
SITE_KEYS = ("site_name", "site_description", "site_url", "site_author", "copyright")


def _names(items: Any) -> list[str]:
    """Local paths in an `extra_css` / `extra_javascript` value (entries may be mappings)."""
    out: list[str] = []
    for item in items or []:
        path = item.get("path") if isinstance(item, Mapping) else item
        if isinstance(path, str) and path:
            out.append(path)
    return out


def local_files(config: Mapping[str, Any]) -> list[str]:
    """The site's own stylesheets and scripts that live in its docs folder (to copy)."""
    paths = _names(config.get("extra_css")) + _names(config.get("extra_javascript"))
    return sorted(
        p
        for p in set(paths)
        if "://" not in p and not p.startswith("/") and p not in PACKAGE_ASSETS
    )


def _first(ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*ours, *theirs]))


def _extensions(value: Any) -> list[Any]:
    """The Markdown extensions as written (names or {name: options}), plus the needed ones."""
    items: list[Any] = []
    if isinstance(value, Mapping):
        items = [{k: v} if v else k for k, v in value.items()]
    elif isinstance(value, list):
        items = list(value)
    names = {i if isinstance(i, str) else next(iter(i)) for i in items}
    return items + [name for name in NEEDED_EXTENSIONS if name not in names]


def _search(plugins: Any) -> dict[str, Any]:
    """The site's search options that every engine reads (a separator, a language)."""
    entries = plugins.items() if isinstance(plugins, Mapping) else []
    if isinstance(plugins, list):
        entries = [
            (i, {}) if isinstance(i, str) else next(iter(i.items()))
            for i in plugins
            if isinstance(i, str | Mapping)
        ]
    for name, options in entries:
        if str(name).removeprefix("material/") == "search" and isinstance(options, Mapping):
            return {k: options[k] for k in ("separator",) if k in options}
    return {}


def engine_config(
    config: Mapping[str, Any],
    nav: Sequence[Any],
    footer: Mapping[str, str],
) -> dict[str, Any]:
    """The exported site's mkdocs.yml (as a mapping) from the site's own (as read).

    `nav`: the generated navigation (used when the site has no `nav:` of its own);
    `footer`: the facts the footer shows (`generator.site.footer.footer_facts`)."""
    out: dict[str, Any] = {k: config[k] for k in SITE_KEYS if config.get(k)}
    out["site_name"] = str(config.get("site_name") or "")
    out["docs_dir"] = DOCS_DIR
    out["use_directory_urls"] = True
    theme = config.get("theme")
    theme = dict(theme) if isinstance(theme, Mapping) else {}
    out["theme"] = {"name": "material", "custom_dir": OVERRIDES_DIR} | {
        k: theme[k] for k in THEME_KEYS if k in theme
    }
    out["theme"].setdefault("language", "zh")
    out["nav"] = list(config.get("nav") or nav)
    # The package's first, so on equal specificity the site's own rules win (as in the plugin).
    out["extra_css"] = _first(PACKAGE_CSS, _names(config.get("extra_css")))
    out["extra_javascript"] = _first(PACKAGE_JS, _names(config.get("extra_javascript")))
    extra = config.get("extra")
    out["extra"] = {
        **(dict(extra) if isinstance(extra, Mapping) else {}),
        "bulletins": dict(footer),
    }
    search = _search(config.get("plugins"))
    out["plugins"] = [{"search": search} if search else "search"]
    out["markdown_extensions"] = _extensions(config.get("markdown_extensions"))
    return out


def config_text(config: Mapping[str, Any]) -> str:
    """The YAML of an engine configuration, with a line saying where it came from."""
    head = (
        "# Written by `bulletins export`: builds with `mkdocs build`, `properdocs build` or\n"
        "# `zensical build` in this folder. Overwritten by the next export.\n"
    )
    return head + yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False)


def engine_files(
    config: Mapping[str, Any],
    nav: Sequence[Any],
    footer: Mapping[str, str],
    docs_dir: Path | None,
) -> dict[str, bytes]:
    """mkdocs.yml, the package's stylesheets, scripts and template overrides, and the site's
    own stylesheets and scripts found in `docs_dir`: paths relative to the export's folder."""
    theme = theme_dir()
    files = {CONFIG_FILE: config_text(engine_config(config, nav, footer)).encode("utf-8")}
    for rel in PACKAGE_ASSETS:
        files[f"{DOCS_DIR}/{rel}"] = (theme / rel).read_bytes()
    for rel in PACKAGE_OVERRIDES:
        files[f"{OVERRIDES_DIR}/{rel}"] = (theme / rel).read_bytes()
    for rel in local_files(config):
        source = docs_dir / rel if docs_dir else None
        if source is not None and entry_kind(source) == REGULAR:  # never through a link
            files[f"{DOCS_DIR}/{rel}"] = read_regular(source, MAX_FILE_BYTES)
    return files
