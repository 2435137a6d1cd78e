"""Who may import whom: the folders of `generator/` are the pipeline's boundaries.

content (files → records) and site (records → pages) never import MkDocs, so the
core survives a move to another engine; the editor's commands never import the
site; only the plugin and the CLI import MkDocs or Material. Every import counts,
including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
ENGINE = ("mkdocs", "material", "properdocs")

# folder → the generator folders it must not import (and whether it may import the engine)
FORBIDDEN: dict[str, tuple[set[str], bool]] = {
    "content": ({"site", "search", "editor", "plugin", "cli", "compile"}, False),
    "site": ({"search", "editor", "plugin", "cli", "compile"}, False),
    "search": ({"editor", "plugin", "cli"}, False),
    "editor": ({"site", "search", "plugin", "cli"}, False),
    "compat": ({"site", "search", "editor", "plugin", "cli"}, False),
    "compile": ({"search", "editor", "plugin", "cli"}, False),
    "plugin": ({"cli", "editor"}, True),
    "cli": (set(), True),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                pytest.fail(
                    f"{path}:{node.lineno}: relative import; write it in full (generator.…)"
                )
            found.append((node.lineno, node.module or ""))
            found += [
                (node.lineno, f"{node.module}.{a.name}")
                for a in node.names
                if node.module == "generator"
            ]
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "theme" not in p.relative_to(PACKAGE).parts)


def test_every_module_sits_in_a_folder_that_has_rules() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "modules belong in a folder of the pipeline"
    folders = {
        p.relative_to(PACKAGE).parts[0] for p in _modules() if len(p.relative_to(PACKAGE).parts) > 1
    }
    assert folders <= set(FORBIDDEN), folders - set(FORBIDDEN)


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_folder_imports_only_what_it_may(folder: str) -> None:
    forbidden, engine_ok = FORBIDDEN[folder]
    bad = []
    for path in (PACKAGE / folder).rglob("*.py"):
        for line, name in _imports(path):
            top = name.split(".")[0]
            parts = name.split(".")
            if top in ENGINE and not engine_ok:
                bad.append(f"{path.relative_to(PACKAGE)}:{line}: imports {name}")
            if top == "generator" and len(parts) > 1 and parts[1] in forbidden:
                bad.append(f"{path.relative_to(PACKAGE)}:{line}: imports {name}")
    assert bad == []


def test_the_rules_catch_a_forbidden_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def f():\n    from mkdocs.config import base\n    import generator.site.pages\n"
    )
    assert _imports(probe) == [(2, "mkdocs.config"), (3, "generator.site.pages")]
