"""Which content file each generated page comes from, for the "edit this page" link.

A report's page comes from its `.md`, a unit's, a pairing's and an indicator's
page from the `.yml` that defines it; totals pages (home, years, regions, the
lists) have no single source and get no link. Paths are those the records carry
(`Source.path`, as the content folder was shown when loaded). This module must
not import MkDocs.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from generator.content.model import Content
from generator.site.pages.sitemap import indicator_uri, pairing_uri, report_uri, unit_uri


def page_sources(content: Content) -> dict[str, str]:
    """Generated page source path → the content file it is made from (`Source.path`)."""
    out: dict[str, str] = {}
    for r in content.reports:
        out[report_uri(r)] = r.source.path
    for uid, unit in content.units.items():
        out[unit_uri(uid)] = unit.source.path
    for pid, pairing in content.pairings.items():
        out[pairing_uri(pid)] = pairing.source.path
    for iid, indicator in content.indicators.items():
        out[indicator_uri(iid)] = indicator.source.path
    return {uri: path for uri, path in sorted(out.items()) if path}


def edit_paths(
    content: Content, shown_root: str, content_dir: Path, docs_dir: Path
) -> dict[str, str]:
    """Generated page source path → its content file relative to `docs_dir` (POSIX), the form
    MkDocs joins to `edit_uri`; `shown_root` is how `content_dir` appears in `Source.path`."""
    prefix = shown_root.rstrip("/") + "/"
    base = os.path.abspath(docs_dir)
    out: dict[str, str] = {}
    for uri, path in page_sources(content).items():
        if not path.startswith(prefix):
            continue
        file = os.path.abspath(content_dir / path[len(prefix) :])
        out[uri] = posixpath.normpath(os.path.relpath(file, base).replace(os.sep, "/"))
    return out
