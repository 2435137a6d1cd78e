"""`serve` (plugin/preview_page.py): an edited figure or title shows on the report's served page
at the start of the rebuild, and the page is the one the rebuild then writes; a report made
internal leaves a public preview at once; an edit with problems waits for the rebuild.

Driven as `serve` drives the plugin: one MkDocs config, the plugin told it serves, each build
swapped in by the preview (`finish`)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from sites import SMALL, write_site

from generator.compat.mkdocs import forget_plugins
from generator.plugin import pages
from generator.site.pages import report_uri

pytestmark = pytest.mark.slow

PAGE = "reports/2015/hosp-a/index.html"


def _article(html: str) -> str:
    found = re.search(r"<article.*?</article>", html, re.DOTALL)
    assert found, html[:300]
    return found.group(0)


class Serve:
    """The plugin as `serve` runs it, over a site written by `write_site`."""

    def __init__(self, root: Path, search: str | None = None, audience: str = "public") -> None:
        self.cfg = write_site(root, SMALL, audience=audience, search=search)
        forget_plugins(MkDocsConfig)  # a plugin of its own, as a `serve` process has
        self.config = load_config(str(self.cfg), site_dir=str(root / "served"))
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = self.config.plugins["bulletins"]
        self.served = root / "served"
        self.report = root / "content/reports/2015/hosp-a.md"
        build(self.config)  # `serve`'s first build, before its builder is wrapped

    def begin(self) -> str:
        """A rebuild's start: what the preview shows before the rebuild runs; the build folder."""
        preview = self.plugin.preview
        return preview.begin(
            str(self.served),
            self.plugin.content,
            Path(self.plugin.settings.content_dir).resolve(),
            report_uri,
            pages.markdown_maker(self.config),
        )

    def edit(self, change: Callable[[str], str]) -> None:
        time.sleep(0.01)  # a modification time after the last build's start
        text = self.report.read_text(encoding="utf-8")
        self.report.write_text(change(text), encoding="utf-8")

    def page(self) -> str:
        return (self.served / PAGE).read_text(encoding="utf-8")


@pytest.mark.parametrize("search", ["pagefind", "local"])
def test_an_edited_figure_shows_before_the_rebuild_and_equals_the_rebuilt_page(
    tmp_path: Path, search: str
) -> None:
    serve = Serve(tmp_path, search=search)
    year_before = (serve.served / "years/2015/index.html").read_text(encoding="utf-8")
    assert "80余次" in serve.page()
    serve.edit(  # the figure, the title and the narrative at once
        lambda t: (
            t.replace("80余次", "90余次").replace(
                "---\nauthor:", "---\ntitle: 市医院2015年改写的总结\nauthor:", 1
            )
            + "\n新增一句：远程会诊。\n"
        )
    )
    serve.config.site_dir = serve.begin()  # the rebuild starts: the page is patched now
    early = serve.page()
    assert "90余次" in early and "80余次" not in early
    assert "<h1>市医院2015年改写的总结</h1>" in early and "新增一句：远程会诊。" in early
    # Nothing else changed yet: the year's totals wait for the rebuild.
    assert (serve.served / "years/2015/index.html").read_text(encoding="utf-8") == year_before
    if search == "pagefind":
        assert "lectures 90余次" in early or "90余次</p>" in early  # in the page's search text
    build(serve.config)
    serve.plugin.preview.finish()
    rebuilt = serve.page()
    assert "90余次" in rebuilt
    assert _article(early) == _article(rebuilt)


def test_a_report_made_internal_leaves_the_public_preview_at_once(tmp_path: Path) -> None:
    serve = Serve(tmp_path, search="pagefind")
    serve.edit(lambda t: t.replace("---\n", "---\nvisibility: internal\n", 1))
    serve.config.site_dir = serve.begin()
    assert not (serve.served / PAGE).exists()
    build(serve.config)
    serve.plugin.preview.finish()
    assert not (serve.served / PAGE).exists()


def test_an_edit_with_problems_waits_for_the_rebuild(tmp_path: Path) -> None:
    serve = Serve(tmp_path, search="pagefind")
    before = serve.page()
    serve.edit(
        lambda t: t.replace("80余次", "90余次").replace("author: city-hospital", "author: nobody")
    )
    serve.config.site_dir = serve.begin()
    assert serve.page() == before
    serve.plugin.preview.discard()
