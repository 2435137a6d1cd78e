"""The plugin's side of the incremental build: which generated pages MkDocs may skip.

At the end of `on_config` the plugin calls `begin` with what every page shares (the build
key: mkdocs.yml as read, the package and theme files, versions, audience, navigation,
footer). Where the cache (site/buildcache.py) was made under the same build key, each
generated page whose key — its spec, the content its template read last time
(site/digest.py), its search document, its edit link — is the one recorded gets a
`ReusedPage`: MkDocs neither renders its Markdown nor its theme template, and writes no file;
`place_pages` links the stored file into the new site. Search bundles whose pages are all
unchanged are linked the same way (`place_shards`). `commit` records the build.

Anything it cannot reason about — no cache or another build key, a plugin it does not know,
Material's own search (its index is built from every page's text) — gives a full build, and
`reason` says why, in Chinese, for the summary. The output is the same either way:
tests/test_incremental.py compares incremental builds with clean ones byte for byte.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.plugin.settings import Settings
from generator.plugin.statics import Statics
from generator.search.pagefind import assign_shards, bundles
from generator.site import buildcache
from generator.site.aggregate import indexed_parts
from generator.site.buildcache import BuildCache, Manifest, PageEntry
from generator.site.digest import Digester, Read, sorted_reads
from generator.site.opendata_rows import RowCache
from generator.site.pagekeys import spec_keys, spec_values
from generator.site.pages import PageSpec

log = logging.getLogger("mkdocs.plugins.bulletins")

REUSED_TEMPLATE = "bulletins/reused.html"
"""An empty template: a reused page's frame is not rendered (MkDocs writes no empty page)."""
KNOWN_PLUGINS = frozenset({"bulletins", "search", "material/search", "offline", "material/offline"})
"""Plugins whose work on a page is known not to depend on other pages' text."""
_VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "pagefind",
    "pagefind-bin-extended",
    "pyyaml",
)
VIEWS = "pagefind-views"
"""The cache folder of what Pagefind indexes, a folder per bundle (search/pagefind_views.py)."""
ROWS = "opendata-rows"
"""The cache file of open data's rows (`BuildCache.save`)."""
_PARTS = {
    "cache": "缓存格式",
    "code": "程序（bulletins）文件",
    "versions": "MkDocs、Material 等依赖的版本",
    "config": "mkdocs.yml",
    "theme": "主题文件",
    "build": "受众、搜索方式或预览设置",
    "nav": "导航",
    "footer": "页脚（最近更新日期、发布者、许可）",
}


@dataclass
class Stats:
    """What the summary says about the build (generator/cli/report.py reads it)."""

    rendered: int = 0
    reused: int = 0
    full: str | None = None
    """Why every page was rendered (None: an incremental build)."""
    shards_indexed: int = 0
    shards_reused: int = 0


class ReusedPage(Page):
    """A generated page the last build made from the same inputs: MkDocs skips its work."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.meta["template"] = REUSED_TEMPLATE


@dataclass
class _Page:
    key: str | None
    """None: not cacheable (a value with no stable form, or a warning while it was built)."""
    dest: str
    reads: set[Read] = field(default_factory=set)
    data: dict[str, Any] = field(default_factory=dict)
    stored: PageEntry | None = None
    """The cache's entry when this page is reused."""
    spec_key: str = ""


class Incremental:
    """One build's state; `begin` resets it (serve keeps the plugin between builds)."""

    def __init__(self) -> None:
        self.stats = Stats()
        self.cache: BuildCache | None = None
        self.manifest: Manifest | None = None
        self.build: dict[str, str] = {}
        self.pages: dict[str, _Page] = {}
        self.html: dict[str, str] = {}
        """Digest of every page's final HTML by its path in the site (for search bundles)."""
        self.digester = Digester()
        self.content: Any = None
        self.files_key = ""
        self.rows = RowCache()
        """Open data's figure rows as written, kept between builds (site/opendata_rows.py)."""
        self.verified: dict[str, str] = {}
        """Search bundles linked in from the cache: the digest of their stored files."""
        self.statics = Statics()
        """Downloads and other static files, linked in from the cache when their bytes are."""
        self.stored_manifest: Manifest | None = None
        """The last build's manifest whatever its build key: stored files named by their bytes
        are good under any."""
        self._handler: _Warnings | None = None

    # ---- deciding ---------------------------------------------------------------------------

    def begin(
        self,
        config: MkDocsConfig,
        settings: Settings,
        *,
        slot: str,
        content: Any,
        search: str,
        targets: list[str],
    ) -> None:
        """Start a build: `targets` are the source paths of every page and file a link may
        name (a narrative's link is rewritten by whether its target exists)."""
        self.close()
        self.__init__()  # type: ignore[misc]
        self.content = content
        self.files_key = self.digester.of(sorted(targets))
        self.build = self._build_parts(config, settings, search)
        self.stats.full = self._unsupported(config, search)
        if self.stats.full:
            return  # nothing of this build could be reused: no cache kept
        self.cache = BuildCache(settings.root, slot)
        manifest = self.cache.open()
        self.stored_manifest = manifest
        self._handler = _Warnings(config)
        logging.getLogger("mkdocs").addHandler(self._handler)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        if not self.cache.usable:
            self.stats.full = "缓存正被另一个生成使用"
        elif manifest is None:
            self.stats.full = "没有上次生成的缓存（首次生成、用过 --clean 或缓存已删除）"
        else:
            old = manifest.build_key
            changed = [_PARTS[k] for k in _PARTS if old.get(k) != self.build.get(k)]
            if changed:
                self.stats.full = "、".join(changed) + "有改动"
            else:
                self.manifest = manifest
        if self.cache.usable:
            # Rows are plain values and the text written from them: kept under the whole build
            # key (another version of the code or configuration starts afresh).
            self.rows = RowCache(self.cache.load(ROWS, self.digester.of(self.build)))

    def _unsupported(self, config: MkDocsConfig, search: str) -> str | None:
        if search == "lunr":
            return "搜索方式为 lunr（Material 的索引由每一页的正文合成，无法只重做改动的页面）"
        others = sorted(n for n in config.plugins if n not in KNOWN_PLUGINS)
        if others:
            return f"启用了增量生成不认识的插件：{'、'.join(others)}"
        return None

    def _build_parts(self, config: MkDocsConfig, settings: Settings, search: str) -> dict[str, str]:
        d = self.digester
        versions = {}
        for dist in _VERSIONED:
            try:
                versions[dist] = metadata.version(dist)
            except metadata.PackageNotFoundError:
                versions[dist] = ""
        package = Path(__file__).resolve().parent.parent
        return {
            "cache": str(buildcache.FORMAT),
            "code": _tree_stamp([package]),
            "versions": d.of(sys.version, versions),
            "config": d.of(dict(settings.written)),
            "theme": _tree_stamp([Path(x) for x in config.theme.dirs]),
            "build": d.of(
                search,
                dict(settings.options),
                settings.audience,
                settings.offline,
                config.site_url or "",
                config.use_directory_urls,
                sorted(config.plugins),
            ),
            "nav": d.of(config.nav),
            "footer": d.of(config.extra.get("bulletins")),
        }

    def attach(
        self,
        config: MkDocsConfig,
        pages: list[tuple[File, PageSpec, Any]],
        *,
        processes: int = 1,
    ) -> None:
        """Note each generated page `file` is made from `spec` and `extra` (its search
        document, edit link); give it a `ReusedPage` when the cache holds it as it would come
        out. The spec keys are computed at once, in `processes` (site/pagekeys.py)."""
        if self.cache is None:
            return
        keys = spec_keys(
            self.digester,
            [spec_values(spec, extra, self.files_key) for _, spec, extra in pages],
            processes=processes,
            shared=(
                (self.content.reports, indexed_parts(self.content))
                if self.content is not None
                else None
            ),
        )
        for (file, spec, _), spec_key in zip(pages, keys, strict=True):
            self._attach(config, file, spec, spec_key)

    def _attach(
        self, config: MkDocsConfig, file: File, spec: PageSpec, spec_key: str | None
    ) -> None:
        if spec_key is None:  # a value with no stable form
            self.pages[spec.src_uri] = _Page(None, file.dest_uri)
            return
        page = _Page("", file.dest_uri, spec_key=spec_key)
        self.pages[spec.src_uri] = page
        if self.manifest is None or self.cache is None:
            return
        stored = self.manifest.pages.get(spec.src_uri)
        if stored is None or stored.dest != file.dest_uri:
            return
        if self._key(spec_key, stored.reads) == stored.key and self.cache.blob(
            self.manifest, stored.key
        ):
            page.stored = stored
            page.key = stored.key
            page.reads = set(stored.reads)
            page.data = dict(stored.data)
            ReusedPage(None, file, config)

    def _key(self, spec_key: str, reads: Any) -> str:
        return self.digester.of(self.build, spec_key, self.digester.reads(self.content, reads))

    def is_reused(self, src_uri: str) -> bool:
        page = self.pages.get(src_uri)
        return page is not None and page.stored is not None

    def reads(self, src_uri: str) -> set[Read] | None:
        page = self.pages.get(src_uri)
        return page.reads if page is not None else None

    def note(self, src_uri: str, **data: Any) -> None:
        page = self.pages.get(src_uri)
        if page is not None:
            page.data.update(data)

    def data(self, src_uri: str) -> dict[str, Any]:
        page = self.pages.get(src_uri)
        return page.data if page is not None else {}

    def stored(self, name: str) -> dict[str, Any]:
        """`name` as noted for each reused page, by source path."""
        return {
            src: p.data[name]
            for src, p in self.pages.items()
            if p.stored is not None and name in p.data
        }

    def output(self, dest: str, html: str) -> None:
        """A page's final HTML (what search indexes), for the search bundles' keys."""
        self.html[dest] = hashlib.blake2b(html.encode("utf-8"), digest_size=16).hexdigest()

    def memo(self) -> BuildCache | None:
        """Where plain values made from this build's outputs are kept between builds."""
        return self.cache if self.cache is not None and self.cache.usable else None

    def index_views(self) -> tuple[Path | None, dict[str, str] | None]:
        """A folder kept between builds for what the search index is made of, and the digest of
        each page's part of it (search/pagefind_views.py); None, None without a cache."""
        cache = self.memo()
        return (cache.dir / VIEWS, self.html) if cache is not None else (None, None)

    def install_statics(self, files: Files, site_dir: str) -> None:
        """Static files are linked from the cache when their bytes are stored (statics.py)."""
        if self.cache is not None and self.cache.usable:
            self.statics.install(files, site_dir, self.cache, self.stored_manifest)

    # ---- placing ----------------------------------------------------------------------------

    def place_pages(self, site: Path) -> None:
        """Link the reused pages into the new site; count what was rendered and reused."""
        for page in self.pages.values():
            if page.stored is not None and self.cache and self.manifest:
                blob = self.cache.blob(self.manifest, page.stored.key)
                if blob is None:  # changed since `attach`: never publish what was not checked
                    raise RuntimeError(f"缓存中的页面在生成过程中被改动：{page.dest}")
                buildcache.link_new(blob, os.path.join(site, page.dest))
                self.html[page.dest] = page.data.get("html", "")
                self.stats.reused += 1
            else:
                self.stats.rendered += 1
        for page in self.pages.values():
            if page.stored is None and page.dest in self.html:
                page.data["html"] = self.html[page.dest]

    def place_shards(
        self, site: Path, indexed: list[str], shards: int
    ) -> tuple[dict[str, str], set[str]]:
        """Pagefind's bundles: the key of each (what its pages' final HTML is), and those
        linked from the cache because their pages are all as they were."""
        keys: dict[str, str] = {}
        done: set[str] = set()
        if shards == 0:
            return keys, done
        for i, (name, pages) in enumerate(
            zip(bundles(shards), assign_shards(indexed, shards), strict=True)
        ):
            if any(p not in self.html for p in pages):
                continue
            keys[name] = self.digester.of(
                self.build, "pagefind", i, shards, [(p, self.html[p]) for p in sorted(pages)]
            )
            if self.cache is not None and self.manifest is not None:
                digest = self.cache.place_shard(self.manifest, name, keys[name], site / name)
                if digest is not None:
                    self.verified[name] = digest
                    done.add(name)
        self.stats.shards_reused = len(done)
        self.stats.shards_indexed = shards - len(done)
        return keys, done

    # ---- recording --------------------------------------------------------------------------

    def commit(self, site: Path, shards: dict[str, str]) -> None:
        """Record this build in the cache (pages that warned are left out: they are rendered
        again, so their warnings are printed again)."""
        if self.cache is None:
            return
        warned = self._handler.pages if self._handler else set()
        entries: dict[str, PageEntry] = {}
        for src, page in self.pages.items():
            if page.key is None or src in warned or "html" not in page.data:
                continue
            reads = sorted_reads(page.reads)
            key = page.key if page.stored else self._key(page.spec_key, reads)
            entries[src] = PageEntry(key, page.dest, reads, page.data)
        self.cache.commit(
            self.build,
            site,
            entries,
            shards,
            self.manifest,
            statics=self.statics.stored,
            verified=self.verified,
            stored=self.stored_manifest,
        )
        if self.rows.written_now or len(self.rows.used) != len(self.rows.known):
            self.cache.save(ROWS, self.digester.of(self.build), self.rows.used)
        self.close()

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says "Page skipped … Generated empty output" of every reused page: not news."""
        msg = str(record.msg)
        if not msg.startswith("Page skipped: '"):
            return True
        return not self.is_reused(msg.removeprefix("Page skipped: '").partition("'")[0])

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self._handler is not None:
            logging.getLogger("mkdocs").removeHandler(self._handler)
            self._handler = None
        if self.cache is not None:
            self.cache.close()


class _Warnings(logging.Handler):
    """Which pages warned while they were built."""

    def __init__(self, config: MkDocsConfig) -> None:
        super().__init__(logging.WARNING)
        self.config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.pages.add(page.file.src_uri)


def _tree_stamp(folders: list[Path]) -> str:
    """Every file under `folders`: path, size, modification time (no reading)."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        h.update(f"{folder}\n".encode())
        for dirpath, dirnames, names in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(names):
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                h.update(f"{dirpath}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()
