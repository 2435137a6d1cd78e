"""Project settings for the CLI: where content is and which audience, read from
`mkdocs.yml`'s `bulletins` plugin entry with MkDocs' own YAML loader, so `!ENV`,
`INHERIT` and relative paths mean in `bulletins check` what they mean in
`mkdocs build` (the loader is MkDocs' public `mkdocs.utils.yaml.yaml_load`).

Order of precedence for the audience: command-line flag, then the environment
variable `BULLETINS_AUDIENCE`, then `mkdocs.yml`, then `public` (the safe default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_AUDIENCE = "BULLETINS_AUDIENCE"
ENV_DOCS_DIR = "BULLETINS_DOCS_DIR"
"""Set by `bulletins build` while an empty folder stands in for a missing `docs_dir` (pages/
is optional): the configured folder, which edit links stay relative to."""


class SettingsError(Exception):
    """mkdocs.yml cannot be read; the message is for editors (Chinese, then MkDocs' reason)."""


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it: `!ENV` resolved, `INHERIT` merged (relative to the file)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    class Loader(get_yaml_loader()):  # type: ignore[misc]
        """MkDocs' loader; `!relative` (which needs a loaded config) is kept as its text."""

    Loader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
    try:
        with open(config_file, "rb") as f:
            data = yaml_load(f, Loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"无法读取配置文件 “{config_file}”：{exc}") from None
    except ConfigurationError as exc:
        raise SettingsError(f"mkdocs.yml 配置有误：\n  {exc}") from None
    except Exception as exc:  # a YAML constructor's own error (a bad `!ENV` value, say)
        raise SettingsError(f"mkdocs.yml 配置有误：\n  {type(exc).__name__}: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"mkdocs.yml 配置有误：\n  顶层应为映射（键: 值），而读到 {data!r}")
    return data


@dataclass(frozen=True)
class Settings:
    root: Path
    """The folder holding mkdocs.yml (or the working folder)."""
    content_dir: Path
    audience: str
    plugin: dict[str, Any]
    """The plugin's options as written in mkdocs.yml."""


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The `bulletins` plugin's options in mkdocs.yml; raises SettingsError if unreadable."""
    data = read_config(config_file)
    plugins = data.get("plugins", [])
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
