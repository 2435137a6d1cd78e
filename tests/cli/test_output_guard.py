"""Issue 13: no command destroys work. The output guard, the zip guard, the atomic swap,
temporary folders that the next build removes, and OS errors as one-line messages."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import SMALL, write_site

import generator.cli.build as cli_build
from generator.cli import main
from generator.cli.output import TMP_NAME, clean_stale
from generator.compat.linux import exchange


def snapshot(root: Path) -> dict[str, object]:
    """Every file, folder and link under `root`, with file bytes and link targets."""
    out: dict[str, object] = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            p = Path(folder) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_file():
                out[rel] = p.read_bytes()
            else:
                out[rel] = "dir"
    return out


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with git-like files, inside a parent folder that holds a sibling file."""
    root = tmp_path / "parent" / "proj"
    write_site(root, SMALL)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.txt").write_text("编辑的笔记\n", encoding="utf-8")
    (tmp_path / "parent" / "sibling.txt").write_text("隔壁的文件\n", encoding="utf-8")
    (root / "theme").mkdir()
    (root / "theme" / "main.html").write_text('{% extends "base.html" %}\n')
    cfg = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        cfg.replace("theme:\n", "theme:\n  custom_dir: theme\n"), encoding="utf-8"
    )
    monkeypatch.chdir(root)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    return root


REFUSED = [
    ["-d", "."],
    ["-d", "content"],
    ["-d", "content/pages"],
    ["-d", "content/pages/site"],
    ["-d", "theme"],
    ["-d", ".."],
    ["-d", "/"],
    ["-d", "notes-folder"],  # holds someone's files, not a site
    ["--zip", "content/indicators.yml"],
    ["--zip", "mkdocs.yml"],
    ["--zip", "notes.txt"],  # a file the build did not write
    ["--zip", "theme/site.zip"],
    ["--zip", "out/site.zip", "-d", "out"],  # inside the output it replaces
    ["--zip", "missing/site.zip"],
    ["--zip", "notes-folder"],
]


@pytest.mark.parametrize("args", REFUSED, ids=[" ".join(a) for a in REFUSED])
def test_each_refused_target_leaves_the_project_byte_for_byte(project, args):
    (project / "notes-folder").mkdir()
    (project / "notes-folder" / "plan.docx").write_bytes(b"PK\x03\x04 not a site")
    (project / "out").mkdir()
    (project / "out" / "index.html").write_text("旧网站")
    parent = project.parent
    before = snapshot(parent)
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code in (1, 2), result.output  # 2: click's own usage error
    assert "Traceback" not in result.output
    assert any(w in result.output for w in ("输出目录", "离线包", "directory")), result.output
    assert snapshot(parent) == before


def test_nested_folder_dot_dot_is_refused(project, monkeypatch):
    """`-d ..` from a folder inside the project would hold the config: refused."""
    (project / "content" / "units").mkdir(exist_ok=True)
    monkeypatch.chdir(project / "content" / "units")
    before = snapshot(project.parent)
    result = CliRunner().invoke(main, ["build", "-f", "../../mkdocs.yml", "-d", "../../.."])
    assert result.exit_code == 1 and "包含" in result.output, result.output
    assert snapshot(project.parent) == before


def test_zip_is_replaced_only_when_the_build_wrote_it(project):
    (project / ".site.zip.999999999.part").write_bytes(b"PK half written by a killed build")
    assert CliRunner().invoke(main, ["build", "-d", "out", "--zip", "site.zip"]).exit_code == 0
    with zipfile.ZipFile(project / "site.zip") as zf:
        assert "out/index.html" in zf.namelist()
    result = CliRunner().invoke(main, ["build", "-d", "out", "--zip", "site.zip"])
    assert result.exit_code == 0, result.output  # its own zip: replaced
    assert not list(project.glob(".site.zip.*"))


def test_symlinked_output_keeps_its_link(project):
    (project / "real-site").mkdir()
    (project / "site").symlink_to("real-site")
    for _ in range(2):
        result = CliRunner().invoke(main, ["build", "-d", "site"])
        assert result.exit_code == 0, result.output
        assert (project / "site").is_symlink() and os.readlink(project / "site") == "real-site"
        assert (project / "real-site" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".real")) == []


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not exchange(a, b):
        pytest.fail("renameat2(RENAME_EXCHANGE) unavailable: the swap would not be atomic here")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_leftovers_of_dead_builds_are_removed_by_the_next(project):
    tmp = project / TMP_NAME
    tmp.mkdir()
    (tmp / "build-999999999-dead").mkdir()
    (tmp / "build-999999999-dead" / "index.html").write_text("internal")
    legacy = project / ".site.building-abc123"
    legacy.mkdir()
    live = tmp / f"build-{os.getppid()}-alive"  # a running process's folder stays
    live.mkdir()
    result = CliRunner().invoke(main, ["build", "-d", "site"])
    assert result.exit_code == 0, result.output
    assert not (tmp / "build-999999999-dead").exists() and not legacy.exists()
    assert live.is_dir()
    assert sorted(os.listdir(tmp)) == [live.name]


def test_a_killed_build_leaves_nothing_the_next_build_keeps(project):
    env = {**os.environ, "BULLETINS_AUDIENCE": "internal"}
    code = "from generator.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "build", "-d", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    tmp = project / TMP_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (tmp.is_dir() and os.listdir(tmp)):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert tmp.is_dir() and os.listdir(tmp), "the build never started writing"
    assert not (project / "site").exists()
    assert clean_stale(tmp) != [] and os.listdir(tmp) == []
    gitignore = (Path(cli_build.__file__).parents[1] / "editor" / "init.py").read_text()
    assert ".bulletins-tmp/" in gitignore


def _fail(err: int, path: str):
    def raiser(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err), path)

    return raiser


@pytest.mark.parametrize("err", [errno.EACCES, errno.ENOSPC, errno.EROFS])
def test_os_errors_are_one_line_messages_and_keep_the_old_site(project, monkeypatch, err):
    assert CliRunner().invoke(main, ["build", "-d", "site"]).exit_code == 0
    before = snapshot(project / "site")
    monkeypatch.setattr(cli_build, "swap_in", _fail(err, str(project / "site")))
    result = CliRunner().invoke(main, ["build", "-d", "site"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert str(project / "site") in result.output
    assert snapshot(project / "site") == before


def test_a_zip_that_cannot_be_written_leaves_the_site_unreplaced(project, monkeypatch):
    assert CliRunner().invoke(main, ["build", "-d", "site"]).exit_code == 0
    before = snapshot(project / "site")
    monkeypatch.setattr(cli_build, "write_zip", _fail(errno.ENOSPC, str(project / "s.zip")))
    result = CliRunner().invoke(main, ["build", "-d", "site", "--zip", "s.zip"])
    assert result.exit_code == 1 and "磁盘已满" in result.output, result.output
    assert snapshot(project / "site") == before and not (project / "s.zip").exists()


def test_a_report_dated_far_ahead_is_a_problem_not_a_crash(project):
    (project / "content" / "reports" / "2200").mkdir()
    (project / "content" / "reports" / "2200" / "uni.md").write_text("正文\n")
    report = project / "content" / "reports" / "2016" / "uni.md"
    report.write_text(
        report.read_text().replace("---\nfigures", "---\npublished: 2107-01-01\nfigures")
    )
    result = CliRunner().invoke(main, ["build", "-d", "site"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "content/reports/2200:1:1: error[E105]" in result.output
    assert "content/reports/2016/uni.md:2:" in result.output


def test_unknown_audience_in_the_environment_is_refused(project, monkeypatch):
    monkeypatch.setenv("BULLETINS_AUDIENCE", "Public")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2 and "Public" in result.output
    result = CliRunner().invoke(main, ["build", "-d", "site"])
    assert result.exit_code == 1 and "Public" in result.output


def test_check_with_a_missing_config_is_a_usage_error(project):
    result = CliRunner().invoke(main, ["check", "-f", "nonexist.yml"])
    assert result.exit_code == 2 and "nonexist.yml" in result.output


@pytest.mark.parametrize("addr", ["127.0.0.1:99999", "127.0.0.1:x", "busy"])
def test_serve_on_a_bad_or_busy_port_is_a_message(project, addr):
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        if addr == "busy":
            addr = f"127.0.0.1:{held.getsockname()[1]}"
        result = CliRunner().invoke(main, ["serve", "-a", addr])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "预览启动失败" in result.output


def test_a_running_builds_work_folders_are_left_alone(tmp_path):
    root = tmp_path / TMP_NAME
    root.mkdir()
    (root / f"build-{os.getppid()}-live").mkdir()
    (root / ".pagefind-abc").mkdir()  # the running build's search indexer
    (root / "build-999999999-dead").mkdir()
    assert clean_stale(root) == ["build-999999999-dead"]
    (root / f"build-{os.getppid()}-live").rmdir()
    assert clean_stale(root) == [".pagefind-abc"] and os.listdir(root) == []


def test_a_read_only_checkout_builds_beside_the_output(project, tmp_path, monkeypatch):
    real_temp_root = cli_build.temp_root

    def read_only_beside_config(folder: Path) -> Path:
        if folder == project:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder / TMP_NAME))
        return real_temp_root(folder)

    monkeypatch.setattr(cli_build, "temp_root", read_only_beside_config)
    out = tmp_path / "published" / "site"
    result = CliRunner().invoke(main, ["build", "-d", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and not (project / TMP_NAME).exists()
    assert os.listdir(out.parent / TMP_NAME) == []


EXPORT_REFUSED = [".", "..", "content", "theme", "notes-folder"]


@pytest.mark.parametrize("target", EXPORT_REFUSED)
def test_export_refuses_the_same_targets_and_leaves_the_project_as_it_was(project, target):
    (project / "notes-folder").mkdir()
    (project / "notes-folder" / "plan.docx").write_bytes(b"PK\x03\x04")
    before = snapshot(project.parent)
    result = CliRunner().invoke(main, ["export", target])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert snapshot(project.parent) == before


def test_export_may_replace_its_own_previous_export(project):
    assert CliRunner().invoke(main, ["export", "out"]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "out"])
    assert result.exit_code == 0, result.output
