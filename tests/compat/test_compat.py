"""The compat modules rely on other projects' private internals: each names the versions it was
checked on, and these tests fail on any other installed version or when the internals moved.

To accept a new release: run this file and the module's own tests (test_search_pagefind.py,
test_pagefind_index.py, test_serve_preview.py) against it, then add it to the module's CHECKED.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from generator.compat import installed, unchecked
from generator.compat import jieba as compat_jieba
from generator.compat import material as compat_material
from generator.compat import mkdocs as compat_mkdocs
from generator.compat import pagefind as compat_pagefind

MODULES = [compat_mkdocs, compat_material, compat_pagefind, compat_jieba]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.DIST)
def test_the_installed_version_is_one_the_internals_were_checked_on(module) -> None:
    version = installed(module.DIST)
    assert version is not None, f"{module.DIST} is not installed"
    assert unchecked(module.DIST, module.CHECKED) is None, (
        f"{module.DIST} {version} is installed, but {module.__name__} was checked on "
        f"{sorted(module.CHECKED)} only: run tests/compat/test_compat.py and the module's tests, "
        "then add the version to CHECKED"
    )


def test_unchecked_names_a_version_outside_the_checked_set() -> None:
    version = installed("mkdocs")
    assert unchecked("mkdocs", frozenset({"0.0.1"})) == version
    assert unchecked("mkdocs", frozenset({version or ""})) is None
    assert unchecked("no-such-distribution-here", frozenset()) is None


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.DIST)
def test_pyproject_bounds_each_compat_dependency_below_its_next_major(module) -> None:
    from importlib import metadata

    declared = metadata.requires("assistance-bulletins") or []
    spec = next(d for d in declared if re.split(r"[\[<>=; ]", d)[0] == module.DIST)
    major = max(int(v.split(".")[0]) for v in module.CHECKED)
    assert f"<{major + 1}" in spec, spec


@pytest.fixture
def server(tmp_path: Path):
    from mkdocs.livereload import LiveReloadServer

    built: list[str] = []
    srv = LiveReloadServer(
        builder=lambda: built.append("built"), host="127.0.0.1", port=0, root=str(tmp_path)
    )
    srv.built = built  # type: ignore[attr-defined]
    yield srv
    srv.server_close()


def test_mkdocs_live_reload_server_has_the_fields_compat_uses(server) -> None:
    assert compat_mkdocs.has_internals(server)
    assert isinstance(server._epoch_cond, threading.Condition)
    assert isinstance(server._wanted_epoch, int) and isinstance(server._visible_epoch, int)


def test_release_shows_the_wanted_epoch_and_announce_again_moves_past_it(server) -> None:
    server._wanted_epoch = server._visible_epoch + 5
    assert compat_mkdocs.release(server) is True
    assert server._visible_epoch == server._wanted_epoch
    before = server._wanted_epoch
    compat_mkdocs.announce_again(server)
    assert server._wanted_epoch > before


def test_wrap_builder_puts_the_wrapper_where_the_server_calls_it(server) -> None:
    calls: list[str] = []

    def wrap(builder):
        def wrapped() -> None:
            builder()
            calls.append("swapped")

        return wrapped

    assert compat_mkdocs.wrap_builder(server, wrap) is True
    server.builder()
    assert server.built == ["built"] and calls == ["swapped"]


def test_without_the_fields_nothing_is_touched() -> None:
    class Other:
        pass

    assert compat_mkdocs.release(Other()) is False
    compat_mkdocs.announce_again(Other())
    assert compat_mkdocs.wrap_builder(Other(), lambda b: b) is False


def test_materials_search_index_has_the_members_compat_patches() -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    index = SearchIndex(lang=["zh"], separator=r"[\s]+", pipeline=[])
    for name in ("_segment_chinese", "add_entry_from_context"):
        assert callable(getattr(index, name)), name
    assert isinstance(index.entries, list)

    plugin = SearchPlugin()
    plugin.search_index = index
    assert compat_material.lighten(plugin) is True
    assert index._segment_chinese("对口支援") == "对口支援"  # the jieba pass is skipped
    index.entries.append({"location": ""})
    compat_material.drop_entries(plugin)
    assert index.entries == []


def test_jiebas_tokenizer_has_the_state_and_tables_compat_reads() -> None:
    import jieba

    path = compat_jieba.dictionary_file()
    assert path is not None and path.name == "dict.txt"
    first = path.read_text(encoding="utf-8").splitlines()[0].split(" ")
    assert len(first) == 3 and first[1].isdigit()  # `word freq tag`, what words.py reads
    dt = compat_jieba.tokenizer()
    assert dt is jieba.dt
    assert isinstance(dt.initialized, bool) and hasattr(dt, "dictionary")
    freq = compat_jieba.frequencies()
    assert dt.initialized and freq is dt.FREQ
    assert freq["师范"] > 0 and freq.get("师范大") == 0  # prefixes of words are kept with 0
    assert not compat_jieba.pristine()  # initialised: jieba answers for itself


def test_a_fresh_tokenizer_is_pristine_until_its_dictionary_changes(monkeypatch) -> None:
    import jieba

    monkeypatch.setattr(jieba, "dt", jieba.Tokenizer())
    assert compat_jieba.pristine()
    jieba.dt.dictionary = "/elsewhere/dict.txt"
    assert not compat_jieba.pristine()


def test_mkdocs_plugin_cache_is_forgotten_between_sites(tmp_path) -> None:
    """Two reads of a site give two instances of a plugin with startup/shutdown events."""
    from mkdocs.config.defaults import MkDocsConfig

    from generator.plugin.settings import open_site

    (tmp_path / "docs").mkdir()
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - bulletins\n", encoding="utf-8")
    with open_site(cfg) as a:
        first = a.mkdocs.plugins["bulletins"]
    with open_site(cfg) as b:
        assert b.mkdocs.plugins["bulletins"] is not first
    assert compat_mkdocs.forget_plugins(MkDocsConfig) is True


def test_an_unchecked_version_is_named_with_its_compat_module(monkeypatch) -> None:
    from generator.compat import version_warnings

    assert version_warnings() == []  # the checked versions are installed (test above)
    monkeypatch.setattr(compat_material, "CHECKED", frozenset({"0.0.1"}))
    lines = version_warnings()
    assert len(lines) == 1
    assert lines[0].startswith(f"已安装的 mkdocs-material {installed('mkdocs-material')} 未经")
    assert "generator/compat/material.py" in lines[0] and "0.0.1" in lines[0]


@pytest.mark.slow
def test_build_and_check_warn_of_an_unchecked_version(tmp_path, monkeypatch) -> None:
    """Said once by `bulletins build` (at startup: shown, not a --strict failure) and by
    `bulletins check`."""
    from click.testing import CliRunner
    from sites import SMALL, write_site

    from generator.cli import main

    write_site(tmp_path, SMALL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(compat_jieba, "CHECKED", frozenset({"0.0.1"}))
    for args in (["build", "--strict", "-d", "site"], ["check"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert result.output.count("已安装的 jieba") == 1, result.output
        assert "generator/compat/jieba.py" in result.output
