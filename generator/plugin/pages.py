"""Pages as MkDocs renders them: a generated page's Markdown in its template, free pages'
titles escaped, links between pages, and the Markdown renderer `serve` uses for narratives
shown before the rebuild ends."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.content.sanitize import clean_html, inert_title_html
from generator.plugin.settings import Settings
from generator.site.digest import Read
from generator.site.pages import PageSpec
from generator.site.render import render_spec

# Pages link to the same pages over and over (parts of totals, parties): posixpath.relpath once
# each.
relative_url = lru_cache(maxsize=1 << 16)(get_relative_url)


def render_generated(
    env: Any,
    spec: PageSpec,
    html: str,
    page: Page,
    files: Files,
    settings: Settings,
    name: str,
    compilation: str | None = None,
    reads: set[Read] | None = None,
) -> str:
    """A generated page: its rendered Markdown in the spec's template, links made relative;
    what the template reads of the content noted in `reads` (site/digest.py)."""
    by_uri = files.src_uris  # page paths are POSIX already: skip get_file_from_path's PurePath

    def url_for(src_uri: str) -> str:
        target = by_uri.get(src_uri) or files.get_file_from_path(src_uri)
        if target is None:
            raise PluginError(f"内部错误：页面 {page.file.src_uri} 链接到不存在的页面 {src_uri}")
        return relative_url(target.url, page.url) or "./"

    return render_spec(
        env,
        spec,
        url_for,
        html,
        reads=reads,
        audience=settings.audience,
        site_url=settings.site_url,
        site_name=name,
        compilation=compilation,
    )


def inert_toc(page: Page) -> None:
    """Headings are text in the table of contents, never markup."""
    links = list(page.toc)
    while links:
        link = links.pop()
        link.title = inert_title_html(link.title)
        links.extend(link.children)


def escape_title(page: Page) -> None:
    """Material prints `page.title` and `page.meta.title` unescaped (<title>, header,
    navigation): editors' titles are text, never markup. Pages are all rendered before any
    template, so every navigation shows the escaped title."""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = str(escape(page.meta["title"]))
    if page.title:
        page.title = str(escape(page.title))


def markdown_maker(config: MkDocsConfig) -> Callable[[], Callable[[str], str]]:
    """A maker of the site's Markdown renderer (for narratives shown before the rebuild ends)."""

    def make() -> Callable[[str], str]:
        import markdown

        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return lambda text: clean_html(md.reset().convert(text))

    return make
