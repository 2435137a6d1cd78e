"""bench/compile's smoke run: it measures and prints every budget line (the budgets are
judged from the full 500-report run in docs/compile.md, not here: no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_compile_prints_every_budget() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "compile"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    out = run.stdout
    for budget in (
        "a 20-report year compiles in ≤ 30 s on 2 cores",
        "compile < site build of the same 20 reports",
        "PDF < 1 MB per 10 reports",
        "example year's PDF < 1 MB per 10 reports",
    ):
        assert any(
            line.strip().startswith(("PASS", "FAIL")) and budget in line
            for line in out.splitlines()
        ), budget
