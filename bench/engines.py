#!/usr/bin/env python3
"""bench/engines.py — `bulletins export` built by each engine that reads its mkdocs.yml.

    python bench/engines.py                    # the example site and 1,000 reports
    python bench/engines.py --sizes example,200

For each size: the content (the repository's own for `example`, else a synthetic corpus
from bench/corpus.py), `bulletins export DIR`, then `mkdocs build`, `properdocs build`
and `zensical build` in DIR, each that is installed, each in a child process of its own
(wall seconds, CPU seconds, peak memory: bench/measure.py). It prints one table; the
figures go into docs/frozen-stack.md. No budgets: engines other than MkDocs are compared,
not held to a ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import corpus, site_config  # noqa: E402
from bench.measure import Measured, run_step  # noqa: E402

PY = sys.executable
ENGINES = ("mkdocs", "properdocs", "zensical")


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(PY).parent)) or shutil.which(name)


def measure(
    size: str, work: Path, seed: int, engines: tuple[str, ...] = ENGINES
) -> tuple[int, list[Measured]]:
    root = work / size
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    if size == "example":
        yml = REPO / "mkdocs.yml"
    else:
        corpus.generate(root / "content", int(size), seed)
        yml = site_config.bulletins_yml(root / "mkdocs.yml", root / "content")
    out = root / "export"
    steps = [
        run_step(
            "export",
            [PY, "-m", "generator.cli", "export", str(out), "-f", str(yml)],
            root / "export.log",
            cwd=yml.parent,
        )
    ]
    pages = sum(1 for _ in (out / "docs").rglob("*.md"))
    for engine in engines:
        tool = _tool(engine)
        if tool is None:
            print(f"[engines] {engine} not installed: not measured", flush=True)
            continue
        cmd = [tool, "build", "--strict"]
        if engine != "zensical":  # Zensical builds into site/ and takes no -d
            cmd += ["-q", "-d", str(root / f"site-{engine}")]
        steps.append(run_step(engine, cmd, root / f"{engine}.log", cwd=out))
        if engine == "zensical":
            (out / "site").rename(root / "site-zensical")
        m = steps[-1]
        print(
            f"[engines] {size}: {engine} {m.wall:.1f} s wall, {m.cpu:.1f} s cpu, "
            f"{m.rss_mb:.0f} MiB peak",
            flush=True,
        )
    return pages, steps


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="导出结果用各引擎构建的耗时与内存")
    ap.add_argument("--sizes", default="example,1000", help="example 或年度总结篇数，逗号分隔")
    ap.add_argument("--engines", default=",".join(ENGINES), help="逗号分隔（默认全部）")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", type=Path, help="工作目录（默认临时目录）")
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bulletins-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = [f"{'size':>8} {'pages':>6} {'step':12} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}"]
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        engines = tuple(e for e in args.engines.split(",") if e in ENGINES)
        pages, steps = measure(size, work, args.seed, engines)
        for s in steps:
            lines.append(
                f"{size:>8} {pages:6d} {s.name:12} {s.wall:8.1f} {s.cpu:8.1f} {s.rss_mb:9.0f}"
            )
    print("\n".join(lines))
    print(f"\n[engines] work folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
