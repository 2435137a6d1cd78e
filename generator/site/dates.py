"""The one date a build may print: derived from the content, never from the clock."""

from __future__ import annotations

import calendar

from generator.content.model import Content

DEFAULT_EPOCH = 946684800  # 2000-01-01, for a site with no reports


def content_epoch(content: Content) -> int:
    """Seconds since 1970 of the newest report: its `published` date, else 31 December of its
    year."""
    best: tuple[int, int, int] | None = None
    for r in content.reports:
        if r.published is not None:
            d = (r.published.year, r.published.month or 12, r.published.day or 28)
        else:
            d = (r.year, 12, 31)
        best = d if best is None or d > best else best
    if best is None:
        return DEFAULT_EPOCH
    return calendar.timegm((best[0], best[1], best[2], 0, 0, 0))
