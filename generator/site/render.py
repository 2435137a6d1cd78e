"""Render page specs to HTML fragments with autoescaped Jinja templates.

Templates live in the `theme/bulletins/` folder (shipped as `generator.theme`);
a site's own `custom_dir` is searched first, so any template can be overridden.
Links are made relative by a `url_for` callable the caller provides, so this
module needs no MkDocs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator.content.cache import owner_tag
from generator.content.display import counted_differs, format_number, format_quantity, with_unit
from generator.content.model import SECTORS, UNIT_KINDS, PartialDate
from generator.site import pages as P
from generator.site.charts import bar_chart, bars_from_totals, count_bars
from generator.site.digest import Read, RecordingContent
from generator.site.fragments import Fragments
from generator.site.opendata_files import plain

UrlFor = Callable[[str], str]


def theme_dir() -> Path:
    """The package's theme folder (the repository's `theme/`)."""
    return Path(str(resources.files("generator.theme")))


def make_env(extra_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> jinja2.Environment:
    """The templates' environment; with `cache_dir`, templates compiled once are kept there
    (`bytecode_cache`) and reused by later builds."""
    loader = jinja2.FileSystemLoader([str(d) for d in extra_dirs] + [str(theme_dir())])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cdate"] = lambda d: (
        d.chinese() if isinstance(d, PartialDate) else ("" if d is None else str(d))
    )
    env.filters["num"] = lambda d: format_number(d, grouping=False)
    env.filters["converted"] = _converted
    env.filters["as_written"] = _as_written
    env.filters["plain"] = plain  # machine-readable number for data-value attributes
    env.globals.update(
        UNIT_KINDS=UNIT_KINDS,
        SECTORS=SECTORS,
        unit_uri=P.unit_uri,
        pairing_uri=P.pairing_uri,
        report_uri=P.report_uri,
        year_uri=P.year_uri,
        indicator_uri=P.indicator_uri,
        region_uri=P.region_uri,
        reports_index_uri=P.sitemap.reports_index_uri,
        report_csv_uri=P.sitemap.report_csv_uri,
        flows_index_uri=P.sitemap.flows_index_uri,
        year_csv_uri=P.year_csv_uri,
        indicator_csv_uri=P.indicator_csv_uri,
        pairing_csv_uri=P.sitemap.pairing_csv_uri,
        bar_chart=bar_chart,
        bars_from_totals=bars_from_totals,
        count_bars=count_bars,
    )
    memo = Fragments()  # pieces of the templates reused across pages (fragments.py)
    env.globals.update(fragment=memo.region, fragments=memo)
    if cache_dir is not None:
        env.bytecode_cache = bytecode_cache(env, cache_dir)
    return env


def bytecode_cache(env: jinja2.Environment, cache_dir: Path) -> jinja2.BytecodeCache:
    """Compiled templates under `cache_dir`, in a folder named for what compiling depends on
    (Jinja's and Python's versions, the environment's syntax options). Jinja reuses a compiled
    template only when its source is the one it was compiled from (a checksum of the text):
    an edited template, in the theme or a site's `custom_dir`, is compiled again."""
    options = (
        jinja2.__version__,
        sys.version,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        repr(env.autoescape),
        env.optimized,
        env.is_async,
        sorted(env.extensions),
        repr(env.finalize),
        getattr(env, "newstyle_gettext", None),  # i18n: how {% trans %} compiles
        env.policies.get("compiler.ascii_str"),
        env.code_generator_class.__qualname__,
    )
    # Keyed by this user's secret: Jinja runs what it loads from here, so a folder a checkout
    # holds (made elsewhere) must never be found.
    folder = cache_dir / owner_tag(repr(options))
    return _Bytecode(str(folder))


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in files (each written under another name, then
    renamed), where a file it cannot read or write means compiling the template: the cache
    folder may be deleted, read-only or damaged at any time."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)


@jinja2.pass_context
def _as_written(context: Any, figure: Any) -> str:
    """A figure as the editor wrote it, with its indicator's unit when they left it out."""
    indicator = context["content"].indicators.get(figure.indicator)
    return with_unit(figure.written, indicator.unit.text if indicator else "")


def _converted(figure: Any, unit: str) -> str:
    """A figure as counted in totals, in the indicator's unit (``3.98公里`` → ``3980米``);
    empty when the number is the one the editor wrote (``70余万元``, ``20000余元``), so
    nothing is said twice and 余's place alone is never a reason to repeat it."""
    if not counted_differs(figure.written, unit):
        return ""
    return format_quantity(figure.quantity, unit)


def render_spec(
    env: jinja2.Environment,
    spec: P.PageSpec,
    url_for: UrlFor,
    body_html: str = "",
    reads: set[Read] | None = None,
    **extra: Any,
) -> str:
    """The page body: the spec's template around the Markdown body already rendered. With
    `reads`, what the template reads of the content is noted there (site/digest.py)."""
    template = env.get_template("bulletins/" + spec.template)
    context = spec.context
    if reads is not None and "content" in context:
        context = {**context, "content": RecordingContent(context["content"], reads)}
    memo = env.globals.get("fragments")
    if isinstance(memo, Fragments):  # links noted for pieces reused across pages
        url_for = memo.recorded(url_for)
    return template.render(**context, spec=spec, url=url_for, body=Markup(body_html), **extra)
