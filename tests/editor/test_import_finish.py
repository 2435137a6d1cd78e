"""Issue 23, part 4: an import an editor finishes by removing `# ` and running the commands
it lists — Chinese numerals read, list items labelled, new indicators with their figure
lines, the broader indicator preferred, problems and plans proposed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import docx
import pytest
from test_import_docx import run

BODY = [
    ("h", "一、主要工作"),
    (
        "p",
        "全年共选派医疗骨干十二人驻点帮扶，另有两名护士赴受援医院支教。"
        "向受援医院捐助无影灯2台，胃镜2台，肠镜2台。新开挖路面1120米。",
    ),
    ("p", "种植烤烟610亩、甘蔗460亩、核桃580亩。华东师范大学向我校赠送六万余册图书。"),
    ("h", "二、存在的问题"),
    ("b", "驻点专家轮换周期短。"),
    ("b", "受援医院人才流失较多。"),
    ("h", "三、下一步打算"),
    ("p", "1. 延长驻点周期。"),
    ("p", "2. 重点扶持胸痛中心建设。"),
]


def hospital_site(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new site, as an editor starts one, with the pairing zjsy-sy (two hospitals)."""
    assert run("init", str(root), "--programme", "对口支援")[0] == 0
    monkeypatch.chdir(root)
    run("new", "unit", "浙江省人民医院", "--kind", "hospital", "--id", "zjsy")
    run("new", "unit", "松阳县人民医院", "--kind", "hospital", "--id", "sy")
    code, out = run(
        "new", "pairing", "--supporters", "zjsy", "--recipients", "sy",
        "--sector", "health", "--since", "2019", "--id", "zjsy-sy",
    )  # fmt: skip
    assert code == 0, out
    return root


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return hospital_site(tmp_path / "site", monkeypatch)


def write_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("浙江省人民医院对口支援松阳县人民医院2023年度工作总结", level=0)
    for kind, text in BODY:
        if kind == "h":
            d.add_heading(text, level=1)
        elif kind == "b":
            d.add_paragraph(text, style="List Bullet")
        else:
            d.add_paragraph(text)
    d.save(str(path))
    return path


def test_an_import_the_editor_finishes_by_removing_hashes(site: Path, tmp_path: Path) -> None:
    code, out = run("import", str(write_docx(tmp_path / "总结.docx")), "--pairing", "zjsy-sy",
                    "--year", "2023")  # fmt: skip
    assert code == 0, out
    path = site / "content/reports/2023/zjsy-sy.md"
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    # Chinese numerals read as figures, in the figures' Arabic short form.
    assert re.search(r"^#   staff-dispatched:\n#     - 12人 .*\n#     - 2名", front, re.M), front
    assert re.search(r"^#   books-donated: 6万余册 ", front, re.M), front
    # The broader indicator of the catalogue, for every item of a parallel run, labelled.
    assert re.search(r"#     - 2台 无影灯 .*\n#     - 2台 胃镜 .*\n#     - 2台 肠镜 ", front), front
    assert re.search(r"#     - 610亩 烤烟 .*\n#     - 460亩 甘蔗 .*\n#     - 580亩 核桃 ", front)
    # A figure no indicator fits: the command, and the figure line under the new id.
    command = re.search(r"^#   # 新增指标：(bulletins new indicator .*)$", front, re.M)
    assert command, front
    new_id = shlex.split(command.group(1))[3]
    assert re.search(rf"^#   {new_id}: 1120米 ", front, re.M), front
    # Problems and plans from their sections, without the numbering.
    assert "# problems:\n#   - 驻点专家轮换周期短。\n#   - 受援医院人才流失较多。" in front
    assert "# plans:\n#   - 延长驻点周期。\n#   - 重点扶持胸痛中心建设。" in front

    # The editor accepts everything: runs the command, then removes one `# ` per line.
    code, out = run(*shlex.split(command.group(1))[1:])
    assert code == 0, out
    lines = path.read_text(encoding="utf-8").splitlines()
    accepted = [ln[2:] if re.match(r"# (figures|problems|plans):|#   ", ln) else ln for ln in lines]
    path.write_text("\n".join(accepted) + "\n", encoding="utf-8")
    code, out = run("check")
    assert code == 0, out
    from generator.content.validate import load_content

    content, problems = load_content(site / "content")
    assert not [p for p in problems if p.severity == "error"]
    (report,) = content.reports
    assert report.problems == ("驻点专家轮换周期短。", "受援医院人才流失较多。")
    assert len(report.plans) == 2
    counted = {f.indicator for f in report.figures}
    assert {"staff-dispatched", "equipment-donated", "crops-planted", new_id} <= counted
    assert "books-donated" in counted
