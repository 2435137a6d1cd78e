"""Word import: a real .docx (built here with python-docx) becomes a draft report."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.editor.importer import html_to_markdown

# 篇二 of the seed summaries (平武县卫生局), the paragraph with its facts, as written.
SEED = (
    "通过对口支援，我县县直医疗单位与受援医院结成了长期稳定的对口支援和协作关系，受援医院在医院管理、"
    "医疗质量与医疗安全控制、基础设施、学科建设、医疗服务能力等方面得到显著提升。2011年共计开展学习讲座"
    "80余次，带教查房120余次，各种疑难病例、危重病例讨论30余次，开展手术示教30余次，从而大大提高了各受援"
    "医院的业务技术水平。全年减免进修学习费用2万余元，向受援医院捐助无影灯2台，胃镜2台，肠镜2台，"
    "救护车及检验设备共计价值70余万元。"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("平武县卫生局2011年度城乡医院对口支援工作总结", level=0)
    d.add_paragraph("一、主要做法")
    d.add_paragraph("年初成立对口支援领导小组，印发实施方案。")
    d.add_paragraph("派驻人员", style="List Bullet")
    d.add_paragraph("免费培训", style="List Bullet")
    d.add_heading("取得成效", level=1)
    d.add_paragraph(SEED)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "数量"
    table.cell(1, 0).text = "手术示教"
    table.cell(1, 1).text = "30余次"
    d.add_heading("下一步打算", level=1)
    d.add_paragraph("加强考核，建立长效机制。")
    d.save(path)
    return path


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site-repo"
    assert run("init", str(root))[0] == 0
    monkeypatch.chdir(root)
    run("new", "unit", "平武县卫生局", "--kind", "government")
    run("new", "unit", "平武县中医院", "--kind", "hospital")
    code, out = run(
        "new",
        "pairing",
        "--supporters",
        "pingwu-xian-weishengju",
        "--recipients",
        "pingwu-xian-zhongyiyuan",
        "--sector",
        "health",
        "--since",
        "2011",
        "--id",
        "pingwu",
    )
    assert code == 0, out
    return root


def test_import_writes_a_draft_with_suggested_figures(site: Path, tmp_path: Path) -> None:
    source = make_docx(tmp_path / "总结.docx")
    code, out = run("import", str(source), "--pairing", "pingwu", "--year", "2011")
    assert code == 0, out
    text = (site / "content/reports/2011/pingwu.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)

    assert "status: draft" in front
    assert "title: 平武县卫生局2011年度城乡医院对口支援工作总结" in front
    suggested = {
        line.split("#   ", 1)[1].split("  #")[0].strip()
        for line in front.splitlines()
        if line.startswith("#   ")
    }
    assert {
        "lectures: 80余次",
        "ward-rounds: 120余次",
        "case-discussions: 30余次",
        "equipment-value: 70余万元",
    } <= suggested
    # Named twice (the prose and the table): both offered, as a list, to keep one or add both.
    assert "#   surgery-demonstrations:\n#     - 30余次" in front
    assert "# ← 2011年共计开展学习讲座80余次" in front  # each with the sentence it came from
    assert "# ← 救护车及检验设备共计价值70余万元" in front
    assert "lectures: 80余次  ← 2011年共计开展学习讲座80余次" in out

    assert "## 一、主要做法" in body and "## 取得成效" in body and "## 下一步打算" in body
    assert "- 派驻人员" in body
    assert "| 项目 | 数量 |" in body and "| 手术示教 | 30余次 |" in body
    assert "开展学习讲座80余次" in body

    code, out = run("check")
    assert code == 0, out  # the draft passes as written


def test_confirmed_suggestions_pass_check(site: Path, tmp_path: Path) -> None:
    run("import", str(make_docx(tmp_path / "a.docx")), "--pairing", "pingwu", "--year", "2011")
    path = site / "content/reports/2011/pingwu.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    keep = ("# figures:", "#   lectures:", "#   ward-rounds:", "#   equipment-value:")
    path.write_text(
        "\n".join(ln[2:] if ln.startswith(keep) else ln for ln in lines) + "\n", encoding="utf-8"
    )
    code, out = run("check", "--strict")
    assert code == 0, out


def test_import_never_overwrites(site: Path, tmp_path: Path) -> None:
    source = make_docx(tmp_path / "a.docx")
    assert run("import", str(source), "--pairing", "pingwu", "--year", "2011")[0] == 0
    target = site / "content/reports/2011/pingwu.md"
    target.write_text("---\n---\n编辑已修改\n", encoding="utf-8")
    code, out = run("import", str(source), "--pairing", "pingwu", "--year", "2011")
    assert code == 1 and "已存在" in out
    assert "编辑已修改" in target.read_text(encoding="utf-8")


def test_import_refuses_bad_input_with_a_message(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "坏文件.docx"
    fake.write_bytes(b"not a zip")
    code, out = run("import", str(fake), "--pairing", "pingwu", "--year", "2011")
    assert code == 1 and "不像是有效的 .docx" in out and "Traceback" not in out
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    monkeypatch.setenv("PATH", str(tmp_path / "no-libreoffice-here"))
    code, out = run("import", str(tmp_path / "old.doc"), "--pairing", "pingwu", "--year", "2011")
    assert code == 2 and "另存为 .docx" in out
    assert f"soffice --headless --convert-to docx --outdir {tmp_path} {tmp_path / 'old.doc'}" in out
    code, out = run(
        "import", str(tmp_path / "missing.docx"), "--pairing", "pingwu", "--year", "2011"
    )
    assert code == 2 and "找不到文件" in out
    code, out = run(
        "import", str(make_docx(tmp_path / "a.docx")), "--pairing", "nope", "--year", "2011"
    )
    assert code == 1 and "结对 “nope” 不存在" in out
    assert not (site / "content/reports/2011").exists()


def test_html_to_markdown_escapes_markup_and_keeps_structure() -> None:
    title, body = html_to_markdown(
        "<h1>某某2015年度工作总结</h1><p>（一）<strong>讲座</strong></p><p>a &lt;script&gt; b</p>"
        "<ol><li>一<ol><li>甲</li></ol></li><li>二</li></ol>"
    )
    assert title == "某某2015年度工作总结"
    assert "### （一）讲座" in body
    assert "a &lt;script> b" in body
    assert "1. 一\n    1. 甲\n2. 二" in body
