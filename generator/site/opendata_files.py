"""Write the open-data tables as files: CSV (UTF-8 with BOM), JSON and `datapackage.json`.

CSV carries a BOM so Excel opens Chinese correctly; numbers are written in plain
decimal (`700000`, `3980`), never with thousands commas or exponents. The data
package follows Frictionless Data Package v2: every file is a resource with its
fields, types, primary key and foreign keys, plus the licence and publisher from
the site's configuration. Output is deterministic: same content, same bytes.

This module must not import MkDocs or touch the disk: it returns bytes by path.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from generator.content.model import Content
from generator.site import aggregate as agg
from generator.site.opendata import LinkOf, Row, Table, core_tables
from generator.site.opendata_rows import RowCache, figures_written, view_csv
from generator.site.opendata_views import (
    VIEW_FIELDS,
    VIEW_FOREIGN_KEYS,
    VIEW_KEY,
    group_view,
    indicator_view,
    pairing_views,
    parts_by_pairing,
    parts_only,
    report_views,
    year_view,
)
from generator.site.opendata_views import counted as views_counted

DATA_DIR = "data"
FAST = True
"""Off: every download written the plain way (`opendata_plain`), which the tests compare the
fast paths (rows kept between builds, views placed by rank, JSON objects by scalar) with."""
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENCES = {
    "CC-BY-4.0": ("知识共享 署名 4.0 国际", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        "知识共享 署名-相同方式共享 4.0 国际",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "知识共享 CC0 1.0 公共领域贡献",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-By-1.0": ("开放数据共享 署名许可 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("开放数据库许可 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": (
        "开放数据共享 公共领域贡献与许可 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}


def plain(value: Decimal) -> str:
    """A decimal as plain text: `3980`, `0.5`; no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, str) and value[:1] in _FORMULA:
        # OWASP's advice against CSV injection: a text that a spreadsheet would run as a
        # formula (`=HYPERLINK(…)`) is written with a leading apostrophe, shown as text.
        return "'" + value
    return str(value)


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(plain(value))
    return value


def to_csv(table: Table) -> bytes:
    """The table as CSV, UTF-8 with BOM, CRLF line ends, header = field names."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    names = [f.name for f in table.fields]
    writer.writerow(names)
    for row in table.rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return buf.getvalue().encode("utf-8-sig")


def to_json(table: Table) -> bytes:
    """The table as a JSON array of objects, keys in field order; the bytes of
    `json.dumps(rows, ensure_ascii=False, indent=1)` (whose indenting encoder is pure Python,
    ten times slower), each scalar written by the C encoder."""
    names = [f.name for f in table.fields]
    objects = []
    for row in table.rows:
        obj = json_object(names, row)
        if obj is None:
            return _to_json_plain(table)  # a nested value: indented as json.dumps does
        objects.append(obj)
    return json_array(objects)


def json_object(names: list[str], row: Row) -> str | None:
    """One row as `to_json` writes it in its array; None when a value is not a scalar."""
    values = [_json_value(row.get(n)) for n in names]
    if any(type(v) not in _SCALARS for v in values):
        return None
    cells = ["  " + _dumps(n) + ": " + _dumps(v) for n, v in zip(names, values, strict=True)]
    return " {\n" + ",\n".join(cells) + "\n }" if cells else " {}"


def json_array(objects: list[str]) -> bytes:
    return ("[\n" + ",\n".join(objects) + "\n]\n" if objects else "[]\n").encode("utf-8")


def json_array_bytes(objects: list[bytes]) -> bytes:
    """`json_array` of objects already in UTF-8."""
    return b"[\n" + b",\n".join(objects) + b"\n]\n" if objects else b"[]\n"


_dumps = json.JSONEncoder(ensure_ascii=False).encode
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _to_json_plain(table: Table) -> bytes:
    """`to_json` the slow, obvious way (the tests hold the two equal)."""
    names = [f.name for f in table.fields]
    rows = [{n: _json_value(row.get(n)) for n in names} for row in table.rows]
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def schema(table: Table, suffix: str = "") -> dict[str, Any]:
    """The Table Schema of `table`; foreign keys point at resources named with `suffix`."""
    fields = []
    for f in table.fields:
        d: dict[str, Any] = {"name": f.name, "type": f.type, "title": f.title}
        if f.description:
            d["description"] = f.description
        constraints: dict[str, Any] = {}
        if f.required:
            constraints["required"] = True
        if f.enum:
            constraints["enum"] = list(f.enum)
        if constraints:
            d["constraints"] = constraints
        fields.append(d)
    out: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        out["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource + suffix, "fields": list(fk.reference)},
            }
            for fk in table.foreign_keys
        ]
    return out


def _resource(table: Table, fmt: str, schema_ref: Any, suffix: str = "") -> dict[str, Any]:
    name = table.name.replace("/", "-") + suffix
    media = {"csv": "text/csv", "json": "application/json"}[fmt]
    return {
        "name": name,
        "type": "table",
        "path": f"{table.name}.{fmt}",
        "format": fmt,
        "mediatype": media,
        "encoding": "utf-8",
        "title": table.title,
        "description": table.description,
        "schema": schema_ref,
    }


def datapackage(
    tables: list[Table],
    views: list[Table],
    *,
    title: str,
    description: str,
    licence: str,
    publisher: str,
    homepage: str = "",
) -> dict[str, Any]:
    """The `datapackage.json` descriptor for the core tables (CSV and JSON) and the page views
    (CSV)."""
    resources = []
    for t in tables:
        resources.append(_resource(t, "csv", schema(t)))
    for t in tables:
        resources.append(_resource(t, "json", schema(t, "-json"), "-json"))
    for v in views:
        resources.append(_resource(v, "csv", f"{v.schema_name}-schema.json"))
    licence_d: dict[str, Any] = {"name": licence}
    if licence in LICENCES:
        licence_d["title"], licence_d["path"] = LICENCES[licence]
    pkg: dict[str, Any] = {
        "$schema": PROFILE,
        "name": "assistance-bulletins",
        "title": title,
        "description": description,
        "licenses": [licence_d],
    }
    if publisher:
        pkg["contributors"] = [{"title": publisher, "roles": ["publisher"]}]
    if homepage:
        pkg["homepage"] = homepage
    pkg["resources"] = resources
    return pkg


def _names(table: Table) -> list[str]:
    return [f.name for f in table.fields]


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def views(content: Content) -> list[Table]:
    """One view per year page and per indicator page, then per pairing, report, unit, region
    and flow."""
    # (Imported here: the site map's package imports this module for LICENCES.)
    from generator.site.flows import GIVEN, RECEIVED, flows, in_region
    from generator.site.pages.sitemap import flow_csv_uri, region_csv_uri, unit_csv_uri

    by_pairing = parts_by_pairing(content)
    regional = []
    for path in agg.regions(content):
        ids = [p.id for side in (GIVEN, RECEIVED) for p in in_region(content, path, side)]
        name = region_csv_uri(path).removeprefix("data/").removesuffix(".csv")
        regional.append(
            group_view(content, by_pairing, ids, name, f"{' / '.join(path)}：支援与受援成效数据")
        )
    for f in flows(content):
        name = flow_csv_uri(f.source, f.target).removeprefix("data/").removesuffix(".csv")
        title = f"{' / '.join(f.source)} → {' / '.join(f.target)}：成效数据"
        regional.append(group_view(content, by_pairing, [p.id for p in f.pairings], name, title))
    units = []
    for uid in sorted(content.units):
        ids = [p.id for side in agg.pairings_of_unit(content, uid) for p in side]
        if not any(by_pairing.get(pid) for pid in ids):
            continue  # no figure to download: the unit page offers none
        name = unit_csv_uri(uid).removeprefix("data/").removesuffix(".csv")
        title = f"{content.units[uid].name}：支援与受援成效数据"
        units.append(group_view(content, by_pairing, ids, name, title))
    return (
        [year_view(content, y) for y in agg.years(content)]
        + [indicator_view(content, iid) for iid in content.indicators]
        + pairing_views(content, by_pairing)
        + report_views(content, by_pairing)
        + units
        + regional
    )


def opendata_files(
    content: Content,
    *,
    title: str,
    description: str = "",
    licence: str = "CC-BY-4.0",
    publisher: str = "",
    homepage: str = "",
    link: LinkOf | None = None,
    rows: RowCache | None = None,
) -> dict[str, bytes]:
    """Every download by site path (`data/figures.csv` …), sorted by path. Figures' rows are
    taken from `rows` where it holds them (`opendata_rows`: kept between builds); with `FAST`
    off, everything is written the plain way (`opendata_plain`)."""
    if homepage:  # reports.url absolute, as in the feed, when the site's address is known
        rel = link or (lambda r: r.url)
        link = lambda r: homepage.rstrip("/") + "/" + rel(r).lstrip("/")  # noqa: E731
    if not FAST:
        from generator.site.opendata_plain import plain_files

        return plain_files(
            content,
            link,
            title=title,
            description=description,
            licence=licence,
            publisher=publisher,
            homepage=homepage,
        )
    rows = rows if rows is not None else RowCache()
    tables = core_tables(content, link, figure_rows=False)
    with parts_only():
        page_views = views(content)
    counted = views_counted(content)
    files: dict[str, bytes] = {}
    for t in tables:
        if t.name == "figures":
            lines, objects = figures_written(rows, content, counted)
            files[f"{DATA_DIR}/{t.name}.csv"] = rows.line(_names(t)).encode("utf-8-sig") + lines
            files[f"{DATA_DIR}/{t.name}.json"] = json_array_bytes(objects)
            continue
        files[f"{DATA_DIR}/{t.name}.csv"] = to_csv(t)
        files[f"{DATA_DIR}/{t.name}.json"] = to_json(t)
    header = rows.line(_names(Table("view", "", "", VIEW_FIELDS, VIEW_KEY, [])))
    head = header.encode("utf-8-sig")  # the BOM, then the header
    for v in page_views:
        files[f"{DATA_DIR}/{v.name}.csv"] = head + view_csv(rows, content, v.parts, counted)
    # The one schema all page views share, written even when there is no view yet.
    files[f"{DATA_DIR}/view-schema.json"] = _dump(
        schema(Table("view", "", "", VIEW_FIELDS, VIEW_KEY, [], VIEW_FOREIGN_KEYS))
    )
    pkg = datapackage(
        tables,
        page_views,
        title=title,
        description=description,
        licence=licence,
        publisher=publisher,
        homepage=homepage,
    )
    files[f"{DATA_DIR}/datapackage.json"] = _dump(pkg)
    return dict(sorted(files.items()))
