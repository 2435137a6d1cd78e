"""Configuration files for the benchmark's three builds of one corpus.

- `bulletins_yml`: the repository's own `mkdocs.yml` with paths pointed at the
  benchmark corpus (same theme, search, extensions and plugins as the real site),
  optionally with the plugin's `search` option set.
- `baseline_yml`: the same theme, search and Markdown extensions *without* the
  bulletins plugin, over the generated pages written out as static Markdown
  (see `export`), with the same sections-only navigation.
- `hugo_site`: a minimal Hugo site (config and four layouts) over the same Markdown.

Files only; it must not build anything.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from generator.site.pages.sitemap import SECTIONS

REPO = Path(__file__).resolve().parent.parent

# The sections the plugin puts in the navigation, for the baseline.
NAV = [{title: uri} for title, uri in SECTIONS]


class _Tagged(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV` and `!!python/name:` tags as plain values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Tagged.add_multi_constructor("!", _tag)
_Tagged.add_multi_constructor("tag:yaml.org,2002:python/", _tag)


def repo_config() -> dict[str, Any]:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tagged)


def _plugins(cfg: dict[str, Any]) -> list[Any]:
    plugins = cfg.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    return list(plugins)


def _name(item: Any) -> str:
    return item if isinstance(item, str) else next(iter(item))


def _common(cfg: dict[str, Any], docs_dir: Path) -> dict[str, Any]:
    cfg = copy.deepcopy(cfg)
    cfg["docs_dir"] = str(docs_dir)
    cfg["site_name"] = "对口支援工作总结（基准测试）"
    theme = cfg.setdefault("theme", {"name": "material", "language": "zh"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((REPO / theme["custom_dir"]).resolve())
    # The offline plugin is off in a normal build; its `!ENV` tag does not survive a re-dump.
    cfg["plugins"] = [p for p in _plugins(cfg) if _name(p) not in ("offline", "material/offline")]
    return cfg


def bulletins_yml(path: Path, content_dir: Path, search: str | None = None) -> Path:
    """mkdocs.yml for `bulletins build` over `content_dir`; `search` sets the plugin option."""
    cfg = _common(repo_config(), content_dir / "pages")
    for item in cfg["plugins"]:
        if isinstance(item, dict) and _name(item) == "bulletins":
            options = dict(item["bulletins"] or {})
            options["content_dir"] = str(content_dir)
            options["audience"] = "public"
            if search:
                options["search"] = search
            item["bulletins"] = options
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def baseline_yml(path: Path, docs_dir: Path) -> Path:
    """mkdocs.yml for plain MkDocs + Material + search over exported pages."""
    cfg = _common(repo_config(), docs_dir)
    cfg["plugins"] = [p for p in cfg["plugins"] if _name(p) != "bulletins"]
    cfg["nav"] = NAV
    cfg["extra_css"] = [*cfg.get("extra_css", []), "assets/stylesheets/bulletins.css"]
    cfg["validation"] = {"nav": {"omitted_files": "ignore"}}
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


HUGO_CONFIG = """\
baseURL = "https://example.org/bench/"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
title = "对口支援工作总结（基准测试）"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = true
"""

BASEOF = """<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title }} - {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/stylesheets/bulletins.css" | relURL }}"></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range slice "pairings" "units" "years" "regions" "indicators" }}{{ with site.GetPage . }}\
<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
MAIN = '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n{{ .Content }}\n</article>{{ end }}\n'


def hugo_site(root: Path) -> Path:
    """Hugo config and layouts under `root`; the caller writes `root/content`."""
    (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (root / "layouts" / "_default" / "baseof.html").write_text(BASEOF, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (root / "layouts" / "_default" / name).write_text(MAIN, encoding="utf-8")
    (root / "layouts" / "index.html").write_text(MAIN, encoding="utf-8")
    css = REPO / "theme" / "assets" / "stylesheets" / "bulletins.css"
    if css.is_file():
        (root / "static" / "assets" / "stylesheets").mkdir(parents=True, exist_ok=True)
        (root / "static" / "assets" / "stylesheets" / "bulletins.css").write_bytes(css.read_bytes())
    return root
