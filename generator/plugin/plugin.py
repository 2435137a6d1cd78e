"""The `bulletins` MkDocs plugin: event wiring over the pipeline.

on_config: the settings (plugin/settings.py), the audience's content (plugin/selected.py),
page specs, the theme's folders (plugin/theme.py), the search engine (plugin/engines.py) and
the navigation. on_files: the pages folder pruned, one generated file per spec, the
downloads (plugin/files.py). on_page_content: the rendered Markdown in the spec's template.
Each search hook is the engine's.
"""

from __future__ import annotations

import gc
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.compat import material as search_material
from generator.compat import mkdocs as compat_mkdocs
from generator.compat import version_warnings
from generator.content.markdown_bounds import LinearLinks
from generator.content.model import Content
from generator.content.sanitize import clean_html
from generator.plugin import files as site_files
from generator.plugin import neighbours, pages, theme, workers
from generator.plugin.build_date import BuildDate
from generator.plugin.engines import EngineError, SearchEngine, engine_for
from generator.plugin.frame import Frame
from generator.plugin.incremental import Incremental
from generator.plugin.preview import ServePreview
from generator.plugin.preview_page import ReportPage
from generator.plugin.selected import ContentErrors, selected_content
from generator.plugin.serve_problems import ProblemsApp
from generator.plugin.settings import (
    BulletinsConfig,
    Settings,
    SettingsError,
    defaults,
    serve_overrides,
    settings_from,
)
from generator.site import buildcache, notfound
from generator.site.dates import content_epoch
from generator.site.feed import announce_feed, feed_link
from generator.site.footer import footer_facts
from generator.site.pages import PageSpec, build_pages, report_uri, sitemap
from generator.site.pages.sitemap import FEED_URI
from generator.site.render import bytecode_cache, make_env
from generator.site.sources import edit_paths

log = logging.getLogger("mkdocs.plugins.bulletins")


class BulletinsPlugin(BasePlugin[BulletinsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.dirty = False
        self.given: Settings | None = None
        """Set by `bulletins build` (`use`): the settings it read, for its config."""
        self.settings: Settings = defaults()
        self.content: Content | None = None
        self.specs: dict[str, PageSpec] = {}
        self.engine: SearchEngine | None = None
        self.env: Any = None
        self.preview = ServePreview()
        self.frame = Frame()
        self.incremental = Incremental()
        self.urls: dict[str, str] = {}
        self.compilations: dict[int, str] = {}
        """Year → its compilation PDF in the site, when built with `compilation: true`."""
        self.edit_paths: dict[str, str] = {}
        """Generated page → its content file relative to docs_dir, when the site has edit links."""
        self.build_date = BuildDate()
        self.epoch = 0
        """The build's date (seconds since 1970): the newest report's, or SOURCE_DATE_EPOCH."""
        self.workers = workers.Workers()
        self.split: str | None = "serve"
        """Why pages cannot be split between processes (workers.py); None: they can."""
        self.deferred: dict[str, tuple[str, Files]] = {}
        """Generated pages' rendered Markdown, put in their templates as each is built."""
        self.files: Files | None = None
        self.nav: Any = None
        self.site_name = ""

    def use(self, settings: Settings) -> None:
        """`bulletins build`: the settings it read (audience from the command line included)."""
        self.given = settings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.dirty = dirty
        for line in version_warnings():  # once per build or serve session
            log.warning(line)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        gc.unfreeze()  # what an earlier build (serve) left out of the collector's walks: back in
        neighbours.refuse_incompatible(list(config.plugins), config.plugins)
        settings = self.given
        try:
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
                config.site_dir, self.content, content_dir, report_uri, pages.markdown_maker(config)
            )
        display = os.path.relpath(content_dir, Path.cwd()).replace(os.sep, "/")
        try:
            content, self.preview.found, drafts = selected_content(
                settings, display=display, serve=self.is_serve
            )
        except ContentErrors as exc:
            self.preview.found = exc.problems  # serve: the banner and the problems page
            raise PluginError(str(exc)) from None
        self.content = content
        gc.freeze()  # kept until the build ends: see the end of on_config
        self.edit_paths = {}
        if config.repo_url or config.edit_uri or config.edit_uri_template:
            self.edit_paths = edit_paths(content, display, content_dir, settings.docs_dir)
        # Dates MkDocs writes (sitemap lastmod, gzip headers) follow the content, not the clock,
        # so the same content builds byte-identical sites (build_date.py).
        self.epoch = self.build_date.begin(content_epoch(content))
        specs = build_pages(
            content,
            licence=settings.licence,
            publisher=settings.publisher,
            audience=settings.audience,
            headlines=settings.headlines,
            drafts=drafts,
        )
        gc.freeze()
        self.specs = {s.src_uri: s for s in specs}
        config.extra["bulletins"] = footer_facts(
            content,
            licence=settings.licence,
            publisher=settings.publisher,
            guide=sitemap.GUIDE_URI in self.specs,
        )
        self.engine = engine_for(
            settings.options.search,
            offline=settings.offline,
            content=content,
            shard_pages=settings.options.pagefind_shard_pages,
        )
        self.specs.update((s.src_uri, s) for s in self.engine.pages())
        theme.order_dirs(config.theme, own_search_page=self.engine.own_page)
        theme.add_assets(config, offline=settings.offline)
        self.env = make_env(
            [Path(config.theme.custom_dir)] if config.theme.custom_dir else [],
            cache_dir=buildcache.folder(settings.root, "templates"),
        )
        neighbours.navigation(config, self.specs, content.pages, log)
        kind = [settings.audience, "offline" if settings.offline else "", self.is_serve * "serve"]
        self.site_name = config.site_name
        self.split = workers.usable(config, self.engine.name, serve=self.is_serve)
        self.incremental.begin(
            config,
            settings,
            slot="-".join(k for k in kind if k),
            content=content,
            search=self.engine.name,
            targets=[*self.specs, *(f"{p.id}.md" for p in content.pages), *content.assets],
        )
        # The content, its specs and the configuration live until the build ends: left out of
        # the cycle collector's walks (each walk visits every object of its generations: at
        # 1,000 reports the edit build spent ~1.4 s in four full walks) until the next build or
        # `on_shutdown`. Frozen as soon as each is made (load and specs run with the collector
        # paused, gc_pause.py), so that no walk promotes them first.
        gc.freeze()
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Material's search does work on_post_build redoes or the index should not hold (see
        # compat/material.py): about a third of a large build, for the same index.
        for plugin in config.plugins.values():
            search_material.lighten(plugin)

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.content is not None and self.engine is not None
        site_files.keep_published(files, self.content, config.docs_dir, self.settings.site_files)
        self.specs.update((s.src_uri, s) for s in self.engine.files(self.specs))
        site_files.add_pages(files, config, self.specs, self.edit_paths)
        site_files.add_downloads(
            files, config, self.content, self.settings, self.epoch, self.incremental.rows
        )
        self.compilations = {}
        if self.settings.options.compilation and not self.is_serve:
            self.compilations = site_files.add_compilations(
                files, config, self.content, self.settings
            )
        generated = []  # pages rendered last time from the same inputs are reused
        for spec in self.specs.values():
            file = files.src_uris[spec.src_uri]
            year = spec.context.get("year", 0)
            inputs = (self.engine.page_inputs(spec.src_uri), self.compilations.get(year))
            generated.append((file, spec, (*inputs, file.edit_uri)))
        n = workers.count(self.settings.options.workers) if self.split is None else 1
        self.incremental.attach(config, generated, processes=n)
        self.preview.dest = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
        if self.is_serve:  # an edited report's page made again before the next rebuild ends
            self.preview.ready = ReportPage(
                env=self.env,
                specs=self.specs,
                urls={f.src_uri: f.url for f in files},
                engine=self.engine,
                content=self.content,
                audience=self.settings.audience,
                drafts=self.settings.options.drafts is not False,
                render_extra={
                    "audience": self.settings.audience,
                    "site_url": self.settings.site_url,
                    "site_name": config.site_name,
                    "compilation": None,
                },
                to_html=pages.markdown_maker(config),
            )
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        gc.freeze()  # the files, the downloads and the pages' keys, as on_config's
        return files

    @event_priority(-100)
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.files, self.nav, self.deferred = files, nav, {}
        return nav

    @event_priority(-100)  # the last to see the environment: every plugin's state is set
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Material's templates compiled once, kept with the build cache (site/render.py).
        env.bytecode_cache = bytecode_cache(env, buildcache.folder(self.settings.root, "templates"))
        # Material's frame rendered once per key and reused on other pages (frame.py).
        self.frame = Frame()
        env = self.frame.install(env, theme.material_dir())
        # Static files whose bytes the cache holds are linked in, not written (statics.py).
        self.incremental.install_statics(files, config.site_dir)
        n = workers.count(self.settings.options.workers)
        if self.split is None and n > 1:  # every page read: its template is yet to render
            record = partial(workers.record, engine=self.engine, incremental=self.incremental)
            self.workers.start(n, config, files, self.nav, env, list(self.deferred), record)
            for src in self.workers.elsewhere:  # written by a child
                self.deferred.pop(src, None)
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        assert self.engine is not None
        if self.engine.own_page:
            # Material's index stays empty (its search box is replaced); ours indexes the pages.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self.incremental.is_reused(page.file.src_uri):
            return ""
        spec = self.specs.get(page.file.src_uri)
        pages.inert_toc(page)
        if spec is None or spec.template == "report.html":
            # Narratives and free pages are editors' HTML: only what the allowlist names is kept.
            html = clean_html(html)
        self.engine.page_content(html, page.file.src_uri, spec)
        if spec is None:
            pages.escape_title(page)
            return html
        if self.split in (None, "platform"):
            # Rendered as the page is written (`on_page_context`), its HTML dropped once it is:
            # the whole site's HTML is never held at once.
            self.deferred[page.file.src_uri] = (html, files)
            return html
        return self._generated(page, spec, html, files)

    def _generated(self, page: Page, spec: PageSpec, html: str, files: Files) -> str:
        return pages.render_generated(
            self.env,
            spec,
            html,
            page,
            files,
            self.settings,
            self.site_name,
            compilation=self.compilations.get(spec.context.get("year", 0)),
            reads=self.incremental.reads(page.file.src_uri),
        )

    @event_priority(100)  # before any plugin reads page.content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        deferred = self.deferred.pop(page.file.src_uri, None)
        if deferred is not None and not self.workers.skips(page.file.src_uri):
            page.content = self._generated(page, self.specs[page.file.src_uri], *deferred)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        assert self.engine is not None
        src, dest = page.file.src_uri, page.file.dest_uri
        if self.incremental.is_reused(src):  # its stored file is linked in on_post_build
            self.engine.restore(src, dest, self.incremental.data(src))
            output = ""
        elif not self.workers.skips(src):  # else written by another process (workers.py)
            # In the plugin, not main.html: a site's own main.html would drop it.
            href = pages.relative_url(FEED_URI, page.url) or FEED_URI
            output = announce_feed(output, feed_link(config.site_name, href))
            output = self.engine.post_page(output, src, dest)
            self.incremental.output(dest, self.engine.index_input(output))
            self.incremental.note(src, **self.engine.kept(src))
        if self.split in (None, "platform"):
            # Written now: its HTML is not read again (its Markdown is: titles come from it).
            page.content = ""
        if src == self.workers.last and self.files is not None:
            merge = partial(workers.merge, engine=self.engine, incremental=self.incremental)
            self.workers.join(self.files, config, merge)
            gc.freeze()  # again: the join thawed what the fork froze, ours included
        return output

    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # After Material's search plugin wrote the index (priority 0), before its offline
        # plugin inlines it into search_index.js (-100): finer Chinese tokens, see lunr.py.
        self.build_date.end()  # every page and the sitemap are written: the date is done
        assert self.engine is not None
        for plugin in config.plugins.values():
            search_material.drop_entries(plugin)
        site = Path(config.site_dir)
        self.incremental.place_pages(site)
        keys, self.engine.done = self.incremental.place_shards(site, *self.engine.index_shards())
        self.engine.keys, self.engine.memo = keys, self.incremental.memo()
        self.engine.views, self.engine.digests = self.incremental.index_views()
        try:
            self.engine.post_build(site, self.specs, self.urls.get)
        except EngineError as exc:
            raise PluginError(str(exc)) from None
        self.incremental.commit(site, keys)
        log.debug("incremental", extra={"bulletins_incremental": self.incremental.stats})

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
        gc.unfreeze()
        self.workers.abort()
        self.build_date.end()
        self.incremental.close()
        # A failure that is not the content's (mkdocs.yml, a template): shown in the preview.
        self.preview.failed = str(error) or type(error).__name__

    def on_shutdown(self) -> None:
        gc.unfreeze()
        self.workers.abort()
        self.build_date.end()
        self.incremental.close()
        self.preview.discard()
