"""The benchmark's measured steps, each run by `bench/run` in a child process of
its own (so its peak memory is its own):

    python bench/steps.py stages CONTENT_DIR OUT.json      generator stages, timed in-process
    python bench/steps.py build MKDOCS_YML SITE_DIR OUT.json  the whole `bulletins build`,
                                                             with the plugin's own hook time
    python bench/steps.py export MKDOCS_YML DOCS_DIR HUGO_CONTENT_DIR
                                                             generated pages as static Markdown

Each writes JSON to OUT (seconds per stage). This module must not decide
budgets or print tables: that is `bench/run`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _clock() -> float:
    return time.perf_counter()


def page_url(uri: str) -> str:
    """MkDocs' URL of a source path with `use_directory_urls` (`a/b.md` → `a/b/`)."""
    if uri == "index.md":
        return ""
    return uri.removesuffix("/index.md").removesuffix("index.md").removesuffix(".md") + "/"


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


MARK = "<!--bench-body-->"
_OPEN_TAG_AT_END = re.compile(r"<(div|section|article)\b([^>]*)>\s*$")


def _markdown_page(html: str, markdown: str) -> str:
    """The page's HTML with its Markdown body back in place of the rendered body.

    Blank lines go from the HTML (a blank line ends an HTML block in CommonMark);
    the element around the body gets `markdown="1"` (Python-Markdown's md_in_html).
    """
    head, sep, tail = html.partition(MARK)
    head = "\n".join(line for line in head.splitlines() if line.strip())
    tail = "\n".join(line for line in tail.splitlines() if line.strip())
    if not sep:
        return head + "\n"
    head = _OPEN_TAG_AT_END.sub(lambda m: f'<{m.group(1)}{m.group(2)} markdown="1">', head)
    return f"{head}\n\n{markdown.strip()}\n\n{tail}\n"


def export(config_file: Path, docs_dir: Path, hugo_content: Path) -> None:
    """Each generated page as the Markdown a plain MkDocs (or Hugo) site would hold."""
    import shutil

    import yaml
    from mkdocs.config import load_config

    cfg = load_config(str(config_file))
    cfg.plugins.on_startup(command="build", dirty=False)
    cfg = cfg.plugins.on_config(cfg)
    plugin = cfg.plugins["bulletins"]

    class _File:
        def __init__(self, uri: str) -> None:
            self.src_uri, self.url = uri, page_url(uri)

    class _Uris:
        def get(self, uri: str, default: Any = None) -> _File:
            return _File(uri)

    class _Files:
        src_uris = _Uris()

        def get_file_from_path(self, uri: str) -> _File:
            return _File(uri)

    class _Page:
        def __init__(self, uri: str) -> None:
            self.file = _File(uri)
            self.url = self.file.url
            self.meta: dict[str, Any] = {}

    for d in (docs_dir, hugo_content):
        if d.exists():
            shutil.rmtree(d)
    for spec in plugin.specs.values():
        html = plugin.on_page_content(MARK, page=_Page(spec.src_uri), config=cfg, files=_Files())
        page = _markdown_page(html, spec.markdown)
        meta = {"title": spec.title, **{k: v for k, v in spec.meta.items() if k == "hide"}}
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + page
        for root, uri in (
            (docs_dir, spec.src_uri),
            (hugo_content, re.sub(r"(^|/)index\.md$", r"\1_index.md", spec.src_uri)),
        ):
            target = root / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    pages = Path(plugin.config.content_dir) / "pages"
    for f in sorted(pages.glob("*.md")) if pages.is_dir() else []:
        for root in (docs_dir, hugo_content):
            (root / f.name).write_bytes(f.read_bytes())


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
