"""Preview at scale: whole rebuilds swapped in when done, an edited narrative shown at once.

`bulletins serve` rebuilds the whole site on every edit, because one figure can
change totals on many pages; at a thousand reports that takes tens of seconds.
Three things keep the preview immediate and never broken:

- Each build writes to a sibling folder, swapped into the served folder when it
  is complete (`swap_in`): the preview never serves a half-built or emptied site,
  and a build that fails (bad content) leaves the last good one in place.
- A rebuild that fails (bad content) keeps the last good site served, with a banner
  naming the problems and a problems page (`serve_problems.py`). While a rebuild runs,
  requests get the last good site at once (it stays whole until the swap); no request
  waits for a rebuild, none hangs on a failed one.
- An edited report's served page shows the edit at the start of the rebuild
  (`patch_narratives`), well before the rebuild ends and swaps in the complete site:
  a new narrative is spliced in; an edited front matter (figures, title …) has the
  page's content made again from the edited file (plugin/preview_page.py). An edit
  with problems, and every other file's edit, waits for the rebuild.

This module must not import MkDocs; the plugin calls it in `serve` only. What it
does to MkDocs' server goes through `generator.compat.mkdocs`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.compat import mkdocs as compat_mkdocs
from generator.compat.linux import exchange
from generator.content.load.text import read_text
from generator.content.load.tree import RawDoc
from generator.content.load.yaml import YamlDoc, parse_yaml, split_front_matter
from generator.content.model import Content, Report
from generator.content.problems import Problem
from generator.content.validate.reports import validate_reports
from generator.plugin.serve_problems import PROBLEMS_PATH

log = logging.getLogger("mkdocs.plugins.bulletins")

# The narrative's place in a report page (theme/bulletins/report.html).
_NARRATIVE = re.compile(
    r'(<div class="bl-narrative">\s*)(.*?)(\s*</div>\s*<nav class="bl-prevnext">)', re.DOTALL
)


def new_build_dir(served: Path) -> Path:
    """An empty folder beside the served one, for the next build."""
    return Path(tempfile.mkdtemp(prefix=f".{served.name}.next-", dir=served.parent))


def _remove(old: Path) -> None:
    shutil.rmtree(old, ignore_errors=True)


def swap_in(new: Path, served: Path, discard: Callable[[Path], None] = _remove) -> None:
    """Put the finished build `new` in place of `served`, then drop the old site.

    One atomic exchange where Linux allows it (readers never see a missing site,
    and a crash leaves either site whole); otherwise two renames. A `served` that
    is a symbolic link keeps pointing where it pointed: the folder it names is
    replaced. A build on another filesystem is copied beside the target first.
    `discard` removes the old site (the CLI's moves it away and deletes it in the background).
    """
    target = Path(os.path.realpath(served)) if served.is_symlink() else served
    if target.exists() and _device(new) != _device(target.parent):
        near = Path(tempfile.mkdtemp(prefix=f".{target.name}.copy-", dir=target.parent))
        try:
            shutil.copytree(new, near, dirs_exist_ok=True)
        except BaseException:
            shutil.rmtree(near, ignore_errors=True)
            raise
        shutil.rmtree(new, ignore_errors=True)
        new = near
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(new, target)
        return
    if exchange(new, target):
        discard(new)  # `new` now names the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(new, target)
    discard(old)


def _device(path: Path) -> int:
    return os.stat(path).st_dev


def changed_reports(content_dir: Path, since_ns: int) -> list[Path]:
    """Report files modified after `since_ns` (a `time.time_ns()` value)."""
    out: list[Path] = []
    reports = content_dir / "reports"
    if not reports.is_dir():
        return out
    for year in os.scandir(reports):
        if not year.is_dir():
            continue
        for f in os.scandir(year.path):
            if f.name.endswith(".md") and f.stat().st_mtime_ns > since_ns:
                out.append(Path(f.path))
    return sorted(out)


def _reload(path: Path, shown: str, content: Content) -> Report | None:
    """The report in `path` (shown as `shown`) validated against the previous build's records,
    or None on any problem."""
    text, problems = read_text(path, shown)
    if text is None or problems:
        return None
    front, offset, body, body_line, problems = split_front_matter(text, shown)
    if problems:
        return None
    doc = YamlDoc(path=shown, data={})
    if front is not None:
        parsed, problems = parse_yaml(front, shown, line_offset=offset)
        if parsed is None or problems:
            return None
        doc = parsed
        doc.data = doc.data or {}
    raw = RawDoc(
        id=path.stem, path=shown, doc=doc, body=body, body_line=body_line, folder=path.parent.name
    )
    found: list[Problem] = []
    reports = validate_reports(
        [raw], dict(content.pairings), set(content.pairings), dict(content.indicators), found
    )
    if found or len(reports) != 1:
        return None
    return reports[0]


PageFor = Callable[[Report, Report, str], "str | None"]
"""`(old, new, served page) → the page showing new`, "" to take the page away, None to wait
for the rebuild (plugin/preview_page.py)."""


def patch_narratives(
    paths: list[Path],
    content: Content,
    served: Path,
    dest_of: Callable[[Report], str | None],
    to_html: Callable[[str], str],
    page_for: PageFor | None = None,
) -> list[str]:
    """Give each edited report's served page its edit: a new narrative spliced in when the
    front matter is unchanged, else the page made again by `page_for` (figures, title …).

    `dest_of(report)` is the page's file relative to `served`; `to_html` renders
    Markdown as the site does. Returns the pages patched; anything else is left
    to the full rebuild.
    """
    previous = {(r.year, r.pairing): r for r in content.reports}
    patched: list[str] = []
    for path in paths:
        if not path.parent.name.isdigit():
            continue
        old = previous.get((int(path.parent.name), path.stem))
        new = _reload(path, old.source.path, content) if old is not None else None
        if new is None or old is None or new == old:
            continue
        dest = dest_of(old)
        if dest is None or not (served / dest).is_file():
            continue
        page = served / dest
        html = page.read_text(encoding="utf-8")
        if replace(new, body="") == replace(old, body=""):
            fresh = to_html(new.body)

            def splice(m: re.Match[str], fresh: str = fresh) -> str:
                return m.group(1) + fresh + m.group(3)

            patched_html, n = _NARRATIVE.subn(splice, html, count=1)
            if n != 1:
                continue
        elif page_for is None:
            continue  # figures, title, dates…: wait for the rebuild
        else:
            made = page_for(old, new, html)
            if made is None:
                continue
            if not made:  # not for this preview's eyes (internal, a hidden draft)
                page.unlink()
                patched.append(dest)
                continue
            patched_html = made
        tmp = page.with_name(page.name + ".tmp")
        tmp.write_text(patched_html, encoding="utf-8")
        os.replace(tmp, page)
        patched.append(dest)
    return patched


class ServePreview:
    """One `serve` session across its rebuilds: where to build, what to swap in."""

    def __init__(self) -> None:
        self.served: Path | None = None
        """The folder the preview serves."""
        self.next: Path | None = None
        """The folder the running rebuild writes to."""
        self.started_ns = 0
        self.dest: dict[str, str] = {}
        """Page source path → its file in the site, from the last build."""
        self.server: Any = None
        """MkDocs' live-reload server, once `wrap` has seen it."""
        self.shown_early = False
        self.page_for: PageFor | None = None
        """Makes an edited report's page again (plugin/preview_page.py), from the last build that
        was swapped in; `ready` holds the running build's until it is."""
        self.ready: PageFor | None = None
        self.shown: tuple[tuple[Problem, ...], str | None] = ((), None)
        """The last finished build's content problems (errors and warnings), and why it failed
        when its content had none (mkdocs.yml, a template): what the preview shows."""
        self.found: tuple[Problem, ...] | None = None
        self.failed: str | None = None
        """The running build's problems (from the plugin's validation) and failure, if any."""

    def state(self) -> tuple[tuple[Problem, ...], str | None]:
        """The last build's problems and failure, read by the server for each request."""
        return self.shown

    def begin(
        self,
        site_dir: str,
        content: Content | None,
        content_dir: Path,
        page_of: Callable[[Report], str],
        to_html: Callable[[], Callable[[str], str]],
    ) -> str:
        """At the start of a build: patch edited narratives; return the folder to build into.

        The first build goes straight to the served folder; each rebuild to a new
        sibling folder, swapped in by `finish`. `page_of(report)` is the report's
        page source path, `to_html()` makes a Markdown renderer.
        """
        since, self.started_ns = self.started_ns, time.time_ns()
        if self.ready is not None:  # the first build, which `serve` runs before `wrap`
            self.page_for, self.ready = self.ready, None
        if self.served is None:
            self.served = Path(site_dir)
            return site_dir
        if content is not None:
            changed = changed_reports(content_dir, since)
            if changed and patch_narratives(
                changed,
                content,
                self.served,
                lambda r: self.dest.get(page_of(r)),
                to_html(),
                self.page_for,
            ):
                self.shown_early = compat_mkdocs.release(self.server)
        self.next = new_build_dir(self.served)
        # The served folder stays whole until the swap: serve it meanwhile rather than hold
        # every request for the length of the rebuild.
        if compat_mkdocs.release(self.server):
            self.shown_early = True
        return str(self.next)

    def finish(self) -> None:
        if self.next is not None and self.served is not None and self.next.is_dir():
            swap_in(self.next, self.served)
        self.next = None
        self.page_for, self.ready = self.ready or self.page_for, None

    def discard(self) -> None:
        if self.next is not None:
            shutil.rmtree(self.next, ignore_errors=True)
        self.next = None
        self.ready = None

    def wrap(self, builder: Callable[..., None], server: Any = None) -> Callable[..., None]:
        """`builder`, then swap its output in; a failed build leaves the last good site."""
        self.server = server

        def build_then_swap(*args: object, **kwargs: object) -> None:
            self.shown_early = False
            self.found, self.failed = None, None
            try:
                builder(*args, **kwargs)
            except Exception as exc:
                # Keep serving the last good site, and say why in every page (serve_problems):
                # returning lets the server show it and reload the browsers, never hang.
                self.discard()
                problems: tuple[Problem, ...] = self.found or ()
                errors = sum(p.severity == "error" for p in problems)
                failure = None if errors else self.failed or str(exc) or type(exc).__name__
                self.shown = (problems, failure)
                if not errors:
                    log.exception("预览：生成网站时出错，仍显示上次成功生成的网站")
                else:
                    log.error(
                        "预览：内容有 %d 个错误，仍显示上次成功生成的网站；问题列表：%s%s",
                        errors,
                        getattr(self.server, "url", "/"),
                        PROBLEMS_PATH,
                    )
                compat_mkdocs.announce_again(self.server)  # the browsers reload: the banner
                return
            except BaseException:
                self.discard()
                raise
            self.finish()
            self.shown = (self.found or (), None)
            if self.shown_early:
                compat_mkdocs.announce_again(self.server)

        return build_then_swap
