"""`bulletins import 台账.xlsx` (or `.csv`): figures from the office's spreadsheet.

One row per figure, columns 结对 (id, title, or a text naming both parties), 年度, 指标 (id or
name), 数字 (as written: `70余万元`; a number cell is a plain number), 说明 (optional: the
figure's note, or an item's label when an indicator has several rows). Each figure goes into
its report's front matter through ruamel.yaml's round trip, so the file's comments, order and
quoting stay as they were and the narrative is kept byte for byte; a report that does not
exist is created as a draft first (`new report`'s template). A different figure already in a
report is reported and kept unless `replace`. Bad rows are reported with the sheet, row
number and column, in Chinese; nothing is written for them.

openpyxl reads .xlsx (pure Python, keeps an integer cell an integer; 5000 rows in about 2 s
on the shared machine against calamine's 0.13 s, ample for a ledger, and the tests write
their spreadsheets with it). This module must not import MkDocs.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.content.figures import Approx, Basis, FigureError, parse_figure
from generator.content.model import Content
from generator.content.safe_files import link_below
from generator.content.units import UnitError, convert, parse_unit
from generator.editor.batch import place
from generator.editor.new import ScaffoldError, content_of
from generator.editor.new_report import new_report

__all__ = ["LEDGERS", "LedgerResult", "import_ledger"]

LEDGERS = (".xlsx", ".csv")
COLUMNS = ("结对", "年度", "指标", "数字", "说明")


@dataclass
class LedgerResult:
    written: list[str] = field(default_factory=list)
    """`reports/2015/x.md lectures: 80余次` for each figure written."""
    created: list[Path] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)
    """Differing figures kept (no `replace`), each with both values and the row."""
    errors: list[str] = field(default_factory=list)


@dataclass
class _Row:
    where: str
    pairing: str
    year: int
    indicator: str
    written: str
    note: str


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheets(path: Path) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """(sheet label, [(row number, cells)]) for every sheet; a CSV is one sheet."""
    if path.suffix.lower() == ".csv":
        data = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves GBK CSV
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ScaffoldError(f"无法读取 “{path.name}”：既不是 UTF-8 也不是 GBK 编码")
        table = list(csv.reader(io.StringIO(text)))
        return [("", [(n, [_cell(c) for c in r]) for n, r in enumerate(table, 1)])]
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise ScaffoldError(
            f"无法读取 “{path.name}”：它不像是有效的 .xlsx 文件（{type(exc).__name__}）"
        ) from None
    out = []
    for sheet in book.worksheets:
        rows = [
            (n, [_cell(c) for c in r]) for n, r in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
        out.append((f"工作表“{sheet.title}”", rows))
    book.close()
    return out


def _rows(path: Path, content: Content, errors: list[str]) -> list[_Row]:
    out = []
    for label, rows in _sheets(path):
        rows = [(n, r) for n, r in rows if any(r)]
        if not rows:
            continue
        header_n, header = rows[0]
        columns = {name: header.index(name) for name in COLUMNS if name in header}
        missing = [c for c in COLUMNS[:4] if c not in columns]
        where = f"{path.name}{' ' + label if label else ''}"
        if missing:
            errors.append(
                f"{where} 第 {header_n} 行：缺少列 {'、'.join(missing)}"
                f"（第一行应为列名：{'、'.join(COLUMNS)}）"
            )
            continue
        for n, cells in rows[1:]:
            get = {c: cells[i] if i < len(cells) else "" for c, i in columns.items()}
            row = _row(f"{where} 第 {n} 行", get, content, errors)
            if row:
                out.append(row)
    return out


def _row(where: str, get: dict[str, str], content: Content, errors: list[str]) -> _Row | None:
    def bad(column: str, message: str) -> None:
        errors.append(f"{where}，“{column}”列：{message}")

    text = get["结对"]
    pairing = text if text in content.pairings else None
    if pairing is None:
        by_title = [pid for pid, p in content.pairings.items() if p.title == text]
        pairing = by_title[0] if len(by_title) == 1 else place(text, content)[0]
    if pairing is None:
        bad("结对", f"找不到结对 “{text}”（写结对编号、结对标题，或同时写出支援方和受援方）")
    year_text = re.sub(r"年度?$", "", get["年度"])
    year = int(year_text) if re.fullmatch(r"(19|20)[0-9]{2}", year_text) else None
    if year is None:
        bad("年度", f"“{get['年度']}” 不是年份，应写四位数年份，如 2015")
    text = get["指标"]
    bare = {re.sub(r"[（(][^）)]*[）)]", "", i.name): iid for iid, i in content.indicators.items()}
    names = {i.name: iid for iid, i in content.indicators.items()}
    indicator = text if text in content.indicators else names.get(text) or bare.get(text)
    if indicator is None:
        bad(
            "指标",
            f"指标目录中没有 “{text}”（写指标编号或名称；新指标先用 bulletins new indicator）",
        )
    written = get["数字"]
    if not written:
        bad("数字", "是空的")
    elif indicator is not None:
        try:
            parsed = parse_figure(written)
            unit = content.indicators[indicator].unit
            if parsed.unit:
                convert(parsed.value, parse_unit(parsed.unit), unit)
        except (FigureError, UnitError) as exc:
            bad("数字", str(exc))
            return None
    if pairing is None or year is None or indicator is None or not written:
        return None
    return _Row(where, pairing, year, indicator, written, get.get("说明", ""))


def _value(rows: list[_Row]) -> Any:
    """What the YAML holds for these rows: the short form, the long form with a note, or a
    list of labelled items."""
    from ruamel.yaml.comments import CommentedMap

    if len(rows) > 1:
        return [f"{r.written} {r.note}".strip() for r in rows]
    row = rows[0]
    if not row.note:
        return int(row.written) if row.written.isdigit() else row.written
    parsed = parse_figure(row.written)
    value: Decimal | int = parsed.value
    long = CommentedMap(value=int(value) if value == int(value) else float(value))
    if parsed.unit:
        long["unit"] = parsed.unit
    if parsed.approx is not Approx.EXACT:
        long["approx"] = parsed.approx.value
    if parsed.basis is Basis.CUMULATIVE:
        long["basis"] = parsed.basis.value
    long["note"] = row.note
    long.fa.set_flow_style()
    return long


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def _show(value: Any) -> str:
    """A value as YAML's flow style writes it: `[2 呼吸机, 20台 监护仪]`, `{value: 70, …}`."""
    plain = _plain(value)
    if isinstance(plain, list):
        return "[" + ", ".join(map(_show, plain)) + "]"
    if isinstance(plain, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in plain.items()) + "}"
    return str(plain)


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML()
    y.preserve_quotes = True
    y.width = 1_000_000
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _split(text: str) -> tuple[str, str]:
    """(front matter between the `---` lines, everything from the closing `---` on)."""
    m = re.match(r"---[ \t]*\r?\n(.*?\r?\n)?(---[ \t]*(?:\r?\n|$).*)", text, re.S)
    if not m:
        raise ScaffoldError("没有 YAML 头（文件应以 --- 开头，再以 --- 结束）")
    return m.group(1) or "", m.group(2)


def _update(path: Path, content_dir: Path, rows: dict[str, list[_Row]], replace: bool,
            result: LedgerResult) -> None:  # fmt: skip
    text = path.read_bytes().decode("utf-8")  # not read_text: a CR in the narrative stays
    front, rest = _split(text)
    y = _yaml()
    from ruamel.yaml.error import YAMLError

    try:
        data = y.load(front)
    except YAMLError:
        raise ScaffoldError(
            f"{path.relative_to(content_dir).as_posix()} 的 YAML 头有语法错误："
            "先按 bulletins check 的提示改正，再导入台账"
        ) from None
    if not isinstance(data, dict) and data is not None:
        raise ScaffoldError(f"{path.relative_to(content_dir).as_posix()} 的 YAML 头不是字段表")
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    figures = data.get("figures")
    if figures is not None and not isinstance(figures, dict):
        raise ScaffoldError(f"{path.relative_to(content_dir).as_posix()} 的 figures 不是字段表")
    if figures is None:
        from ruamel.yaml.comments import CommentedMap

        figures = data["figures"] = CommentedMap()
    rel = path.relative_to(content_dir).as_posix()
    changed = False
    for iid, items in rows.items():
        value = _value(items)
        lines = "、".join(r.where for r in items)
        if iid in figures:
            if _plain(figures[iid]) == _plain(value):
                result.unchanged += 1
                continue
            if not replace:
                result.kept.append(
                    f"{rel} {iid}：已有 {_show(figures[iid])}，台账为 {_show(value)}"
                    f"（{lines}）；保留已有数字，用 --replace 替换"
                )
                continue
        figures[iid] = value
        changed = True
        result.written.append(f"{rel} {iid}: {_show(value)}")
    if not changed:
        return
    out = io.StringIO()
    y.dump(data, out)
    new = "---\n" + out.getvalue() + rest
    if link_below(content_dir, path) is not None:
        raise ScaffoldError(f"“{path}” 经过符号链接：import 不通过符号链接写文件")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(new)
    os.replace(tmp, path)


def import_ledger(path: Path, content_dir: Path, replace: bool = False) -> LedgerResult:
    """Write every good row's figure into its report; see the module's docstring."""
    content = content_of(content_dir)
    result = LedgerResult()
    if not path.is_file():
        raise ScaffoldError(f"找不到文件 “{path}”", 2)
    rows = _rows(path, content, result.errors)
    by_report: dict[tuple[str, int], dict[str, list[_Row]]] = {}
    for r in rows:
        by_report.setdefault((r.pairing, r.year), {}).setdefault(r.indicator, []).append(r)
    for (pairing, year), figures in sorted(by_report.items()):
        target = content_dir / "reports" / str(year) / f"{pairing}.md"
        try:
            if not target.exists():
                new_report(content_dir, pairing, year)
                result.created.append(target)
            _update(target, content_dir, figures, replace, result)
        except ScaffoldError as exc:
            where = "、".join(r.where for items in figures.values() for r in items)
            result.errors.append(f"{where}：{exc}")
    return result
