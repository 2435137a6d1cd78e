"""What a user installing the package gets: every subpackage in the wheel, every imported library
declared, the licence, and `bulletins --version`."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = (REPO / "pyproject.toml").read_text(encoding="utf-8")
DIST = "assistance-bulletins"


def _listed_packages() -> set[str]:
    block = re.search(r"^packages = \[(.*?)\]", PYPROJECT, re.S | re.M)
    assert block, "[tool.setuptools] packages not found"
    return set(re.findall(r'"([^"]+)"', block.group(1)))


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "generator").rglob("__init__.py")
    }
    theme = {
        "generator.theme." + ".".join(p.relative_to(REPO / "theme").parts)
        for p in (REPO / "theme").rglob("*")
        if p.is_dir()
        and p.name != "__pycache__"
        and all(part.isidentifier() for part in p.relative_to(REPO / "theme").parts)
    } | {"generator.theme"}
    listed = _listed_packages()
    assert on_disk - listed == set(), "add to [tool.setuptools] packages in pyproject.toml"
    assert theme - listed == set(), "theme folders must be listed, or setuptools warns"


def _top_level_imports() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"generator", "__future__"}


def test_every_imported_library_is_a_declared_dependency() -> None:
    required = metadata.requires(DIST) or []
    runtime = {re.split(r"[\[<>=!~; ]", r)[0].lower() for r in required if "extra ==" not in r}
    optional = {re.split(r"[\[<>=!~; ]", r)[0].lower() for r in required if "extra ==" in r}
    dists = metadata.packages_distributions()
    missing = []
    for module in sorted(_top_level_imports()):
        owners = {d.lower() for d in dists.get(module, [module])}
        if not owners & (runtime | optional):
            missing.append(f"{module} (from {sorted(owners)})")
    assert missing == [], "imported but not declared in pyproject.toml: " + ", ".join(missing)
    assert {"jinja2", "markupsafe"} <= runtime


def test_licence_is_an_spdx_id_with_its_file() -> None:
    assert re.search(r'^license = "MIT"$', PYPROJECT, re.M)
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert metadata.metadata(DIST).get("License-Expression") == "MIT"


def test_version_option_prints_the_installed_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"bulletins {metadata.version(DIST)}\n"
