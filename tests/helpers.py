"""Helpers for tests that build small content trees on disk.

`make_tree(tmp_path, files)` writes files under `tmp_path/content` and returns
that folder; `BASE` is a minimal valid tree (two units, one pairing, one report,
two indicators) that tests override one file at a time. Test-only code.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.problems import Problem
from generator.content.validate import load_content

BASE: dict[str, str | bytes] = {
    "indicators.yml": (
        "lectures:\n  name: 专题讲座\n  unit: 次\nroad-hardened:\n  name: 硬化道路\n  unit: 米\n"
    ),
    "units/a-school.yml": "name: 甲学校\nkind: school\n",
    "units/b-school.yml": "name: 乙学校\nkind: school\n",
    "pairings/a-b.yml": (
        "supporters: [a-school]\nrecipients: [b-school]\nsector: education\nsince: 2010\n"
    ),
    "reports/2012/a-b.md": (
        "---\n"
        "author: a-school\n"
        "figures:\n"
        "  lectures: 80余次\n"
        "---\n"
        "# 2012年度工作总结\n"
        "\n"
        "开展讲座。\n"
    ),
}


def make_tree(tmp_path: Path, files: dict[str, str | bytes | None], base: bool = False) -> Path:
    """Write `files` (path relative to content/ → text or bytes) and return the content folder.

    With `base=True` the minimal valid tree `BASE` is written first; a value of
    `None` in `files` leaves that base file out.
    """
    root = tmp_path / "content"
    merged: dict[str, str | bytes | None] = {**(BASE if base else {}), **files}
    for rel, data in merged.items():
        if data is None:
            continue
        f = root / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            f.write_bytes(data)
        else:
            f.write_bytes(data.encode("utf-8"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def problems_of(
    tmp_path: Path,
    files: dict[str, str | bytes | None],
    audience: str | None = None,
    base: bool = True,
) -> list[Problem]:
    """Every problem of the base tree with `files` overriding it."""
    root = make_tree(tmp_path, files, base=base)
    _, problems = load_content(root, audience)
    return problems


def assert_export_links_land(docs: Path) -> None:
    """Every relative link between the pages of an export (`bulletins export`, its `docs/`)
    lands on an exported page or file (directory URLs: `x/` is `x.md` or `x/index.md`)."""
    from generator.site.export import page_url

    for page in docs.rglob("*.md"):
        here = page_url(page.relative_to(docs).as_posix())
        for href in re.findall(r'href="([^"#:]+)"', page.read_text(encoding="utf-8")):
            target = (Path("/site") / here / href).resolve().relative_to("/site").as_posix()
            if href.endswith("/") or href in ("./", ".."):
                candidates = [f"{target}.md", f"{target}/index.md", "index.md"]
                assert any((docs / c).is_file() for c in candidates if c), (page, href)
            else:
                assert (docs / target).is_file(), (page, href)
