"""The downloads written the plain way, which the fast paths must equal byte for byte.

Every table's rows made (`core_tables` with the figures' rows, each view's rows sorted), then
written by the csv module and `json.dumps` — no row kept between builds (`opendata_rows`), no
view placed by rank, no JSON object written scalar by scalar. `opendata_files` takes
this way when `opendata_files.FAST` is off; the whole-site tests (tests/site/test_incremental.py)
build their clean sites so and compare them with incremental builds, file for file.

This module must not import MkDocs or touch the disk.
"""

from __future__ import annotations

from generator.content.model import Content
from generator.site.opendata import LinkOf, Table, core_tables
from generator.site.opendata_files import (
    DATA_DIR,
    _dump,
    _to_json_plain,
    datapackage,
    schema,
    to_csv,
    views,
)
from generator.site.opendata_views import VIEW_FIELDS, VIEW_FOREIGN_KEYS, VIEW_KEY


def plain_files(
    content: Content,
    link: LinkOf | None,
    *,
    title: str,
    description: str,
    licence: str,
    publisher: str,
    homepage: str,
) -> dict[str, bytes]:
    """`opendata_files`' downloads, the plain way (`link`: already absolute when `homepage`)."""
    tables = core_tables(content, link)
    page_views = views(content)
    files: dict[str, bytes] = {}
    for t in tables:
        files[f"{DATA_DIR}/{t.name}.csv"] = to_csv(t)
        files[f"{DATA_DIR}/{t.name}.json"] = _to_json_plain(t)
    for v in page_views:
        files[f"{DATA_DIR}/{v.name}.csv"] = to_csv(v)
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
