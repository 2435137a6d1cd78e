"""Issue 23, part 6: `bulletins import 台账.xlsx` — figures from the office's spreadsheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from test_import_docx import run
from test_import_finish import hospital_site

REPORT = """---
# 编者的注释：保留
title: 浙江省人民医院对口支援松阳县人民医院2023年度工作总结
published: 2024-01-10
figures:
  trainees: 100人次   # 编者核对过
  staff-dispatched: 12人
problems:
  - 人才流失
---

## 主要做法

正文照原样保留：全年开展专题讲座80余次。\r
末行没有换行"""

HEADER = ["结对", "年度", "指标", "数字", "说明"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = hospital_site(tmp_path / "site", monkeypatch)
    report = root / "content/reports/2023/zjsy-sy.md"
    report.parent.mkdir(parents=True)
    report.write_bytes(REPORT.encode("utf-8"))
    return root


def sheet(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "2023年"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(str(path))
    return path


def test_a_ledger_fills_the_reports_and_keeps_what_editors_wrote(
    site: Path, tmp_path: Path
) -> None:
    ledger = sheet(
        tmp_path / "台账.xlsx",
        [
            ["zjsy-sy", 2023, "lectures", "80余次", None],  # 2: new in an existing report
            ["zjsy-sy", "2023年", "trainees", "120人次", None],  # 3: differs: kept
            ["zjsy-sy", 2023, "staff-dispatched", "12人", None],  # 4: the same: nothing to do
            # 5: by names; a number cell; a note → the long form
            ["浙江省人民医院对口支援松阳县人民医院", 2023, "捐赠设备价值", "70余万元", "含救护车"],
            ["zjsy-sy", 2022, "equipment-donated", 2, "呼吸机"],  # 6, 7: two items → a list
            ["zjsy-sy", 2022, "equipment-donated", "20台", "监护仪"],
            ["zjsy-sy", 2022, "lectures", 15, None],  # 8: a plain number
            ["zjsy-sy", 2023, "no-such", "3次", None],  # 9: bad indicator
            ["zjsy-sy", "去年", "lectures", "3次", None],  # 10: bad year
            ["zjsy-sy", 2023, "patients-treated", "八十人次", None],  # 11: no Arabic digits
            ["zjsy-sy", 2023, "lectures", "80人", None],  # 12: a unit the indicator refuses
            ["不存在的结对", 2023, "lectures", "3次", None],  # 13
        ],
    )
    code, out = run("import", str(ledger))
    assert code == 1, out
    report = site / "content/reports/2023/zjsy-sy.md"
    text = report.read_bytes().decode("utf-8")
    # The narrative byte for byte (a CR, no final newline), comments and order kept.
    assert text.endswith(REPORT.split("\n---\n", 1)[1])
    assert text.startswith(
        "---\n# 编者的注释：保留\ntitle: 浙江省人民医院对口支援松阳县人民医院2023年度工作总结\n"
        "published: 2024-01-10\nfigures:\n  trainees: 100人次   # 编者核对过\n"
        "  staff-dispatched: 12人\n  lectures: 80余次\n"
        "  equipment-value: {value: 70, unit: 万元, approx: more-than, note: 含救护车}\n"
        "problems:\n  - 人才流失\n---\n"
    ), text
    # A year without a report: a draft created, its figures written.
    draft = (site / "content/reports/2022/zjsy-sy.md").read_text(encoding="utf-8")
    assert "status: draft" in draft
    assert (
        "figures:\n  equipment-donated:\n    - 2 呼吸机\n    - 20台 监护仪\n  lectures: 15\n"
        in draft
    )
    assert "写入 4 个数字，其中新建草稿 1 篇；1 个与总结中已有的相同" in out
    assert (
        "reports/2023/zjsy-sy.md trainees：已有 100人次，台账为 120人次"
        "（台账.xlsx 工作表“2023年” 第 3 行）" in out
    )
    assert "reports/2022/zjsy-sy.md equipment-donated: [2 呼吸机, 20台 监护仪]" in out
    assert "有问题、未写入的 5 行" in out
    assert "台账.xlsx 工作表“2023年” 第 9 行，“指标”列：指标目录中没有 “no-such”" in out
    assert "第 10 行，“年度”列：“去年” 不是年份" in out
    assert "第 11 行，“数字”列：" in out and "第 12 行，“数字”列：" in out
    assert "第 13 行，“结对”列：找不到结对 “不存在的结对”" in out
    assert "Traceback" not in out

    code, out = run("check")
    assert code == 0, out

    # --replace: the ledger's figure wins; the rest is as before.
    code, out = run("import", str(ledger), "--replace")
    assert "reports/2023/zjsy-sy.md trainees: 120人次" in out
    text = report.read_text(encoding="utf-8")
    assert "  trainees: 120人次   # 编者核对过\n" in text


def test_a_csv_ledger_saved_by_excel_in_gbk(site: Path, tmp_path: Path) -> None:
    csv = tmp_path / "台账.csv"
    csv.write_bytes("结对,年度,指标,数字\nzjsy-sy,2023,专题讲座,80余次\n".encode("gb18030"))
    code, out = run("import", str(csv))
    assert code == 0, out
    assert "  lectures: 80余次\n" in (site / "content/reports/2023/zjsy-sy.md").read_text("utf-8")
    code, out = run("import", str(csv))
    assert code == 0 and "写入 0 个数字；1 个与总结中已有的相同" in out


def test_a_ledger_without_the_columns_is_refused(site: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["单位", "数量"])
    book.save(str(tmp_path / "x.xlsx"))
    code, out = run("import", str(tmp_path / "x.xlsx"))
    assert code == 1 and "第 1 行：缺少列 结对、年度、指标、数字" in out


def test_the_round_trip_changes_no_example_report() -> None:
    """ruamel.yaml's round trip, as the ledger import writes: every example report's front
    matter comes back byte for byte (flow mappings, comments, quoting, order)."""
    import io

    from generator.editor.ledger import _split, _yaml

    reports = sorted((Path(__file__).parents[2] / "content" / "reports").rglob("*.md"))
    assert len(reports) > 10
    for path in reports:
        text = path.read_bytes().decode("utf-8")
        front, rest = _split(text)
        yaml = _yaml()
        out = io.StringIO()
        yaml.dump(yaml.load(front), out)
        assert "---\n" + out.getvalue() + rest == text, path


def test_a_report_with_broken_yaml_is_named_not_touched(site: Path, tmp_path: Path) -> None:
    report = site / "content/reports/2023/zjsy-sy.md"
    broken = "---\ntitle: [未闭合\n---\n正文\n"
    report.write_text(broken, encoding="utf-8")
    ledger = sheet(tmp_path / "台账.xlsx", [["zjsy-sy", 2023, "lectures", "80余次", None]])
    code, out = run("import", str(ledger))
    assert code == 1 and "Traceback" not in out
    assert "reports/2023/zjsy-sy.md 的 YAML 头有语法错误" in out
    assert report.read_text(encoding="utf-8") == broken
