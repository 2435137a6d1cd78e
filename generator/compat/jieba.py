"""jieba's internals: its default tokenizer's state, its dictionary file and word frequencies.

Two places take more from jieba than `jieba.cut`:

- `content/validate/words.py` cuts indicator names as jieba does without loading
  jieba's whole prefix table: it reads the dictionary file shipped inside the
  package (`dictionary_file`) and asks jieba itself whenever jieba's state may
  differ from that file (`pristine` is False: jieba initialised, or its dictionary
  replaced).
- `search/lunr.py` tiles long words by the frequencies of the dictionary's
  two-character words (`freq`, jieba's `dt.FREQ`), once jieba is initialised.

This module does not import jieba until a function needs it (importing it is what
`pristine` looks for). It must not import MkDocs.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from pathlib import Path
from typing import Any

DIST = "jieba"
CHECKED = frozenset({"0.42.1"})
"""Versions of jieba whose `dt.FREQ`, `dt.initialized`, `dt.dictionary`, `dt.check_initialized`
and `dict.txt` these functions were checked on."""


_quiet = False


def tokenizer() -> Any:
    """jieba's default tokenizer, imported (quietly: jieba logs its progress in English)."""
    global _quiet
    import jieba

    if not _quiet:
        jieba.setLogLevel(logging.WARNING)
        _quiet = True
    return jieba.dt


def pristine() -> bool:
    """jieba cuts with the dictionary file as shipped: not imported yet, or imported but neither
    initialised nor given another dictionary."""
    jieba = sys.modules.get("jieba")
    if jieba is None:
        return True
    dt = getattr(jieba, "dt", None)
    return not (dt is None or dt.initialized or dt.dictionary is not None)


def dictionary_file() -> Path | None:
    """The `dict.txt` inside the installed jieba package, or None."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def frequencies() -> dict[str, int]:
    """jieba's word → frequency table (its prefix table: prefixes of words have 0), loaded once."""
    dt = tokenizer()
    if not dt.initialized:
        dt.check_initialized()
    return dt.FREQ
