"""The page spec: one generated page, as data (no HTML, no MkDocs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    src_uri: str
    """Virtual source path, e.g. `pairings/hsd-xjsd.md`; decides the URL."""
    title: str
    template: str
    """Template under `bulletins/` in the theme, e.g. `report.html`."""
    context: dict[str, Any] = field(default_factory=dict)
    markdown: str = ""
    """Markdown body rendered by MkDocs (a report's narrative, a free page)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Extra front matter for MkDocs/Material (hide, search boost…)."""
