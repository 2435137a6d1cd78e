"""`bulletins new indicator` and the programme's wording chosen at `init`.

Through the real command in a fresh folder, as an editor would: the indicator is
appended to the catalogue and usable at once; an existing id, a bad unit, a bad
id or aggregate are Chinese refusals that leave the catalogue untouched. `init
--programme 对口帮扶` names the site and the pairings' default titles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content.validate import load_content


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site-repo"
    code, out = run("init", str(root), "--programme", "对口帮扶")
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def test_new_indicator_is_appended_and_usable(site: Path) -> None:
    catalogue = site / "content" / "indicators.yml"
    before = catalogue.read_text(encoding="utf-8")
    code, out = run(
        "new", "indicator", "courses", "--name", "培训班", "--unit", "期", "--category", "人才培养"
    )
    assert code == 0, out
    assert "courses" in out
    after = catalogue.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == ("courses:\n  name: 培训班\n  unit: 期\n  category: 人才培养\n")
    code, out = run(
        "new", "indicator", "max-doctors", "--name", "同时在岗医生", "--unit", "人",
        "--aggregate", "max",
    )  # fmt: skip
    assert code == 0, out
    content, problems = load_content(site / "content")
    assert problems == []
    assert content.indicators["courses"].unit.text == "期"
    assert content.indicators["max-doctors"].aggregate == "max"
    assert run("check")[0] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lectures", "--name", "讲座", "--unit", "次"], "已在"),  # the starter catalogue has it
        (["courses", "--name", "培训班", "--unit", "斤两"], "单位 --unit 无法识别"),
        (["Courses", "--name", "培训班", "--unit", "期"], "不合规"),
        (["courses", "--unit", "期"], "--name"),
        (["courses", "--name", "培训班"], "--unit"),
        (["courses", "--name", "培训班", "--unit", "期", "--aggregate", "avg"], "avg"),
    ],
)
def test_refusals_leave_the_catalogue_untouched(site: Path, args: list[str], expected: str) -> None:
    catalogue = site / "content" / "indicators.yml"
    before = catalogue.read_bytes()
    code, out = run("new", "indicator", *args)
    assert code != 0
    assert expected in out
    assert "Traceback" not in out
    assert catalogue.read_bytes() == before


def test_id_suggested_from_the_name_when_left_out(site: Path) -> None:
    code, out = run("new", "indicator", "--name", "培训班", "--unit", "期")
    assert code == 0, out
    content, _ = load_content(site / "content")
    assert content.indicators["peixunban"].name == "培训班"


def test_programme_wording_names_the_site_and_default_titles(site: Path) -> None:
    mkdocs = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: 对口帮扶工作总结" in mkdocs
    assert "wording: 对口帮扶" in mkdocs
    assert "对口支援" not in mkdocs
    for name in ("上海市某区", "某县"):
        assert run("new", "unit", name, "--kind", "county")[0] == 0
    units = sorted(p.stem for p in (site / "content" / "units").glob("*.yml"))
    code, out = run(
        "new", "pairing", "--supporters", units[0], "--recipients", units[1],
        "--sector", "poverty-alleviation", "--since", "2018",
    )  # fmt: skip
    assert code == 0, out
    (pairing,) = (site / "content" / "pairings").glob("*.yml")
    assert "对口帮扶" in pairing.read_text(encoding="utf-8")
    code, out = run("build", "-q", "-d", "out")
    assert code == 0, out
    page = (site / "out" / "pairings" / pairing.stem / "index.html").read_text(encoding="utf-8")
    assert "对口帮扶" in page and "对口支援" not in page.split("<footer")[0].split("<main")[1]


def test_init_refuses_a_wording_that_is_not_a_word(tmp_path: Path) -> None:
    code, out = run("init", str(tmp_path / "x"), "--programme", "a/b")
    assert code != 0 and "工作名称" in out
    assert not (tmp_path / "x").exists()
