"""`bulletins import PATH…`: several Word files (or folders of them) in one go.

Each file's pairing and year come from `--pairing` / `--year` or, when absent, from its title
(the document's title, else its file name): the year written in it (`2013年`, `二〇一三年`),
and the one pairing whose supporter and recipient both appear in it — by name, short name,
or the name without its region's prefix (`上海市南汇区` → `南汇区`), as titles write them.
A file that cannot be placed, or whose report exists, is listed with the reason; the rest
are imported. An old `.doc` is converted with LibreOffice when `soffice` is installed, and
otherwise gets the command that converts it. This module must not import MkDocs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.model import Content, Unit
from generator.editor.findfigures import Found
from generator.editor.importer import read_docx, write_import
from generator.editor.new import ScaffoldError, content_of
from generator.editor.new_report import report_target

__all__ = ["Outcome", "import_word_files", "place", "word_files"]

WORD = (".docx", ".doc")


@dataclass
class Outcome:
    source: Path
    report: Path | None = None
    found: list[Found] = field(default_factory=list)
    reason: str | None = None
    code: int = 1


def word_files(paths: list[Path]) -> list[Path]:
    """The files named, and the Word files inside the folders named (sorted, Word's `~$`
    lock files left out)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*")
                if f.suffix.lower() in WORD and f.is_file() and not f.name.startswith("~$")
            )
        else:
            out.append(p)
    return out


_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])|([〇零一二三四五六七八九]{4})年")


def _years(text: str) -> list[int]:
    out = []
    for m in _YEAR.finditer(text):
        digits = m.group(1) or m.group(2).translate(_CN_DIGITS)
        if 1900 <= int(digits) <= 2200:
            out.append(int(digits))
    return sorted(set(out))


def _aliases(unit: Unit) -> set[str]:
    """How a title may name a unit: full name, short name, the name without a leading run
    of its regions (`上海市南汇区` → `南汇区`, `宜良县红十字会医院` → `红十字会医院` is too
    bare to count, so only names of three or more characters)."""
    names = {unit.name, *([unit.short_name] if unit.short_name else [])}
    for name in list(names):
        rest = name
        for region in unit.region:
            if rest.startswith(region) and len(rest) > len(region):
                rest = rest[len(region) :]
                names.add(rest)
    return {n for n in names if len(n) >= 3 or n == unit.short_name}


def place(text: str, content: Content) -> tuple[str | None, int | None, list[str]]:
    """(pairing id, year, reasons it could not be placed) from a title or file name."""
    reasons = []
    years = _years(text)
    year = years[0] if len(years) == 1 else None
    if not years:
        reasons.append("标题中没有年份（用 --year 指定）")
    elif len(years) > 1:
        reasons.append(f"标题中有几个年份（{'、'.join(map(str, years))}；用 --year 指定）")
    aliases = {uid: _aliases(u) for uid, u in content.units.items()}

    def named(uid: str) -> int:
        return max((len(a) for a in aliases.get(uid, ()) if a in text), default=0)

    matches = []
    for pid, p in sorted(content.pairings.items()):
        sup = max((named(u) for u in p.supporters), default=0)
        rec = max((named(u) for u in p.recipients), default=0)
        if sup and rec and (year is None or p.covers(year)):
            matches.append((sup + rec, pid))
    matches.sort(reverse=True)
    if not matches:
        reasons.append("标题中找不到同时写有支援方和受援方的结对（用 --pairing 指定）")
        return None, year, reasons
    if len(matches) > 1 and matches[0][0] == matches[1][0]:
        tied = "、".join(pid for score, pid in matches if score == matches[0][0])
        reasons.append(f"标题同时符合几个结对：{tied}（用 --pairing 指定）")
        return None, year, reasons
    return matches[0][1], year, reasons


def _as_docx(source: Path, tmp: Path) -> Path:
    """`source` itself, or for a `.doc` the .docx LibreOffice makes of it."""
    if source.suffix.lower() != ".doc":
        return source
    command = ["soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp), str(source)]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    shown = f"soffice --headless --convert-to docx --outdir {source.parent} {source}"
    if soffice is None:
        raise ScaffoldError(
            f"“{source.name}” 是旧版 .doc 文件：请先转换为 .docx，再导入转换后的文件。"
            f"装有 LibreOffice 时可运行：{shown}（或在 Word、WPS 中“另存为 .docx”）",
            2,
        )
    command[0] = soffice
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        raise ScaffoldError(
            f"LibreOffice 未能转换 “{source.name}”：请在 Word、WPS 中“另存为 .docx”，"
            f"或手工运行：{shown}"
        ) from None
    converted = tmp / (source.stem + ".docx")
    if not converted.is_file():
        raise ScaffoldError(f"LibreOffice 没有写出 “{converted.name}”：请手工运行：{shown}")
    return converted


def import_word_files(
    paths: list[Path], content_dir: Path, pairing: str | None, year: int | None
) -> list[Outcome]:
    """Import each Word file of `paths`; one outcome per file, in order."""
    content = content_of(content_dir)
    outcomes = []
    for source in word_files(paths):
        outcome = Outcome(source)
        try:
            if not source.is_file():
                raise ScaffoldError(f"找不到文件 “{source}”", 2)
            if source.suffix.lower() not in WORD:
                raise ScaffoldError("不是 Word 文件（.docx、.doc），也不是台账（.xlsx、.csv）", 2)
            with tempfile.TemporaryDirectory(prefix="bulletins-doc-") as tmp:
                read = read_docx(_as_docx(source, Path(tmp)))
            title = read[0] or ""
            p, y, reasons = place(f"{title} {source.stem}", content)
            if pairing is not None:
                p, reasons = pairing, [r for r in reasons if "结对" not in r]
            if year is not None:
                y, reasons = year, [r for r in reasons if "年份" not in r]
            if reasons or p is None or y is None:
                raise ScaffoldError("无法确定结对或年度：" + "；".join(reasons))
            path, _p = report_target(content_dir, content, p, y)
            outcome.found = write_import(content_dir, content, path, read, source.name)
            outcome.report = path
        except ScaffoldError as exc:
            outcome.reason, outcome.code = str(exc), exc.code
        outcomes.append(outcome)
    return outcomes
