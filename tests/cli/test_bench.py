"""The benchmark's own tests: the synthetic corpus is valid and deterministic, and a
small run of bench/run prints every budget line (the budgets are judged from the
full run documented in README, not here: no timing is asserted)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from bench import corpus  # noqa: E402
from generator.cli import main  # noqa: E402

BUDGETS = (
    "generator's own work ≤ 10% of the whole build at 10",
    "generator's own work ≤ 10% of the whole build at 50",
    "whole 50 build ≤ 10× Hugo",
    "preview: edited report served ≤ 2 s at 50",
    "one report edited at 50: bulletins build ≤ 5 s",
    "serve: an edited figure shown ≤ 5 s at 50",
    "clean build at 50 ≤ 6× Hugo, CPU and wall",
    "clean build at 50 ≤ 120 s wall",
    "peak memory at 50 ≤ 1 GB",
    "time growth 10→50 ≤ ×5.25 (wall)",
    "pagefind first query downloads ≤ 1 MB at 50",
    "pagefind first query shows results ≤ 300 ms at 50",
)


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def test_corpus_passes_check_and_is_deterministic(tmp_path: Path) -> None:
    stats = corpus.generate(tmp_path / "a" / "content", reports=40, seed=3)
    assert stats["reports"] == 40 and stats["pairings"] >= 4 and stats["units"] > stats["pairings"]
    corpus.generate(tmp_path / "b" / "content", reports=40, seed=3)
    assert _digest(tmp_path / "a" / "content") == _digest(tmp_path / "b" / "content")
    corpus.generate(tmp_path / "c" / "content", reports=40, seed=4)
    assert _digest(tmp_path / "a" / "content") != _digest(tmp_path / "c" / "content")

    result = CliRunner().invoke(
        main, ["check", "--strict", "--content", str(tmp_path / "a" / "content")]
    )
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output

    reports = list((tmp_path / "a" / "content" / "reports").rglob("*.md"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in reports)
    bodies = [p.read_text(encoding="utf-8").split("---", 2)[2] for p in reports]
    assert 1300 <= sum(map(len, bodies)) / len(bodies) <= 1700  # ~1,500 characters of narrative
    for form in ("余", "近", "约", "累计", "万", "公里", "{value:"):
        assert form in text, form
    assert re.search(r"\b\d{1,3},\d{3}", text)  # thousands commas: 1,120
    assert re.search(r"^  [a-z-]+: \d+$", text, re.M)  # a bare number


def test_bench_run_quick_prints_every_budget(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run"),
            "--quick",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    for name in BUDGETS:
        hits = [line for line in lines if name in line]
        assert hits, f"budget line missing: {name}\n{proc.stdout[-3000:]}"
        assert hits[0].strip().startswith(("PASS", "FAIL")), hits[0]
    assert any(
        line.strip().startswith("NOTE  all plugin work") for line in lines
    )  # printed, not a budget
    for row in (
        "generator stages",
        "bulletins build (lunr)",
        "plain mkdocs build (baseline)",
        "ratios",
    ):
        assert row in proc.stdout, row
    assert out.is_file()
