"""The benchmark's measured steps, each run by `bench/run` in a child process of
its own (so its peak memory is its own):

    python bench/steps.py stages CONTENT_DIR OUT.json      generator stages, timed in-process
    python bench/steps.py build MKDOCS_YML SITE_DIR OUT.json  the whole `bulletins build`,
                                                             with the plugin's own hook time
    python bench/steps.py export MKDOCS_YML EXPORT_DIR HUGO_CONTENT_DIR
                                            generated pages as static Markdown
                                            (EXPORT_DIR/docs, EXPORT_DIR/mkdocs.yml)

Each writes JSON to OUT (seconds per stage). This module must not decide
budgets or print tables: that is `bench/run`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _clock() -> float:
    return time.perf_counter()


def stages(content_dir: Path, out: Path) -> None:
    """load → validate → audience → page specs (aggregate time split out).

    Templates, downloads and the search index run inside the build: `build` times them
    as the plugin's hooks.

    Seconds are CPU seconds of this process (`time.process_time`), which a busy
    shared machine disturbs far less than wall time.
    """
    t: dict[str, float] = {}
    clock = time.process_time
    start = clock()
    from generator.content.audience import select_audience
    from generator.content.load.tree import load_tree
    from generator.content.validate import validate_tree
    from generator.site import aggregate, pages

    t["import"] = clock() - start
    s = clock()
    tree = load_tree(content_dir)
    t["load"] = clock() - s
    s = clock()
    content, problems = validate_tree(tree, "public")
    content = select_audience(content, "public")
    t["validate"] = clock() - s
    if any(p.severity == "error" for p in problems):
        raise SystemExit(f"corpus has {len(problems)} problems, first: {problems[0].format()}")

    # Time spent inside aggregate's functions while pages are specified (outermost calls only).
    spent = [0.0]
    depth = [0]

    def timed(fn: Any) -> Any:
        @functools.wraps(fn)
        def wrapper(*a: Any, **k: Any) -> Any:
            depth[0] += 1
            s = clock()
            try:
                return fn(*a, **k)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[0] += clock() - s

        return wrapper

    for name in dir(aggregate):
        fn = getattr(aggregate, name)
        if (
            callable(fn)
            and getattr(fn, "__module__", "") == aggregate.__name__
            and not isinstance(fn, type)
        ):
            setattr(aggregate, name, timed(fn))
    s = clock()
    specs = pages.build_pages(content)
    total = clock() - s
    t["aggregate"] = spent[0]
    t["pages"] = total - spent[0]

    out.write_text(
        json.dumps({"stages": t, "pages": len(specs), "reports": len(content.reports)}),
        encoding="utf-8",
    )


def build(config_file: Path, site_dir: Path, out: Path) -> None:
    """`bulletins build`, with the time spent inside the bulletins plugin's own hooks."""

    hooks: dict[str, float] = defaultdict(float)
    hooks_cpu: dict[str, float] = defaultdict(float)
    from generator.plugin.plugin import BulletinsPlugin as cls

    for name in [n for n in vars(cls) if n.startswith("on_")]:
        fn = getattr(cls, name)

        def wrap(fn: Any, name: str) -> Any:
            @functools.wraps(fn)
            def wrapper(*a: Any, **k: Any) -> Any:
                s, c = _clock(), time.process_time()
                try:
                    return fn(*a, **k)
                finally:
                    hooks[name] += _clock() - s
                    hooks_cpu[name] += time.process_time() - c

            return wrapper

        setattr(cls, name, wrap(fn, name))
    from generator.cli import main

    s, c = _clock(), time.process_time()
    try:
        main(["build", "-f", str(config_file), "-d", str(site_dir)], standalone_mode=False)
    finally:
        wall, cpu = _clock() - s, time.process_time() - c
    out.write_text(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "hooks": dict(hooks),
                "hooks_cpu": dict(hooks_cpu),
                "plugin": sum(hooks.values()),
                "plugin_cpu": sum(hooks_cpu.values()),
            }
        ),
        encoding="utf-8",
    )


def export(config_file: Path, export_dir: Path, hugo_content: Path) -> None:
    """Each generated page as the Markdown a plain MkDocs (or Hugo) site would hold:
    `bulletins export` twice, once per layout."""
    from generator.cli.export import site_info
    from generator.plugin.settings import open_site
    from generator.site.export import export_site

    with open_site(config_file) as settings:
        site = site_info(settings)
    for out, layout in ((export_dir, "mkdocs"), (hugo_content, "hugo")):
        result = export_site(
            settings.content_dir, out, site, audience=settings.audience, layout=layout
        )
        if result.failed:
            raise SystemExit("\n".join(p.format() for p in result.problems))


def main(argv: list[str]) -> int:
    step, *args = argv
    if step == "stages":
        stages(Path(args[0]), Path(args[1]))
    elif step == "build":
        build(Path(args[0]), Path(args[1]), Path(args[2]))
    elif step == "export":
        export(Path(args[0]), Path(args[1]), Path(args[2]))
    else:
        raise SystemExit(f"unknown step {step!r}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
