"""`bulletins new indicator ID --name 名称 --unit 单位`: add one indicator to `indicators.yml`.

Same rules as the other scaffolds: everything is checked before anything is written
(the id's form, that it is new, the unit, the aggregate rule, that the catalogue as
it stands parses), an existing entry is never replaced, and the result passes
`bulletins check`. The catalogue is one file, so the entry is appended to it (the
file is rewritten whole through a temporary file, never left half-written).

Errors are `ScaffoldError`; this module must not print, exit or import MkDocs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.content.load.tree import ID_RE
from generator.content.load.yaml import parse_yaml
from generator.content.model import AGGREGATES
from generator.content.problems import did_you_mean
from generator.content.units import UnitError, parse_unit
from generator.editor.ids import suggest_id
from generator.editor.new import ScaffoldError, _line

__all__ = ["indicator_entry", "new_indicator"]


def indicator_entry(
    iid: str, name: str, unit: str, category: str | None = None, aggregate: str | None = None
) -> str:
    """The catalogue lines for one indicator, as `new indicator` writes them."""
    lines = [f"{iid}:", "  " + _line("name", name), "  " + _line("unit", unit)]
    if category:
        lines.append("  " + _line("category", category))
    if aggregate and aggregate != "sum":
        lines.append("  " + _line("aggregate", aggregate))
    return "\n".join(lines) + "\n"


def new_indicator(
    content_dir: Path,
    iid: str | None,
    name: str,
    unit: str,
    category: str | None = None,
    aggregate: str | None = None,
) -> tuple[Path, str]:
    """Append the indicator to `content/indicators.yml`; returns the file and the id."""
    name = (name or "").strip()
    unit = (unit or "").strip()
    if not name:
        raise ScaffoldError("请用 --name 给出指标中文名，如：--name 培训人次", 2)
    iid = (iid or "").strip() or suggest_id(name)
    if not iid or not ID_RE.match(iid):
        raise ScaffoldError(
            f"指标编号 “{iid}” 不合规：只能用小写字母、数字和连字符，且以字母或数字开头，"
            "如 trainees、books-donated",
            2,
        )
    if not unit:
        raise ScaffoldError(
            (
                f"请用 --unit 给出计量单位，如：bulletins new indicator {iid} --name {name} "
                "--unit 人次"
            ),
            2,
        )
    try:
        parse_unit(unit)
    except UnitError as exc:
        raise ScaffoldError(f"单位 --unit 无法识别：{exc}", 2) from None
    if aggregate is not None and aggregate not in AGGREGATES:
        raise ScaffoldError(
            f"合计方式 --aggregate 应为 sum（求和）、max（取最大）或 none（不合计），"
            f"而写的是 “{aggregate}”{did_you_mean(aggregate, AGGREGATES)}",
            2,
        )
    if not content_dir.is_dir():
        raise ScaffoldError(
            f"找不到内容目录 “{content_dir}”：请在网站文件夹中运行，或用 --content 指定；"
            "新网站先运行 bulletins init",
            2,
        )
    path = content_dir / "indicators.yml"
    old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
    doc, problems = parse_yaml(old, str(path))
    if doc is None or problems or not isinstance(doc.data, (dict, type(None))):
        raise ScaffoldError(f"{path} 目前无法解析，先运行 bulletins check 修正它，再添加指标", 1)
    existing = doc.data or {}
    if iid in existing:
        line = doc.key_pos(iid)[0]
        raise ScaffoldError(
            f"指标 “{iid}” 已在 {path} 第 {line} 行定义（{existing[iid].get('name', '')}）："
            "new 从不覆盖；如需另建，请换一个编号"
            if isinstance(existing[iid], dict)
            else f"指标 “{iid}” 已在 {path} 第 {line} 行定义：new 从不覆盖；请换一个编号"
        )
    same = [k for k, v in existing.items() if isinstance(v, dict) and v.get("name") == name]
    if same:
        raise ScaffoldError(f"指标目录中已有同名指标 “{name}”（编号 {same[0]}）：请直接使用它")
    entry = indicator_entry(iid, name, unit, category, aggregate)
    text = old + ("" if not old or old.endswith("\n") else "\n") + entry
    _, after = parse_yaml(text, str(path))
    if after:
        raise ScaffoldError(f"写入后 {path} 将无法解析：{after[0].message}")
    _replace(path, text)
    return path, iid


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
