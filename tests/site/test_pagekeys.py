"""Spec keys computed in two processes (site/pagekeys.py) are those one process computes,
page for page; a child that dies costs time, not keys."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.content.audience import select_audience
from generator.content.load.tree import load_tree
from generator.content.validate import validate_tree
from generator.site import pagekeys, pages
from generator.site.aggregate import indexed_parts
from generator.site.digest import Digester

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from bench import corpus  # noqa: E402


def _values(root: Path, audience: str) -> tuple[list[tuple[Any, ...]], Any]:
    content, _ = validate_tree(load_tree(root), audience)
    content = select_audience(content, audience)
    specs = pages.build_pages(content, audience=audience)
    values = [pagekeys.spec_values(s, (s.src_uri, None), "files") for s in specs]
    values.append(("no stable form", lambda: None))  # a value that cannot be hashed: None
    return values, (content.reports, indexed_parts(content))


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("corpus") / "content"
    corpus.generate(root, reports=120, seed=3)
    return [REPO / "content", root]


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_two_processes_give_the_keys_of_one(
    trees: list[Path], audience: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagekeys, "FORK_FROM", 0)
    for root in trees:
        values, shared = _values(root, audience)
        one = pagekeys.spec_keys(Digester(), values, processes=1)
        two = pagekeys.spec_keys(Digester(), values, processes=2, shared=shared)
        assert two == one
        assert one[-1] is None and None not in one[:-1]
        assert one == [Digester().of(*v) for v in values[:-1]] + [None]


def test_a_child_that_dies_costs_only_time(
    trees: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagekeys, "FORK_FROM", 0)
    values, shared = _values(trees[0], "public")
    expected = pagekeys.spec_keys(Digester(), values)
    parent = os.getpid()
    real = pagekeys._key

    def dying(digester: Digester, v: tuple[Any, ...]) -> str | None:
        if os.getpid() != parent:
            os._exit(3)
        return real(digester, v)

    monkeypatch.setattr(pagekeys, "_key", dying)
    assert pagekeys.spec_keys(Digester(), values, processes=2, shared=shared) == expected


def test_few_pages_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    values = [("a", i) for i in range(pagekeys.FORK_FROM - 1)]
    assert pagekeys.spec_keys(Digester(), values, processes=2) == [
        Digester().of(*v) for v in values
    ]


@pytest.mark.slow
def test_an_incremental_build_with_keys_from_two_processes_equals_a_clean_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole site: keys forked (whatever the page count) then an edit; the incremental
    build reuses pages and equals a clean build of the edited content, byte for byte."""
    import shutil

    from click.testing import CliRunner
    from sites import corpus_yml

    from generator.cli import main
    from generator.plugin import incremental

    monkeypatch.setattr(pagekeys, "FORK_FROM", 0)
    processes = []
    real = pagekeys.spec_keys

    def counted(*args: Any, **kwargs: Any) -> list[str | None]:
        processes.append(kwargs["processes"])
        return real(*args, **kwargs)

    monkeypatch.setattr(incremental, "spec_keys", counted)

    def build(project: Path, site: Path) -> str:
        saved = dict(os.environ)
        try:
            result = CliRunner().invoke(
                main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
            )
        finally:
            os.environ.clear()
            os.environ.update(saved)
        assert result.exit_code == 0, result.output
        return result.output

    def tree(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()
        }

    yml = corpus_yml({"audience": "public", "search": "local", "workers": 2})
    project, fresh = tmp_path / "project", tmp_path / "fresh"
    corpus.generate(project / "content", reports=40, seed=11)
    (project / "mkdocs.yml").write_text(yml, encoding="utf-8")
    build(project, tmp_path / "first")
    report = sorted((project / "content" / "reports").rglob("*.md"))[3]
    corpus.edit_report(report)
    out = build(project, tmp_path / "second")
    assert "沿用上次生成的 0 页" not in out and "沿用上次生成的" in out
    assert processes == [2, 2]  # the keys were computed in two processes
    shutil.copytree(project / "content", fresh / "content")
    (fresh / "mkdocs.yml").write_text(yml, encoding="utf-8")
    build(fresh, tmp_path / "clean")
    inc, clean = tree(tmp_path / "second"), tree(tmp_path / "clean")
    assert sorted(inc) == sorted(clean)
    assert [p for p in clean if inc[p] != clean[p]] == []
