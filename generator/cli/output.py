"""Where a build may write: the output guard, the zip guard, and the temporary folders.

A build replaces its output folder as a whole, so a wrong `-d` (`.`, `content`,
`..`) would destroy work. `check_site_dir` refuses any output folder that is,
contains or lies inside what the site is made from (its config, its content, its
theme), the current folder or a parent of any of them, and a folder that already
holds something other than a built site. `check_zip` refuses a zip path inside
those, inside the output folder, or naming a file the build did not write.

Temporary folders live in `.bulletins-tmp/` beside the config (beside the output
when the config's folder is read-only); each build removes what builds that are no
longer running (killed, crashed) left there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

TMP_NAME = ".bulletins-tmp"
"""Beside mkdocs.yml; listed in the .gitignore that `bulletins init` writes."""

ZIP_COMMENT = b"assistance-bulletins site"
"""Marks a zip this program wrote, so a later build may replace it (and nothing else)."""

SITE_MARKERS = ("index.html", "404.html", "sitemap.xml")


class OutputRefused(Exception):
    """The output path would destroy or mix with the project; the message says why."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def protected_paths(config_file: Path, content_dir: Path, theme_dirs: Sequence[Path]) -> list[Path]:
    """What no output may hold or be: the config, the content, the theme, the working folder."""
    paths = [_real(config_file), _real(content_dir), _real(Path.cwd())]
    paths += [_real(d) for d in theme_dirs]
    return paths


def check_site_dir(
    target: Path,
    protected: list[Path],
    sources: list[Path],
    markers: tuple[str, ...] = SITE_MARKERS,
) -> None:
    """Raise OutputRefused when `target` may not be replaced by a site.

    `protected` may be neither the target nor inside it; `sources` (content, theme)
    may not hold it either; an existing non-empty target must hold one of `markers`
    (what a previous build or export left).
    """
    real = _real(target)
    for p in protected:
        if _inside(p, real):
            what = "就是" if p == real else "包含"
            raise OutputRefused(
                f"输出目录 “{target}” {what} “{p}”（配置文件、内容目录、主题或当前目录）："
                "生成网站会整个替换输出目录，这样会删掉它们。请换一个单独的目录，例如 site/"
            )
    for s in sources:
        if _inside(real, _real(s)):
            raise OutputRefused(
                f"输出目录 “{target}” 位于 “{s}” 之中：网站不能生成在内容或主题目录里。"
                "请换一个单独的目录，例如 site/"
            )
    if real.exists() and not real.is_dir():
        raise OutputRefused(f"输出路径 “{target}” 是一个文件，不是目录；请换一个目录")
    if real.is_dir():
        try:
            entries = os.listdir(real)
        except OSError as exc:
            raise OutputRefused(f"无法读取输出目录 “{target}”：{exc.strerror}") from None
        if entries and not any(m in entries for m in markers):
            raise OutputRefused(
                f"输出目录 “{target}” 里已有其他文件，看起来不是之前生成的结果（没有 "
                f"{markers[0]}）："
                "生成网站会整个替换它。请换一个空目录或新目录"
            )


def check_zip(zip_path: Path, site_dir: Path, protected: list[Path], sources: list[Path]) -> None:
    """Raise OutputRefused when writing a zip at `zip_path` could destroy something."""
    real = _real(zip_path)
    cwd = _real(Path.cwd())
    for p in [*protected, *sources]:
        if _inside(p, real) or (p != cwd and _inside(real, p)):
            raise OutputRefused(
                f"离线包路径 “{zip_path}” 与 “{p}”（配置文件、内容目录、主题或当前目录）冲突；"
                "请写到别处，例如 site.zip"
            )
    if _inside(real, _real(site_dir)):
        raise OutputRefused(
            f"离线包 “{zip_path}” 不能放在输出目录 “{site_dir}” 里（网站会整个替换该目录）；"
            "请放在它旁边，例如 site.zip"
        )
    if real.is_dir():
        raise OutputRefused(f"离线包路径 “{zip_path}” 是一个目录；请写一个 .zip 文件名")
    if real.exists() and not written_by_us(real):
        raise OutputRefused(
            f"“{zip_path}” 已存在，且不是本程序生成的离线包：不会覆盖它。请换一个文件名或先自行删除"
        )
    parent = real.parent
    if not parent.is_dir():
        raise OutputRefused(f"离线包的目录 “{parent}” 不存在；请先建立它")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputRefused(f"没有权限在 “{parent}” 中写入离线包")


def written_by_us(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.comment == ZIP_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def temp_root(config_dir: Path) -> Path:
    """`.bulletins-tmp/` beside the config, created if needed, with dead builds' leftovers gone."""
    root = config_dir / TMP_NAME
    if root.is_symlink():  # a build writes only its output folder, never through a link
        raise OutputRefused(f"“{root}” 是符号链接：构建不通过符号链接写临时文件；请删去这个链接")
    root.mkdir(exist_ok=True)
    clean_stale(root)
    return root


def new_temp(root: Path, kind: str) -> Path:
    """A fresh folder in `root` named after this process, so others know it is in use."""
    return Path(tempfile.mkdtemp(prefix=f"{kind}-{os.getpid()}-", dir=root))


def clean_stale(root: Path) -> list[str]:
    """Remove folders in `root` whose build process is gone; returns their names.

    Other entries (a search indexer's work folder inside a build's) are removed only
    when no other build is running, since they may be that build's.
    """
    removed = []
    entries = sorted(os.listdir(root))
    owners = {e: _pid_of(e) for e in entries}
    others_running = any(
        pid is not None and pid != os.getpid() and _alive(pid) for pid in owners.values()
    )
    for entry, pid in owners.items():
        if pid == os.getpid():
            continue
        if pid is None and others_running:
            continue
        if pid is not None and _alive(pid):
            continue
        path = root / entry
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _pid_of(entry: str) -> int | None:
    """`build-1234-x7q` → 1234."""
    parts = entry.split("-")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def clean_legacy(target: Path) -> None:
    """Folders earlier versions left beside the output (`.site.building-*`, `.site.old-*`)."""
    parent = target.parent
    if not parent.is_dir():
        return
    for kind in ("building", "old", "copy"):  # not `next`: a running serve's
        for leftover in parent.glob(f".{target.name}.{kind}-*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def clean_zip_parts(zip_file: Path) -> None:
    """Half-written zips (`.site.zip.<pid>.part`) of builds no longer running."""
    if not zip_file.parent.is_dir():
        return
    for part in zip_file.parent.glob(f".{zip_file.name}.*.part"):
        pid = part.name[len(zip_file.name) + 2 : -len(".part")]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            part.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            if f.read().rsplit(")", 1)[-1].split()[:1] == ["Z"]:
                return False  # killed, not yet reaped
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
