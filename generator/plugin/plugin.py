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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.compat import material as search_material
from generator.compat import mkdocs as compat_mkdocs
from generator.content.audience import left_out, select_audience
from generator.content.markdown_bounds import LinearLinks
from generator.content.model import Content, Report
from generator.content.sanitize import clean_html, inert_text, inert_title_html
from generator.content.validate import load_content
from generator.plugin import neighbours
from generator.plugin.build_date import BuildDate
from generator.plugin.preview import ServePreview
from generator.plugin.serve_problems import ProblemsApp
from generator.plugin.settings import (
    BulletinsConfig,
    Settings,
    SettingsError,
    defaults,
    is_offline,
    serve_overrides,
    settings_from,
)
from generator.search import engine, local
from generator.search.documents import Document, documents
from generator.search.lunr import rewrite_index_file
from generator.search.pagefind import (
    SEARCH_URI,
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
        self.compilations: dict[int, str] = {}
        """Year → its compilation PDF in the site, when built with `compilation: true`."""
        self.edit_paths: dict[str, str] = {}
        """Generated page → its content file relative to docs_dir, when the site has edit links."""
        self.given: Settings | None = None
        self.settings: Settings = defaults()
        self.build_date = BuildDate()
        self.epoch = 0
        """The build's date (seconds since 1970): the newest report's, or SOURCE_DATE_EPOCH."""

    def use(self, settings: Settings) -> None:
        """`bulletins build`: the settings it read (audience from the command line included)."""
        self.given = settings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        neighbours.refuse_incompatible(list(config.plugins), config.plugins)
        try:
            settings = self.given
            if settings is None or settings.mkdocs is not config:
                settings = settings_from(config, self.config, overrides=serve_overrides())
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        self.settings = settings
        if not any(isinstance(e, LinearLinks) for e in config.markdown_extensions):
            # Narratives render in bounded time, as `check` renders them (markdown_bounds.py).
            config.markdown_extensions.append(LinearLinks())
        if self.is_serve:
            # Served pages carry the configured address (canonical links, sitemap, data, feed),
            # not the one MkDocs' serve writes over it: served files are the published ones.
            config.site_url = settings.site_url or None
        content_dir = settings.content_dir.resolve()
        if self.is_serve and not self.dirty:
            # Edited narratives shown at once; the rebuild goes to a folder swapped in when done.
            config.site_dir = self.preview.begin(
                config.site_dir, self.content, content_dir, report_uri, _markdown(config)
            )
        self.audience = settings.audience
        display = os.path.relpath(content_dir, Path.cwd()).replace(os.sep, "/")
        self.edit_paths = {}
        self.site_files = settings.site_files
        content, problems = load_content(
            content_dir,
            self.audience,
            display_root=display,
            site_files=self.site_files,
            wording=settings.wording,
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
        drafts = settings.options.drafts if settings.options.drafts is not None else self.is_serve
        self.content = select_audience(content, self.audience, drafts=drafts)
        # For `bulletins build`'s closing summary (generator/cli/report.py reads the record).
        log.debug("content selected", extra={"bulletins_left_out": left_out(content, self.content)})
        if config.repo_url or config.edit_uri or config.edit_uri_template:
            self.edit_paths = edit_paths(self.content, display, content_dir, settings.docs_dir)
        # Dates MkDocs writes (sitemap lastmod, gzip headers) follow the content, not the clock,
        # so the same content builds byte-identical sites (build_date.py).
        self.epoch = self.build_date.begin(content_epoch(self.content))
        self.specs = {
            s.src_uri: s
            for s in build_pages(
                self.content,
                licence=settings.licence,
                publisher=settings.publisher,
                audience=self.audience,
                drafts=tuple(r for r in content.reports if r.status == "draft"),
            )
        }
        config.extra["bulletins"] = footer_facts(
            self.content,
            licence=settings.licence,
            publisher=settings.publisher,
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
        if self.settings.options.search == "pagefind" and offline:
            log.warning(
                "离线版使用本站自带搜索：file:// 下浏览器不允许 Pagefind "
                "读取索引分块（offline builds use search: local）"
            )
        self.search = engine.choose(
            self.settings.options.search, offline=offline, content=self.content
        )
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
        return is_offline(config)

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
            self.shards = shard_count(
                len(self.documents), self.settings.options.pagefind_shard_pages
            )
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
        self._add_compilations(files, config)
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
        site_url = "" if self._offline(config) else self.settings.site_url
        downloads = opendata_files(
            self.content,
            title=config.site_name,
            description=config.site_description or "",
            licence=self.settings.licence,
            publisher=self.settings.publisher,
            homepage=site_url,
            link=link,
        )
        downloads["feed.xml"] = build_feed(
            self.content,
            title=config.site_name,
            site_url=site_url,
            subtitle=config.site_description or "",
            author=self.settings.publisher,
            link=link,
            epoch=self.epoch,
        )
        for path, data in downloads.items():
            if path in files.src_uris:
                files.remove(files.src_uris[path])
            files.append(File.generated(config, path, content=data))

    def _add_compilations(self, files: Files, config: MkDocsConfig) -> None:
        """Each year's compilation PDF beside its CSV, when the `compilation` option asks."""
        assert self.content is not None
        self.compilations = {}
        if not self.settings.options.compilation or self.is_serve:
            return
        from generator.compile import NoCJKFont, TypesetFailed, compile_years, masthead

        head = masthead(self.content, config.site_name, self.settings.publisher, self.audience)
        try:
            pdfs = compile_years(self.content, head, warn=log.warning)
        except (NoCJKFont, TypesetFailed) as exc:
            raise PluginError(str(exc)) from None
        for year, pdf in pdfs.items():
            path = sitemap.year_compilation_uri(year)
            if path in files.src_uris:
                files.remove(files.src_uris[path])
            files.append(File.generated(config, path, content=pdf))
            self.compilations[year] = path

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
            site_url=self.settings.site_url,
            site_name=config.site_name,
            compilation=self.compilations.get(spec.context.get("year", 0)),
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
        self.build_date.end()  # every page and the sitemap are written: the date is done
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
        server.watch(str(self.settings.content_dir.resolve()))
        # Under --dirty builds go to the served folder itself (no swap: `begin` is not called),
        # but a failed one still leaves the server answering, with the problems banner.
        compat_mkdocs.wrap_builder(server, lambda b: self.preview.wrap(b, server))
        compat_mkdocs.wrap_app(
            server,
            lambda app, mount: ProblemsApp(
                app, mount, self.preview.state, partial(compat_mkdocs.with_reload_script, server)
            ),
        )
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.build_date.end()
        # A failure that is not the content's (mkdocs.yml, a template): shown in the preview.
        self.preview.failed = str(error) or type(error).__name__

    def on_shutdown(self) -> None:
        self.build_date.end()
        self.preview.discard()
