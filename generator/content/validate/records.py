"""Validate units, pairings, the indicator catalogue, sectors and free pages.

Each function turns raw documents into typed records plus problems; a record
with an unrecoverable problem is left out, so later stages never see it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from generator.content.load.tree import ID_RE, RawDoc
from generator.content.load.yaml import YamlDoc
from generator.content.model import (
    DEFAULT_WORDING,
    SECTORS,
    FreePage,
    Indicator,
    Pairing,
    Source,
    Unit,
)
from generator.content.problems import Problem, did_you_mean, nearest
from generator.content.sanitize import inert_text
from generator.content.schema import INDICATOR_FIELDS, PAGE_FIELDS, PAIRING_FIELDS, UNIT_FIELDS
from generator.content.units import UnitError, parse_unit
from generator.content.validate.fields import read_fields, require_mapping, show


def validate_units(raws: list[RawDoc], problems: list[Problem]) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for raw in raws:
        data = require_mapping(raw.doc, "单位", problems)
        if data is None:
            continue
        v = read_fields(raw.doc, data, UNIT_FIELDS, problems)
        if "name" not in v or "kind" not in v:
            continue
        units[raw.id] = Unit(
            id=raw.id,
            name=v["name"],
            kind=v["kind"],
            short_name=v.get("short_name"),
            region=v.get("region", ()),
            website=v.get("website"),
            visibility=v.get("visibility", "public"),
            contact=v.get("contact"),
            source=Source(raw.path, 1),
        )
    return units


def validate_sectors(doc: YamlDoc | None, problems: list[Problem]) -> dict[str, str]:
    sectors = dict(SECTORS)
    if doc is None or doc.data is None:
        return sectors
    data = require_mapping(doc, "领域", problems)
    for key, value in (data or {}).items():
        if not isinstance(key, str) or not ID_RE.match(key):
            problems.append(
                doc.problem(
                    "E203", f"领域编号 “{show(key)}” 只能用小写字母、数字和连字符", key, key=True
                )
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                doc.problem("E203", f"领域 “{key}” 的值应为中文名称（如 `sports: 体育`）", key)
            )
        else:
            sectors[key] = value.strip()
    return sectors


def validate_indicators(doc: YamlDoc | None, problems: list[Problem]) -> dict[str, Indicator]:
    indicators: dict[str, Indicator] = {}
    if doc is None or doc.data is None:
        return indicators
    data = require_mapping(doc, "指标目录", problems)
    for order, (key, value) in enumerate((data or {}).items()):
        if not isinstance(key, str) or not ID_RE.match(key):
            problems.append(
                doc.problem(
                    "E105", f"指标编号 “{show(key)}” 只能用小写字母、数字和连字符", key, key=True
                )
            )
            continue
        if not isinstance(value, dict):
            problems.append(
                doc.problem(
                    "E203", f"指标 “{key}” 应为映射（name、unit 等字段），而不是单个值", key
                )
            )
            continue
        v = read_fields(doc, value, INDICATOR_FIELDS, problems, prefix=(key,))
        if "name" not in v or "unit" not in v:
            continue
        try:
            unit = parse_unit(v["unit"])
        except UnitError as exc:
            problems.append(doc.problem("E404", f"指标 “{key}” 的单位无法识别：{exc}", key, "unit"))
            continue
        line = doc.key_pos(key)[0]
        indicators[key] = Indicator(
            id=key,
            name=v["name"],
            unit=unit,
            category=v.get("category", "其他"),
            aggregate=v.get("aggregate", "sum"),
            description=v.get("description"),
            order=order,
            source=Source(doc.path, line),
            part_of=v.get("part_of"),
        )
    for key, ind in list(indicators.items()):
        if ind.part_of is not None and (ind.part_of not in indicators or ind.part_of == key):
            what = "不能是它自己" if ind.part_of == key else "不是已定义的指标"
            msg = (
                f"指标 “{key}” 的 part_of “{ind.part_of}” "
                f"{what}{did_you_mean(ind.part_of, indicators)}"
            )
            problems.append(doc.problem("E310", msg, key, "part_of"))
            indicators[key] = replace(ind, part_of=None)
    return indicators


def validate_pairings(
    raws: list[RawDoc],
    units: dict[str, Unit],
    sectors: dict[str, str],
    unit_ids: set[str],
    problems: list[Problem],
    wording: str = DEFAULT_WORDING,
) -> dict[str, Pairing]:
    """`unit_ids` holds every unit file's id, valid or not, so one bad unit file
    does not also make every pairing naming it an error. `wording` is the programme's
    word in a title left to its default (mkdocs.yml: the plugin's `wording`)."""
    pairings: dict[str, Pairing] = {}
    for raw in raws:
        doc = raw.doc
        data = require_mapping(doc, "结对", problems)
        if data is None:
            continue
        v = read_fields(doc, data, PAIRING_FIELDS, problems, skip=("sector",))
        if "sector" in v and not _check_sector(doc, v["sector"], sectors, problems):
            del v["sector"]
        ok = all(k in v for k in ("supporters", "recipients", "sector", "since"))
        for side in ("supporters", "recipients"):
            for i, uid in enumerate(v.get(side, ())):
                if uid not in unit_ids:
                    msg = (
                        f"单位 “{uid}” 不存在（应有文件 content/units/{uid}.yml）"
                        f"{did_you_mean(uid, unit_ids)}"
                    )
                    problems.append(doc.problem("E301", msg, side, i))
                    ok = False
        both = set(v.get("supporters", ())) & set(v.get("recipients", ()))
        for uid in sorted(both):
            i = list(v["recipients"]).index(uid)
            problems.append(
                doc.problem("E302", f"单位 “{uid}” 不能既是支援方又是受援方", "recipients", i)
            )
            ok = False
        since, until = v.get("since"), v.get("until")
        if since and until and until.sort_key() < since.sort_key():
            problems.append(doc.problem("E307", f"结束时间 {until} 早于开始时间 {since}", "until"))
            ok = False
        if not ok:
            continue
        title = v.get("title") or default_title(v["supporters"], v["recipients"], units, wording)
        pairings[raw.id] = Pairing(
            id=raw.id,
            supporters=v["supporters"],
            recipients=v["recipients"],
            sector=v["sector"],
            since=v["since"],
            until=until,
            title=title,
            programme=v.get("programme"),
            modes=v.get("modes", ()),
            agreement=v.get("agreement"),
            visibility=v.get("visibility", "public"),
            source=Source(raw.path, 1),
        )
    return pairings


def _check_sector(
    doc: YamlDoc, value: Any, sectors: dict[str, str], problems: list[Problem]
) -> bool:
    """An unknown sector is E311 (not the generic E204), since `sectors.yml` can add one."""
    if value is None:
        problems.append(
            doc.problem("E208", "字段 “sector” 没有填写内容（领域）；应写一个领域编号", "sector")
        )
        return False
    if not isinstance(value, str):
        problems.append(
            doc.problem(
                "E203",
                f"字段 “sector” 应为一个领域编号，如 `sector: education`，而写的是 “{show(value)}”",
                "sector",
            )
        )
        return False
    if value in sectors:
        return True
    listed = "、".join(f"{k}（{v}）" for k, v in sectors.items())
    best = nearest(value, sectors)
    hint = f"（是否应为 “{best}”？）" if best else ""
    msg = (
        f"未知的领域 “{show(value)}”{hint}；可选：{listed}；也可在 content/sectors.yml "
        "中增加（`编号: 中文名`）"
    )
    problems.append(doc.problem("E311", msg, "sector"))
    return False


def default_title(
    supporters: tuple[str, ...],
    recipients: tuple[str, ...],
    units: dict[str, Unit],
    wording: str = DEFAULT_WORDING,
) -> str:
    """`{supporters}{wording}{recipients}`: the programme's own word (对口支援, 对口帮扶 …)."""

    def names(ids: tuple[str, ...]) -> str:
        return "、".join(units[u].name if u in units else u for u in ids)

    return f"{names(supporters)}{wording}{names(recipients)}"


_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


_TAG = re.compile(r"</?[a-zA-Z!][^>]*>")


def plain_title(text: str) -> str:
    """A title is text: tags dropped, stray angle brackets made full-width, so no template
    that unescapes titles (Material's `striptags` in <title>) can turn them into markup."""
    return inert_text(_TAG.sub("", str(text))).strip()


def validate_pages(raws: list[RawDoc], problems: list[Problem]) -> list[FreePage]:
    pages = []
    for raw in raws:
        data: Any = raw.doc.data
        if not isinstance(data, dict):
            problems.append(raw.doc.problem("E104", "页面的 YAML 头应是映射（`字段: 值`）"))
            continue
        v = read_fields(raw.doc, data, PAGE_FIELDS, problems)
        title = v.get("title")
        if not title:
            m = _H1.search(raw.body)
            title = m.group(1) if m else raw.id
        title = plain_title(title) or raw.id
        pages.append(
            FreePage(
                id=raw.id,
                title=title,
                body=raw.body,
                visibility=v.get("visibility", "public"),
                order=v.get("order", 0),
                source=Source(raw.path, 1),
                body_line=raw.body_line,
            )
        )
    return pages
