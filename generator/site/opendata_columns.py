"""Open-data columns: record fields from the schema, derived columns declared here once.

A record field's column (Chinese title, type, description, required, enum, how a
list is joined) comes from its `FieldSpec.column` in `content/schema.py`, the table
that also drives the validator, the guide and the editors' JSON Schemas. Only the
columns no record field holds (names looked up, counts, links, converted figures,
flags) are declared below, each once. `UNPUBLISHED` names the record fields
deliberately left out of every download, with the reason.

This module must not import MkDocs or read files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.schema import SCHEMAS, FieldSpec
from generator.content.units import UnitOfMeasure


@dataclass(frozen=True)
class Field:
    """One column: name (CSV header), Table Schema type, Chinese title and description."""

    name: str
    type: str
    title: str
    description: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()


Column = tuple[Field, Callable[[Any], Any]]
"""A column and how a row's value is read from its record."""

UNPUBLISHED: dict[tuple[str, str], str] = {
    ("unit", "contact"): "contacts are never published",
    ("report", "source"): "the original file is linked from the report page (`url`)",
    ("report", "figures"): "its own table, `figures`; `reports.figures` is their count",
    ("report", "problems"): "prose, read on the report page",
    ("report", "plans"): "prose, read on the report page",
    ("figure", "value"): "the figure as written is `written`; `value` is the converted number",
    ("figure", "unit"): "part of `written`; `unit` is the indicator's unit `value` is in",
}
"""Record fields (schema kind, field name) no download carries, and why."""


def _spec(kind: str, name: str) -> FieldSpec:
    return next(s for s in SCHEMAS[kind] if s.name == name)


def record_field(kind: str, name: str) -> Field:
    """The column of field `name` of a `kind` record, as the schema describes it."""
    spec = _spec(kind, name)
    col = spec.column
    if col is None:
        raise KeyError(f"{kind}.{name} is not published: {UNPUBLISHED.get((kind, name))}")
    enum = spec.choices if col.enum else ()
    return Field(
        name, col.type_of(spec.kind), col.title, col.doc, spec.required or col.filled, enum
    )


def cell(spec: FieldSpec, value: Any) -> Any:
    """A field's loaded value as one cell: lists joined, dates as written, units as text."""
    if spec.kind in ("ids", "texts"):
        joined = spec.column.joined if spec.column else ";"
        return joined.join(value) or None
    if spec.kind == "date":
        return None if value is None else str(value)
    if isinstance(value, UnitOfMeasure):
        return value.text
    return value


def record_columns(kind: str, *names: str) -> list[Column]:
    """The columns of fields `names` of a `kind` record, each read from the record."""

    def reader(spec: FieldSpec) -> Callable[[Any], Any]:
        return lambda record: cell(spec, getattr(record, spec.name))

    return [(record_field(kind, n), reader(_spec(kind, n))) for n in names]


# Derived columns: what no record field holds.
ID = Field("id", "string", "编号", "", True)
KIND_NAME = Field("kind_name", "string", "类型名称", "", True)
SECTOR_NAME = Field("sector_name", "string", "领域", "", True)
FIGURE_COUNT = Field("figures", "integer", "数据项数", "", True)
URL = Field("url", "string", "网页", "", True)
ROLE = Field(
    "role", "string", "角色", "supporter 支援方；recipient 受援方", True, ("supporter", "recipient")
)
PARTY_UNIT = Field("unit", "string", "单位编号", "", True)
INDICATOR = Field("indicator", "string", "指标编号", "成效指标的编号，见 indicators", True)
INDICATOR_NAME = Field("indicator_name", "string", "指标名称", "", True)
PART = Field(
    "part",
    "integer",
    "分项序号",
    "同一总结同一指标有几项数字时的序号（从 1 起）；单项为 1",
    True,
)
WRITTEN = Field(
    "written", "string", "原文数字", "总结中的写法，如“70余万元”“近100人”“累计26人”", True
)
VALUE = Field("value", "number", "换算值", "按指标单位换算后的数值，合计即由此相加", True)
VALUE_UNIT = Field("unit", "string", "单位", "换算值的单位，即指标单位", True)
DISPLAY = Field(
    "display",
    "string",
    "显示值",
    "换算值按网页的写法（万/亿、余/近/约的位置），如“70余万元”“2万余元”“3980米”",
    True,
)
PAIRING_TITLE = Field("pairing_title", "string", "结对名称", "", True)
VIEW_SECTOR = Field("sector", "string", "领域", "", True)
IN_YEAR_TOTAL = Field(
    "in_year_total", "boolean", "计入当年合计", "true：计入该年该指标的当年合计（当年数）", True
)
IN_CUMULATIVE_TOTAL = Field(
    "in_cumulative_total",
    "boolean",
    "计入累计合计",
    "true：计入该结对该指标的累计合计（最近一次累计数及其后各年的当年数）",
    True,
)
