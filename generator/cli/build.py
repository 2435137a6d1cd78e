"""`bulletins build`: MkDocs' own build sequence, into a temporary folder swapped in on success.

`build(settings, …)` is the one entry point: settings in (read once by `open_site`), site
out. It runs what `mkdocs build` runs — every plugin's `on_startup`, MkDocs' `build`, and
`on_shutdown` however the build ends — so other plugins (Material's `social`, `blog` …) get
their events. The audience and the build date reach the plugin as values, never through the
environment. A failed build (bad content, a template error, a full disk) leaves the previous
site exactly as it was; the output guard (`output.py`) refuses output paths that would
destroy the project; OS errors are one-line messages with the path.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.cli.output import (
    TMP_NAME,
    ZIP_COMMENT,
    OutputRefused,
    check_site_dir,
    check_zip,
    clean_legacy,
    clean_zip_parts,
    new_temp,
    protected_paths,
    temp_root,
)
from generator.cli.trash import discarder
from generator.plugin.plugin import BulletinsPlugin
from generator.plugin.preview import swap_in
from generator.plugin.settings import (
    Overrides,
    Settings,
    SettingsError,
    open_site,
    serving,
)

ZIP_EPOCH = 315532800  # 1980-01-01, the zip format's first date


class BuildFailed(Exception):
    """The build did not finish; the message is for editors (Chinese first)."""


class _Collect(logging.Handler):
    """Keeps MkDocs' error lines so the CLI can print them without a traceback."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def load_site(
    config_file: str = "mkdocs.yml",
    audience: str | None = None,
    offline: bool = False,
    strict: bool = False,
) -> Iterator[Settings]:
    """The site's settings for a build (mkdocs.yml required); BuildFailed when unreadable."""
    if not Path(config_file).is_file():
        raise BuildFailed(
            f"找不到配置文件 “{config_file}”（应在网站仓库根目录运行，或用 -f 指定 mkdocs.yml）"
        )
    try:
        with open_site(config_file, audience=audience, offline=offline, strict=strict) as s:
            yield s
    except SettingsError as exc:
        raise BuildFailed(str(exc)) from None


def build_site(
    config_file: str = "mkdocs.yml",
    site_dir: str | None = None,
    audience: str | None = None,
    offline: bool = False,
    strict: bool = False,
    zip_path: str | None = None,
) -> Path:
    """`bulletins build` from a config file: `load_site` then `build`."""
    with load_site(config_file, audience, offline, strict) as settings:
        return build(settings, site_dir, zip_path)


def build(settings: Settings, site_dir: str | None = None, zip_path: str | None = None) -> Path:
    """Build the site; returns the output folder. Raises BuildFailed with a readable message."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    config = settings.mkdocs
    plugin = config.plugins.get("bulletins")
    if isinstance(plugin, BulletinsPlugin):
        plugin.use(settings)
    handler = _Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    tmp: Path | None = None
    try:
        target = Path(site_dir).absolute() if site_dir else Path(config.site_dir)
        zip_file = Path(zip_path).absolute() if zip_path else None
        _guard(settings, target, zip_file)
        try:
            tmp = new_temp(temp_root(settings.root.resolve()), "build")
        except OSError:  # a read-only checkout: beside the output instead
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = new_temp(temp_root(target.parent), "build")
        clean_legacy(target)
        if zip_file is not None:
            clean_zip_parts(zip_file)
        config.site_dir = str(tmp)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            except BaseException:
                _shutdown_after_failure(config)
                raise
            config.plugins.on_shutdown()
        except (Abort, MkDocsException) as exc:
            detail = "\n".join(handler.lines) or str(exc)
            raise BuildFailed(detail) from None
        except OSError:
            raise
        except Exception as exc:  # a bug, not bad content: still no half-written site
            if os.environ.get("BULLETINS_DEBUG"):
                raise
            detail = "\n".join(handler.lines)
            raise BuildFailed(
                "内部错误（internal error），请把这段信息报告给维护者："
                f"{type(exc).__name__}: {exc}\n{detail}"
                "\n（设置环境变量 BULLETINS_DEBUG=1 可看到完整的调用栈）"
            ) from None
        epoch = plugin.epoch if isinstance(plugin, BulletinsPlugin) else _env_epoch()
        zip_part = _zip_part(tmp, target.name, zip_file, epoch) if zip_file else None
        os.chmod(tmp, 0o755)
        swap_in(tmp, target, discarder(settings.root.resolve()))
        tmp = None
        if zip_file and zip_part:
            os.replace(zip_part, zip_file)
        return target
    except OSError as exc:
        raise BuildFailed(os_message(exc)) from None
    finally:
        mk_log.removeHandler(handler)
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _shutdown_after_failure(config: Any) -> None:
    """Every plugin's on_shutdown after a failed build; a plugin that cannot shut down after
    a build that never started (Material's blog removes a folder it never made) must not hide
    the build's own error."""
    try:
        config.plugins.on_shutdown()
    except Exception as exc:
        logging.getLogger("mkdocs.commands.build").debug("on_shutdown after a failure: %s", exc)


def _env_epoch() -> int:
    try:
        return int(os.environ.get("SOURCE_DATE_EPOCH") or ZIP_EPOCH)
    except ValueError:
        return ZIP_EPOCH


def os_message(exc: OSError) -> str:
    """One line for an editor: what failed, on which path (permissions, a full disk…)."""
    where = exc.filename or ""
    reason = exc.strerror or str(exc)
    hints = {
        errno.EACCES: "没有写入权限",
        errno.EPERM: "没有权限",
        errno.ENOSPC: "磁盘已满",
        errno.EROFS: "文件系统只读",
        errno.ENOENT: "路径不存在",
        errno.EDQUOT: "超出磁盘配额",
    }
    hint = hints.get(exc.errno or 0, "无法写入")
    return f"{hint}：{where}（{reason}）；原有网站保持不变" if where else f"{hint}（{reason}）"


def _guard(settings: Settings, target: Path, zip_file: Path | None) -> None:
    config_file = settings.config_file or Path("mkdocs.yml")
    content = settings.content_dir
    themes = list(settings.theme_dirs)
    docs = Path(settings.mkdocs.docs_dir)
    sources = [content, docs, *themes, settings.root / TMP_NAME]
    protected = protected_paths(config_file, content, themes) + [docs]
    try:
        check_site_dir(target, protected, sources)
        if zip_file is not None:
            check_zip(zip_file, target, protected, sources)
    except OutputRefused as exc:
        raise BuildFailed(str(exc)) from None


def _zip_part(site: Path, name: str, zip_file: Path, epoch: int) -> Path:
    """The zip written beside its final place, not yet under its name (nothing replaced yet)."""
    part = zip_file.with_name(f".{zip_file.name}.{os.getpid()}.part")
    try:
        write_zip(site, part, name=name, epoch=epoch)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def write_zip(site: Path, zip_path: Path, name: str | None = None, epoch: int = ZIP_EPOCH) -> None:
    """One file to hand out: the site under a single folder, entries sorted, every entry
    dated `epoch` (the build's date)."""
    folder = name or site.name
    tmp = zip_path.with_name(zip_path.name + ".part")
    import time

    # The zip format holds 1980…2107: a date beyond (a typo in a report) must not crash.
    stamp = time.gmtime(min(max(epoch, ZIP_EPOCH), 4354819199))[:6]
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.comment = ZIP_COMMENT
            for f in sorted(
                (p for p in site.rglob("*") if p.is_file()),
                key=lambda p: p.relative_to(site).as_posix(),
            ):
                info = zipfile.ZipInfo(
                    f"{folder}/{f.relative_to(site).as_posix()}", date_time=stamp
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, f.read_bytes())
        os.replace(tmp, zip_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def check_address(dev_addr: str | None) -> None:
    """`host:port` with a port in 1…65535 that is free now; BuildFailed (a message) if not."""
    import socket

    host, _, port_text = (dev_addr or "127.0.0.1:8000").rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise BuildFailed(
            f"地址应写成 主机:端口（端口 1–65535），例如 127.0.0.1:8000，而写的是 “{dev_addr}”"
        )
    try:
        infos = socket.getaddrinfo(host, int(port_text), type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.bind(address)
    except OSError as exc:
        what = "端口已被占用" if exc.errno == errno.EADDRINUSE else "无法使用该地址"
        raise BuildFailed(
            f"{what}：{dev_addr or '127.0.0.1:8000'}（{exc.strerror or exc}）"
        ) from None


def serve_site(
    config_file: str = "mkdocs.yml", dev_addr: str | None = None, audience: str | None = None
) -> None:
    """MkDocs' serve (it reloads mkdocs.yml on each rebuild); what the command line decided
    (audience, the configured address, a stand-in for a missing pages folder) reaches every
    rebuild's plugin as values."""
    from mkdocs.commands.serve import serve

    logging.basicConfig(
        level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr
    )
    with load_site(config_file, audience) as settings:
        docs = str(settings.mkdocs.docs_dir)
        stand_in = docs != str(settings.docs_dir)
        given = Overrides(
            audience=audience,
            site_url=settings.site_url,
            docs_dir=settings.docs_dir if stand_in else None,
        )
        overrides: dict[str, Any] = {"docs_dir": docs} if stand_in else {}
        with serving(given):
            serve(
                config_file=config_file,
                dev_addr=dev_addr,
                livereload=True,
                **overrides,
            )
