"""Whole sites built through the content cache (generator/content/cache.py) equal clean builds
without it, byte for byte: after a file is touched without a change, after a change that keeps
the file's size and modification time, and after the cache file is damaged; and a problem in
a file stops the build with the same message whether the file was cached or not."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import REPO, corpus_yml

from generator.cli import main
from generator.content.cache import FILE

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402

pytestmark = pytest.mark.slow


def _build(project: Path, site: Path) -> tuple[int, str]:
    saved, cwd = dict(os.environ), Path.cwd()
    os.chdir(project)  # problems name files relative to the working folder: content/…
    try:
        result = CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
        )
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)
    return result.exit_code, result.output


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same_as_clean(project: Path, tmp: Path, name: str) -> None:
    code, out = _build(project, tmp / f"inc-{name}")
    assert code == 0, out
    fresh = tmp / f"fresh-{name}"
    shutil.copytree(project / "content", fresh / "content")
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    code, out = _build(fresh, tmp / f"clean-{name}")
    assert code == 0, out
    inc, clean = _tree(tmp / f"inc-{name}"), _tree(tmp / f"clean-{name}")
    assert sorted(inc) == sorted(clean), name
    assert [p for p in clean if inc[p] != clean[p]] == [], name
    shutil.rmtree(fresh)


def test_cached_content_builds_the_clean_site(tmp_path: Path) -> None:
    project = tmp_path / "project"
    generate(project / "content", reports=24)
    (project / "mkdocs.yml").write_text(
        corpus_yml({"audience": "public", "search": "local"}), encoding="utf-8"
    )
    code, out = _build(project, tmp_path / "first")
    assert code == 0, out
    stored = project / ".bulletins-cache" / "content" / FILE
    assert stored.is_file()
    report = sorted((project / "content" / "reports").glob("*/*.md"))[0]

    # Touched, not changed.
    st = report.stat()
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns + 3_000_000_000))
    _same_as_clean(project, tmp_path, "touched")

    # Changed, keeping size and modification time: one digit for another.
    st = report.stat()
    text = report.read_text(encoding="utf-8")
    at = next(i for i, c in enumerate(text) if c in "123456789" and i > text.index("figures:"))
    changed = text[:at] + ("2" if text[at] != "2" else "3") + text[at + 1 :]
    report.write_text(changed, encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert report.stat().st_size == st.st_size
    _same_as_clean(project, tmp_path, "same-stat")
    inc = (tmp_path / "inc-same-stat" / "data" / "figures.csv").read_bytes()
    assert inc != (tmp_path / "inc-touched" / "data" / "figures.csv").read_bytes()

    # The cache file cut in half: ignored, the same site, rebuilt.
    stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])
    _same_as_clean(project, tmp_path, "damaged")
    assert stored.stat().st_size > 0

    # A problem in a cached file: the build stops with the same lines as without the cache.
    bad = text.replace("figures:\n", "figures:\n  no-such-indicator: 5次\n", 1)
    report.write_text(bad, encoding="utf-8")
    first_code, first = _build(project, tmp_path / "bad1")
    second_code, second = _build(project, tmp_path / "bad2")  # the file's parse now cached
    fresh = tmp_path / "fresh-bad"
    shutil.copytree(project / "content", fresh / "content")
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    plain_code, plain = _build(fresh, tmp_path / "bad3")
    assert first_code == second_code == plain_code != 0
    lines = [line for line in plain.splitlines() if "E310" in line]
    assert lines and report.name in lines[0]
    assert [line for line in first.splitlines() if "E310" in line] == lines
    assert [line for line in second.splitlines() if "E310" in line] == lines
