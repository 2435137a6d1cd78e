"""/data/'s table shapes (site/pages/data.py) are `core_tables` without its rows: the same
names, titles, descriptions, fields, primary keys, and as many rows, for the example content
in both audiences and for a generated corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sites import REPO

from generator.content.audience import select_audience
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site.opendata import core_tables
from generator.site.pages.data import table_shapes

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402


def _compare(content: Content) -> None:
    full = [
        (t.name, t.title, t.description, t.fields, t.primary_key, len(t.rows))
        for t in core_tables(content)
    ]
    shapes = [
        (s.name, s.title, s.description, s.fields, s.primary_key, s.count)
        for s in table_shapes(content)
    ]
    assert shapes == full


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_example_content(audience: str) -> None:
    content, _ = load_content(REPO / "content", audience)
    _compare(select_audience(content, audience, drafts=True))
    _compare(content)


def test_generated_corpus(tmp_path: Path) -> None:
    generate(tmp_path / "content", reports=40)
    content, _ = load_content(tmp_path / "content", "public")
    _compare(select_audience(content, "public", drafts=False))
    _compare(Content())
