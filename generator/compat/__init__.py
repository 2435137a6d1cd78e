"""Compat: every reliance on another project's private internals, one module per dependency.

- `mkdocs`: the live-reload server's epoch fields and `builder` (`bulletins serve`).
- `material`: Material's search index (its jieba pass, its parser's entry point).
- `pagefind`: Pagefind's index files (gzip'd CBOR), read for the search page's warm-up word.
- `linux`: `renameat2(RENAME_EXCHANGE)` through ctypes, for the atomic site swap (an OS
  call, not a project's internals: no `CHECKED`; it falls back where unsupported).

Each module names the versions its internals were checked on (`CHECKED`); the
tests in `tests/compat/test_compat.py` fail when the installed version is another one
or when the internals have moved. To accept a new release: run those tests and
the module's own tests against it, then add the version to `CHECKED`. At run time
`version_warnings` names the module of each dependency installed in another version
(the plugin says it at startup, `bulletins check` too). Nothing here imports MkDocs.
"""

from __future__ import annotations

from importlib import metadata


def installed(dist: str) -> str | None:
    """The installed version of the distribution `dist`, or None when it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def unchecked(dist: str, checked: frozenset[str]) -> str | None:
    """The installed version of `dist` when its internals were not checked on it, else None."""
    version = installed(dist)
    return version if version is not None and version not in checked else None


CHECKED_MODULES = ("mkdocs", "material", "pagefind", "jieba")
"""The compat modules that name the versions they were checked on (`DIST`, `CHECKED`)."""


def version_warnings() -> list[str]:
    """One line (Chinese first) per dependency installed in a version its compat module was
    not checked on, naming the module; empty when every version is a checked one."""
    from importlib import import_module

    lines = []
    for name in CHECKED_MODULES:
        module = import_module(f"generator.compat.{name}")
        version = unchecked(module.DIST, module.CHECKED)
        if version is None:
            continue
        checked = "、".join(sorted(module.CHECKED))
        lines.append(
            f"已安装的 {module.DIST} {version} 未经 generator/compat/{name}.py 检验"
            f"（检验过的版本：{checked}）；如网站有异常，请安装检验过的版本"
            f"（{module.DIST} {version} is not a version generator/compat/{name}.py "
            "was checked on）"
        )
    return lines
