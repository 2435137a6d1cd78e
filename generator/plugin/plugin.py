"""The `bulletins` MkDocs plugin: a thin shell that lays generated pages over MkDocs.

on_config: load, validate and select the audience's content (problems stop the
build with the same lines `bulletins check` prints); compute page specs; put
the package theme under the site's own overrides; set the navigation to
sections only. on_files: add one generated file per spec. on_page_content:
wrap the rendered Markdown in the spec's template. Everything else lives in
the pipeline modules.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.compat import material as search_material
from generator.compat import mkdocs as compat_mkdocs
from generator.content.audience import left_out, select_audience
from generator.content.model import AUDIENCES, Content, Report
from generator.content.sanitize import clean_html, inert_text, inert_title_html
from generator.content.validate import load_content
from generator.plugin import neighbours
from generator.plugin.preview import ServePreview
from generator.plugin.serve_problems import ProblemsApp
from generator.plugin.settings import ENV_AUDIENCE, ENV_DOCS_DIR, site_files
from generator.search import engine, local
from generator.search.documents import Document, documents
from generator.search.lunr import rewrite_index_file
from generator.search.pagefind import (
    SEARCH_URI,
    SHARD_PAGES,
    PagefindError,
    mark_body,
    run_pagefind,
    search_page,
    shard_count,
    write_warm_words,
)
from generator.search.text import sentences
from generator.site import notfound
from generator.site.dates import content_epoch
from generator.site.feed import announce_feed, build_feed, feed_link
from generator.site.footer import footer_facts
from generator.site.opendata_files import opendata_files
from generator.site.pages import PageSpec, build_pages, report_uri, sitemap
from generator.site.pages.sitemap import FEED_URI
from generator.site.render import make_env, render_spec, theme_dir
from generator.site.sources import edit_paths

log = logging.getLogger("mkdocs.plugins.bulletins")


def _markdown(config: MkDocsConfig) -> Any:
    """A maker of the site's Markdown renderer (for narratives shown before the rebuild ends)."""

    def make() -> Any:
        import markdown

        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return lambda text: clean_html(md.reset().convert(text))

    return make


# Pages link to the same pages over and over (parts of totals, parties): posixpath.relpath once
# each.
_relative_url = lru_cache(maxsize=1 << 16)(get_relative_url)


class BulletinsConfig(base.Config):
    audience = c.Choice(AUDIENCES, default="public")
    """Who the build is for: `public` leaves out internal records and contacts. Overridden by
    BULLETINS_AUDIENCE."""
    content_dir = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    wording = c.Type(str, default="对口支援")
    """The programme's word in default titles: 对口支援, 对口帮扶, 东西部协作 … (set by init)."""
    drafts = c.Optional(c.Type(bool))
    """Show drafts (bannered). Default: only under `mkdocs serve`."""
    licence = c.Type(str, default="CC-BY-4.0")
    """Licence of the open data (an SPDX id), written into datapackage.json."""
    publisher = c.Type(str, default="")
    """Who publishes the data, written into datapackage.json and the feed."""
    search = c.Choice(engine.SEARCH_MODES, default="auto")
    """`auto`: the site's own search page (`local`, one small index, works offline) while the
    index fits a first visit, else Pagefind. `local`, `pagefind` (chunked index, served sites
    only; offline builds use `local`) or `lunr` (Material's own) force one (search/engine.py)."""
    pagefind_shard_pages = c.Type(int, default=SHARD_PAGES)
    """`search: pagefind`: about this many pages per index shard (see search_pagefind.py)."""


class BulletinsPlugin(BasePlugin[BulletinsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.content: Content | None = None
        self.specs: dict[str, PageSpec] = {}
        self.env: Any = None
        self.audience = "public"
        self.search = "lunr"
        self.dirty = False
        self.preview = ServePreview()
        self.shards = 1
        self.site_files: frozenset[str] = frozenset()
        """Files in docs_dir that mkdocs.yml names itself (extra_css, extra_javascript)."""
        self.indexed: list[str] = []
        """Pages marked for Pagefind in this build (their paths in the site)."""
        self.prose: dict[str, list[str]] = {}
        """`search: local`: sentences of each report's and free page's Markdown, by src_uri."""
        self.urls: dict[str, str] = {}
        self.documents: dict[str, Document] = {}
        self.synonyms: list[list[str]] = []
        """`search: pagefind`: what each page is indexed by, and its filters, by src_uri."""
        self.edit_paths: dict[str, str] = {}
        """Generated page → its content file relative to docs_dir, when the site has edit links."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        neighbours.refuse_incompatible(list(config.plugins), config.plugins)
        root = Path(config.config_file_path or ".").resolve().parent
        content_dir = (root / self.config.content_dir).resolve()
        if self.is_serve and not self.dirty:
            # Edited narratives shown at once; the rebuild goes to a folder swapped in when done.
            config.site_dir = self.preview.begin(
                config.site_dir, self.content, content_dir, report_uri, _markdown(config)
            )
        self.audience = os.environ.get(ENV_AUDIENCE) or self.config.audience
        if self.audience not in AUDIENCES:
            raise PluginError(
                f"受众（audience）应为 public 或 internal，而 {ENV_AUDIENCE} 写的是 "
                f"“{self.audience}”"
            )
        display = os.path.relpath(content_dir, Path.cwd()).replace(os.sep, "/")
        self.edit_paths = {}
        own = {"extra_css": [str(x) for x in config.extra_css]}
        own["extra_javascript"] = [str(x) for x in config.extra_javascript]
        self.site_files = site_files(own)
        content, problems = load_content(
            content_dir,
            self.audience,
            display_root=display,
            site_files=self.site_files,
            wording=self.config.wording,
        )
        self.preview.found = tuple(problems)  # serve: the banner and the problems page
        errors = [p for p in problems if p.severity == "error"]
        for p in problems:
            if p.severity != "error":
                log.warning(p.format())
        if errors:
            lines = "\n".join(p.format() for p in errors)
            raise PluginError(
                f"内容有 {len(errors)} 个错误，未生成网站（content has errors, site not "
                f"built）：\n{lines}"
            )
        drafts = self.config.drafts if self.config.drafts is not None else self.is_serve
        self.content = select_audience(content, self.audience, drafts=drafts)
        # For `bulletins build`'s closing summary (generator/cli/report.py reads the record).
        log.debug("content selected", extra={"bulletins_left_out": left_out(content, self.content)})
        if config.repo_url or config.edit_uri or config.edit_uri_template:
            docs_dir = Path(os.environ.get(ENV_DOCS_DIR) or config.docs_dir)
            self.edit_paths = edit_paths(self.content, display, content_dir, docs_dir)
        if "SOURCE_DATE_EPOCH" not in os.environ and not self.is_serve:
            # Dates MkDocs writes (sitemap lastmod, gzip headers) follow the content, not the clock,
            # so the same content builds byte-identical sites.
            os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(self.content))
        self.specs = {
            s.src_uri: s
            for s in build_pages(
                self.content,
                licence=self.config.licence,
                publisher=self.config.publisher,
                audience=self.audience,
            )
        }
        config.extra["bulletins"] = footer_facts(
            self.content,
            licence=self.config.licence,
            publisher=self.config.publisher,
            guide=sitemap.GUIDE_URI in self.specs,
        )

        # Package theme sits below the site's own custom_dir, above Material.
        ours = str(theme_dir())
        dirs = [d for d in config.theme.dirs if os.path.abspath(d) != os.path.abspath(ours)]
        # Below a separate custom_dir; first when custom_dir *is* the package theme (the example
        # site).
        custom = config.theme.custom_dir
        at = 1 if custom and os.path.abspath(custom) != os.path.abspath(ours) else 0
        dirs.insert(at, ours)
        config.theme.dirs = dirs
        self._setup_search(config)
        self.env = make_env([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        neighbours.put_stylesheet_first(config.extra_css)  # (it @imports portal.css)
        if not any(str(s) == "assets/javascripts/portal.js" for s in config.extra_javascript):
            config.extra_javascript.append("assets/javascripts/portal.js")  # sorting, folding

        if self._offline(config):
            # Material's offline mode would load iframe-worker from a CDN: ship it instead.
            config.extra["polyfills"] = [
                x for x in config.extra.get("polyfills", []) if "iframe-worker" not in x
            ] + ["assets/javascripts/iframe-worker/shim.js"]
            features = config.theme.get("features", [])
            config.theme["features"] = [
                f for f in features if not f.startswith("navigation.instant")
            ]

        if config.nav is None:
            config.nav = self._nav()
            # The navigation lists sections, not every report, by design: say nothing of the rest.
            config.validation.nav.omitted_files = logging.DEBUG
        else:
            neighbours.check_user_nav(config.nav, log)
        return config

    def _setup_search(self, config: MkDocsConfig) -> None:
        assert self.content is not None
        offline = self._offline(config)
        if self.config.search == "pagefind" and offline:
            log.warning(
                "离线版使用本站自带搜索：file:// 下浏览器不允许 Pagefind "
                "读取索引分块（offline builds use search: local）"
            )
        self.search = engine.choose(self.config.search, offline=offline, content=self.content)
        if self.search in ("pagefind", "local"):
            spec = search_page() if self.search == "pagefind" else local.search_page()
            self.specs[spec.src_uri] = spec
            # The header's search box becomes a form that opens /search/
            # (theme/searchbox/partials/search.html).
            config.theme.dirs.insert(0, str(theme_dir() / "searchbox"))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Material's search does work on_post_build redoes or the index should not hold (see
        # search_material.py): about a third of a large build, for the same index.
        for plugin in config.plugins.values():
            search_material.lighten(plugin)

    @staticmethod
    def _offline(config: MkDocsConfig) -> bool:
        for name, plugin in config.plugins.items():
            if name.endswith("offline") and getattr(plugin, "config", {}).get("enabled", False):
                return True
        return False

    def _nav(self) -> list[Any]:
        assert self.content is not None
        titles = {uri: spec.title for uri, spec in self.specs.items()}
        # Free pages' titles are escaped on the pages themselves (`_free_page_title`).
        return sitemap.nav(titles, [(fp.id, fp.title) for fp in self.content.pages])

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.content is not None
        visible = {f"{p.id}.md" for p in self.content.pages}
        docs = os.path.abspath(config.docs_dir) + os.sep
        for f in list(files):
            # Free pages not shown to this audience, and anything shadowing a generated page, go.
            stem = f.src_uri.split("/", 1)[0].removesuffix(".md")
            if f.src_uri.endswith(".md") and (f.src_uri not in visible or stem in sitemap.RESERVED):
                files.remove(f)
            elif (
                f.abs_src_path
                and os.path.abspath(f.abs_src_path).startswith(docs)
                and f.src_uri not in visible
                and f.src_uri not in self.content.assets
                and f.src_uri not in self.site_files
            ):
                # Only what the loader read is published: no other Markdown extension, backup,
                # HTML, or attachment that no page of this audience links.
                files.remove(f)
        if self.search == "pagefind":
            self.documents = {d.src_uri: d for d in documents(self.content, self.specs, {})}
            self.shards = shard_count(len(self.documents), self.config.pagefind_shard_pages)
            self.specs[SEARCH_URI] = search_page(self.shards)
            self.indexed = []
            self.synonyms = local.synonym_groups(self.content.synonyms)
        for spec in self.specs.values():
            # Material prints page titles unescaped (<title>, nav, h1, search): escape here, once.
            meta = {"title": str(escape(inert_text(spec.title))), **spec.meta}
            text = (
                "---\n"
                + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
                + "---\n\n"
                + spec.markdown
            )
            if spec.src_uri in files.src_uris:
                files.remove(files.src_uris[spec.src_uri])
            generated = File.generated(config, spec.src_uri, content=text)
            # "Edit this page" opens the content file the page is made from (None: no button).
            generated.edit_uri = self.edit_paths.get(spec.src_uri)
            files.append(generated)
        self._add_downloads(files, config)
        self.preview.dest = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        return files

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        """Open data under data/ and the Atom feed, from the same selected content as the pages."""
        assert self.content is not None

        def link(r: Report) -> str:
            f = files.get_file_from_path(report_uri(r))
            return f.url if f is not None else r.url

        # An offline copy links within itself: no address on a server it may never reach.
        site_url = "" if self._offline(config) else config.site_url or ""
        downloads = opendata_files(
            self.content,
            title=config.site_name,
            description=config.site_description or "",
            licence=self.config.licence,
            publisher=self.config.publisher,
            homepage=site_url,
            link=link,
        )
        downloads["feed.xml"] = build_feed(
            self.content,
            title=config.site_name,
            site_url=site_url,
            subtitle=config.site_description or "",
            author=self.config.publisher,
            link=link,
        )
        for path, data in downloads.items():
            if path in files.src_uris:
                files.remove(files.src_uris[path])
            files.append(File.generated(config, path, content=data))

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.search != "lunr":
            # Material's index stays empty (its search box is replaced); ours indexes the pages.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        spec = self.specs.get(page.file.src_uri)
        links = list(page.toc)
        while links:  # headings are text in the table of contents, never markup
            link = links.pop()
            link.title = inert_title_html(link.title)
            links.extend(link.children)
        if spec is None or spec.template == "report.html":
            # Narratives and free pages are editors' HTML: only what the allowlist names is kept.
            html = clean_html(html)
        if self.search == "local" and (spec is None or spec.template == "report.html"):
            self.prose[page.file.src_uri] = sentences(html)
        if spec is None:
            self._free_page_title(page)
            return html

        by_uri = files.src_uris  # page paths are POSIX already: skip get_file_from_path's PurePath

        def url_for(src_uri: str) -> str:
            target = by_uri.get(src_uri) or files.get_file_from_path(src_uri)
            if target is None:
                raise PluginError(
                    f"内部错误：页面 {page.file.src_uri} 链接到不存在的页面 {src_uri}"
                )
            return _relative_url(target.url, page.url) or "./"

        return render_spec(
            self.env,
            spec,
            url_for,
            html,
            audience=self.audience,
            site_url=config.site_url or "",
            site_name=config.site_name,
        )

    def _free_page_title(self, page: Page) -> None:
        """Material prints `page.title` and `page.meta.title` unescaped (<title>, header,
        navigation): editors' titles are text, never markup. Pages are all rendered before
        any template, so every navigation shows the escaped title."""
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = str(escape(page.meta["title"]))
        if page.title:
            page.title = str(escape(page.title))

    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # After Material's search plugin wrote the index (priority 0), before its offline
        # plugin inlines it into search_index.js (-100): finer Chinese tokens, see search_index.py.
        index = Path(config.site_dir) / "search" / "search_index.json"
        for plugin in config.plugins.values():
            search_material.drop_entries(plugin)
        if index.is_file() and self.search == "lunr":
            rewrite_index_file(index)
        if self.search == "local":
            assert self.content is not None
            local.build_index(
                Path(config.site_dir), self.content, self.specs, self.prose, self.urls.get
            )
        if self.search == "pagefind":
            site = Path(config.site_dir)
            try:
                run_pagefind(site, self.indexed, shards=self.shards)
            except PagefindError as exc:
                raise PluginError(str(exc)) from None
            write_warm_words(site, self.shards)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # In the plugin, not main.html: a site's own main.html would drop it.
        href = _relative_url(FEED_URI, page.url) or FEED_URI
        output = announce_feed(output, feed_link(config.site_name, href))
        if self.search != "pagefind" or page.file.src_uri == SEARCH_URI:
            return output
        marked = mark_body(output, self.documents.get(page.file.src_uri), self.synonyms)
        if marked is not output:
            self.indexed.append(page.file.dest_uri)
        return marked

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if template_name != "404.html":
            return output_content
        # Shown at any missing address, wherever the site is served: see site/notfound.py.
        output = announce_feed(output_content, feed_link(config.site_name, FEED_URI))
        return notfound.portable(output, urlsplit(config.site_url or "").path or "/")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        server.watch(str((root / self.config.content_dir).resolve()))
        if not self.dirty:
            compat_mkdocs.wrap_builder(server, lambda b: self.preview.wrap(b, server))
        compat_mkdocs.wrap_app(
            server,
            lambda app, mount: ProblemsApp(
                app, mount, self.preview.state, partial(compat_mkdocs.with_reload_script, server)
            ),
        )
        return server

    def on_build_error(self, *, error: Exception) -> None:
        # A failure that is not the content's (mkdocs.yml, a template): shown in the preview.
        self.preview.failed = str(error) or type(error).__name__

    def on_shutdown(self) -> None:
        self.preview.discard()
