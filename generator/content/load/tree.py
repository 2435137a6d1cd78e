"""Find and parse every file of a content tree, without judging the records.

Output is `RawTree`: for each file kind, the parsed YAML (with positions) keyed
by the id taken from the file name, plus reports' Markdown bodies. Problems of
reading (encoding, YAML syntax, file names) are collected here; problems of
meaning are the validator's. This module must not import MkDocs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.cache import ContentCache
from generator.content.gc_pause import paused_gc
from generator.content.load.parse import RawDoc, load_markdown_file, load_yaml_file
from generator.content.load.text import not_regular
from generator.content.load.yaml import YamlDoc
from generator.content.problems import Problem
from generator.content.safe_files import FOLDER, MISSING, REGULAR, entry_kind
from generator.content.schema import MAX_YEAR, MIN_YEAR, RESERVED_PAGE_IDS

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
YEAR_RE = re.compile(r"^[0-9]{4}$")
YAML_EXT = (".yml", ".yaml")
IGNORED = {"README.md", "readme.md", ".gitkeep", ".DS_Store", "Thumbs.db"}
ATTACHMENTS = frozenset(
    {"png", "jpg", "jpeg", "gif", "webp", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx"}
    | {"odt", "ods", "odp", "wps", "et", "dps", "ofd"}
)
"""Attachment types published from pages/ (images, PDF, office documents): no HTML, no SVG."""
MARKDOWN_EXT = frozenset({"markdown", "mdown", "mkdn", "mkd", "mdwn", "mdtxt", "mdtext"})


@dataclass
class RawTree:
    """Everything read from `content/`, not yet validated."""

    root: Path
    indicators: YamlDoc | None = None
    sectors: YamlDoc | None = None
    synonyms: YamlDoc | None = None
    units: list[RawDoc] = field(default_factory=list)
    pairings: list[RawDoc] = field(default_factory=list)
    reports: list[RawDoc] = field(default_factory=list)
    pages: list[RawDoc] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    """Non-Markdown files under `pages/` (images, PDFs), relative to content/pages."""
    problems: list[Problem] = field(default_factory=list)
    known_ids: dict[str, set[str]] = field(default_factory=dict)
    """Ids of every unit / pairing file found (`"units"` → ids), even those that failed
    to read or parse, so a reference to a broken file is not also reported as unknown."""


@paused_gc()  # no cycles among the records built here: see gc_pause
def load_tree(
    root: Path,
    display_root: str = "content",
    site_files: frozenset[str] = frozenset(),
    cache: ContentCache | None = None,
) -> RawTree:
    """Read every file under `root` (the content folder).

    `site_files`: paths under pages/ that the site's config names itself (its
    `extra_css`, `extra_javascript`): the site owner's, not editors' files, so they are
    neither refused nor read. `cache`: each file's parse, by its bytes (content/cache.py)."""
    cache = cache or ContentCache(None)
    tree = RawTree(root=root)
    if not root.is_dir():
        tree.problems.append(
            Problem(
                display_root,
                1,
                1,
                "E107",
                f"找不到内容目录 “{display_root}”（应包含 units/、pairings/、reports/）",
            )
        )
        return tree

    def rel(p: Path) -> str:
        return display_root + "/" + p.relative_to(root).as_posix()

    for name, attr in (
        ("indicators", "indicators"),
        ("sectors", "sectors"),
        ("synonyms", "synonyms"),
    ):
        files = [
            root / (name + ext) for ext in YAML_EXT if entry_kind(root / (name + ext)) != MISSING
        ]
        for f in files[1:]:
            tree.problems.append(
                Problem(rel(f), 1, 1, "E312", f"与 {rel(files[0])} 重复；只保留一个")
            )
        if files and _refused(files[0], rel(files[0]), tree.problems):
            files = []
        if files:
            doc = load_yaml_file(files[0], rel(files[0]), tree.problems, cache)
            setattr(tree, attr, doc)

    for kind in ("units", "pairings"):
        folder = root / kind
        if entry_kind(folder) == MISSING or _refused(folder, rel(folder), tree.problems):
            continue
        if not folder.is_dir():
            tree.problems.append(Problem(rel(folder), 1, 1, "E107", f"{kind} 应是目录"))
            continue
        seen: dict[str, str] = {}
        for f in _entries(folder):
            if _skip(f):
                continue
            path = f"{display_root}/{kind}/{f.name}"  # rel(f), without pathlib's work per file
            if _refused(f, path, tree.problems):
                continue
            if f.is_dir() or f.suffix not in YAML_EXT:
                tree.problems.append(
                    Problem(
                        path, 1, 1, "E107", f"{kind}/ 目录中只能放 .yml 文件，而这是 “{f.name}”"
                    )
                )
                continue
            rid = f.name[: -len(f.suffix)]
            if not _check_id(rid, path, tree.problems):
                continue
            if rid in seen:
                tree.problems.append(
                    Problem(path, 1, 1, "E312", f"编号 “{rid}” 与 {seen[rid]} 重复")
                )
                continue
            seen[rid] = path
            tree.known_ids.setdefault(kind, set()).add(rid)
            doc = load_yaml_file(f, path, tree.problems, cache)
            if doc is not None:
                getattr(tree, kind).append(RawDoc(id=rid, path=path, doc=doc))

    reports = root / "reports"
    if entry_kind(reports) == MISSING or _refused(reports, rel(reports), tree.problems):
        pass
    elif reports.is_dir():
        for year_dir in _entries(reports):
            if year_dir.name in IGNORED or year_dir.name.startswith("."):
                continue
            if _refused(year_dir, rel(year_dir), tree.problems):
                continue
            if not year_dir.is_dir() or not YEAR_RE.match(year_dir.name):
                msg = f"reports/ 下应是四位年份目录（如 reports/2015/），而这是 “{year_dir.name}”"
                tree.problems.append(Problem(rel(year_dir), 1, 1, "E105", msg))
                continue
            if not MIN_YEAR <= int(year_dir.name) <= MAX_YEAR:
                msg = f"年份目录 “{year_dir.name}” 不在 {MIN_YEAR}–{MAX_YEAR} 年之间；请核对年份"
                tree.problems.append(Problem(rel(year_dir), 1, 1, "E105", msg))
                continue
            for f in _entries(year_dir):
                if _skip(f):
                    continue
                path = f"{display_root}/reports/{year_dir.name}/{f.name}"  # rel(f)
                if _refused(f, path, tree.problems):
                    continue
                if f.is_dir() or f.suffix != ".md":
                    msg = f"reports/{year_dir.name}/ 中只能放 .md 文件，而这是 “{f.name}”"
                    tree.problems.append(Problem(path, 1, 1, "E107", msg))
                    continue
                rid = f.stem
                if not _check_id(rid, path, tree.problems):
                    continue
                raw = load_markdown_file(f, path, rid, tree.problems, cache)
                if raw is not None:
                    raw.folder = year_dir.name
                    tree.reports.append(raw)

    pages = root / "pages"
    if entry_kind(pages) != MISSING and not _refused(pages, rel(pages), tree.problems):
        _load_pages(root, pages, tree, rel, site_files, cache)
    return tree


def _load_pages(
    root: Path,
    pages: Path,
    tree: RawTree,
    rel: Callable[[Path], str],
    site_files: frozenset[str] = frozenset(),
    cache: ContentCache | None = None,
) -> None:
    """Free pages (`.md` directly in pages/) and attachments of the listed types; anything
    else (backups, other Markdown extensions, HTML, SVG, stylesheets) is refused (E109)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(pages):
        here = Path(folder)
        for d in sorted(dirs):
            if not d.startswith("."):
                _refused(here / d, rel(here / d), tree.problems)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and entry_kind(here / d) == FOLDER
        )
        found += [here / name for name in files if name not in IGNORED and not name.startswith(".")]
    for f in sorted(found):
        if _refused(f, rel(f), tree.problems):
            continue
        if f.relative_to(pages).as_posix() in site_files:
            continue
        name = f.name.lower()
        kind = name.rsplit(".", 1)[-1] if "." in name else ""
        if kind != "md":
            if kind in ATTACHMENTS and f.is_file():
                tree.assets.append(f.relative_to(pages).as_posix())
            else:
                what = (
                    "Markdown 页面只能用 .md 扩展名" if kind in MARKDOWN_EXT else "不发布这种文件"
                )
                msg = (
                    f"pages/ 中的 “{f.name}”：{what}；页面用 .md，附件只能是图片、PDF 或办公文档"
                    f"（{', '.join(sorted(ATTACHMENTS))}）。备份和其他文件请移出 content/"
                )
                tree.problems.append(Problem(rel(f), 1, 1, "E109", msg))
            continue
        if f.parent != pages:
            tree.problems.append(
                Problem(rel(f), 1, 1, "E107", "自由页面应直接放在 pages/ 下，不要放在子目录中")
            )
            continue
        if not _check_id(f.stem, rel(f), tree.problems):
            continue
        if f.stem in RESERVED_PAGE_IDS:
            msg = (
                f"自由页面不能叫 “{f.name}”：网站的 /{f.stem}/ 已由生成的页面使用"
                f"（保留名称：{'、'.join(sorted(RESERVED_PAGE_IDS))}）；请改名，例如 "
                f"{f.stem}-intro.md"
            )
            tree.problems.append(Problem(rel(f), 1, 1, "E111", msg))
            continue
        raw = load_markdown_file(f, rel(f), f.stem, tree.problems, cache)
        if raw is not None:
            tree.pages.append(raw)


def _entries(folder: Path) -> list[Path]:
    """A folder's entries in `sorted(folder.iterdir())`'s order, without comparing paths
    (pathlib compares every part of both: a third of loading 5,000 cached reports). Within
    one folder that order is the names' (case-folded as the platform's paths compare)."""
    return [folder / name for name in sorted(os.listdir(folder), key=os.path.normcase)]


def _refused(f: Path, path: str, problems: list[Problem]) -> bool:
    """Every symbolic link under content/ is refused (E110), wherever it leads: a link
    inside content/ can give an internal record a public file's name. FIFOs, devices and
    sockets are refused (E112) without being opened. Decided by `lstat` alone."""
    if entry_kind(f) in (REGULAR, FOLDER, MISSING):
        return False
    problems.append(not_regular(f, path))
    return True


def _skip(f: Path) -> bool:
    """Editors' tool litter (.DS_Store, .gitkeep, README.md) is passed over; a hidden
    record file (`..evil.yml`, `.x.md`) is not: its id is checked, and refused."""
    if f.name in IGNORED:
        return True
    return f.name.startswith(".") and f.suffix not in (*YAML_EXT, ".md")


def _check_id(rid: str, path: str, problems: list[Problem]) -> bool:
    if ID_RE.match(rid):
        return True
    suggestion = re.sub(r"[^a-z0-9-]+", "-", rid.lower()).strip("-")[:64]
    hint = f"，例如 “{suggestion}”" if suggestion and ID_RE.match(suggestion) else ""
    msg = (
        f"文件名 “{rid}” 不能作编号：只能用小写英文字母、数字和连字符（-），以字母或数字开头，"
        f"最长 64 个字符{hint}（中文名可用 `bulletins new` 生成拼音编号）"
    )
    problems.append(Problem(path, 1, 1, "E105", msg))
    return False
