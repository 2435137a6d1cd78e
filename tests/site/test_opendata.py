"""Open data (generator.site.opendata, generator.site.opendata_files): rows, CSV/JSON, the data
package."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import frictionless  # in the test extra (pyproject.toml)
import pytest
from helpers import make_tree

from generator.content.audience import select_audience
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site.opendata import core_tables
from generator.site.opendata_files import opendata_files, plain
from generator.site.opendata_views import indicator_view, year_view

FILES: dict[str, str | bytes | None] = {
    "indicators.yml": (
        "road: {name: 道路硬化, unit: 米}\n"
        "money: {name: 资金, unit: 元}\n"
        "phd: {name: 攻读博士, unit: 人}\n"
    ),
    "units/city.yml": (
        "name: 市医院\nkind: hospital\nregion: [云南省, 昆明市]\ncontact: {电话: 0871-1234567}\n"
    ),
    "units/town.yml": "name: 镇卫生院\nkind: health-centre\ncontact: {负责人: 张三}\n",
    "units/secret.yml": "name: 内部单位\nkind: other\nvisibility: internal\n",
    "pairings/hosp.yml": (
        "supporters: [city]\nrecipients: [town]\nsector: health\nsince: 2008\nmodes: [驻点, 进修]\n"
    ),
    "pairings/hidden.yml": (
        "supporters: [secret]\nrecipients: [town]\nsector: health\nsince: 2008\nvisibility: "
        "internal\n"
    ),
    "reports/2009/hosp.md": (
        "---\npublished: 2010-01\nfigures:\n  road: 3.98公里\n  phd: 累计26人\n---\n\n正文。\n"
    ),
    "reports/2008/hosp.md": "---\nfigures:\n  phd: 5人\n  money: 70余万元\n---\n\n正文。\n",
    "reports/2010/hosp.md": "---\nfigures:\n  phd: 4人\n---\n\n正文。\n",
    "reports/2010/hidden.md": (
        "---\nvisibility: internal\nfigures:\n  money: 1000元\n---\n\n正文。\n"
    ),
}


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Content]:
    content, problems = load_content(make_tree(tmp_path_factory.mktemp("od"), FILES))
    assert [p for p in problems if p.severity == "error"] == []
    return {a: select_audience(content, a) for a in ("public", "internal")}


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_figures_carry_written_converted_unit_approx_basis(trees: dict[str, Content]) -> None:
    files = opendata_files(trees["public"], title="测试")
    rows = read_csv(files["data/figures.csv"])
    road = next(r for r in rows if r["indicator"] == "road")
    assert road == {
        "pairing": "hosp",
        "year": "2009",
        "indicator": "road",
        "part": "1",
        "indicator_name": "道路硬化",
        "written": "3.98公里",
        "value": "3980",
        "unit": "米",
        "display": "3980米",  # the pages' style: no digit grouping below 1万
        "approx": "exact",
        "basis": "annual",
        "note": "",
        "label": "",
    }
    money = next(r for r in rows if r["indicator"] == "money")
    assert (money["written"], money["value"], money["display"], money["approx"]) == (
        "70余万元",
        "700000",
        "70余万元",
        "more-than",
    )
    assert [r["basis"] for r in rows if r["indicator"] == "phd"] == [
        "annual",
        "cumulative",
        "annual",
    ]
    # JSON holds the same rows, typed.
    as_json = json.loads(files["data/figures.json"])
    assert len(as_json) == len(rows)
    assert next(r for r in as_json if r["indicator"] == "road")["value"] == 3980
    assert next(r for r in as_json if r["indicator"] == "road")["note"] is None


def test_public_downloads_hold_no_contact_and_nothing_internal(trees: dict[str, Content]) -> None:
    for audience in ("public", "internal"):
        files = opendata_files(trees[audience], title="测试")
        blob = b"".join(files.values()).decode("utf-8-sig")
        assert "0871-1234567" not in blob and "张三" not in blob and "contact" not in blob
    public = b"".join(opendata_files(trees["public"], title="测试").values()).decode("utf-8-sig")
    assert "内部单位" not in public and "hidden" not in public
    internal = b"".join(opendata_files(trees["internal"], title="测试").values()).decode(
        "utf-8-sig"
    )
    assert "内部单位" in internal


def test_views_flag_what_each_total_counts(trees: dict[str, Content]) -> None:
    c = trees["public"]
    year = {r["indicator"]: r for r in year_view(c, 2009).rows}
    assert year["phd"]["in_year_total"] is False and year["road"]["in_year_total"] is True
    phd = {r["year"]: r for r in indicator_view(c, "phd").rows}
    # 累计26 (2009) supersedes 2008's 5; 2010's 4 comes after it.
    assert {y: r["in_cumulative_total"] for y, r in phd.items()} == {
        2008: False,
        2009: True,
        2010: True,
    }
    assert sum(r["value"] for r in phd.values() if r["in_cumulative_total"]) == Decimal(30)


def test_tables_and_keys(trees: dict[str, Content]) -> None:
    tables = {t.name: t for t in core_tables(trees["public"])}
    assert set(tables) == {"indicators", "units", "pairings", "parties", "reports", "figures"}
    assert tables["reports"].primary_key == ("pairing", "year")
    assert [r["published"] for r in tables["reports"].rows] == [None, "2010-01", None]
    assert tables["pairings"].rows[0]["modes"] == "驻点;进修"
    assert tables["parties"].rows == [
        {"pairing": "hosp", "role": "recipient", "unit": "town"},
        {"pairing": "hosp", "role": "supporter", "unit": "city"},
    ]


def test_output_is_deterministic_and_plain(trees: dict[str, Content]) -> None:
    a = opendata_files(trees["public"], title="测试", licence="CC0-1.0", publisher="办公室")
    b = opendata_files(trees["public"], title="测试", licence="CC0-1.0", publisher="办公室")
    assert a == b and list(a) == sorted(a)
    assert plain(Decimal("1.50E+3")) == "1500" and plain(Decimal("3.980")) == "3.98"


def test_datapackage_names_every_file_with_licence_and_publisher(trees: dict[str, Content]) -> None:
    files = opendata_files(
        trees["public"], title="测试", licence="CC-BY-4.0", publisher="某某办公室"
    )
    pkg = json.loads(files["data/datapackage.json"])
    assert pkg["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    assert pkg["contributors"] == [{"title": "某某办公室", "roles": ["publisher"]}]
    described = {"data/" + r["path"] for r in pkg["resources"]}
    data_files = {
        p
        for p in files
        if p.endswith((".csv", ".json")) and not p.endswith(("datapackage.json", "schema.json"))
    }
    assert described == data_files
    figures = next(r for r in pkg["resources"] if r["name"] == "figures")
    assert figures["schema"]["primaryKey"] == ["pairing", "year", "indicator", "part"]
    assert {
        "fields": ["pairing", "year"],
        "reference": {"resource": "reports", "fields": ["pairing", "year"]},
    } in figures["schema"]["foreignKeys"]


def write(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root / "data" / "datapackage.json"


def test_datapackage_validates_with_frictionless(trees: dict[str, Content], tmp_path: Path) -> None:
    report = frictionless.validate(
        str(write(opendata_files(trees["internal"], title="测试"), tmp_path / "ok"))
    )
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])


def test_frictionless_catches_a_broken_foreign_key(
    trees: dict[str, Content], tmp_path: Path
) -> None:
    """The validation is real: a figure naming an unknown report fails it."""
    files = opendata_files(trees["public"], title="测试")
    files["data/figures.csv"] = files["data/figures.csv"].replace(
        b"hosp,2010,phd", b"nope,2010,phd"
    )
    report = frictionless.validate(str(write(files, tmp_path / "bad")))
    assert not report.valid
    assert any(e.type == "foreign-key" for task in report.tasks for e in task.errors)
