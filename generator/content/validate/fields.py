"""Check one YAML mapping against a field table; turn each value into its type.

Unknown fields suggest the nearest known one; wrong types and choices say what
was expected and what was found. Values that fail are left out of the result
(and reported), so later checks never see a bad value. Kind-specific rules
live in `validate_records` and `validate_reports`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from generator.content.load.tree import ID_RE
from generator.content.load.yaml import KeyPath, YamlDoc
from generator.content.model import PartialDate
from generator.content.problems import Problem, did_you_mean, nearest
from generator.content.schema import MAX_YEAR, MIN_YEAR, FieldSpec

_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s<>\"']*$", re.IGNORECASE)
_PAGES_FILE_RE = re.compile(r"^pages/(?!(?:.*/)?\.\.(?:/|$))[^\s\\<>\"'?#]+[^/\s]$")
"""A file under content/pages/, written `pages/<file>`: no `..`, no spaces, not a folder."""


def type_name(value: Any) -> str:
    """Chinese name of a YAML value's type, for messages."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, (dt.date, dt.datetime)):
        return "日期"
    return type(value).__name__


def fullwidth_hint(value: Any) -> str:
    """Why a text may not be what was meant: full-width punctuation where YAML needs ASCII."""
    text = str(value)
    if isinstance(value, str) and "：" in text:
        return "（“：” 是全角冒号：`键: 值` 要用半角冒号加空格）"
    if "，" in text:
        return "（“，” 是全角逗号：列表项之间要用半角逗号加空格 `, `）"
    if any(q in text for q in "“”"):
        return '（“” 是全角引号：YAML 只认半角引号 " "）'
    return ""


def colon_hint(value: Any) -> str:
    """For a mapping where text was expected: an unquoted `: ` made YAML read `键: 值`."""
    if isinstance(value, dict) and len(value) == 1:
        ((k, v),) = value.items()
        return (
            f"：文字中的 “: ”（冒号加空格）让 YAML 把它读成了“键: 值”；请把整段文字用半角引号"
            f'括起来，写成 "{show(k)}: {show(v)}"（或把冒号改成全角 “：”）'
        )
    if isinstance(value, list):
        return "：请去掉多余的方括号，写一段文字"
    return ""


def _nearest_hint(word: str, choices: Sequence[str]) -> str:
    """`did_you_mean` without listing the choices again (the message already lists them)."""
    best = nearest(word, choices)
    return f"，是否应为 “{best}”？" if best is not None else ""


def show(value: Any, limit: int = 40) -> str:
    s = str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def require_mapping(doc: YamlDoc, what: str, problems: list[Problem]) -> dict[str, Any] | None:
    if isinstance(doc.data, dict):
        return doc.data
    if doc.data is None:
        problems.append(
            Problem(doc.path, 1, 1, "E104", f"{what}文件是空的：应写成 `字段: 值` 的形式")
        )
    else:
        problems.append(
            doc.problem(
                "E104",
                f"{what}文件的顶层应是映射，每行写一个 `字段: 值`（如 `name: 甲学校`），"
                f"而不是{type_name(doc.data)}{fullwidth_hint(doc.data)}",
            )
        )
    return None


def read_fields(
    doc: YamlDoc,
    data: dict[str, Any],
    fields: Sequence[FieldSpec],
    problems: list[Problem],
    prefix: KeyPath = (),
    choices: dict[str, Sequence[str]] | None = None,
    skip: Sequence[str] = (),
) -> dict[str, Any]:
    """Typed values of the known fields; problems for unknown, missing and bad ones.

    `choices` overrides a field's choices (sectors come from `sectors.yml`);
    fields named in `skip` are returned raw for the caller to check.
    """
    known = {f.name: f for f in fields}
    out: dict[str, Any] = {}
    misspelt: set[str] = set()
    for key in data:
        if key not in known:
            path = (*prefix, key)
            msg = f"未知字段 “{show(key)}”{did_you_mean(str(key), known)}"
            problems.append(doc.problem("E202", msg, *path, key=True))
            misspelt.add(nearest(str(key), known) or "")
    for spec in fields:
        path = (*prefix, spec.name)
        if spec.name not in data:
            # A misspelt required field (`recipent`) is one problem (E202), not two.
            if spec.required and spec.name not in misspelt:
                line, col = doc.pos(*prefix)
                problems.append(
                    Problem(
                        doc.path, line, col, "E201", f"缺少必填字段 “{spec.name}”（{spec.doc}）"
                    )
                )
            continue
        value = data[spec.name]
        if spec.name in skip:
            out[spec.name] = value
            continue
        allowed = (choices or {}).get(spec.name, spec.choices)
        converted = _convert(doc, spec, value, path, allowed, problems)
        if converted is not None:
            out[spec.name] = converted
    return out


def _convert(
    doc: YamlDoc,
    spec: FieldSpec,
    value: Any,
    path: KeyPath,
    allowed: Sequence[str],
    problems: list[Problem],
) -> Any:
    def bad(code: str, msg: str, at: KeyPath = path) -> None:
        problems.append(doc.problem(code, msg, *at))

    kind = spec.kind
    if value is None:
        bad("E208", f"字段 “{spec.name}” 没有填写内容（{spec.doc}）；不需要时请删去这一行")
        return None
    if kind == "text":
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = (
                doc.texts.get(path, str(value)) if not isinstance(value, str) else value
            ).strip()
            if not text:
                bad("E208", f"字段 “{spec.name}” 是空文本（{spec.doc}）")
                return None
            return text
        bad(
            "E203",
            f"字段 “{spec.name}” 应为一段文字，如 `{spec.name}: …`，而写的是{type_name(value)}"
            f"{colon_hint(value)}",
        )
        return None
    if kind in ("id", "choice"):
        if not isinstance(value, str):
            like = (
                f"{'、'.join(allowed)} 之一"
                if kind == "choice"
                else "编号（小写字母、数字、连字符）"
            )
            bad(
                "E203",
                f"字段 “{spec.name}” 应为{like}，而写的是{type_name(value)} “{show(value)}”"
                f"{colon_hint(value)}",
            )
            return None
        if kind == "choice" and value not in allowed:
            bad(
                "E204",
                (
                    f"字段 “{spec.name}” 的取值应为 {'、'.join(allowed)} 之一，而写的是 "
                    f"“{show(value)}”{_nearest_hint(value, allowed)}"
                ),
            )
            return None
        if kind == "id" and not ID_RE.match(value):
            bad(
                "E203",
                f"字段 “{spec.name}” 应为编号（小写字母、数字、连字符），而写的是 “{show(value)}”"
                f"{fullwidth_hint(value)}",
            )
            return None
        return value
    if kind in ("ids", "texts"):
        if isinstance(value, str) and kind == "texts":
            value = [value]
        if not isinstance(value, list):
            bad(
                "E203",
                (
                    f"字段 “{spec.name}” 应为列表（如 [a, b]），而写的是{type_name(value)} "
                    f"“{show(value)}”{fullwidth_hint(value)}"
                ),
            )
            return None
        if not value and kind == "ids":
            bad("E207", f"字段 “{spec.name}” 是空列表：至少写一个单位编号")
            return None
        items = []
        for i, item in enumerate(value):
            ipath = (*path, i)
            if kind == "ids":
                if not isinstance(item, str) or not ID_RE.match(item):
                    bad(
                        "E203",
                        (
                            f"“{spec.name}” 第 {i + 1} 项应为单位编号（小写字母、数字、连字符），"
                            f"而写的是 “{show(item)}”{fullwidth_hint(item)}"
                        ),
                        ipath,
                    )
                    return None
                items.append(item)
            else:
                if (
                    isinstance(item, (str, int, float))
                    and not isinstance(item, bool)
                    and str(item).strip()
                ):
                    items.append(
                        doc.texts.get(ipath, str(item)).strip()
                        if not isinstance(item, str)
                        else item.strip()
                    )
                else:
                    bad(
                        "E203",
                        f"“{spec.name}” 第 {i + 1} 项应为一段非空文字，而写的是{type_name(item)}"
                        f"{colon_hint(item)}",
                        ipath,
                    )
                    return None
        if kind == "ids" and len(set(items)) != len(items):
            dup = next(x for x in items if items.count(x) > 1)
            bad("E203", f"“{spec.name}” 中 “{dup}” 出现了两次")
            return None
        return tuple(items)
    if kind == "date":
        date = parse_partial_date(value, doc.texts.get(path))
        if date is None:
            bad(
                "E205",
                (
                    f"字段 “{spec.name}” 的日期应写成 YYYY、YYYY-MM 或 YYYY-MM-DD，而写的是 "
                    f"“{show(value)}”"
                ),
            )
        return date
    if kind == "year":
        year = None
        if isinstance(value, int) and not isinstance(value, bool):
            year = value
        elif isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        if year is not None:
            if MIN_YEAR <= year <= MAX_YEAR:
                return year
            bad(
                "E205", f"字段 “{spec.name}” 的年份应在 {MIN_YEAR}–{MAX_YEAR} 之间，而写的是 {year}"
            )
            return None
        bad(
            "E203",
            f"字段 “{spec.name}” 应为四位数年份，如 `{spec.name}: 2015`，"
            f"而写的是{type_name(value)} “{show(value)}”",
        )
        return None
    if kind == "url":
        if not isinstance(value, str) or not _URL_RE.match(value.strip()):
            bad(
                "E206",
                (
                    f"字段 “{spec.name}” 应为以 http:// 或 https:// 开头的网址，而写的是 "
                    f"“{show(value)}”"
                ),
            )
            return None
        return value.strip()
    if kind == "source":
        text = value.strip() if isinstance(value, str) else ""
        if _URL_RE.match(text) or _PAGES_FILE_RE.match(text):
            return text
        bad(
            "E206",
            f"字段 “{spec.name}” 应为 pages/ 下的文件（如 pages/2015-zongjie.pdf）"
            f"或以 http:// 或 https:// 开头的网址，而写的是 “{show(value)}”",
        )
        return None
    if kind in ("mapping", "figures"):
        if not isinstance(value, dict):
            bad(
                "E203",
                f"字段 “{spec.name}” 应为映射：在下面的各行缩进两个空格写 `键: 值`，"
                f"而写的是{type_name(value)}{fullwidth_hint(value)}",
            )
            return None
        return value
    raise AssertionError(f"unknown field kind {kind}")


def parse_partial_date(value: Any, text: str | None = None) -> PartialDate | None:
    """`2015`, `2015-05`, `2015-05-01` (or a YAML date) as a PartialDate; None if not one."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            return None
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = text if text is not None else str(value)
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if year < MIN_YEAR or year > MAX_YEAR:
        return None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)
