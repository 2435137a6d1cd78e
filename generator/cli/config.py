"""Load `mkdocs.yml` for a build the way `mkdocs build` does, with two editor-friendly turns.

- `pages/` is optional (SPEC): when the configured `docs_dir` does not exist, the build
  reads free pages from an empty folder of its own instead of failing.
- A configuration error is shown with MkDocs' own reason under the Chinese sentence,
  not as MkDocs' bare "Aborted with a configuration error!".

This module must not build: it hands a loaded config back.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.plugin.settings import ENV_DOCS_DIR, SettingsError, read_config


class ConfigFailed(Exception):
    """mkdocs.yml cannot be loaded; the message is Chinese first, then MkDocs' reason."""


class _Reasons(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def missing_docs_dir(config_file: str) -> Iterator[dict[str, Any]]:
    """Overrides for `load_config`: an empty `docs_dir` when the configured one is missing."""
    try:
        data = read_config(Path(config_file))
    except SettingsError as exc:
        raise ConfigFailed(str(exc)) from None
    root = Path(config_file).resolve().parent
    docs = root / str(data.get("docs_dir", "docs"))
    if docs.is_dir():
        yield {}
        return
    empty = tempfile.mkdtemp(prefix="bulletins-no-pages-")
    old = os.environ.get(ENV_DOCS_DIR)
    os.environ[ENV_DOCS_DIR] = str(docs)  # edit links stay relative to the configured folder
    try:
        yield {"docs_dir": empty}
    finally:
        if old is None:
            os.environ.pop(ENV_DOCS_DIR, None)
        else:
            os.environ[ENV_DOCS_DIR] = old
        shutil.rmtree(empty, ignore_errors=True)


def load(config_file: str, **overrides: Any) -> Any:
    """`mkdocs.config.load_config`, its errors turned into ConfigFailed with MkDocs' reasons."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, MkDocsException

    reasons = _Reasons()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(reasons)
    try:
        return load_config(config_file, **overrides)
    except (ConfigurationError, MkDocsException) as exc:
        why = [line for line in reasons.lines if line.strip()] or [str(exc)]
        detail = "\n".join(f"  {line}" for line in why)
        raise ConfigFailed(f"mkdocs.yml 配置有误（MkDocs 的说明如下）：\n{detail}") from None
    finally:
        logger.removeHandler(reasons)
