"""The yearly compilation (年度汇编): a print-ready PDF made from the records.

    content (audience-selected) → document (plain data) → Typst → PDF bytes

`compile_year` and `compile_pairing` are the whole public API; the CLI
(`bulletins compile`) and the plugin (a year page's download) call them with
content that `select_audience` already chose, so a public compilation holds no
internal record and no contact field, and never a draft.
This folder must not import MkDocs (tests/test_boundaries.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from generator.compile.document import Masthead, pairing_document, year_document
from generator.compile.engine import TypesetFailed, typeset
from generator.compile.fonts import FontChoice, NoCJKFont, choose_fonts
from generator.compile.glyphs import missing_glyphs
from generator.content.model import Content
from generator.site.dates import content_epoch

__all__ = [
    "Masthead",
    "NoCJKFont",
    "TypesetFailed",
    "compile_pairing",
    "compile_years",
    "compile_year",
    "epoch",
    "masthead",
]


def epoch(content: Content) -> int:
    """The compilation's date: SOURCE_DATE_EPOCH when set, else the newest report's."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(env) if env.isdigit() else content_epoch(content)


def masthead(content: Content, site_name: str, publisher: str, audience: str) -> Masthead:
    t = time.gmtime(epoch(content))
    date = f"{t.tm_year}年{t.tm_mon}月{t.tm_mday}日"
    return Masthead(site_name, publisher, date, audience)


Warn = Callable[[str], None]


def _typeset(content: Content, doc: dict[str, Any], fonts: FontChoice | None, warn: Warn) -> bytes:
    fonts = fonts or choose_fonts()
    for message in missing_glyphs(doc, fonts):
        warn(message)
    return typeset(doc, fonts, epoch(content))


def compile_year(
    content: Content,
    year: int,
    head: Masthead,
    fonts: FontChoice | None = None,
    warn: Warn = lambda message: None,
) -> bytes:
    """The PDF of one year's reports (raises NoCJKFont, TypesetFailed); `warn` hears of
    characters no installed font has."""
    return _typeset(content, year_document(content, year, head), fonts, warn)


def compile_years(
    content: Content, head: Masthead, warn: Warn = lambda message: None
) -> dict[int, bytes]:
    """Every year's compilation, for a site built with them (drafts left out, fonts found once;
    raises NoCJKFont, TypesetFailed)."""
    if any(r.status == "draft" for r in content.reports):
        content = replace(content, reports=tuple(r for r in content.reports if r.status != "draft"))
    fonts = choose_fonts()
    years = sorted({r.year for r in content.reports})
    return {y: compile_year(content, y, head, fonts, warn) for y in years}


def compile_pairing(
    content: Content,
    pairing_id: str,
    head: Masthead,
    fonts: FontChoice | None = None,
    warn: Warn = lambda message: None,
) -> bytes:
    """The PDF of one pairing's reports across its years (raises NoCJKFont, TypesetFailed)."""
    return _typeset(content, pairing_document(content, pairing_id, head), fonts, warn)
