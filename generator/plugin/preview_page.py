"""`serve`: an edited report's own page, rendered again from the edited file before the rebuild.

A rebuild takes tens of seconds at thousands of reports; an editor who changed a figure wants
to see it at once. `ReportPage` renders the report page's content the way the build does — the
page spec's template (site/render.py) over the edited record, the narrative through the site's
Markdown and sanitiser, links made relative as MkDocs makes them, the search engine's marks —
and puts it into the served page in place of the old content; what Material wraps around it
(header, navigation, footer) stays as served. Totals on other pages wait for the rebuild, which
then replaces the whole site. A report the preview may not show (internal on a public site, a
draft where drafts are hidden) is never rendered. tests/plugin/test_serve_preview.py checks that
the patched page's article equals the rebuilt page's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from markupsafe import escape

from generator.content.audience import select_audience
from generator.content.model import Content, Report
from generator.content.sanitize import inert_text
from generator.plugin.engines import SearchEngine
from generator.plugin.pages import relative_url
from generator.site.pages import PageSpec, report_uri
from generator.site.render import render_spec

HIDDEN = ""
"""What `ReportPage` returns for a report this preview may not show: its page is taken away."""


class ReportPage:
    """The served page of a report, with the report as edited (see the module's docstring)."""

    def __init__(
        self,
        *,
        env: Any,
        specs: Mapping[str, PageSpec],
        urls: Mapping[str, str],
        engine: SearchEngine,
        content: Content,
        audience: str,
        drafts: bool,
        render_extra: Mapping[str, Any],
        to_html: Callable[[], Callable[[str], str]],
    ) -> None:
        self.env = env
        self.specs = specs
        self.urls = urls
        """Every file's URL by its source path (pages and downloads), as MkDocs gave them."""
        self.engine = engine
        self.content = content
        self.audience = audience
        self.drafts = drafts
        self.render_extra = render_extra
        """What the plugin passes every template besides the spec (site_url, site_name …)."""
        self.to_html = to_html

    def __call__(self, old: Report, new: Report, served: str) -> str | None:
        """The page `served` (the last build's page of `old`) showing `new` instead; `HIDDEN`
        when this preview may not show `new`; None when the page cannot be made here (the
        rebuild shows the edit)."""
        spec = self.specs.get(report_uri(old))
        if spec is None or spec.template != "report.html":
            return None
        shown = select_audience(
            replace(self.content, reports=(new,)), self.audience, drafts=self.drafts
        ).reports
        if not shown:
            return HIDDEN
        new = shown[0]
        content = replace(
            self.content,
            reports=tuple(new if r.key == old.key else r for r in self.content.reports),
        )
        context = {**spec.context, "report": new}
        if "content" in context:
            context["content"] = content
        fresh = replace(
            spec,
            title=new.title,
            context=context,
            markdown=new.body,
            meta={**spec.meta, "draft": new.status == "draft"},
        )
        page = self.engine.unmark(served)
        if self.engine.mark(page, spec, self.content) != served:
            return None  # the served page is not the one the last build wrote
        to_html = self.to_html()
        try:
            before, after = self._render(spec, to_html), self._render(fresh, to_html)
        except KeyError:
            return None
        if page.count(before) != 1:
            return None  # a narrative with links (MkDocs rewrites them): wait for the rebuild
        page = page.replace(before, after)
        h1 = page.find(_h1(spec.title), page.find('<article class="md-content__inner'))
        if h1 >= 0:
            page = page[:h1] + _h1(fresh.title) + page[h1 + len(_h1(spec.title)) :]
        return self.engine.mark(page, fresh, content)

    def _render(self, spec: PageSpec, to_html: Callable[[str], str]) -> str:
        here = self.urls[spec.src_uri]

        def url_for(src_uri: str) -> str:
            target = self.urls.get(src_uri) or self.urls[posixpath.normpath(src_uri)]
            return relative_url(target, here) or "./"

        return render_spec(self.env, spec, url_for, to_html(spec.markdown), **self.render_extra)


def _h1(title: str) -> str:
    """The heading Material writes for a generated page (plugin/files.py escapes the title)."""
    return f"<h1>{escape(inert_text(title))}</h1>"
