"""Open-data columns come from the schema (generator.site.opendata_columns): every record field
is a column or deliberately unpublished, with the schema's title, type, enum and joining."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_tree

from generator.content.schema import SCHEMAS
from generator.content.validate import load_content
from generator.site.opendata import Table, core_tables
from generator.site.opendata_columns import UNPUBLISHED, record_field
from generator.site.opendata_views import VIEW_FIELDS

TABLE_OF = {"unit": "units", "pairing": "pairings", "report": "reports", "indicator": "indicators"}

FILES: dict[str, str | bytes | None] = {
    "indicators.yml": (
        "money: {name: 资金, unit: 元}\nroad: {name: 道路, unit: 米, part_of: money}\n"
    ),
    "units/a.yml": "name: 甲大学\nkind: university\nregion: [新疆维吾尔自治区, 乌鲁木齐市]\n"
    "contact: {电话: 123}\n",
    "units/b.yml": "name: 乙大学\nkind: university\n",
    "pairings/ab.yml": "supporters: [a]\nrecipients: [b]\nsector: health\nsince: 2008\n"
    "modes: [支教, 进修]\n",
    "reports/2009/ab.md": "---\nfigures:\n  money: 70余万元\n---\n\n正文。\n",
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Table]:
    root: Path = make_tree(tmp_path_factory.mktemp("cols"), FILES)
    content, problems = load_content(root)
    assert [p for p in problems if p.severity == "error"] == []
    return {t.name: t for t in core_tables(content)}


@pytest.mark.parametrize("kind", sorted(TABLE_OF))
def test_every_schema_field_is_a_column_or_listed_as_unpublished(
    tables: dict[str, Table], kind: str
) -> None:
    columns = {f.name: f for f in tables[TABLE_OF[kind]].fields}
    for spec in SCHEMAS[kind]:
        if (kind, spec.name) in UNPUBLISHED:
            assert spec.column is None, f"{kind}.{spec.name} is unpublished yet has a column"
            continue
        assert spec.column is not None, f"{kind}.{spec.name}: no column, not in UNPUBLISHED"
        assert columns.get(spec.name) == record_field(kind, spec.name), f"{kind}.{spec.name}"


def test_unpublished_names_real_fields_only() -> None:
    for kind, name in UNPUBLISHED:
        assert any(s.name == name for s in SCHEMAS[kind]), (kind, name)


def test_titles_types_enums_and_required_come_from_the_schema() -> None:
    for kind in TABLE_OF:
        for spec in SCHEMAS[kind]:
            if spec.column is None:
                continue
            f = record_field(kind, spec.name)
            assert f.title == spec.column.title and f.description == spec.column.doc
            assert f.type == ("integer" if spec.kind == "year" else "string")
            assert f.required == (spec.required or spec.column.filled)
            assert f.enum == (spec.choices if spec.column.enum else ())
    assert record_field("unit", "kind").enum == next(
        s.choices for s in SCHEMAS["unit"] if s.name == "kind"
    )
    assert record_field("pairing", "sector").enum == ()  # sectors.yml adds sectors


def test_contact_is_never_a_column(tables: dict[str, Table]) -> None:
    assert ("unit", "contact") in UNPUBLISHED
    for table in tables.values():
        assert "contact" not in {f.name for f in table.fields}
        assert all("contact" not in row for row in table.rows)
    assert "contact" not in {f.name for f in VIEW_FIELDS}


def test_lists_joined_as_the_schema_says(tables: dict[str, Table]) -> None:
    (a,) = [r for r in tables["units"].rows if r["id"] == "a"]
    assert a["region"] == "新疆维吾尔自治区 / 乌鲁木齐市"
    (ab,) = tables["pairings"].rows
    assert ab["modes"] == "支教;进修" and ab["supporters"] == "a" and ab["until"] is None
    parts = {r["id"]: r["part_of"] for r in tables["indicators"].rows}
    assert parts == {"money": None, "road": "money"}
    (report,) = tables["reports"].rows
    assert report["year"] == 2009 and report["figures"] == 1 and report["published"] is None
