"""Before/after: the same `bulletins build` with this issue's optimisations switched off.

    python bench/before_after.py MKDOCS_YML WORK_DIR [--json OUT]

Runs the whole build twice, each in a child process of its own: once as the code
is, once with the optimisations undone by monkeypatching (the rest of the code —
templates, downloads, charts — is today's in both, so the difference is theirs):

- libyaml composes YAML (`load_yaml._compose_fast`) → PyYAML's pure-Python parser;
- totals read an index of parts per pairing and year → the filter over every part
  per total (`aggregate` as of commit a0301c4^, read from git);
- Material's search skips its jieba pass and the parts lists / chart SVG
  (`search_material.lighten`) → it does both;
- relative URLs are cached (`mkdocs_plugin._relative_url`) → computed each time.

Not switchable here, measured on their own (see README): the lint's unit test
before `parse_unit`, and the search index written as UTF-8.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD_AGGREGATE = "a0301c4^:generator/aggregate.py"


def undo_optimisations() -> None:
    from generator import aggregate, load_yaml, mkdocs_plugin, search_material

    load_yaml._FAST_LOADER = None
    search_material.lighten = lambda plugin: False
    mkdocs_plugin.search_material = search_material
    mkdocs_plugin._relative_url = mkdocs_plugin.get_relative_url
    source = subprocess.run(["git", "-C", str(REPO), "show", OLD_AGGREGATE], capture_output=True, text=True, check=True).stdout
    old = types.ModuleType("generator._aggregate_before")
    old.__package__ = "generator"
    sys.modules[old.__name__] = old
    exec(compile(source, "aggregate(before).py", "exec"), old.__dict__)
    for name in ("all_parts", "year_totals", "pairing_totals", "cumulative_only", "pairing_progress"):
        if hasattr(old, name):
            setattr(aggregate, name, getattr(old, name))


def child(mode: str, config: Path, site: Path, out: Path) -> None:
    sys.path.insert(0, str(REPO))
    if mode == "before":
        undo_optimisations()
    from bench import steps

    steps.build(config, site, out)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "--child":
        child(argv[1], Path(argv[2]), Path(argv[3]), Path(argv[4]))
        return 0
    ap = argparse.ArgumentParser(description="本议题各项优化的前后对比（同一次构建，优化开/关）")
    ap.add_argument("config", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from bench.measure import run_step

    args.work.mkdir(parents=True, exist_ok=True)
    rows = {}
    for mode in ("before", "after"):
        out = args.work / f"{mode}.json"
        m = run_step(mode, [sys.executable, __file__, "--child", mode, str(args.config), str(args.work / f"site-{mode}"), str(out)],
                     args.work / f"{mode}.log")
        rows[mode] = {**m.as_dict(), **json.loads(out.read_text())}
        index = args.work / f"site-{mode}" / "search" / "search_index.json"
        rows[mode]["index_bytes"] = index.stat().st_size if index.is_file() else 0
    for mode, r in rows.items():
        hooks = " ".join(f"{k} {v:.1f}" for k, v in sorted(r["hooks_cpu"].items()) if v >= 0.05)
        print(f"{mode:7} cpu {r['cpu']:7.1f} s  wall {r['wall']:7.1f} s  peak {r['rss_mb']:5.0f} MiB  "
              f"plugin {r['plugin_cpu']:5.1f} s ({hooks})  search index {r['index_bytes'] / 2**20:.1f} MiB")
    b, a = rows["before"], rows["after"]
    print(f"after/before: cpu {a['cpu'] / b['cpu']:.2f}, wall {a['wall'] / b['wall']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
