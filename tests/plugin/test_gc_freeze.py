"""The plugin leaves the content, specs and files out of the cycle collector's walks while it
builds (`gc.freeze` in plugin.py): the same site byte for byte as with every object walked, and
nothing left frozen once a build ends, whether it succeeded or failed, so `serve`'s next build
(or a test's) starts with a whole collector."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sites import REPO, corpus_yml

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.plugin import plugin  # noqa: E402

pytestmark = pytest.mark.slow


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(project: Path, site: Path) -> Result:
    saved = dict(os.environ)
    try:
        return CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site), "--clean"]
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("freeze")
    generate(root / "content", reports=40)
    (root / "mkdocs.yml").write_text(
        corpus_yml({"search": "local", "workers": 2}), encoding="utf-8"
    )
    return root


def test_frozen_build_equals_a_walked_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[int] = []

    def freeze() -> None:
        gc.freeze()
        frozen.append(gc.get_freeze_count())

    monkeypatch.setattr(plugin, "gc", types.SimpleNamespace(freeze=freeze, unfreeze=gc.unfreeze))
    result = _build(project, tmp_path / "frozen")
    assert result.exit_code == 0, result.output
    assert len(frozen) >= 4 and min(frozen) > 0, "content, specs, files and after the workers"
    assert gc.get_freeze_count() == 0 and gc.isenabled(), "nothing left frozen after the build"

    walked = types.SimpleNamespace(freeze=lambda: None, unfreeze=gc.unfreeze)
    monkeypatch.setattr(plugin, "gc", walked)
    result = _build(project, tmp_path / "walked")
    assert result.exit_code == 0, result.output
    assert _tree(tmp_path / "frozen") == _tree(tmp_path / "walked")


def test_nothing_left_frozen_after_a_failed_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Content errors stop the build before anything is frozen; a failure after on_config (here
    in on_files) leaves frozen objects for on_build_error to give back."""
    broken = tmp_path / "broken"
    shutil.copytree(project, broken)
    report = sorted((broken / "content" / "reports").glob("*/*.md"))[0]
    report.write_text("---\nfigures: [unclosed\n---\n", encoding="utf-8")
    assert _build(broken, tmp_path / "site").exit_code != 0
    assert gc.get_freeze_count() == 0 and gc.isenabled()

    def fail(*args: object, **kwargs: object) -> None:
        assert gc.get_freeze_count() > 0
        raise RuntimeError("a failure after on_config")

    monkeypatch.setattr(plugin.site_files, "add_downloads", fail)
    result = _build(project, tmp_path / "site")
    assert result.exit_code != 0 and "a failure after on_config" in repr(result.exception) + (
        result.output
    )
    assert gc.get_freeze_count() == 0 and gc.isenabled()
