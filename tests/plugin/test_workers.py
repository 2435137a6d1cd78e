"""Pages rendered in worker processes (plugin/workers.py): the same site, byte for byte, as
one process builds; a child's warnings reach the summary and --strict; a child that dies
fails the build and leaves the previous site as it was."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sites import REPO, corpus_yml

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.plugin import workers  # noqa: E402
from generator.plugin.options import BulletinsConfig  # noqa: E402


def test_workers_option() -> None:
    assert workers.count("auto", cpus=1) == 1
    assert workers.count("auto", cpus=8) == 2
    assert workers.count(3) == 3
    for given, errors in (("auto", 0), (2, 0), (0, 1), ("two", 1), (True, 1)):
        options = BulletinsConfig()
        options.load_dict({"workers": given})
        failed, _ = options.validate()
        assert len(failed) == errors, given
    assert [workers.owner(i, 2) for i in range(4)] == [0, 1, 0, 1]


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _project(root: Path, corpus: Path, search: str, n: int) -> Path:
    shutil.copytree(corpus, root / "content")
    (root / "mkdocs.yml").write_text(
        corpus_yml({"search": search, "workers": n, "pagefind_shard_pages": 60}), encoding="utf-8"
    )
    return root


def _build(project: Path, site: Path, *extra: str) -> Result:
    saved = dict(os.environ)
    try:
        return CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra]
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _built(project: Path, site: Path, *extra: str) -> str:
    result = _build(project, site, *extra)
    assert result.exit_code == 0, result.output
    return result.output


def _merged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages the parent merged from its children in the builds that follow."""
    seen: list[str] = []
    merge = workers.merge

    def noting(src: str, *args: object, **kwargs: object) -> None:
        seen.append(src)
        merge(src, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "merge", noting)
    return seen


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root / "content", reports=40)
    return root / "content"


@pytest.mark.slow
@pytest.mark.parametrize("search", ["local", "pagefind"])
def test_two_processes_build_the_same_site(
    search: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _project(tmp_path / "one", corpus, search, 1)
    two = _project(tmp_path / "two", corpus, search, 2)
    merged = _merged(monkeypatch)
    _built(one, tmp_path / "site-1")
    assert merged == []
    _built(two, tmp_path / "site-2")
    pages = len(list((tmp_path / "site-1").rglob("*.html")))
    assert len(merged) > pages / 3  # the child built about half the pages
    assert _tree(tmp_path / "site-2") == _tree(tmp_path / "site-1")

    # An incremental rebuild after an edit, in two processes: as one process builds it clean.
    for project in (one, two):
        report = sorted((project / "content" / "reports").glob("*/*.md"))[0]
        text = report.read_text(encoding="utf-8")
        edited = re.sub(r"(figures:\n  [a-z-]+: )(\d+)", r"\g<1>1\2", text, count=1)
        assert edited != text
        report.write_text(edited + "\n另补一句。\n", encoding="utf-8")
    merged.clear()
    out = _built(two, tmp_path / "site-2")
    assert "沿用上次生成的" in out and merged  # reused pages, and a child rendered some
    shutil.rmtree(one / ".bulletins-cache")
    _built(one, tmp_path / "site-1")
    assert _tree(tmp_path / "site-2") == _tree(tmp_path / "site-1")


def _warnings(output: str) -> list[str]:
    """The broken-link warnings, each project's folder left out."""
    return sorted(
        re.sub(r"^.*/(one|two)/", "", line)
        for line in output.splitlines()
        if "missing-page" in line
    )


@pytest.mark.slow
def test_a_childs_warnings_reach_the_summary_and_strict(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _project(tmp_path / "one", corpus, "local", 1)
    two = _project(tmp_path / "two", corpus, "local", 2)
    for project in (one, two):  # a broken link in every report: both processes warn
        for report in (project / "content" / "reports").glob("*/*.md"):
            with report.open("a", encoding="utf-8") as f:
                f.write("\n见[缺失的页面](missing-page.md)。\n")
    merged = _merged(monkeypatch)
    expected = _warnings(_built(one, tmp_path / "site-1"))
    assert len(expected) == 40
    got = _warnings(_built(two, tmp_path / "site-2"))
    assert got == expected
    assert any(src.startswith("reports/") for src in merged)
    assert _tree(tmp_path / "site-2") == _tree(tmp_path / "site-1")
    strict = _build(two, tmp_path / "strict", "--strict")
    assert strict.exit_code != 0 and not (tmp_path / "strict").exists()
    alone = _build(one, tmp_path / "strict-1", "--strict")
    assert alone.exit_code != 0 and set(expected) <= set(_warnings(alone.output))
    assert _warnings(strict.output) == _warnings(alone.output)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["killed", "raises"])
def test_a_child_that_fails_fails_the_build(
    how: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = _project(tmp_path / "two", corpus, "local", 2)
    site = tmp_path / "site"
    _built(two, site, "--clean")
    before = _tree(site)
    report = sorted((two / "content" / "reports").glob("*/*.md"))[0]
    report.write_text(report.read_text(encoding="utf-8") + "\n改动。\n", encoding="utf-8")
    parent = os.getpid()
    from mkdocs.commands import build as mkdocs_build

    build_page = mkdocs_build._build_page

    def failing(page: object, *args: object, **kwargs: object) -> None:
        if os.getpid() != parent:  # only in the child
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("模拟的故障")
        build_page(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    result = _build(two, site, "--clean")
    assert result.exit_code != 0
    assert "子进程" in result.output, result.output
    if how == "killed":
        assert "信号 9" in result.output and "原有网站保持不变" in result.output
    else:
        assert "模拟的故障" in result.output
    assert "Traceback" not in result.output
    assert _tree(site) == before
