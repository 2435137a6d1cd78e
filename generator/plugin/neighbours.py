"""Living with the site's own settings and other plugins.

- A `nav:` written in mkdocs.yml is the site's own: kept as written, with a
  warning naming the generated sections it leaves out (readers could not reach
  them from the menu).
- The plugin's stylesheet goes *before* the site's `extra_css`, so on equal
  specificity the site's own rules win.
- Material's `blog` plugin cannot run beside this one (both generate index pages
  and the blog's second build under `serve` fails): refused with a message
  instead of a failure later.
- Without a `nav:`, the navigation is generated: sections only (`navigation`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from generator.content.model import FreePage
from generator.site.pages import PageSpec, sitemap
from generator.site.pages.sitemap import SECTIONS

STYLESHEET = "assets/stylesheets/bulletins.css"
INCOMPATIBLE = {
    "blog": "Material 的 blog 插件会生成自己的首页和归档页，与本插件生成的栏目冲突，"
    "且 mkdocs serve 第二次构建时会失败（MkDocs 错误 E107）",
}
"""Plugin (name without `material/`) → why it cannot run beside this one."""


def put_stylesheet_first(extra_css: list[Any]) -> None:
    """The plugin's stylesheet first in `extra_css`, unless the site placed it itself."""
    if not any(str(item) == STYLESHEET for item in extra_css):
        extra_css.insert(0, STYLESHEET)


def _nav_paths(nav: Any) -> set[str]:
    """Every page path in a `nav:` value (nested sections, titled or not)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, Mapping):
        return {p for value in nav.values() for p in _nav_paths(value)}
    if isinstance(nav, list):
        return {p for item in nav for p in _nav_paths(item)}
    return set()


def missing_sections(nav: Any) -> list[str]:
    """The generated sections (titles) a user's `nav:` does not list."""
    listed = _nav_paths(nav)
    return [title for title, uri in SECTIONS if uri not in listed]


def check_user_nav(nav: Any, log: logging.Logger) -> None:
    """Keep the site's own `nav:`; warn when it leaves generated sections out."""
    missing = missing_sections(nav)
    if missing:
        shown = "、".join(f"{t}（{dict(SECTIONS)[t]}）" for t in missing)
        log.warning(
            f"mkdocs.yml 的 nav 按原样使用，但没有列出生成的栏目：{shown}；"
            "读者无法从菜单进入。删去 nav 可使用自动生成的导航"
            "（nav in mkdocs.yml kept; it leaves out generated sections）"
        )


def refuse_incompatible(names: Iterable[str], plugins: Mapping[str, Any]) -> None:
    """A clear error when a plugin that cannot run beside this one is enabled."""
    for name in names:
        short = name.removeprefix("material/")
        if short not in INCOMPATIBLE:
            continue
        config = getattr(plugins[name], "config", {})
        if not config.get("enabled", True):
            continue
        raise PluginError(
            f"插件 “{short}” 不能与 bulletins 插件同时启用：{INCOMPATIBLE[short]}。"
            f"请在 mkdocs.yml 的 plugins 中删去 {short}，或设置 enabled: false"
            f"（plugin '{short}' is not compatible with the bulletins plugin）"
        )


def navigation(
    config: Any, specs: Mapping[str, PageSpec], free_pages: Iterable[FreePage], log: logging.Logger
) -> None:
    """The generated navigation (sections only) when mkdocs.yml has no `nav:`; else the
    site's own, checked."""
    if config.nav is not None:
        check_user_nav(config.nav, log)
        return
    titles = {uri: spec.title for uri, spec in specs.items()}
    # Free pages' titles are escaped on the pages themselves (pages.escape_title).
    config.nav = sitemap.nav(titles, [(fp.id, fp.title) for fp in free_pages])
    # The navigation lists sections, not every report, by design: say nothing of the rest.
    config.validation.nav.omitted_files = logging.DEBUG
