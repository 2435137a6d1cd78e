"""`bulletins new unit|pairing`: write one record file from arguments.

The file passes `bulletins check` as written, lists the optional fields as
comments with their Chinese doc (from `schema.SCHEMAS`, so the comments cannot
drift from the validator), and never replaces an existing file. References are
checked before anything is written: a pairing names units that exist and a
sector that is known. Reports are in `scaffold_report`. Ids are suggested in
pinyin from the Chinese name (`pinyin_ids`).

Errors are `ScaffoldError` with a Chinese message and an exit code; this module
must not print, exit or import MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import yaml

from generator.content.invisible import FORMAT, message
from generator.content.load.tree import ID_RE
from generator.content.model import UNIT_KINDS, Content
from generator.content.problems import did_you_mean
from generator.content.safe_files import LinkOnTheWay, create_new
from generator.content.schema import DEFAULT_WORDING, SCHEMAS, FieldSpec, worded
from generator.content.validate import load_content
from generator.content.validate.fields import parse_partial_date
from generator.editor.ids import initials_id, suggest_id

__all__ = [
    "ScaffoldError",
    "comment",
    "content_of",
    "new_pairing",
    "new_unit",
    "split_list",
    "write_new",
]


class ScaffoldError(Exception):
    """Bad arguments or a file that already exists; `code` is the exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def split_list(text: str | None) -> list[str]:
    """`a,b`, `a，b` or `a、b` → `[a, b]`, blanks dropped."""
    return [p.strip() for p in re.split(r"[,，、]", text or "") if p.strip()]


def _line(name: str, value: Any) -> str:
    """`name: value` as YAML, lists in flow style (`region: [云南省, 文山州]`)."""
    flow = isinstance(value, list)
    text = yaml.safe_dump(
        {name: value}, allow_unicode=True, default_flow_style=flow, sort_keys=False, width=10_000
    )
    text = text.strip()
    return text[1:-1] if flow else text  # flow style wraps the whole mapping in braces


_NOT_IN_A_COMMENT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""What YAML reads as a line break (`\\n`, `\\r`, NEL, U+2028, U+2029) and other control
characters: in a `# …` comment any of them could end the comment and start a key."""


def comment(text: str) -> str:
    """`text` made safe to stand after `# `: one line, whatever an editor typed. Values go
    through `_line` (the YAML serialiser); comments through this, never raw."""
    return _NOT_IN_A_COMMENT.sub(" ", text)


def _refuse_hidden(value: str, label: str) -> None:
    """A name with a line break, a control or an invisible character is refused here, as
    `check` would refuse it (E504, E507), before anything is written."""
    bad = _NOT_IN_A_COMMENT.search(value) or FORMAT.search(value)
    if bad is not None:
        raise ScaffoldError(message(bad.group(), f"{label} “{comment(value)}” "), 2)


def _optional(
    fields: tuple[FieldSpec, ...],
    given: set[str],
    skip: tuple[str, ...] = (),
    wording: str = DEFAULT_WORDING,
) -> list[str]:
    lines = []
    for f in fields:
        if f.required or f.name in given or f.name in skip:
            continue
        example, doc = worded(f.example, wording), worded(f.doc, wording)
        lines.append(f"# {f.name}: {example}".ljust(40) + f"  # {doc}")
    return lines


def _modeline(path: Path, content_dir: Path, schema: str) -> list[str]:
    schemas = content_dir.parent / "schemas" / schema
    if not schemas.is_file():
        return []
    rel = os.path.relpath(schemas, path.parent).replace(os.sep, "/")
    return [f"# yaml-language-server: $schema={rel}"]


def _choose_id(given: str | None, name: str, what: str, short: str = "") -> str:
    """The given or suggested id, checked; `short` is the `--id` offered when it is too long."""
    rid = (given or "").strip() or suggest_id(name)
    if not rid:
        raise ScaffoldError(
            f"无法从 “{name}” 生成编号：请用 --id 指定（小写字母、数字、连字符）", 2
        )
    if len(rid) > 64 and short:
        raise ScaffoldError(
            f"{what}编号 “{rid}” 有 {len(rid)} 个字符，超过 64 个：请用 --id 指定一个短些的"
            f"拼音编号，如 --id {short}（编号即文件名，建议不超过 30 个字符；也可先给单位写"
            " short_name 简称）",
            2,
        )
    if not ID_RE.match(rid):
        raise ScaffoldError(
            (
                f"{what}编号 “{rid}” 不合规：只能用小写字母、数字和连字符，且以字母或数字开头，"
                "最长 64 个字符"
            ),
            2,
        )
    return rid


def _refuse_existing(folder: Path, rid: str, what: str) -> None:
    for ext in (".yml", ".yaml", ".md"):
        existing = folder / (rid + ext)
        if existing.exists():
            raise ScaffoldError(
                f"{what} “{rid}” 已存在（{existing}）：new 从不覆盖文件；如需另建，请用 --id "
                "指定其他编号"
            )


def write_new(path: Path, text: str, content_dir: Path, verb: str = "new") -> Path:
    """Create `path` (inside `content_dir`) with `text`: never over a file (even in a race),
    never through a symbolic link (a folder on the way or the file itself)."""
    try:
        create_new(content_dir, path.relative_to(content_dir), text.encode("utf-8"))
    except FileExistsError:
        raise ScaffoldError(f"文件 {path} 已存在：{verb} 从不覆盖文件") from None
    except LinkOnTheWay as exc:
        raise ScaffoldError(
            f"“{exc.where}” 是符号链接：{verb} 不通过符号链接写文件（它可能指向 content/ 之外）；"
            "请换成真正的目录后重试"
        ) from None
    except OSError as exc:
        raise ScaffoldError(f"无法写入 {path}：{exc.strerror or exc}") from None
    return path


def content_of(content_dir: Path) -> Content:
    if not content_dir.is_dir():
        raise ScaffoldError(
            (
                f"找不到内容目录 “{content_dir}”：请在网站文件夹中运行，或用 --content 指定；"
                "新网站先运行 bulletins init"
            ),
            2,
        )
    content, _ = load_content(content_dir)
    return content


def new_unit(
    content_dir: Path,
    name: str,
    kind: str,
    region: list[str] | None = None,
    rid: str | None = None,
    short_name: str | None = None,
) -> Path:
    """Write `units/<id>.yml`; the id is suggested from `name` unless given."""
    name = (name or "").strip()
    if not name:
        raise ScaffoldError(
            "请给出单位全称，如：bulletins new unit 新疆师范大学 --kind university", 2
        )
    for value, label in (
        (name, "单位名称"),
        (short_name or "", "简称"),
        *[(r, "地区") for r in region or []],
    ):
        _refuse_hidden(value, label)
    if kind not in UNIT_KINDS:
        kinds = "、".join(f"{k}（{v}）" for k, v in UNIT_KINDS.items())
        raise ScaffoldError(
            f"单位类型 --kind 应为 {kinds} 之一，而写的是 “{kind}”{did_you_mean(kind, UNIT_KINDS)}",
            2,
        )
    if not content_dir.is_dir():
        content_of(content_dir)
    rid = _choose_id(rid, name, "单位", initials_id(name))
    folder = content_dir / "units"
    _refuse_existing(folder, rid, "单位")
    path = folder / f"{rid}.yml"
    lines = [
        *_modeline(path, content_dir, "unit.schema.json"),
        comment(f"# 单位：{name}（编号 {rid}，即文件名）"),
    ]
    lines.append(_line("name", name))
    given = {"name", "kind"}
    if short_name:
        lines.append(_line("short_name", short_name))
        given.add("short_name")
    lines.append(_line("kind", kind) + f"  # {UNIT_KINDS[kind]}")
    if region:
        lines.append(_line("region", region))
        given.add("region")
    lines.append("# 以下为可选字段，需要时去掉行首的 “# ” 并改成实际内容：")
    lines += _optional(SCHEMAS["unit"], given)
    return write_new(path, "\n".join(lines) + "\n", content_dir)


def new_pairing(
    content_dir: Path,
    supporters: list[str],
    recipients: list[str],
    sector: str,
    since: str,
    until: str | None = None,
    rid: str | None = None,
    title: str | None = None,
    wording: str = DEFAULT_WORDING,
) -> Path:
    """Write `pairings/<id>.yml` after checking the units, sector and dates; `wording` is
    the programme's word in the default title (mkdocs.yml: the plugin's `wording`)."""
    content = content_of(content_dir)
    unit_ids = {p.stem for p in (content_dir / "units").glob("*.y*ml")}
    problems = []
    for side, label in ((supporters, "支援方 --supporters"), (recipients, "受援方 --recipients")):
        if not side:
            problems.append(f"{label} 至少写一个单位编号（多个用逗号分隔）")
        for uid in side:
            if uid not in unit_ids:
                problems.append(
                    f"{label} 中的单位 “{uid}” 不存在（应有文件 content/units/{uid}.yml；"
                    f"可先运行 bulletins new unit）{did_you_mean(uid, unit_ids)}"
                )
    for uid in sorted(set(supporters) & set(recipients)):
        problems.append(f"单位 “{uid}” 不能既是支援方又是受援方")
    if sector not in content.sectors:
        problems.append(
            "领域 --sector 应为 "
            f"{'、'.join(f'{k}（{v}）' for k, v in content.sectors.items())} 之一，而写的是 "
            f"“{sector}”{did_you_mean(sector, content.sectors)}"
        )
    start = parse_partial_date(since)
    if start is None:
        problems.append(f"开始时间 --since 应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，而写的是 “{since}”")
    end = parse_partial_date(until) if until else None
    if until and end is None:
        problems.append(f"结束时间 --until 应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，而写的是 “{until}”")
    if start and end and end.sort_key() < start.sort_key():
        problems.append(f"结束时间 {until} 早于开始时间 {since}")
    if problems:
        raise ScaffoldError("\n".join(problems))

    def short(uid: str) -> str:
        unit = content.units.get(uid)
        return suggest_id(unit.short_name or unit.name) if unit else uid

    def initials(uid: str) -> str:
        unit = content.units.get(uid)
        return initials_id(unit.short_name or unit.name) if unit else initials_id(uid)

    brief = f"{initials(supporters[0])}-{initials(recipients[0])}"
    rid = _choose_id(rid or f"{short(supporters[0])}-{short(recipients[0])}", "", "结对", brief)
    folder = content_dir / "pairings"
    _refuse_existing(folder, rid, "结对")
    path = folder / f"{rid}.yml"
    names = {
        u: (content.units[u].name if u in content.units else u) for u in supporters + recipients
    }
    heading = (
        f"{'、'.join(names[u] for u in supporters)}{wording}"
        f"{'、'.join(names[u] for u in recipients)}"
    )
    lines = [
        *_modeline(path, content_dir, "pairing.schema.json"),
        comment(f"# 结对：{heading}（编号 {rid}，即文件名）"),
    ]
    lines += [_line("supporters", supporters), _line("recipients", recipients)]
    lines.append(_line("sector", sector) + f"  # {content.sectors[sector]}")
    lines.append(_line("since", _date_value(since)))
    given = {"supporters", "recipients", "sector", "since"}
    if until:
        lines.append(_line("until", _date_value(until)))
        given.add("until")
    if title:
        lines.append(_line("title", title))
        given.add("title")
    lines.append("# 以下为可选字段，需要时去掉行首的 “# ” 并改成实际内容：")
    lines += _optional(SCHEMAS["pairing"], given, wording=wording)
    return write_new(path, "\n".join(lines) + "\n", content_dir)


def _date_value(text: str) -> Any:
    """Written back unquoted: `2015`, `2015-05`, `2015-05-01`."""
    date = parse_partial_date(text.strip())
    if date is None or date.month is None:
        return int(text.strip())
    if date.day is None:
        return str(date)
    return dt.date(date.year, date.month, date.day)
