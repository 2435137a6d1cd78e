"""Both cores: the generated pages' templates rendered in forked worker processes (Linux).

Every page is read and its Markdown rendered in the build's own process; a generated page's
template (plugin.py: deferred to when the page is written) and Material's frame, the most of
a build, are not. At `on_env` (the last plugin to see it: every page read, the navigation
final) the build forks `n - 1` children and shares the pages still to render among them
(`owner`: every n-th page, in the files' order). A child runs MkDocs' own step
(`_build_page`) over its pages into the same site folder, writes what the parent would have
noted of each (`record`: the search engine's part, the incremental build's) and every log
record to a file (its warnings reach the summary and `--strict` as if the parent had logged
them), and leaves with `os._exit`: it never copies the theme's files or runs
`on_post_build`. The parent skips the children's pages as it skips reused ones (an empty
template, no file written), waits for its children after its last page, merges, and goes on
(search index, sitemap, downloads). A child that failed, died or was killed fails the build
with a message; the site is built in a temporary folder, so the previous one stays as it was.

Where the incremental build cannot reason about a page's work (a plugin it does not know,
Material's own lunr search), and under `serve`, one process builds everything.
`tests/plugin/test_workers.py` compares sites built by 1 and 2 processes byte for byte.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.plugin.incremental import KNOWN_PLUGINS, REUSED_TEMPLATE

log = logging.getLogger("mkdocs.plugins.bulletins")

Record = dict[str, Any]
"""What a child sends of one page it built (`record`)."""


def count(option: str | int, cpus: int | None = None) -> int:
    """The number of processes the `workers` option asks for (`auto`: up to 2)."""
    if option == "auto":
        if cpus is None:  # the cores this process may use (a container's, a taskset's)
            affinity = getattr(os, "sched_getaffinity", None)
            cpus = len(affinity(0)) if affinity else os.cpu_count() or 1
        return max(1, min(2, cpus))
    return max(1, int(option))


def usable(config: MkDocsConfig, search: str, *, serve: bool) -> str | None:
    """Why the pages cannot be split between processes (None: they can)."""
    if serve:
        return "serve"
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return "platform"
    if search == "lunr":
        return "lunr"
    if any(name not in KNOWN_PLUGINS for name in config.plugins):
        return "plugins"
    return None


def owner(index: int, n: int) -> int:
    """Which process (0: the parent) renders the `index`-th page to render."""
    return index % n


@dataclass
class _Child:
    pid: int
    result: Path
    pages: set[str]


@dataclass
class Workers:
    """One build's worker processes; `start` resets it."""

    n: int = 1
    mine: int = 0
    """This process's number (0: the parent)."""
    elsewhere: set[str] = field(default_factory=set)
    """Pages another process renders and writes."""
    children: list[_Child] = field(default_factory=list)
    last: str | None = None
    """The last page the parent builds: it waits for its children after it."""

    def skips(self, src_uri: str) -> bool:
        return src_uri in self.elsewhere

    def start(
        self,
        n: int,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: Any,
        generated: Iterable[str],
        record: Callable[[Page], Record],
    ) -> None:
        """Fork `n - 1` children sharing the `generated` pages (read, their templates yet to
        render, in order); a child builds its share and exits (it never returns from here)."""
        self.abort()
        self.__init__()  # type: ignore[misc]
        docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
        shares: list[set[str]] = [set() for _ in range(n)]
        for i, src in enumerate(generated):
            shares[owner(i, n)].add(src)
        if n < 2 or not docs or not all(shares):
            return
        self.n, self.last = n, docs[-1].src_uri
        # What every process holds is left out of the cycle collector's walks until the
        # children are done: a walk writes to every object, and each page it writes to is
        # copied (fork shares memory until it is written).
        gc.freeze()
        sys.stdout.flush()
        sys.stderr.flush()
        for k in range(1, n):
            fd, name = tempfile.mkstemp(prefix="bulletins-worker-", suffix=".pickle")
            os.close(fd)
            pid = os.fork()
            if pid == 0:  # the child: never returns
                self.mine = k
                _child(config, files, nav, env, docs, shares[k], Path(name), record)
            self.children.append(_Child(pid, Path(name), shares[k]))
        self.elsewhere = set().union(*shares[1:])
        for src in self.elsewhere:  # skipped here as a reused page is (incremental.py)
            page = files.src_uris[src].page
            assert page is not None
            page.content = ""
            page.meta["template"] = REUSED_TEMPLATE
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def join(
        self, files: Files, config: MkDocsConfig, merge: Callable[[str, Record], None]
    ) -> None:
        """Wait for every child; merge what each built, re-log its records; PluginError (a
        message for editors) when one failed."""
        children, self.children = self.children, []
        failure: str | None = None
        gc.unfreeze()
        for child in children:
            sent = _wait(child)
            if isinstance(sent, str):
                failure = failure or sent
                continue
            for src, record in sent["logs"]:
                _relog(src, record, files, config)
            if sent.get("error"):
                failure = failure or sent["error"]
                continue
            for src in sorted(sent["pages"]):
                merge(src, sent["pages"][src])
        if failure is not None:
            raise PluginError(failure)

    def _quiet(self, record: logging.LogRecord) -> bool:
        """MkDocs says "Page skipped … Generated empty output" of each page built elsewhere."""
        msg = str(record.msg)
        if not msg.startswith("Page skipped: '"):
            return True
        return msg.removeprefix("Page skipped: '").partition("'")[0] not in self.elsewhere

    def abort(self) -> None:
        """Kill and reap children still running (the build failed elsewhere); the build is
        over."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self.children:
            gc.unfreeze()
        for child in self.children:
            try:
                os.kill(child.pid, signal.SIGKILL)
                os.waitpid(child.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
            child.result.unlink(missing_ok=True)
        self.children = []


def record(page: Page, engine: Any, incremental: Any) -> Record:
    """What the parent would have noted of `page` had it built it (in a child)."""
    src, dest = page.file.src_uri, page.file.dest_uri
    noted = incremental.pages.get(src)
    return {
        "dest": dest,
        "kept": engine.kept(src),
        "data": dict(noted.data) if noted is not None else {},
        "reads": list(noted.reads) if noted is not None else [],
        "html": incremental.html.get(dest),
    }


def merge(src: str, sent: Record, engine: Any, incremental: Any) -> None:
    """A page a child built, noted here as `record` found it there."""
    engine.restore(src, sent["dest"], sent["kept"])
    noted = incremental.pages.get(src)
    if noted is not None:
        noted.data.update(sent["data"])
        noted.reads.update(sent["reads"])
    if sent["html"] is not None:
        incremental.html[sent["dest"]] = sent["html"]


def _child(
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Any,
    docs: Sequence[File],
    mine: set[str],
    result: Path,
    record: Callable[[Page], Record],
) -> None:
    """A child's whole life: MkDocs' page steps over its pages, then what the parent needs."""
    logs: list[tuple[str | None, logging.LogRecord]] = []

    def keep(logger: logging.Logger, rec: logging.LogRecord) -> None:
        if rec.levelno >= logging.INFO:
            page = getattr(config, "_current_page", None)
            logs.append((page.file.src_uri if page is not None else None, _plain(rec)))

    logging.Logger.callHandlers = keep  # type: ignore[method-assign,assignment]
    sent: dict[str, Any] = {"logs": logs, "pages": {}, "error": None}
    code = 0
    try:
        from mkdocs.commands.build import _build_page

        for file in docs:
            if file.src_uri in mine:
                assert file.page is not None
                _build_page(file.page, config, docs, nav, env)
                sent["pages"][file.src_uri] = record(file.page)
    except BaseException as exc:  # everything reaches the parent, which fails the build
        code = 1
        if isinstance(exc, BuildError):
            sent["error"] = str(exc)
        else:
            sent["error"] = (
                f"内部错误（internal error），并行生成页面的子进程出错：{type(exc).__name__}: {exc}"
            )
    try:
        with open(result, "wb") as out:
            pickle.dump(sent, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = 2
    finally:
        os._exit(code)


def _plain(rec: logging.LogRecord) -> logging.LogRecord:
    """A record that pickles: its message formatted, no traceback object."""
    rec.msg, rec.args = rec.getMessage(), None
    if rec.exc_info:
        rec.exc_text = logging.Formatter().formatException(rec.exc_info)
        rec.exc_info = None
    try:
        pickle.dumps(rec)
    except Exception:
        plain = logging.LogRecord(
            rec.name, rec.levelno, rec.pathname, rec.lineno, rec.msg, None, None
        )
        plain.exc_text = rec.exc_text
        return plain
    return rec


def _relog(src: str | None, rec: logging.LogRecord, files: Files, config: MkDocsConfig) -> None:
    """A child's record logged here, as if this process had built the page."""
    file = files.src_uris.get(src) if src is not None else None
    config._current_page = file.page if file is not None else None
    try:
        logging.getLogger(rec.name).handle(rec)
    finally:
        config._current_page = None


def _wait(child: _Child) -> dict[str, Any] | str:
    """What the child sent, or why it sent nothing (a message)."""
    try:
        _, status = os.waitpid(child.pid, 0)
        if os.WIFSIGNALED(status):
            return (
                f"并行生成页面的子进程被信号 {os.WTERMSIG(status)} 终止（内存不足？），"
                "本次生成失败，原有网站保持不变"
            )
        try:
            with open(child.result, "rb") as f:
                sent: dict[str, Any] = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError):
            sent = {}
        if not sent:
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
            return f"并行生成页面的子进程异常退出（代码 {code}），本次生成失败，原有网站保持不变"
        return sent
    finally:
        child.result.unlink(missing_ok=True)
