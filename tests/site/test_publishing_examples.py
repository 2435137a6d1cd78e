"""The CI examples under examples/ci/ parse and call `bulletins` only with options it has."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ci"


def commands(data: object) -> list[str]:
    """Every `bulletins …` command in a CI file's scripts (comments are not data)."""
    found: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            found += commands(value)
    elif isinstance(data, list):
        for value in data:
            found += commands(value)
    elif isinstance(data, str):
        found += [
            line.strip() for line in data.splitlines() if line.strip().startswith("bulletins ")
        ]
    return found


@pytest.mark.parametrize("name", ["gitlab-ci.yml", "github-actions.yml"])
def test_ci_example_checks_and_builds_both_audiences(name: str) -> None:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    lines = commands(data)
    assert "bulletins check --audience public" in lines
    assert "bulletins check --audience internal" in lines
    assert any(c.startswith("bulletins build --audience public") for c in lines)
    assert any(c.startswith("bulletins build --audience internal") for c in lines)
    assert any("--offline" in c and "--zip" in c for c in lines)
    for line in lines:
        args = shlex.split(line)[1:]
        command = main.get_command(None, args[0])  # type: ignore[arg-type]
        assert command is not None, line
        command.make_context(args[0], args[1:])  # raises on an option the CLI does not have
