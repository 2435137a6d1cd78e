"""`bulletins build`: build into a temporary folder beside the target and swap on success.

A failed build (bad content, a template error, a full disk) leaves the previous
site exactly as it was. Audience and offline mode reach the plugin through
environment variables, so `mkdocs build` with the same variables behaves the same.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.cli.config import ConfigFailed, missing_docs_dir
from generator.cli.config import load as load_mkdocs_config
from generator.plugin.settings import ENV_AUDIENCE

ENV_OFFLINE = "BULLETINS_OFFLINE"


class BuildFailed(Exception):
    """The build did not finish; the message is for editors (Chinese first)."""


@contextmanager
def _environ(**values: str | None) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is not None:
                os.environ[k] = v
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _Collect(logging.Handler):
    """Keeps MkDocs' error lines so the CLI can print them without a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_site(
    config_file: str = "mkdocs.yml",
    site_dir: str | None = None,
    audience: str | None = None,
    offline: bool = False,
    strict: bool = False,
    zip_path: str | None = None,
) -> Path:
    """Build the site; returns the output folder. Raises BuildFailed with a readable message."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    if not Path(config_file).is_file():
        raise BuildFailed(
            f"找不到配置文件 “{config_file}”（应在网站仓库根目录运行，或用 -f 指定 mkdocs.yml）"
        )
    handler = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    tmp: Path | None = None
    try:
        with (
            _environ(**{ENV_AUDIENCE: audience, ENV_OFFLINE: "true" if offline else None}),
            ExitStack() as stack,
        ):
            try:
                overrides = stack.enter_context(missing_docs_dir(config_file))
                config = load_mkdocs_config(config_file, strict=strict, **overrides)
            except ConfigFailed as exc:
                raise BuildFailed(str(exc)) from None
            target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
            config.site_dir = str(tmp)
            try:
                build(config)
            except (Abort, MkDocsException) as exc:
                detail = "\n".join(handler.lines) or str(exc)
                raise BuildFailed(detail) from None
            except Exception as exc:  # a bug, not bad content: still no half-written site
                if os.environ.get("BULLETINS_DEBUG"):
                    raise
                detail = "\n".join(handler.lines)
                raise BuildFailed(
                    f"内部错误（internal error），请把这段信息报告给维护者：{type(exc).__name__}: {exc}\n{detail}"
                    "\n（设置环境变量 BULLETINS_DEBUG=1 可看到完整的调用栈）"
                ) from None
        _swap(tmp, target)
        tmp = None
        if zip_path:
            write_zip(target, Path(zip_path))
        return target
    finally:
        mk_log.removeHandler(handler)
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` (two renames; the old site removed only afterwards)."""
    from generator.plugin.preview import swap_in

    swap_in(new, target)
    os.chmod(target, 0o755)


def write_zip(site: Path, zip_path: Path) -> None:
    """One file to hand out: the site under a single folder, entries sorted, fixed timestamps."""
    tmp = zip_path.with_name(zip_path.name + ".part")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    import time

    stamp = time.gmtime(max(epoch, 315532800))[:6]
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(
            (p for p in site.rglob("*") if p.is_file()),
            key=lambda p: p.relative_to(site).as_posix(),
        ):
            info = zipfile.ZipInfo(f"{site.name}/{f.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, f.read_bytes())
    os.replace(tmp, zip_path)


def serve_site(
    config_file: str = "mkdocs.yml", dev_addr: str | None = None, audience: str | None = None
) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve

    if not Path(config_file).is_file():
        raise BuildFailed(f"找不到配置文件 “{config_file}”")
    if audience:
        os.environ[ENV_AUDIENCE] = audience
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr
    )
    try:
        with missing_docs_dir(config_file) as overrides:
            serve(config_file=config_file, dev_addr=dev_addr, livereload=True, **overrides)
    except ConfigFailed as exc:
        raise BuildFailed(str(exc)) from None
