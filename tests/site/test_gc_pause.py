"""The stages pause the cycle collector (gc_pause): they must leave no cyclic garbage behind,
and the collector must come back as it was, also when a stage raises or pauses nest."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from helpers import make_tree

from generator.content.audience import select_audience
from generator.content.gc_pause import paused_gc
from generator.content.load.tree import load_tree
from generator.content.validate import validate_tree
from generator.site import pages

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from bench import corpus  # noqa: E402

BROKEN = {
    "reports/2012/a-b.md": "---\nfigures:\n  lectures: [unclosed\n---\n正文\n",
    "reports/2013/a-b.md": (
        "---\nfigures:\n  lectures: 80余次\n  lectures: 1次\n  bogus: 3\n---\n讲座90次。"
        "<script>x</script>\n"
    ),
    "reports/2014/a-b.md": "---\nyear: 2015\nfigures: {lectures: -3次, road-hardened: 3台}\n---\n",
    "units/x.yml": b"name: \xd6\xd0\xce\xc4\nkind: school\n",
    "pairings/bad.yml": (
        "supporters: [nobody]\nrecipients: [a-school]\nsector: space\nsince: 2999-02-30\n"
    ),
}


def _stages(root: Path) -> None:
    tree = load_tree(root)
    for audience in ("public", "internal"):
        content, _ = validate_tree(tree, audience)
        pages.build_pages(select_audience(content, audience))


@pytest.mark.parametrize("kind", ["example", "corpus", "broken"])
def test_stages_leave_no_cyclic_garbage(kind: str, tmp_path: Path) -> None:
    if kind == "example":
        root = REPO / "content"
    elif kind == "corpus":
        root = tmp_path / "content"
        corpus.generate(root, reports=60, seed=5)
    else:
        root = make_tree(tmp_path, BROKEN, base=True)
    _stages(root)  # warm up: first calls fill caches and import modules
    gc.collect()
    assert gc.isenabled()
    gc.disable()
    try:
        _stages(root)
        found = gc.collect()
    finally:
        gc.enable()
    assert found == 0  # so pausing the collector during the stages holds no memory


def test_the_collector_comes_back_as_it_was() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()
    with pytest.raises(KeyError), paused_gc():
        raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_a_stage_restores_the_collector(tmp_path: Path) -> None:
    load_tree(tmp_path / "missing")
    assert gc.isenabled()
    with pytest.raises(AttributeError):
        pages.build_pages(None)  # type: ignore[arg-type]
    assert gc.isenabled()
