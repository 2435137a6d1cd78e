"""The site's files as MkDocs sees them: what the content folder may publish, each page spec
as a generated Markdown file, and the downloads (open data, Atom feed)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.content.model import Content, Report
from generator.content.sanitize import inert_text
from generator.plugin.settings import Settings
from generator.site import frontmatter
from generator.site.feed import build_feed
from generator.site.opendata_files import opendata_files
from generator.site.opendata_rows import RowCache
from generator.site.pages import PageSpec, report_uri, sitemap

log = logging.getLogger("mkdocs.plugins.bulletins")


def keep_published(files: Files, content: Content, docs_dir: str, site_files: frozenset[str]):
    """Drop what this audience may not see from the pages folder: free pages not shown to it,
    anything shadowing a generated page, and every file the loader did not read."""
    visible = {f"{p.id}.md" for p in content.pages}
    docs = os.path.abspath(docs_dir) + os.sep
    for f in list(files):
        stem = f.src_uri.split("/", 1)[0].removesuffix(".md")
        if f.src_uri.endswith(".md") and (f.src_uri not in visible or stem in sitemap.RESERVED):
            files.remove(f)
        elif (
            f.abs_src_path
            and os.path.abspath(f.abs_src_path).startswith(docs)
            and f.src_uri not in visible
            and f.src_uri not in content.assets
            and f.src_uri not in site_files
        ):
            # Only what the loader read is published: no other Markdown extension, backup,
            # HTML, or attachment that no page of this audience links.
            files.remove(f)


def page_text(spec: PageSpec) -> str:
    """A spec as the Markdown file MkDocs renders: front matter, then its body."""
    # Material prints page titles unescaped (<title>, nav, h1, search): escape here, once.
    meta = {"title": str(escape(inert_text(spec.title))), **spec.meta}
    front = frontmatter.dump(meta)  # yaml.safe_dump's text (sort_keys, allow_unicode)
    return "---\n" + front + "---\n\n" + spec.markdown


def _put(files: Files, generated: File) -> None:
    if generated.src_uri in files.src_uris:
        files.remove(files.src_uris[generated.src_uri])
    files.append(generated)


def add_pages(
    files: Files,
    config: MkDocsConfig,
    specs: Mapping[str, PageSpec],
    edit_paths: Mapping[str, str],
) -> None:
    """One generated file per spec, in place of any file of the same path."""
    for spec in specs.values():
        generated = File.generated(config, spec.src_uri, content=page_text(spec))
        # "Edit this page" opens the content file the page is made from (None: no button).
        generated.edit_uri = edit_paths.get(spec.src_uri)
        _put(files, generated)


def add_downloads(
    files: Files,
    config: MkDocsConfig,
    content: Content,
    settings: Settings,
    epoch: int,
    rows: RowCache | None = None,
) -> None:
    """Open data under data/ and the Atom feed, from the same selected content as the pages;
    figures' rows taken from `rows` where they are there as written (opendata_rows.py)."""

    def link(r: Report) -> str:
        f = files.get_file_from_path(report_uri(r))
        return f.url if f is not None else r.url

    # An offline copy links within itself: no address on a server it may never reach.
    site_url = "" if settings.offline else settings.site_url
    downloads = opendata_files(
        content,
        title=config.site_name,
        description=config.site_description or "",
        licence=settings.licence,
        publisher=settings.publisher,
        homepage=site_url,
        link=link,
        rows=rows,
    )
    downloads["feed.xml"] = build_feed(
        content,
        title=config.site_name,
        site_url=site_url,
        subtitle=config.site_description or "",
        author=settings.publisher,
        link=link,
        epoch=epoch,
    )
    for path, data in downloads.items():
        _put(files, File.generated(config, path, content=data))


def add_compilations(
    files: Files, config: MkDocsConfig, content: Content, settings: Settings
) -> dict[int, str]:
    """Each year's compilation PDF beside its CSV (the `compilation` option); year → path."""
    from generator.compile import NoCJKFont, TypesetFailed, compile_years, masthead

    head = masthead(content, config.site_name, settings.publisher, settings.audience)
    try:
        pdfs = compile_years(content, head, warn=log.warning)
    except (NoCJKFont, TypesetFailed) as exc:
        raise PluginError(str(exc)) from None
    written = {}
    for year, pdf in pdfs.items():
        path = sitemap.year_compilation_uri(year)
        _put(files, File.generated(config, path, content=pdf))
        written[year] = path
    return written
