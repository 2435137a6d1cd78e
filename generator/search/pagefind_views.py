"""What Pagefind reads of each page, written where it indexes it: afresh, or kept between builds.

Pagefind indexes a folder of HTML files; each bundle is given its pages' `index_view`s, at their
paths in the site (search/pagefind.py). Made afresh for every bundle indexed (`write_views`),
that is a folder and a file per page, each page read and cut: at 5,000 reports ~1,900 of each
for the one bundle an edited report re-indexes, where creating a folder or a file costs far more
than the cut. The incremental build keeps each bundle's folder between builds instead
(`.bulletins-cache/<slot>/pagefind-views/<bundle>/`) and `update_views` rewrites only the views
whose digest (`view_digest`, as plugin/incremental.py notes each page's) is not the one its file
was written with, and removes the views of pages no longer in the bundle.

The folder's list (`LIST`: page → digest, size, modification time) is written once the folder
is up to date and removed before it is changed: a build killed in between leaves no list, and
the next one makes the folder afresh. A file whose size or time is not as listed is written
again. Pagefind indexes `.html` files only: the list is never indexed. Either way the files are
the same, so the index is (tests/search/test_pagefind_bundles.py compares both).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

ENABLED = True
"""False: every bundle's views are written afresh (the plain path, which tests compare with)."""
LIST = ".views.json"
Cut = Callable[[str], str]
"""A page's HTML → what Pagefind is given of it (search/pagefind.py's `index_view`)."""


def view_digest(view: str) -> str:
    """The digest a view is known by (plugin/incremental.py's `output` takes the same)."""
    return hashlib.blake2b(view.encode("utf-8"), digest_size=16).hexdigest()


def write_views(folder: Path, site_dir: Path, pages: Iterable[str], cut: Cut) -> None:
    """Each page's view (`cut` of its HTML) in `folder` (a new one), at its path in the site."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cut((site_dir / page).read_text(encoding="utf-8")), encoding="utf-8")


def update_views(
    folder: Path, site_dir: Path, pages: Iterable[str], cut: Cut, digests: Mapping[str, str]
) -> None:
    """`folder` made to hold exactly the views (`cut`) of `pages`, rewriting only those whose
    digest in `digests` (by path in the site) is not the one listed for their file."""
    listed = _read_list(folder)
    if listed is None:
        shutil.rmtree(folder, ignore_errors=True)
        listed = {}
    else:
        (folder / LIST).unlink()  # changed from here on: not trusted until listed again
    wanted = list(pages)
    for page in sorted(set(listed).difference(wanted)):
        (folder / page).unlink(missing_ok=True)
        del listed[page]
    for page in wanted:
        target = folder / page
        entry = listed.get(page)
        if entry is not None and entry[0] == digests.get(page) and _stat(target) == entry[1:]:
            continue
        view = cut((site_dir / page).read_text(encoding="utf-8"))
        try:
            target.write_text(view, encoding="utf-8")
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(view, encoding="utf-8")
        listed[page] = [view_digest(view), *_stat(target)]
    text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (folder / LIST).write_text(text, encoding="utf-8")


def prune_views(root: Path, names: Iterable[str]) -> None:
    """Remove the folders of bundles the site no longer has."""
    keep = set(names)
    try:
        found = list(root.iterdir())
    except OSError:
        return
    for path in found:
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _read_list(folder: Path) -> dict[str, list[object]] | None:
    try:
        listed = json.loads((folder / LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(listed, dict) or not all(
        isinstance(v, list) and len(v) == 3 for v in listed.values()
    ):
        return None
    return listed


def _stat(path: Path) -> list[int]:
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]
