"""JSON Schemas for editors' tools, generated from the field tables in `schema`.

yaml-language-server (VS Code's YAML extension, JetBrains, Neovim, Helix …)
reads them to offer completion, show each field's Chinese doc as a tooltip and
underline a typo while the editor types. They are built from `SCHEMAS`, the
choices in `model` and the unit table in `units`, the same data the validator
uses, so they cannot disagree with `bulletins check` on what a field may hold.
They are stricter than nothing and looser than the validator: what needs the
whole tree (does this unit exist? does 台 convert to 米?) stays with `check`.

Draft 2020-12. This module must not read content files; the caller passes the
site's extra sectors and indicators when it has them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.content.load.tree import ID_RE
from generator.content.model import SECTORS
from generator.content.schema import (
    DEFAULT_WORDING,
    FIGURE_FIELDS,
    INDICATOR_FIELDS,
    SCHEMAS,
    FieldSpec,
    worded,
)
from generator.content.units import BASE_UNITS
from generator.content.validate.synonyms import MAX_WORD

__all__ = ["FILES", "FIGURE_PATTERN", "UNIT_PATTERN", "build_schemas", "write_schemas"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = ID_RE.pattern
SYNONYM_PATTERN = f"^\\s*\\S{{1,{MAX_WORD}}}\\s*$"
"""One word: no spaces inside, at most `MAX_WORD` characters (validate/synonyms.py)."""

_D = "[0-9０-９]"
_NUMBER = f"(?:{_D}{{1,3}}(?:[,，]{_D}{{3}})+|{_D}+)(?:[.．]{_D}+)?"
_BASES = "|".join(sorted((u.text for u in BASE_UNITS), key=lambda t: (-len(t), t)))
UNIT_PATTERN = f"^\\s*[十百千]?万?亿?(?:{_BASES})\\s*$"
"""A unit of measure: optional magnitude, then a base unit (`万元`, `公里`, `人次`)."""
FIGURE_PATTERN = (
    f"^\\s*(?:累计)?[近约]?{_NUMBER}(?:万亿|万|亿)?[余多]?\\s*(?:[十百千]?万?亿?(?:{_BASES}))?\\s*$"
)
"""The short form of a figure: `累计? [近|约]? number [万|亿]? [余|多]? unit?`."""

LABELLED_PATTERN = FIGURE_PATTERN.removesuffix("\\s*$") + "\\s+\\S.*$"
"""A list item: a figure in short form, whitespace, a label (`450人次 种植技术`)."""

FILES = {
    "unit": "unit.schema.json",
    "pairing": "pairing.schema.json",
    "indicators": "indicators.schema.json",
    "report": "report.schema.json",
    "sectors": "sectors.schema.json",
    "synonyms": "synonyms.schema.json",
}
"""Schema name → file name written by `bulletins schema`."""

_DATE = {
    "anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        {
            "type": "string",
            "pattern": "^[0-9]{4}(?:-(?:0?[1-9]|1[0-2])(?:-(?:0?[1-9]|[12][0-9]|3[01]))?)?$",
        },
    ]
}
_TEXT = {"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}]}


def _field(spec: FieldSpec, choices: Sequence[str] | None = None) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind == "text":
        out = dict(_TEXT)
    elif kind == "id":
        out = {"type": "string", "pattern": ID_PATTERN}
    elif kind == "ids":
        out = {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": ID_PATTERN},
        }
    elif kind == "texts":
        out = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    elif kind == "choice":
        out = {"type": "string", "enum": list(choices if choices is not None else spec.choices)}
    elif kind == "date":
        out = dict(_DATE)
    elif kind == "year":
        out = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^\\s*[0-9]+\\s*$"}]}
    elif kind == "url":
        out = {
            "type": "string",
            "pattern": "^\\s*[hH][tT][tT][pP][sS]?://[^\\s/$.?#][^\\s<>\"']*\\s*$",
        }
    elif kind == "source":
        out = {
            "type": "string",
            "anyOf": [
                {"pattern": "^\\s*[hH][tT][tT][pP][sS]?://[^\\s/$.?#][^\\s<>\"']*\\s*$"},
                {"pattern": "^\\s*pages/[^\\s\\\\<>\"'?#]+[^/\\s]\\s*$"},
            ],
        }
    elif kind in ("mapping", "figures"):
        out = {"type": "object"}
    else:  # pragma: no cover - a new kind in schema.py must be taught here
        raise ValueError(f"unknown field kind {kind}")
    out["description"] = spec.doc
    if spec.example:
        out["examples"] = [spec.example]
    return out


def _object(
    fields: Iterable[FieldSpec],
    overrides: Mapping[str, dict[str, Any]] | None = None,
    choices: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    fields = list(fields)
    props = {f.name: _field(f, (choices or {}).get(f.name)) for f in fields}
    for name, schema in (overrides or {}).items():
        props[name] = {**schema, "description": props[name]["description"]}
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def _figure(indicators: Mapping[str, str]) -> dict[str, Any]:
    spelled = _object(
        FIGURE_FIELDS,
        overrides={
            "value": {
                "anyOf": [
                    {"type": "string", "pattern": FIGURE_PATTERN},
                    {"type": "number", "minimum": 0},
                ]
            },
            "unit": {"type": "string", "pattern": UNIT_PATTERN},
        },
    )
    one = [{"type": "string", "pattern": FIGURE_PATTERN}, {"type": "number", "minimum": 0}]
    figure = {
        "description": (
            "成效数字：如 80余次、近100人次、70余万元、累计26人，或 {value: 6, unit: 万册}；"
            "几项时写成列表：[450人次 种植技术, 350人次 养殖技术, 100人次]"
        ),
        "anyOf": [
            *one,
            spelled,
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "anyOf": [
                        *one,
                        {"type": "string", "pattern": LABELLED_PATTERN},
                        spelled,
                    ]
                },
            },
        ],
    }
    out: dict[str, Any] = {
        "type": "object",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/figure"},
    }
    if indicators:
        # Known ids listed for completion; others stay allowed, as indicators.yml may be newer.
        out["properties"] = {
            k: {"$ref": "#/$defs/figure", "description": v} for k, v in sorted(indicators.items())
        }
    return {"figures": out, "figure": figure}


def build_schemas(
    sectors: Mapping[str, str] | None = None,
    indicators: Mapping[str, str] | None = None,
    wording: str = DEFAULT_WORDING,
) -> dict[str, dict[str, Any]]:
    """Every schema by name (see `FILES`). `sectors` adds to the built-in sectors;
    `indicators` (id → Chinese name) lists the catalogue's ids for completion; `wording`
    is the programme's word in descriptions and examples."""
    return _reworded(_schemas(sectors, indicators), wording)


def _reworded(value: Any, wording: str) -> Any:
    if isinstance(value, str):
        return worded(value, wording)
    if isinstance(value, dict):
        return {k: _reworded(v, wording) for k, v in value.items()}
    if isinstance(value, list):
        return [_reworded(v, wording) for v in value]
    return value


def _schemas(
    sectors: Mapping[str, str] | None, indicators: Mapping[str, str] | None
) -> dict[str, dict[str, Any]]:
    all_sectors = {**SECTORS, **(sectors or {})}
    defs = _figure(indicators or {})

    def doc(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
        return {"$schema": DRAFT, "$id": FILES[name], "title": title, **body}

    unit = _object(SCHEMAS["unit"])
    pairing = _object(SCHEMAS["pairing"], choices={"sector": list(all_sectors)})
    pairing["properties"]["sector"]["description"] += "：" + "、".join(
        f"{k} {v}" for k, v in all_sectors.items()
    )
    report = _object(SCHEMAS["report"], overrides={"figures": defs["figures"]})
    report["$defs"] = {"figure": defs["figure"]}
    indicator = _object(
        INDICATOR_FIELDS, overrides={"unit": {"type": "string", "pattern": UNIT_PATTERN}}
    )
    return {
        "unit": doc("unit", "单位（content/units/<编号>.yml）", unit),
        "pairing": doc("pairing", "结对（content/pairings/<编号>.yml）", pairing),
        "report": doc(
            "report", "年度总结的 YAML 头（content/reports/<年份>/<结对编号>.md）", report
        ),
        "indicators": doc(
            "indicators",
            "成效指标目录（content/indicators.yml）",
            {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": indicator,
            },
        ),
        "sectors": doc(
            "sectors",
            "自定义领域（content/sectors.yml）：编号: 中文名",
            {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": {"type": "string", "pattern": "\\S"},
            },
        ),
        "synonyms": doc(
            "synonyms",
            "搜索同义词表（content/synonyms.yml）：词: [同义词, …]",
            {
                "type": "object",
                "propertyNames": {"pattern": SYNONYM_PATTERN},
                "additionalProperties": {
                    "oneOf": [
                        {"type": "string", "pattern": SYNONYM_PATTERN},
                        {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "pattern": SYNONYM_PATTERN},
                        },
                    ]
                },
            },
        ),
    }


def write_schemas(out_dir: Path, schemas: Mapping[str, dict[str, Any]]) -> list[Path]:
    """Write each schema as `<name>.schema.json`, sorted keys kept as built, UTF-8."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas.items():
        path = out_dir / FILES[name]
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


VSCODE_GLOBS = {
    "unit": ["content/units/*.yml", "content/units/*.yaml"],
    "pairing": ["content/pairings/*.yml", "content/pairings/*.yaml"],
    "indicators": ["content/indicators.yml", "content/indicators.yaml"],
    "sectors": ["content/sectors.yml", "content/sectors.yaml"],
    "synonyms": ["content/synonyms.yml", "content/synonyms.yaml"],
}
"""Which files each schema describes, for `yaml.schemas` in `.vscode/settings.json`.
Reports are Markdown: yaml-language-server does not read front matter, so
`report.schema.json` serves tools that do (and `bulletins check` always does)."""


def vscode_settings(schema_dir: str = "schemas") -> dict[str, Any]:
    return {
        "yaml.schemas": {
            f"./{schema_dir}/{FILES[name]}": globs for name, globs in VSCODE_GLOBS.items()
        },
        "yaml.validate": True,
        "yaml.completion": True,
        "files.encoding": "utf8",
        "files.eol": "\n",
    }
