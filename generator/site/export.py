"""`bulletins export DIR`: every generated page as plain Markdown with front matter.

The site's pages are the same specs the plugin lays over MkDocs, rendered by the
same templates; what each template puts around the Markdown body (a report's
narrative, a free page) is kept as HTML, and the body goes back in as Markdown,
so any engine that reads Markdown with inline HTML (MkDocs without this plugin,
Hugo, Zensical) builds the same site. Free pages and their images are copied as
they are; the downloads (`data/`, `feed.xml`) are written beside the pages. Links
between pages are relative, for directory URLs (`units/x.md` is served at
`units/x/`, the default of MkDocs and Hugo).

`layout="mkdocs"` (the default) puts the pages under `docs/` and the engine's
configuration beside them (`mkdocs.yml`, `overrides/`: see `export_engine`), so
`mkdocs build`, `properdocs build` or `zensical build` in the folder builds the
site. `layout="hugo"` writes the pages alone, section pages named `_index.md`, as
Hugo's content folder. The benchmark's engine comparison builds from this output.
This module must not import MkDocs.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.content.audience import select_audience
from generator.content.load.text import MAX_FILE_BYTES
from generator.content.model import Content, Report
from generator.content.problems import Problem
from generator.content.safe_files import create_new, read_regular
from generator.content.validate import load_content
from generator.site.export_engine import DOCS_DIR, engine_files, local_files
from generator.site.export_split import split_pages
from generator.site.feed import build_feed
from generator.site.footer import footer_facts
from generator.site.opendata_files import opendata_files
from generator.site.pages import PageSpec, build_pages, report_uri, sitemap
from generator.site.pages.sitemap import FEED_URI, GUIDE_URI
from generator.site.render import make_env, render_spec

LAYOUTS = ("mkdocs", "hugo")
MARK = "<!--bulletins-body-->"
"""Where a template puts the rendered body; the Markdown body goes back in its place."""
_OPEN_TAG_AT_END = re.compile(r"<(div|section|article)\b([^>]*)>\s*$")


def page_url(src_uri: str) -> str:
    """The site-relative URL of a source path with directory URLs (`a/b.md` → `a/b/`);
    other files keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    if src_uri == "index.md":
        return ""
    return src_uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"


def _parts(path: str) -> list[str]:
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """`url` as seen from the page at `other` (both site-relative), exactly as MkDocs'
    `get_relative_url` computes it (a test checks): the last part of `other` is dropped when
    it names a file, `..` climbs, and a trailing slash stays."""
    head, _, tail = other.rpartition("/")
    if "." in tail:
        other = head
    base, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def markdown_page(html: str, markdown: str) -> str:
    """The page's HTML with its Markdown body back in place of `MARK`.

    Blank lines go from the HTML (a blank line ends an HTML block in CommonMark);
    the element around the body gets `markdown="1"` (Python-Markdown's md_in_html).
    """
    head, sep, tail = html.partition(MARK)
    head = "\n".join(line for line in head.splitlines() if line.strip())
    tail = "\n".join(line for line in tail.splitlines() if line.strip())
    if not sep:
        return head + "\n"
    head = _OPEN_TAG_AT_END.sub(lambda m: f'<{m.group(1)}{m.group(2)} markdown="1">', head)
    return f"{head}\n\n{markdown.strip()}\n\n{tail}\n"


def front_matter(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


def target_path(src_uri: str, layout: str) -> str:
    """Where a page goes in the export: as is, or `index.md` → `_index.md` for Hugo."""
    if layout == "hugo":
        return re.sub(r"(^|/)index\.md$", r"\1_index.md", src_uri)
    return src_uri


@dataclass(frozen=True)
class SiteInfo:
    """What the templates and downloads need from mkdocs.yml."""

    name: str
    url: str = ""
    description: str = ""
    licence: str = "CC-BY-4.0"
    publisher: str = ""
    theme_dirs: Sequence[Path] = ()
    """The site's own template folders (its `custom_dir`), before the package theme."""
    config: Mapping[str, Any] = field(default_factory=dict)
    """The site's mkdocs.yml as read: the engine configuration is made from it."""
    docs_dir: Path | None = None
    """The site's docs folder, where its own `extra_css` and `extra_javascript` live."""
    headlines: Mapping[str, Sequence[str]] | None = None
    """The headline kinds (the plugin's `headlines`); None: the defaults."""


@dataclass
class Exported:
    """What an export wrote, or the problems that stopped it."""

    files: list[str] = field(default_factory=list)
    """Paths written under the output folder, sorted."""
    problems: list[Problem] = field(default_factory=list)
    """Every problem found in the content (warnings do not stop an export; errors do)."""

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def render_pages(content: Content, site: SiteInfo, audience: str) -> dict[str, str]:
    """Every generated page (source path → Markdown with front matter), sorted by path."""
    return _render(_specs(content, site, audience), site, audience)


def _specs(content: Content, site: SiteInfo, audience: str) -> list[PageSpec]:
    return build_pages(
        content,
        licence=site.licence,
        publisher=site.publisher,
        audience=audience,
        headlines=site.headlines,
    )


def _render(specs: list[PageSpec], site: SiteInfo, audience: str) -> dict[str, str]:
    env = make_env(list(site.theme_dirs))
    out: dict[str, str] = {}
    for spec in specs:
        out[spec.src_uri] = _page(env, spec, site, audience)
    return out


def _page(env: object, spec: PageSpec, site: SiteInfo, audience: str) -> str:
    here = page_url(spec.src_uri)

    def url_for(src_uri: str) -> str:
        return relative_url(page_url(src_uri), here) or "./"

    html = render_spec(
        env,  # type: ignore[arg-type]
        spec,
        url_for,
        MARK,
        audience=audience,
        site_url=site.url,
        site_name=site.name,
    )
    meta = {"title": spec.title, **spec.meta}
    return front_matter(meta) + markdown_page(html, spec.markdown)


def downloads(content: Content, site: SiteInfo) -> dict[str, bytes]:
    """The open data and the feed, linking reports at their directory URLs."""

    def link(r: Report) -> str:
        return page_url(report_uri(r))

    files = opendata_files(
        content,
        title=site.name,
        description=site.description,
        licence=site.licence,
        publisher=site.publisher,
        homepage=site.url,
        link=link,
    )
    files[FEED_URI] = build_feed(
        content,
        title=site.name,
        site_url=site.url,
        subtitle=site.description,
        author=site.publisher,
        link=link,
    )
    return files


def _engine(content: Content, specs: list[PageSpec], site: SiteInfo) -> dict[str, bytes]:
    titles = {spec.src_uri: spec.title for spec in specs}
    nav = sitemap.nav(titles, [(fp.id, fp.title) for fp in content.pages])
    footer = footer_facts(
        content, licence=site.licence, publisher=site.publisher, guide=GUIDE_URI in titles
    )
    return engine_files(site.config, nav, footer, site.docs_dir)


EXPORT_MARKER = ".bulletins-export"
"""Written at the top of every export; `bulletins export` replaces only folders holding it."""


def export_site(
    content_dir: Path,
    out: Path,
    site: SiteInfo,
    *,
    audience: str = "public",
    drafts: bool = False,
    layout: str = "mkdocs",
    display_root: str = "content",
) -> Exported:
    """Load, check and select the content, then write the whole site under `out` (emptied
    first). Nothing is written when the content has errors."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r}: expected one of {LAYOUTS}")
    loaded, problems = load_content(
        content_dir,
        audience,
        display_root=display_root,
        site_files=frozenset(local_files(site.config)),
    )
    result = Exported(problems=problems)
    if result.failed:
        return result
    content = select_audience(loaded, audience, drafts=drafts)
    if out.exists():
        shutil.rmtree(out)
    specs = _specs(content, site, audience)
    pages = split_pages(_render(specs, site, audience), page_url, relative_url, front_matter)
    written: dict[str, bytes] = {
        target_path(uri, layout): text.encode("utf-8") for uri, text in pages.items()
    }
    written.update(downloads(content, site))
    pages_dir = content_dir / "pages"
    for page in content.pages:
        source = pages_dir / f"{page.id}.md"
        written[target_path(f"{page.id}.md", layout)] = read_regular(source, MAX_FILE_BYTES)
    for asset in content.assets:
        written[asset] = read_regular(pages_dir / asset, MAX_FILE_BYTES)
    if layout == "mkdocs":  # the pages under docs/, the engine's configuration beside them
        written = {f"{DOCS_DIR}/{rel}": data for rel, data in written.items()}
        written.update(_engine(content, specs, site))
    # Lets the next export recognise the folder as its own (the output guard's marker).
    written[EXPORT_MARKER] = "bulletins export：本目录由导出生成，下次导出会整个替换它。\n".encode()
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in written.items():  # never through a link, never over a file
        create_new(out, rel, data)
    result.files = sorted(written)
    return result
