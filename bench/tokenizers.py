"""Does `rjieba` (jieba-rs, with wheels) cut Chinese exactly as `jieba` does, here?

    pip install rjieba && python bench/tokenizers.py [--reports 1000]

Collects every distinct run of Chinese characters the search index holds (the example
site's built search_index.json, cuts removed) and the content files of the example and
of a generated benchmark corpus, then compares, run by run:

- `cut`: jieba.cut(run) against rjieba.cut(run) (both with HMM), what Material's and
  this project's index tokens start from;
- `tokens`: the index's final tokens (`generator.search.lunr.segment_han`, long words
  tiled with jieba's dictionary) when the words come from each;
- `ids`: jieba.cut(HMM=False) against rjieba.cut(hmm=False), what `bulletins new` builds
  pinyin ids from; and `cut_for_search` against rjieba's.

Prints counts, time and the first differences. The result is written down in
docs/search-tokenizer.md; `rjieba` is not a dependency.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import generate  # noqa: E402
from generator.search.lunr import HAN_RUN, ZWSP, tile  # noqa: E402


def runs_of(text: str) -> set[str]:
    return set(HAN_RUN.findall(text.replace(ZWSP, "")))


def example_runs(tmp: Path) -> set[str]:
    site = tmp / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    runs: set[str] = set()
    for doc in index["docs"]:
        runs |= runs_of(doc.get("title", "")) | runs_of(doc.get("text", ""))
    for f in (REPO / "content").rglob("*"):
        if f.suffix in (".md", ".yml"):
            runs |= runs_of(f.read_text(encoding="utf-8"))
    return runs


def corpus_runs(tmp: Path, reports: int) -> set[str]:
    generate(tmp / "corpus", reports=reports, seed=7)
    runs: set[str] = set()
    for f in (tmp / "corpus").rglob("*"):
        if f.suffix in (".md", ".yml"):
            runs |= runs_of(f.read_text(encoding="utf-8"))
    return runs


def compare(name: str, runs: set[str]) -> int:
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    ordered = sorted(runs)
    rows = {
        "cut": (lambda r: list(jieba.cut(r)), lambda r: rjieba.cut(r)),
        "tokens": (
            lambda r: [t for w in jieba.cut(r) for t in tile(w)],
            lambda r: [t for w in rjieba.cut(r) for t in tile(w)],
        ),
        "ids": (lambda r: list(jieba.cut(r, HMM=False)), lambda r: rjieba.cut(r, hmm=False)),
        "cut_for_search": (
            lambda r: list(jieba.cut_for_search(r)),
            lambda r: rjieba.cut_for_search(r),
        ),
    }
    differing = 0
    chars = sum(len(r) for r in ordered)
    print(f"{name}: {len(ordered)} distinct runs, {chars} characters")
    for row, (ours, theirs) in rows.items():
        t0 = time.perf_counter()
        a = [ours(r) for r in ordered]
        t1 = time.perf_counter()
        b = [theirs(r) for r in ordered]
        t2 = time.perf_counter()
        diff = [(r, x, y) for r, x, y in zip(ordered, a, b, strict=True) if x != y]
        differing += len(diff)
        print(
            f"  {row:15} {len(diff):6} runs differ   jieba {t1 - t0:6.2f} s   rjieba "
            f"{t2 - t1:6.2f} s"
        )
        for r, x, y in diff[:3]:
            print(f"      {r}: jieba {'|'.join(x)}  rjieba {'|'.join(y)}")
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        example = example_runs(Path(tmp))
        corpus = corpus_runs(Path(tmp), args.reports)
    differing = compare("example site", example) + compare(f"corpus of {args.reports}", corpus)
    print("identical" if differing == 0 else f"{differing} differences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
