"""Issue 23, part 5: `bulletins import PATH…` — a folder of Word files placed by their titles."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import docx
import pytest
from test_import_docx import run


def word(path: Path, title: str, text: str = "全年共选派医疗骨干十二人驻点帮扶。") -> Path:
    d = docx.Document()
    d.add_heading(title, level=0)
    d.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    assert run("init", str(root), "--programme", "对口支援")[0] == 0
    monkeypatch.chdir(root)
    monkeypatch.setenv("PATH", os.pathsep.join([str(tmp_path / "bin"), os.environ["PATH"]]))
    for args in (
        ("浙江省人民医院", "--kind", "hospital", "--id", "zjsy", "--region", "浙江省,杭州市"),
        ("松阳县人民医院", "--kind", "hospital", "--id", "sy", "--region", "浙江省,丽水市,松阳县"),
        ("上海市南汇区", "--kind", "government", "--id", "nanhui", "--region", "上海市"),
        ("文山县", "--kind", "county", "--id", "wenshan", "--region", "云南省,文山州,文山县"),
    ):
        assert run("new", "unit", *args)[0] == 0
    for pid, sup, rec, since in (
        ("zjsy-sy", "zjsy", "sy", "2019"),
        ("nh-ws", "nanhui", "wenshan", "2005"),
    ):
        code, out = run(
            "new", "pairing", "--supporters", sup, "--recipients", rec,
            "--sector", "health", "--since", since, "--id", pid,
        )  # fmt: skip
        assert code == 0, out
    return root


def test_a_folder_is_placed_by_titles_and_the_rest_listed(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "总结"
    word(folder / "a.docx", "浙江省人民医院对口支援松阳县人民医院2023年度工作总结")
    # The supporter by its name without the region's prefix, the year in Chinese numerals.
    word(folder / "sub" / "b.docx", "南汇区对口帮扶文山县二〇〇九年工作总结")
    word(folder / "c.docx", "对口支援工作总结")  # neither year nor parties
    word(folder / "d.docx", "浙江省人民医院对口支援松阳县人民医院2023年度工作总结（重复）")
    (folder / "~$a.docx").write_bytes(b"Word's lock file")
    (folder / "e.doc").write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    (folder / "notes.txt").write_text("not Word", encoding="utf-8")

    code, out = run("import", str(folder))
    assert code == 1, out
    assert (site / "content/reports/2023/zjsy-sy.md").is_file()
    assert (site / "content/reports/2009/nh-ws.md").is_file()
    assert "已导入 2 个文件" in out and "未导入 3 个文件" in out
    assert "c.docx：无法确定结对或年度：标题中没有年份" in out
    assert "找不到同时写有支援方和受援方的结对" in out
    assert "d.docx：2023 年度总结 “zjsy-sy” 已存在" in out
    assert "e.doc：“e.doc” 是旧版 .doc 文件" in out
    assert f"soffice --headless --convert-to docx --outdir {folder} {folder / 'e.doc'}" in out
    assert "~$a" not in out and "notes.txt" not in out
    text = (site / "content/reports/2023/zjsy-sy.md").read_text(encoding="utf-8")
    assert "staff-dispatched: 12人" in text and "由 bulletins import 从 “a.docx” 导入" in text

    # What titles do not say, the options do.
    code, out = run("import", str(folder / "c.docx"), "--pairing", "zjsy-sy", "--year", "2022")
    assert code == 0, out
    assert (site / "content/reports/2022/zjsy-sy.md").is_file()


def test_a_doc_is_converted_when_libreoffice_is_installed(site: Path, tmp_path: Path) -> None:
    made = word(tmp_path / "made.docx", "浙江省人民医院对口支援松阳县人民医院2021年度工作总结")
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    # LibreOffice's command line: --headless --convert-to docx --outdir DIR FILE.
    fake.write_text(
        f'#!/bin/sh\necho "$@" > {tmp_path}/args\n'
        f'name=$(basename "$6" .doc)\ncp {made} "$5/$name.docx"\n',
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    old = tmp_path / "旧总结.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old Word")
    code, out = run("import", str(old))
    assert code == 0, out
    args = (tmp_path / "args").read_text(encoding="utf-8").split()
    assert args[:4] == ["--headless", "--convert-to", "docx", "--outdir"] and args[5] == str(old)
    text = (site / "content/reports/2021/zjsy-sy.md").read_text(encoding="utf-8")
    assert "从 “旧总结.doc” 导入" in text and "staff-dispatched: 12人" in text
    assert not old.with_suffix(".docx").exists()  # converted in a temporary folder
