"""`bulletins new report`: a draft yearly report with the usual sections.

The front matter lists every optional field and the whole indicator catalogue
as comments, so the editor fills in rather than looks up. `report_target` is
shared with the Word import: the pairing must exist, the year must lie within
its period, and an existing report is never replaced. This module must not
print, exit or import MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content.model import Content, Indicator
from generator.content.problems import did_you_mean
from generator.content.schema import DEFAULT_WORDING, SCHEMAS, worded
from generator.editor.new import ScaffoldError, comment, content_of, write_new

__all__ = ["figure_comment_block", "new_report", "report_target"]


def new_report(content_dir: Path, pairing: str, year: int, wording: str = DEFAULT_WORDING) -> Path:
    """Write `reports/<year>/<pairing>.md`: a draft with the usual sections (`wording`: the
    programme's word in the examples, mkdocs.yml's `wording`)."""
    content = content_of(content_dir)
    path, p = report_target(content_dir, content, pairing, year)
    author_ids = "、".join(p.units) if p else ""
    lines = ["---", f"# {year}年度工作总结（结对 {pairing}）。可选字段去掉行首的 “# ” 即生效。"]
    lines.append("status: draft   # 草稿：只在 bulletins serve 预览中可见；定稿后删去这一行")
    for f in SCHEMAS["report"]:
        if f.name in ("pairing", "year", "status", "figures"):
            continue
        if f.name == "author" and author_ids:
            lines.append(
                f"# author: {p.units[0] if p else ''}".ljust(40)
                + f"  # 撰写单位，应为 {author_ids} 之一"
            )
        elif f.kind == "texts":
            lines += [f"# {f.name}:".ljust(40) + f"  # {f.doc}", "#   - ……"]
        else:
            example, doc = worded(f.example, wording), worded(f.doc, wording)
            lines.append(f"# {f.name}: {example}".ljust(40) + f"  # {doc}")
    lines += figure_comment_block(content)
    lines += [
        "---",
        "",
        "## 主要做法",
        "",
        "（请填写）",
        "",
        "## 取得成效",
        "",
        "（请填写）",
        "",
        "## 存在问题",
        "",
        "（请填写）",
        "",
        "## 下一步打算",
        "",
        "（请填写）",
        "",
    ]
    lines = [comment(line) if line.startswith("#   ") else line for line in lines]
    return write_new(path, "\n".join(lines), content_dir)


def figure_comment_block(content: Content) -> list[str]:
    """The catalogue as commented `figures:` lines, grouped by category."""
    if not content.indicators:
        return []
    lines = [
        (
            "# 成效数据：去掉 “# figures:” 和所填指标行首的 “# ”，写上数字，如 80余次、"
            "近100人次、70余万元、累计26人"
        ),
        "# 同一指标有几项时写成列表，每项可带说明：trainees: [450人次 种植技术, 350人次 养殖技术]",
        "# 目录中没有的指标先新增：bulletins new indicator 编号 --name 名称 --unit 单位",
        "# figures:",
    ]
    # One heading per category, in the order categories first appear in the catalogue
    # (a catalogue may list 教育支持 indicators in two places).
    by_category: dict[str, list[Indicator]] = {}
    for ind in content.indicators.values():
        by_category.setdefault(ind.category, []).append(ind)
    for category, inds in by_category.items():
        lines.append(f"#   # ── {category}")
        for ind in inds:
            lines.append(f"#   {ind.id}:".ljust(40) + f"  # {ind.name}（{ind.unit.text}）")
    return lines


def report_target(content_dir: Path, content: Content, pairing: str, year: int) -> tuple[Path, Any]:
    """Where a report goes, after checking pairing and year; refuses an existing file."""
    pairing_ids = {p.stem for p in (content_dir / "pairings").glob("*.y*ml")}
    if pairing not in pairing_ids:
        raise ScaffoldError(
            f"结对 “{pairing}” 不存在（应有文件 content/pairings/{pairing}.yml；可先运行 "
            f"bulletins new pairing）{did_you_mean(pairing, pairing_ids)}"
        )
    if not 1900 <= year <= 2200:
        raise ScaffoldError(f"年份 --year 应为四位数年份，如 2015，而写的是 {year}", 2)
    p = content.pairings.get(pairing)
    if p is not None and not p.covers(year):
        period = f"{p.since.year}—{p.until.year if p.until else '至今'}"
        raise ScaffoldError(f"{year} 年不在结对 “{pairing}” 的期限 {period} 之内")
    path = content_dir / "reports" / str(year) / f"{pairing}.md"
    if path.exists():
        raise ScaffoldError(
            f"{year} 年度总结 “{pairing}” 已存在（{path}）：从不覆盖文件；请直接编辑它"
        )
    return path, p
