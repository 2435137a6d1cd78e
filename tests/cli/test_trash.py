"""The previous site is moved out of the way in one rename and deleted in the background
(generator/cli/trash.py): the build does not wait for it, nothing is left behind for long, a
deletion that was killed is finished by the next build, and where the trash cannot be used
the old site is deleted at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import SMALL, write_site

from generator.cli import main
from generator.cli.trash import discarder, trash_folder
from generator.plugin.preview import swap_in

pytestmark = pytest.mark.slow  # builds whole sites


def _until_empty(folder: Path, seconds: float = 60) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = sorted(os.listdir(folder)) if folder.is_dir() else []
        if not left:
            return []
        time.sleep(0.1)
    return left


def test_the_old_site_goes_to_the_trash_and_is_deleted(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write_site(root, SMALL)
    runner = CliRunner()
    result = runner.invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    )
    assert result.exit_code == 0, result.output
    first = {p.relative_to(root / "site") for p in (root / "site").rglob("*")}
    (root / "site" / "marker.txt").write_text("the old site", encoding="utf-8")
    # A folder a killed deleter left: the next build's deleter removes it too.
    leftover = trash_folder(root) / "site-killed" / "old"
    leftover.mkdir(parents=True)
    (leftover / "index.html").write_text("old", encoding="utf-8")
    result = runner.invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    )
    assert result.exit_code == 0, result.output
    assert not (root / "site" / "marker.txt").exists()
    assert {p.relative_to(root / "site") for p in (root / "site").rglob("*")} == first
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []
    assert os.listdir(root / ".bulletins-tmp") == []
    assert _until_empty(trash_folder(root)) == []


def test_without_the_trash_the_old_site_is_deleted_at_once(tmp_path: Path) -> None:
    served, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((served, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    root = tmp_path / "proj"
    root.mkdir()
    (root / ".bulletins-cache").write_text("a file, not a folder", encoding="utf-8")
    swap_in(new, served, discarder(root))
    assert (served / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == ["proj", "site"]  # the old site already gone


@pytest.mark.parametrize("linked", ["trash", "cache"])
def test_a_linked_trash_is_never_emptied(tmp_path: Path, linked: str) -> None:
    """A checkout may hold `.bulletins-cache/trash` (or the cache folder) as a symbolic link:
    the deleter must not follow it and delete whatever lies there; the old site is deleted at
    once instead. Only folders the trash module made (`site-…`) are ever deleted."""
    root = tmp_path / "proj"
    write_site(root, SMALL)
    victim = tmp_path / "elsewhere"
    (victim / "photos").mkdir(parents=True)
    (victim / "photos" / "a.jpg").write_text("keep", encoding="utf-8")
    (victim / "site-looks-like-ours").mkdir()
    if linked == "trash":
        (root / ".bulletins-cache").mkdir()
        (root / ".bulletins-cache" / "trash").symlink_to(victim, target_is_directory=True)
    else:
        (root / ".bulletins-cache").symlink_to(victim, target_is_directory=True)
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(
            main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
        )
        assert result.exit_code == 0, result.output
    time.sleep(1.5)  # a deleter, were one started, has had time to run
    assert (victim / "photos" / "a.jpg").read_text(encoding="utf-8") == "keep"
    assert (victim / "site-looks-like-ours").is_dir()
    assert (root / "site" / "index.html").is_file()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_the_deleter_touches_only_its_own_folders(tmp_path: Path) -> None:
    trash = tmp_path / "trash"
    (trash / "site-abc" / "old").mkdir(parents=True)
    (trash / "notes").mkdir()
    (trash / "site-link").symlink_to(tmp_path / "notes-target", target_is_directory=True)
    (tmp_path / "notes-target").mkdir()
    (tmp_path / "notes-target" / "keep.txt").write_text("keep", encoding="utf-8")
    from generator.cli.trash import empty_trash

    empty_trash(trash)
    deadline = time.monotonic() + 30
    while (trash / "site-abc").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not (trash / "site-abc").exists()
    assert (trash / "notes").is_dir()
    assert (tmp_path / "notes-target" / "keep.txt").is_file()
