"""The content a build shows: loaded, validated and selected for the settings' audience.

Problems stop the build with the same lines `bulletins check` prints; warnings go to the
build's log. The left-out records are logged for `bulletins build`'s closing summary
(generator/cli/report.py reads the record).
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.content.audience import left_out, select_audience
from generator.content.model import Content, Report
from generator.content.problems import Problem
from generator.content.validate import load_content
from generator.plugin.settings import Settings

log = logging.getLogger("mkdocs.plugins.bulletins")


class ContentErrors(Exception):
    """The content has errors; the message lists them (Chinese first)."""

    def __init__(self, message: str, problems: tuple[Problem, ...]) -> None:
        super().__init__(message)
        self.problems = problems


def selected_content(
    settings: Settings, *, display: str, serve: bool
) -> tuple[Content, tuple[Problem, ...], tuple[Report, ...]]:
    """The records this build may show (drafts only under serve unless `drafts` says), the
    content's warnings, and every draft report (which /status/ counts even where the build
    leaves drafts out); ContentErrors when it has errors."""
    content, problems = load_content(
        Path(settings.content_dir).resolve(),
        settings.audience,
        display_root=display,
        site_files=settings.site_files,
        wording=settings.wording,
        cache_dir=settings.content_cache,
    )
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        if p.severity != "error":
            log.warning(p.format())
    if errors:
        lines = "\n".join(p.format() for p in errors)
        raise ContentErrors(
            f"内容有 {len(errors)} 个错误，未生成网站（content has errors, site not built）：\n"
            f"{lines}",
            tuple(problems),
        )
    drafts = settings.options.drafts
    selected = select_audience(
        content, settings.audience, drafts=serve if drafts is None else drafts
    )
    log.debug("content selected", extra={"bulletins_left_out": left_out(content, selected)})
    drafts_found = tuple(r for r in content.reports if r.status == "draft")
    return selected, tuple(problems), drafts_found
