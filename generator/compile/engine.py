"""Typeset a compilation document with Typst (the `typst` wheel: no system libraries).

The template (`template.typ`) is fixed; the document goes in as JSON through
`sys.inputs`, so an editor's text is data the template shows, never source it runs.
The compiler's root is an empty temporary folder and its package folders too: even
the template could read no file and load no package. The PDF's date is given, never
the clock's, so the same content gives the same bytes.
This module must not import MkDocs.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from typing import Any

from generator.compile.fonts import FontChoice


class TypesetFailed(Exception):
    """Typst stopped; the message is for editors (Chinese first) with Typst's own words."""


def template() -> bytes:
    return resources.files("generator.compile").joinpath("template.typ").read_bytes()


def typeset(document: dict[str, Any], fonts: FontChoice, timestamp: int) -> bytes:
    """The PDF of `document` (see `document.py`), set in `fonts`, dated `timestamp` (epoch s)."""
    import typst

    data = json.dumps(document, ensure_ascii=False, sort_keys=True)
    font_names = json.dumps({"body": fonts.body, "heading": fonts.heading}, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="bulletins-typst-") as root:
        compiler = typst.Compiler(
            root=root,
            font_paths=fonts.database,
            package_path=root,
            package_cache_path=root,
        )
        try:
            pdf = compiler.compile(
                input=template(),
                format="pdf",
                sys_inputs={"data": data, "fonts": font_names},
                timestamp=timestamp,
                # A tagged PDF doubles the file (505 KB → 225 KB for the example year's four
                # reports): over the budget of 1 MB per 10 reports. Text stays extractable.
                pdf_tags=False,
            )
        except typst.TypstError as exc:
            raise TypesetFailed(f"排版失败（typesetting failed）：{exc.message}") from None
    assert isinstance(pdf, bytes)
    return pdf
