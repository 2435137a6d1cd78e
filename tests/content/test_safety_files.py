"""Issue 21, files and writers: only regular files are read, no link under content/ is
followed, nothing is written through a link, scaffolds are written by a serialiser, and
`export` writes the audience `build` would."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from helpers import make_tree, problems_of
from sites import SMALL, write_site

from generator.cli import main
from generator.content.problems import Problem
from generator.content.safe_files import LinkOnTheWay, create_new
from generator.content.validate import load_content

C = "content/"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def load_within(root: Path, seconds: float = 20) -> list[Problem]:
    """The problems of `root`, failing (not hanging) when loading blocks."""
    out: list[list[Problem]] = []
    worker = threading.Thread(target=lambda: out.append(load_content(root)[1]), daemon=True)
    worker.start()
    worker.join(seconds)
    assert out, f"loading {root} blocked for {seconds} s"
    return out[0]


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize("where", ["reports/2012/x-y.md", "pages/x.md", "units/c.yml"])
def test_a_fifo_is_refused_without_being_opened(tmp_path, where):
    root = make_tree(tmp_path, {}, base=True)
    (root / where).parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / where)
    problems = load_within(root)
    assert [(p.path, p.line, p.code) for p in problems] == [(C + where, 1, "E112")]
    assert "命名管道" in problems[0].message


def test_a_fifo_as_indicators_yml_is_refused(tmp_path):
    """Variant: a special file in place of a catalogue the loader opens by name."""
    root = make_tree(tmp_path, {"indicators.yml": None}, base=True)
    os.mkfifo(root / "indicators.yml")
    codes = {(p.path, p.code) for p in load_within(root)}
    assert (C + "indicators.yml", "E112") in codes


def test_a_socket_is_refused_too(tmp_path, monkeypatch):
    import socket

    root = make_tree(tmp_path, {}, base=True)
    (root / "pages").mkdir(exist_ok=True)
    monkeypatch.chdir(root / "pages")  # a relative name: socket paths are short
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("s.pdf")
        problems = load_within(root)
    finally:
        sock.close()
    assert [(p.path, p.code) for p in problems] == [(C + "pages/s.pdf", "E112")]


@pytest.mark.slow
def test_check_and_build_refuse_a_fifo_and_return(tmp_path):
    cfg = write_site(tmp_path / "proj", SMALL)
    os.mkfifo(cfg.parent / "content" / "reports" / "2015" / "uni-x.md")
    os.mkfifo(cfg.parent / "content" / "pages" / "x.md")
    code, out = run("check", "-f", str(cfg))
    assert code == 1 and out.count("error[E112]") == 2, out
    result = CliRunner().invoke(main, ["build", "-f", str(cfg), "-d", str(tmp_path / "site")])
    assert result.exit_code != 0 and "E112" in result.output
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_a_link_inside_content_is_not_published(tmp_path):
    """The issue's case: pages/contacts.pdf → ../units/<unit>.yml, linked from a free page."""
    files = dict(SMALL)
    files["units/secret.yml"] = "name: 内部单位\nkind: school\nvisibility: internal\n"
    files["pages/about.md"] = "# 关于\n\n[联系方式](contacts.pdf)\n"
    cfg = write_site(tmp_path / "proj", files)
    pages = cfg.parent / "content" / "pages"
    (pages / "contacts.pdf").symlink_to("../units/secret.yml")
    code, out = run("check", "-f", str(cfg))
    assert code == 1 and "content/pages/contacts.pdf:1:1: error[E110]" in out, out
    result = CliRunner().invoke(main, ["build", "-f", str(cfg), "-d", str(tmp_path / "site")])
    assert result.exit_code != 0 and "E110" in result.output
    assert not (tmp_path / "site").exists()


def test_a_linked_year_folder_and_units_folder_are_refused(tmp_path):
    """Variant: the link is a folder inside content/ (reports/2016 → reports/2015)."""
    root = make_tree(tmp_path, {}, base=True)
    (root / "reports" / "2013").symlink_to("2012")
    problems = problems_of(tmp_path, {})
    assert [(p.path, p.code) for p in problems] == [(C + "reports/2013", "E110")]


# ---------------------------------------------------------------- writing


def test_create_new_never_writes_through_a_link(tmp_path):
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "b").symlink_to(outside)
    with pytest.raises(LinkOnTheWay):
        create_new(root, "b/c/x.md", b"x")
    (root / "a" / "x.md").symlink_to(outside / "y.md")
    with pytest.raises(LinkOnTheWay):
        create_new(root, "a/x.md", b"x")
    create_new(root, "a/z.md", b"1")
    with pytest.raises(FileExistsError):
        create_new(root, "a/z.md", b"2")
    assert list(outside.iterdir()) == []
    assert (root / "a" / "z.md").read_bytes() == b"1"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site-repo"
    assert run("init", str(root))[0] == 0
    monkeypatch.chdir(root)
    assert run("new", "unit", "甲医院", "--kind", "hospital", "--id", "jia")[0] == 0
    assert run("new", "unit", "乙医院", "--kind", "hospital", "--id", "yi")[0] == 0
    code, out = run(
        "new", "pairing", "--supporters", "jia", "--recipients", "yi", "--sector", "health",
        "--since", "2010", "--id", "jia-yi",
    )  # fmt: skip
    assert code == 0, out
    return root


def _docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("2015年度工作总结", level=0)
    d.add_paragraph("开展讲座80余次。")
    d.save(path)
    return path


def test_import_refuses_a_year_folder_linked_outside(site, tmp_path):
    """The issue's case: content/reports/2015 → a folder outside content/."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site / "content" / "reports").mkdir(exist_ok=True)
    (site / "content" / "reports" / "2015").symlink_to(outside)
    word = _docx(tmp_path / "a.docx")
    code, out = run("import", str(word), "--pairing", "jia-yi", "--year", "2015")
    assert code != 0 and "符号链接" in out, out
    assert list(outside.iterdir()) == []


def test_new_refuses_a_units_folder_linked_elsewhere(site, tmp_path):
    """Variant: `new unit` with content/units a link (here to a folder inside the repo)."""
    units = site / "content" / "units"
    moved = site / "units-real"
    units.rename(moved)
    units.symlink_to(moved)
    code, out = run("new", "unit", "丙医院", "--kind", "hospital", "--id", "bing")
    assert code != 0 and "符号链接" in out, out
    assert not (moved / "bing.yml").exists()


def test_new_unit_name_with_a_line_break_adds_no_key(site):
    """The issue's case: the name may not reach the file as a second line."""
    code, out = run(
        "new", "unit", "甲单位\nvisibility: internal #", "--id", "x", "--kind", "school"
    )  # fmt: skip
    path = site / "content" / "units" / "x.yml"
    assert code == 2 and not path.exists() and "U+000A" in out, out


def test_import_comments_quote_the_file_name_on_one_line(site, tmp_path):
    """Variant: the Word file's own name carries a line break and U+2028 (a YAML line break)."""
    word = _docx(tmp_path / "a\nvisibility: internal\u2028author: yi\n.docx")
    code, out = run("import", str(word), "--pairing", "jia-yi", "--year", "2015")
    assert code == 0, out
    text = (site / "content" / "reports" / "2015" / "jia-yi.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert set(front) == {"title", "status"}, front
    code, out = run("check")
    assert "visibility" not in out


# ---------------------------------------------------------------- export


@pytest.mark.slow
def test_export_writes_the_audience_build_would_and_says_which(tmp_path):
    files = dict(SMALL)
    files["units/secret.yml"] = "name: 内部单位\nkind: school\nvisibility: internal\n"
    cfg = write_site(tmp_path / "proj", files, audience="internal")
    out = tmp_path / "out"
    code, output = run("export", str(out), "-f", str(cfg), "--content", str(cfg.parent / "content"))
    assert code == 0, output
    assert "内部版（internal）" in output
    assert [p.name for p in out.rglob("secret.md")] == ["secret.md"]
    code, output = run(
        "export", str(tmp_path / "pub"), "-f", str(cfg), "--content", str(cfg.parent / "content"),
        "--audience", "public",
    )  # fmt: skip
    assert code == 0 and "公开版（public）" in output
    assert list((tmp_path / "pub").rglob("secret.md")) == []
    assert list((tmp_path / "pub").rglob("town-a.md")) != []
    code, helptext = run("export", "--help")
    assert "默认" not in helptext.split("--audience")[1].split("--drafts")[0]
    assert "mkdocs.yml" in helptext


# ---------------------------------------------------------------- addresses


@pytest.mark.slow
@pytest.mark.parametrize(
    ("region", "code"),
    [("[甲-乙]", "E313"), ("[index.html]", "E314"), ("[" + "区" * 100 + "]", "E314")],
)
def test_build_fails_as_check_does_naming_the_yaml_line(tmp_path, region, code):
    files = dict(SMALL)
    files["units/r1.yml"] = "name: 甲\nkind: school\nregion: [甲/乙]\n"
    files["units/r2.yml"] = f"name: 乙\nkind: school\nregion: {region}\n"
    files["pairings/r.yml"] = "supporters: [r1]\nrecipients: [r2]\nsector: education\nsince: 2014\n"
    cfg = write_site(tmp_path / "proj", files)
    code_, out = run("check", "-f", str(cfg))
    assert code_ == 1 and f"content/units/r2.yml:3:10: error[{code}]" in out, out
    result = CliRunner().invoke(main, ["build", "-f", str(cfg), "-d", str(tmp_path / "site")])
    assert result.exit_code != 0 and f"r2.yml:3:10: error[{code}]" in result.output
    assert ".bulletins-tmp" not in result.output


def test_regions_differing_only_in_case_share_an_address(tmp_path):
    """Variant: `Kashi` and `kashi` are one folder on a case-insensitive file system."""
    files = {
        "units/a-school.yml": "name: 甲学校\nkind: school\nregion: [新疆, Kashi]\n",
        "units/b-school.yml": "name: 乙学校\nkind: school\nregion: [新疆, kashi]\n",
    }
    assert [p.code for p in problems_of(tmp_path, files)] == ["E313"]
