"""Project settings for the CLI: where content is and which audience, read from
`mkdocs.yml`'s `bulletins` plugin entry without importing MkDocs.

Order of precedence for the audience: command-line flag, then the environment
variable `BULLETINS_AUDIENCE`, then `mkdocs.yml`, then `public` (the safe default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ENV_AUDIENCE = "BULLETINS_AUDIENCE"


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name:` tags we do not need."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_LenientLoader.add_multi_constructor("!", _ignore_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Settings:
    root: Path
    """The folder holding mkdocs.yml (or the working folder)."""
    content_dir: Path
    audience: str
    plugin: dict[str, Any]
    """The plugin's options as written in mkdocs.yml."""


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (tags read as their values); {} when it cannot be read."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_options(config_file: Path) -> dict[str, Any]:
    data = read_config(config_file)
    plugins = data.get("plugins", []) if isinstance(data, dict) else []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for item in plugins or []:
        if isinstance(item, dict) and "bulletins" in item:
            return dict(item["bulletins"] or {})
    return {}


def load_settings(
    config_file: str | None = None, audience: str | None = None, content: str | None = None
) -> Settings:
    cfg = Path(config_file) if config_file else Path("mkdocs.yml")
    root = cfg.parent if cfg.is_file() else Path(".")
    options = plugin_options(cfg) if cfg.is_file() else {}
    chosen = audience or os.environ.get(ENV_AUDIENCE) or options.get("audience") or "public"
    content_dir = Path(content) if content else root / str(options.get("content_dir", "content"))
    return Settings(root=root, content_dir=content_dir, audience=str(chosen), plugin=options)


def site_files(config: dict[str, Any], docs_prefix: str = "") -> frozenset[str]:
    """What the site's config names itself in its docs folder (`extra_css`,
    `extra_javascript`), as paths relative to it; never the plugin's own stylesheet,
    which a file in the content must not replace."""
    names: set[str] = set()
    for key in ("extra_css", "extra_javascript"):
        for item in config.get(key) or []:
            path = item.get("path") if isinstance(item, dict) else item
            if isinstance(path, str) and "://" not in path and not path.startswith("/"):
                names.add(path.removeprefix(docs_prefix))
    return frozenset(names - {"assets/stylesheets/bulletins.css"})
