"""Compiled templates kept between builds (site/render.py `make_env(cache_dir=…)`): reused
only for the very text they were compiled from, never stale; a damaged or unwritable cache is
only not used."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from generator.site.render import bytecode_cache, make_env

TEMPLATE = "bulletins/probe.html"


def _render(custom: Path, cache: Path) -> tuple[str, int]:
    """The probe template rendered by a new environment (as a new build makes one), and how
    many templates that environment compiled."""
    env = make_env([custom], cache_dir=cache)
    compiled = 0
    compile_ = env.compile

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal compiled
        compiled += 1
        return compile_(*args, **kwargs)  # type: ignore[arg-type]

    env.compile = counting  # type: ignore[method-assign]
    return env.get_template(TEMPLATE).render(name="甲"), compiled


def _write(custom: Path, text: str, mtime: int = 1_000_000_000) -> None:
    path = custom / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))  # the same modification time each time: text alone differs


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    custom, cache = tmp_path / "custom", tmp_path / "cache"
    _write(custom, "<p>{{ name }}一</p>")
    assert _render(custom, cache) == ("<p>甲一</p>", 1)
    assert list(cache.rglob("*.cache")), "the compiled template is kept"
    assert _render(custom, cache) == ("<p>甲一</p>", 0)  # reused, not compiled
    _write(custom, "<p>{{ name }}二</p>")  # same size, same modification time
    assert _render(custom, cache) == ("<p>甲二</p>", 1)
    assert _render(custom, cache) == ("<p>甲二</p>", 0)


def test_a_theme_template_overridden_later_is_used(tmp_path: Path) -> None:
    """The cache is keyed by the template's file too: a site's own copy, added after the
    package's was cached, is the one rendered."""
    custom, cache = tmp_path / "custom", tmp_path / "cache"
    custom.mkdir()
    env = make_env([custom], cache_dir=cache)
    packaged = env.get_template("bulletins/reused.html").render()
    _write(custom, "own")
    own = TEMPLATE.replace("probe", "reused")
    (custom / TEMPLATE).rename(custom / own)
    assert make_env([custom], cache_dir=cache).get_template(own).render() == "own" != packaged


def test_options_that_change_compiling_use_another_folder(tmp_path: Path) -> None:
    """Jinja's own key is the template's name and text: bytecode compiled with other syntax
    options (here `trim_blocks`) would be taken as is, so each set of options has its folder."""
    custom, cache = tmp_path / "custom", tmp_path / "cache"
    _write(custom, "  {% if true %}\n<p>x</p>\n  {% endif %}\n")
    made = make_env([custom], cache_dir=cache)
    first = made.get_template(TEMPLATE).render()
    plain = jinja2.Environment(loader=made.loader)  # no cache: compiled as written
    other = make_env([custom], cache_dir=cache)
    other.trim_blocks = other.lstrip_blocks = False
    other.bytecode_cache = bytecode_cache(other, cache)
    assert other.get_template(TEMPLATE).render() != first
    assert other.get_template(TEMPLATE).render() == plain.get_template(TEMPLATE).render()
    assert len([d for d in cache.iterdir() if d.is_dir()]) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "unwritable"])
def test_a_damaged_cache_only_costs_compiling(tmp_path: Path, damage: str) -> None:
    custom, cache = tmp_path / "custom", tmp_path / "cache"
    _write(custom, "<p>{{ name }}</p>")
    if damage == "unwritable":
        cache.write_text("a file where the folder should be", encoding="utf-8")
        assert _render(custom, cache) == ("<p>甲</p>", 1)
        return
    _render(custom, cache)
    (stored,) = cache.rglob("*.cache")
    data = stored.read_bytes()
    stored.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"\0" * 40)
    assert _render(custom, cache) == ("<p>甲</p>", 1)
    assert _render(custom, cache) == ("<p>甲</p>", 0)  # written again, whole
