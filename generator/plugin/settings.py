"""The site's settings: `mkdocs.yml` read once, by MkDocs' own loader, into one typed value.

`open_site` is the one place that reads `mkdocs.yml` (MkDocs' `MkDocsConfig.load_file`
and `validate`, so `!ENV`, `INHERIT`, `!relative` and every option's check mean what they
mean in `mkdocs build`); `settings_from` turns a loaded MkDocs config and the plugin's typed
options (`BulletinsConfig` in options.py, where every default lives) into `Settings`.
`check`, `build`, `serve`, `export`, `new` and the plugin all receive a `Settings`.

Order of precedence for the audience: command-line flag, then the environment variable
`BULLETINS_AUDIENCE`, then `mkdocs.yml`, then `public` (the safe default). A bad value gets
one message, Chinese first, naming where it was written.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.compat import mkdocs as compat_mkdocs
from generator.content.model import AUDIENCES
from generator.plugin.options import DEFAULT_CONTENT_DIR, BulletinsConfig, default_options
from generator.site.buildcache import CACHE_DIR

__all__ = ["BulletinsConfig", "Settings", "SettingsError", "open_site", "settings_from"]

ENV_AUDIENCE = "BULLETINS_AUDIENCE"
DEFAULT_CONFIG = "mkdocs.yml"
PLUGIN_STYLESHEET = "assets/stylesheets/bulletins.css"

log = logging.getLogger("mkdocs.plugins.bulletins")


class SettingsError(Exception):
    """mkdocs.yml or a setting is wrong; the message is for editors (Chinese first)."""


@dataclass(frozen=True)
class Overrides:
    """What the command line decides over mkdocs.yml (for `serve`, where MkDocs reloads the
    config itself on every rebuild)."""

    audience: str | None = None
    site_url: str | None = None
    """The configured address: served pages carry it, never the serve address."""
    docs_dir: Path | None = None
    """The configured pages folder, when an empty stand-in replaces a missing one."""


@dataclass(frozen=True)
class Settings:
    """Everything a command or the plugin needs to know about the site, typed and resolved."""

    config_file: Path | None
    """mkdocs.yml, or None when there is none (defaults throughout)."""
    root: Path
    """The folder holding mkdocs.yml (or the working folder)."""
    content_dir: Path
    docs_dir: Path
    """The configured pages folder (edit links are relative to it), even when it is missing."""
    audience: str
    options: BulletinsConfig
    """The plugin's typed options (wording, licence, publisher, drafts, search …)."""
    site_name: str = ""
    site_url: str = ""
    """As configured, "" when none; never a serve address."""
    site_description: str = ""
    theme_dirs: tuple[Path, ...] = ()
    """The site's own theme folder (`theme.custom_dir`), if any."""
    site_files: frozenset[str] = frozenset()
    """Files in docs_dir that mkdocs.yml names itself (extra_css, extra_javascript)."""
    offline: bool = False
    written: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """mkdocs.yml as written (`!ENV` resolved, `INHERIT` merged), before MkDocs' validation:
    what `bulletins export` makes another engine's configuration from."""
    mkdocs: Any = field(default=None, compare=False, repr=False)
    """The loaded MkDocs config (None without mkdocs.yml)."""

    @property
    def wording(self) -> str:
        return str(self.options.wording)

    @property
    def licence(self) -> str:
        return str(self.options.licence)

    @property
    def publisher(self) -> str:
        return str(self.options.publisher)

    @property
    def headlines(self) -> Mapping[str, list[str]]:
        return dict(self.options.headlines)

    @property
    def content_cache(self) -> Path:
        """Where each content file's parse and own checks are kept between builds and checks
        (generator/content/cache.py): inside the build cache folder beside mkdocs.yml."""
        return self.root / CACHE_DIR / "content"


def defaults(audience: str = "public", content: str | None = None) -> Settings:
    """The settings of a folder without mkdocs.yml."""
    root = Path(".")
    return Settings(
        config_file=None,
        root=root,
        content_dir=Path(content) if content else root / DEFAULT_CONTENT_DIR,
        docs_dir=root / "docs",
        audience=audience,
        options=default_options(),
    )


def choose_audience(flag: str | None, configured: str) -> str:
    """The audience by precedence; SettingsError (one message) for a bad environment value."""
    if flag:
        if flag not in AUDIENCES:
            raise SettingsError(
                "受众（audience）应为 public 或 internal（小写），"
                f"而命令行 --audience 写的是 “{flag}”"
            )
        return flag
    env = os.environ.get(ENV_AUDIENCE)
    if env:
        if env not in AUDIENCES:
            raise SettingsError(
                f"受众（audience）应为 public 或 internal（小写），而环境变量 {ENV_AUDIENCE} "
                f"写的是 “{env}”"
            )
        return env
    return configured


def site_files(extra_css: list[Any], extra_javascript: list[Any]) -> frozenset[str]:
    """What the site's config names itself in its docs folder (`extra_css`,
    `extra_javascript`), as paths relative to it; never the plugin's own stylesheet,
    which a file in the content must not replace."""
    names: set[str] = set()
    for item in [*extra_css, *extra_javascript]:
        path = getattr(item, "path", item)
        path = path.get("path") if isinstance(path, dict) else path
        if isinstance(path, str) and "://" not in path and not path.startswith("/"):
            names.add(path)
    return frozenset(names - {PLUGIN_STYLESHEET})


def is_offline(config: Any) -> bool:
    """Whether Material's offline plugin is enabled in this config."""
    for name, plugin in config.plugins.items():
        if name.endswith("offline") and getattr(plugin, "config", {}).get("enabled", False):
            return True
    return False


def settings_from(
    config: Any,
    options: BulletinsConfig | None,
    *,
    audience: str | None = None,
    content: str | None = None,
    overrides: Overrides | None = None,
) -> Settings:
    """Settings from a loaded MkDocs config and the plugin's options (None: defaults)."""
    options = options if options is not None else default_options()
    overrides = overrides or Overrides()
    root = Path(config.config_file_path or DEFAULT_CONFIG).parent
    theme = config.theme
    custom = getattr(theme, "custom_dir", None)
    site_url = overrides.site_url if overrides.site_url is not None else config.site_url
    return Settings(
        config_file=Path(config.config_file_path) if config.config_file_path else None,
        root=root,
        content_dir=Path(content) if content else root / options.content_dir,
        docs_dir=overrides.docs_dir or Path(config.docs_dir),
        audience=choose_audience(audience or overrides.audience, options.audience),
        options=options,
        site_name=str(config.site_name or ""),
        site_url=str(site_url or ""),
        site_description=str(config.site_description or ""),
        theme_dirs=(Path(custom),) if custom else (),
        site_files=site_files(list(config.extra_css), list(config.extra_javascript)),
        offline=is_offline(config),
        mkdocs=config,
    )


def plugin_options(config: Any) -> BulletinsConfig | None:
    plugin = config.plugins.get("bulletins")
    options = getattr(plugin, "config", None)
    return options if isinstance(options, BulletinsConfig) else None


def optional_config(config_file: str) -> str | None:
    """A command's `-f` value, None when it is the default `mkdocs.yml` and there is none
    (the command then runs on defaults)."""
    missing = config_file == DEFAULT_CONFIG and not Path(config_file).is_file()
    return None if missing else config_file


@contextmanager
def open_site(
    config_file: str | Path | None = None,
    *,
    audience: str | None = None,
    content: str | None = None,
    strict: bool = False,
    offline: bool = False,
) -> Iterator[Settings]:
    """Read mkdocs.yml (the one place that does) and yield the site's Settings.

    Without mkdocs.yml (`config_file` None and no `mkdocs.yml` here): defaults. A missing
    `docs_dir` (pages/ is optional) is replaced by an empty folder of its own for as long as
    the block runs. Raises SettingsError with MkDocs' reasons under a Chinese sentence."""
    path = Path(config_file) if config_file else Path(DEFAULT_CONFIG)
    if not path.is_file():
        if config_file:
            raise SettingsError(f"找不到配置文件 “{config_file}”")
        yield defaults(audience=choose_audience(audience, "public"), content=content)
        return
    config = _load(path)
    written = copy.deepcopy(dict(config))  # validation rewrites values in place
    docs = path.resolve().parent / str(config.get("docs_dir") or "docs")
    empty = None if docs.is_dir() else tempfile.mkdtemp(prefix="bulletins-no-pages-")
    try:
        if empty is not None:
            config.load_dict({"docs_dir": empty})
        if strict:
            config.load_dict({"strict": True})
        _validate(config)
        if offline:
            for name, plugin in config.plugins.items():
                if name.endswith("offline"):
                    plugin.config["enabled"] = True
        settings = settings_from(
            config,
            plugin_options(config),
            audience=audience,
            content=content,
            overrides=Overrides(docs_dir=docs if empty else None),
        )
        yield replace(settings, written=written)
    finally:
        if empty is not None:
            shutil.rmtree(empty, ignore_errors=True)


def _load(path: Path) -> Any:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, not a setting
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    # Each site read gets its own plugins, as `mkdocs build` in a process of its own would.
    compat_mkdocs.forget_plugins(MkDocsConfig)
    config = MkDocsConfig(config_file_path=str(path))
    try:
        with open(path, "rb") as f:
            config.load_file(f)
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"无法读取配置文件 “{path}”：{exc}") from None
    except ConfigurationError as exc:
        raise SettingsError(f"mkdocs.yml 配置有误：\n  {exc}") from None
    except Exception as exc:  # a YAML constructor's own error (a bad `!ENV` value, say)
        raise SettingsError(f"mkdocs.yml 配置有误：\n  {type(exc).__name__}: {exc}") from None
    return config


def _validate(config: Any) -> None:
    """MkDocs' own validation, as `load_config` does it; errors become one SettingsError."""
    mk_log = logging.getLogger("mkdocs.config")
    errors, warnings = config.validate()
    for name, warning in warnings:
        mk_log.warning(f"Config value '{name}': {warning}")
    if errors:
        detail = "\n".join(f"  Config value '{name}': {error}" for name, error in errors)
        raise SettingsError(f"mkdocs.yml 配置有误（MkDocs 的说明如下）：\n{detail}")
    if config.strict and warnings:
        raise SettingsError(
            f"mkdocs.yml 有 {len(warnings)} 个配置警告，严格模式（--strict）下停止"
            f"（Aborted with {len(warnings)} configuration warnings in 'strict' mode）"
        )


_serving: list[Overrides] = []


@contextmanager
def serving(overrides: Overrides) -> Iterator[None]:
    """`bulletins serve`: what the command line decided, for every rebuild MkDocs runs."""
    _serving.append(overrides)
    try:
        yield
    finally:
        _serving.remove(overrides)


def serve_overrides() -> Overrides | None:
    return _serving[-1] if _serving else None
