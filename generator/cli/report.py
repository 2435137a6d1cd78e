"""What `bulletins build` tells while it works and when it is done.

A logging handler on MkDocs' logger (the plugin logs under it too) turns the build's
own log into: progress by stage (one line rewritten on a terminal, plain lines
otherwise, e.g. in CI), every warning with `path:line` (MkDocs' link warnings are
traced to the line of the page that holds the link), and a closing summary: pages,
reports published, drafts left out by name, internal records left out by count,
warnings, time. `-q` keeps the warnings and the summary's first line; `-v` adds MkDocs'
own messages.

This module must not build anything: it only listens and writes.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from generator.content.audience import LeftOut
from generator.plugin.settings import Settings

__all__ = ["BuildReport", "Stage"]


@dataclass(frozen=True)
class Stage:
    number: int
    title: str


STAGES = (
    Stage(1, "读取并检查内容"),
    Stage(2, "读取页面"),
    Stage(3, "生成页面"),
    Stage(4, "站点地图、搜索索引和下载文件"),
)

_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:an? )?[^']*?link '(?P<link>[^']+)'")
_PROBLEM = re.compile(r"^\S+:\d+:\d+: (?:warning|error)\[")
_PROGRESS = "mkdocs.commands.build"
"""The logger of MkDocs' "Reading: …" and "Building page …" lines (the progress line)."""
_LEVELS = ("mkdocs", _PROGRESS, "mkdocs.plugins.bulletins")
_KINDS = {"units": "单位", "pairings": "结对", "reports": "总结", "pages": "页面"}


class BuildReport(logging.Handler):
    """Attach with `with BuildReport(stream) as report:` around a build."""

    def __init__(self, stream: IO[str], verbosity: int = 0, tty: bool | None = None) -> None:
        """`verbosity`: -1 quiet, 0 normal, 1 verbose (MkDocs' info lines), 2 debug. `tty`:
        rewrite one progress line; default: the stream is a terminal and `CI` is not set."""
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.verbosity = verbosity
        if tty is None:
            ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
            tty = bool(getattr(stream, "isatty", lambda: False)()) and not ci
        self.tty = tty
        self.docs_dir: str | None = None
        """Where MkDocs reads free pages, to trace a link warning to its line."""
        self.warnings: list[str] = []
        """Every warning, located (`path:line: …`), in order."""
        self.left_out: LeftOut | None = None
        self.incremental: Any = None
        """The plugin's `incremental.Stats`: pages rendered and reused, why a full build."""
        self.pages_read = 0
        self.pages_built = 0
        self.stage = 0
        self.started = time.monotonic()
        self._line_open = False
        self._old_levels: dict[str, int] = {}

    def __enter__(self) -> BuildReport:
        logger = logging.getLogger("mkdocs")
        self._old_levels = {name: logging.getLogger(name).level for name in _LEVELS}
        # The progress line reads MkDocs' "Reading:"/"Building page" debug lines; the tens of
        # thousands of others ("Running `on_…` event", "Copying media file") are only made
        # into records when they are printed (-vv): about 3 % of an incremental build.
        debug = self.verbosity >= 2
        logger.setLevel(logging.DEBUG if debug else logging.INFO)
        for name in _LEVELS[1:]:  # the progress line; the plugin's facts for the summary
            logging.getLogger(name).setLevel(logging.DEBUG)
        logger.addHandler(self)
        self.started = time.monotonic()
        self._enter(1)
        return self

    def __exit__(self, *exc: object) -> None:
        logger = logging.getLogger("mkdocs")
        logger.removeHandler(self)
        for name, level in self._old_levels.items():
            logging.getLogger(name).setLevel(level)
        self._close_line()

    # ---- listening --------------------------------------------------------------------------

    def emit(self, record: logging.LogRecord) -> None:
        facts = getattr(record, "bulletins_left_out", None)
        if isinstance(facts, LeftOut):
            self.left_out = facts
            return
        stats = getattr(record, "bulletins_incremental", None)
        if stats is not None:
            self.incremental = stats
            return
        msg = record.getMessage()
        if record.levelno >= logging.WARNING:
            if record.levelno == logging.WARNING:
                self._warning(msg)
            return  # errors: the build's own failure message carries them
        if msg.startswith("Reading: "):
            self._enter(2)
            self.pages_read += 1
            self._progress(f"{self.pages_read}")
        elif msg.startswith("Building page "):
            self._enter(3)
            self.pages_built += 1
            self._progress(f"{self.pages_built}/{self.pages_read}")
            if self.pages_built >= self.pages_read:
                self._enter(4)
        if self.verbosity >= 2 or (self.verbosity == 1 and record.levelno >= logging.INFO):
            self._say(f"{record.levelname:<7} -  {msg}")

    def _warning(self, msg: str) -> None:
        line = self.locate(msg)
        self.warnings.append(line)
        if self.verbosity >= -1:
            self._say(line)

    def locate(self, msg: str) -> str:
        """A warning as `path:line: warning: …`; ours already are (`path:line:col:
        warning[W601]`)."""
        if _PROBLEM.match(msg):
            return msg
        m = _LINK.search(msg)
        if m and self.docs_dir:
            path = Path(self.docs_dir) / m["file"]
            line = _line_of(path, m["link"])
            shown = os.path.relpath(path).replace(os.sep, "/")
            return (
                f"{shown}:{line}: warning[链接]: 链接 “{m['link']}” "
                f"的目标不存在或无法解析（MkDocs: {msg}）"
            )
        return f"warning: {msg}"

    def for_settings(self, settings: Settings) -> None:
        """The pages folder, to trace link warnings to their page and line."""
        self.docs_dir = str(settings.docs_dir)

    def finish(self) -> None:
        """End the progress line (before a failure message)."""
        self._close_line()

    # ---- writing ----------------------------------------------------------------------------

    def _enter(self, number: int) -> None:
        if number <= self.stage:
            return
        self.stage = number
        if self.verbosity < 0:
            return
        stage = STAGES[number - 1]
        self._close_line()
        if self.tty:
            self._write(f"[{stage.number}/{len(STAGES)}] {stage.title}…")
            self._line_open = True
        else:
            self._write(f"[{stage.number}/{len(STAGES)}] {stage.title}…\n")

    def _progress(self, count: str) -> None:
        if self.verbosity < 0:
            return
        stage = STAGES[self.stage - 1]
        head = f"[{stage.number}/{len(STAGES)}] {stage.title}"
        if self.tty:
            self._write(f"\r\033[K{head} {count}")
            self._line_open = True
        elif self.stage == 3 and self.pages_read >= 200:
            # Plain lines for logs: a quarter at a time, not one line per page.
            step = -(-self.pages_read // 4)
            if self.pages_built % step == 0 or self.pages_built == self.pages_read:
                self._write(f"{head} {count}\n")

    def _say(self, line: str) -> None:
        self._close_line()
        self._write(line + "\n")

    def _close_line(self) -> None:
        if self._line_open:
            self._write("\n")
            self._line_open = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def summary(self, out: Path) -> list[str]:
        """The closing lines: where, pages, reports, what was left out and why, warnings, time."""
        seconds = time.monotonic() - self.started
        left = self.left_out
        lines = [f"网站已生成：{out}（用时 {seconds:.1f} 秒）"]
        counted = f"；发布总结 {left.published} 篇" if left is not None else ""
        lines.append(f"  页面 {self.pages_built} 个{counted}")
        lines.extend(_incremental_lines(self.incremental, self.pages_built))
        if left and left.drafts:
            lines.append(
                f"  未发布的草稿 {len(left.drafts)} 篇（status: draft，只在 serve 预览中显示）："
            )
            lines.extend(f"    {p}" for p in left.drafts)
        if left and left.internal:
            kinds = "、".join(f"{_KINDS[k]} {n} 条" for k, n in left.internal.items())
            lines.append(
                f"  未收入本网站的内部记录（visibility: internal 或引用了内部记录）：{kinds}"
            )
        if self.warnings:
            lines.append(f"  警告 {len(self.warnings)} 个（见上；加 --strict 时警告视为失败）")
        else:
            lines.append("  没有警告")
        return lines


def _incremental_lines(stats: Any, pages: int) -> list[str]:
    """What was rendered and what reused from the last build (`.bulletins-cache/`)."""
    if stats is None:
        return []
    rendered = max(0, pages - stats.reused)
    lines = [f"  重新生成 {rendered} 页，沿用上次生成的 {stats.reused} 页"]
    if stats.full:
        lines.append(f"  完整生成：{stats.full}")
    if stats.shards_indexed or stats.shards_reused:
        lines.append(
            f"  Pagefind 索引分片：重建 {stats.shards_indexed} 个，沿用 {stats.shards_reused} 个"
        )
    return lines


def _line_of(path: Path, link: str) -> int:
    """The first line of `path` that holds `link` (1 when the file or the link is not found)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    for i, line in enumerate(text.splitlines(), 1):
        if link in line:
            return i
    return 1
