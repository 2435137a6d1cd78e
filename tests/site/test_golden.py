"""The example site against stored output (Pelican's functional tests, for this project).

Builds the repository's example content (public audience) and compares what the
generator itself produces with `tests/site/golden/`:

- every HTML page: its `<title>` and its `<article>` (the part the project renders;
  Material's frame around it is Material's), one block-level tag a line so a diff reads;
- every download under `data/`, `feed.xml` and the sitemap's list of addresses.

An intended change shows as a diff a reviewer reads in the commit. To accept one:

    BULLETINS_UPDATE_GOLDEN=1 pytest tests/site/test_golden.py

then read `git diff tests/site/golden/` before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest
from sites import build_example

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("BULLETINS_UPDATE_GOLDEN") == "1"

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_BLOCK = re.compile(
    r">\s*<(?=/?(?:h[1-6]|p|tr|li|div|table|thead|tbody|section|ul|ol|dl|dt|dd|figure|"
    r"figcaption|svg|g|details|summary|nav|blockquote|pre|form)\b)"
)
_LOC = re.compile(r"<loc>(.*?)</loc>")


def _page_text(html: str) -> str:
    title = _TITLE.search(html)
    articles = _ARTICLE.findall(html)
    body = "\n".join(_BLOCK.sub(">\n<", a) for a in articles)
    return f"<title>{title.group(1) if title else ''}</title>\n{body}\n"


def _outputs(site: Path) -> dict[str, str]:
    """Output path → the text the golden copy keeps of it."""
    kept: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")) and rel.endswith((".js", ".css", ".json")):
            continue  # Material's bundle and the search index: not the project's pages
        if rel.endswith(".html"):
            kept[rel] = _page_text(path.read_text(encoding="utf-8"))
        elif rel.startswith("data/") or rel == "feed.xml":
            kept[rel] = path.read_text(encoding="utf-8")
        elif rel == "sitemap.xml":
            kept[rel] = "\n".join(_LOC.findall(path.read_text(encoding="utf-8"))) + "\n"
    return kept


@pytest.mark.slow
def test_example_site_matches_stored_output(tmp_path: Path) -> None:
    got = _outputs(build_example(tmp_path / "site", "public"))
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in got.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return
    stored = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    added = sorted(set(got) - set(stored))
    gone = sorted(set(stored) - set(got))
    changed = sorted(rel for rel in set(got) & set(stored) if got[rel] != stored[rel])
    if not (added or gone or changed):
        return
    report = [f"new: {rel}" for rel in added] + [f"gone: {rel}" for rel in gone]
    for rel in changed[:5]:
        report.extend(
            difflib.unified_diff(
                stored[rel].splitlines(),
                got[rel].splitlines(),
                f"golden/{rel}",
                f"built/{rel}",
                n=1,
                lineterm="",
            )
        )
    if len(changed) > 5:
        report.append(f"… and {len(changed) - 5} more changed files: {changed[5:]}")
    pytest.fail(
        "the example site differs from tests/site/golden/ (if intended: "
        "BULLETINS_UPDATE_GOLDEN=1 pytest tests/site/test_golden.py, then read the diff)\n"
        + "\n".join(report)
    )
