"""The issue's walk-through, as a new editor from an empty folder, through the real commands.

init → new unit ×4 → new pairing → 篇五 of the seed as a .docx through `import` → the
suggested figures un-commented as they stand → the proposed `new indicator` commands run
as printed → `check --strict` → `build`. No hand-editing of indicators.yml, no figure lost
(the courses and crops stay separate parts, their totals add up), every warning shown.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_import_score import make_docx, summaries

from generator.cli import main
from generator.content.validate import load_content


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def uncomment_figures(path: Path) -> None:
    """What the editor does after checking: every suggested figure line, those under the new
    indicators included, without its `# ` (questions and commands stay comments)."""
    out, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == "# figures:":
            inside = True
            out.append("figures:")
            continue
        if inside and line.startswith("#   ") and not line.startswith("#   #"):
            out.append(line[2:])
            continue
        inside = inside and line != "---"
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_walkthrough_from_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert run("init", str(site), "--programme", "对口帮扶")[0] == 0
    monkeypatch.chdir(site)
    for name, kind in (("南汇区", "government"), ("文山县", "county")):
        assert run("new", "unit", name, "--kind", kind)[0] == 0
    for name in ("松树坪村", "沙子坡村"):
        assert run("new", "unit", name, "--kind", "village")[0] == 0
    code, out = run(
        "new", "pairing", "--supporters", "nanhui-qu", "--recipients", "wenshan-xian",
        "--sector", "poverty-alleviation", "--since", "2009", "--id", "nanhui-wenshan",
    )  # fmt: skip
    assert code == 0, out
    source = make_docx(summaries()["五"], tmp_path / "篇五.docx")
    code, out = run("import", str(source), "--pairing", "nanhui-wenshan", "--year", "2009")
    assert code == 0, out
    report = site / "content" / "reports" / "2009" / "nanhui-wenshan.md"
    text = report.read_text(encoding="utf-8")
    catalogue = (site / "content" / "indicators.yml").read_bytes()

    uncomment_figures(report)
    commands = re.findall(r"^#   # 新增指标：(bulletins new indicator .*)$", text, re.MULTILINE)
    assert commands, text
    for command in commands:
        code, out = run(*shlex.split(command)[1:])
        assert code == 0, (command, out)
    assert (site / "content" / "indicators.yml").read_bytes().startswith(catalogue)

    code, out = run("check", "--strict")
    assert code == 0, out
    content, _ = load_content(site / "content")
    (r,) = content.reports
    trainees = [f.written for f in r.figures if f.indicator == "trainees"]
    assert trainees == ["450人次", "350人次", "100人次"]  # three courses, none thrown away
    added = {shlex.split(c)[3] for c in commands}
    assert added <= {f.indicator for f in r.figures}  # each new indicator has its figures
    crops = sum(f.value for f in r.figures if f.indicator == "crops-planted")
    assert crops == 610 + 460 + 580 + 510 + 90 + 150 + 150 + 90 + 100 + 60 + 10

    report.write_text(report.read_text(encoding="utf-8").replace("status: draft", ""), "utf-8")
    code, out = run("build", "-d", "out")
    assert code == 0, out
    assert "发布总结 1 篇" in out and "没有警告" in out
    assert "对口帮扶" in (site / "out" / "index.html").read_text(encoding="utf-8")
