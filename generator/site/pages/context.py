"""What every section's pages are built from: the content plus indexes computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.content.model import Content, Report
from generator.site import aggregate as agg
from generator.site.headlines import DEFAULT_KINDS, Kinds


@dataclass
class Site:
    """The selected content and the lookups several sections share."""

    content: Content
    licence: str = "CC-BY-4.0"
    """The open data's licence (SPDX id), for /data/."""
    publisher: str = ""
    """Who publishes the data, for /data/."""
    years: list[int] = field(default_factory=list)
    """Years with at least one report, ascending."""
    reports_by_pairing: dict[str, list[Report]] = field(default_factory=dict)
    """A pairing's reports, in the content's order (by year)."""
    audience: str = "public"
    """Who the build is for: the editor's guide is published in the internal build only."""
    headlines: Kinds = field(default_factory=lambda: DEFAULT_KINDS)
    """The headline kinds (资金, 人员, 培训, 物资 …) that lead the home page and each year's
    sentence: see `site.headlines`."""
    drafts: tuple[Report, ...] = ()
    """Draft reports the build leaves out, for the internal /status/ page."""

    @classmethod
    def of(
        cls,
        content: Content,
        *,
        licence: str,
        publisher: str,
        audience: str = "public",
        headlines: Kinds | None = None,
        drafts: tuple[Report, ...] = (),
    ) -> Site:
        by_pairing: dict[str, list[Report]] = defaultdict(list)
        for r in content.reports:
            by_pairing[r.pairing].append(r)
        kinds = DEFAULT_KINDS if headlines is None else headlines
        years = agg.years(content)
        return cls(content, licence, publisher, years, by_pairing, audience, kinds, drafts)

    @property
    def base(self) -> dict[str, Any]:
        """The context every template gets."""
        return {"content": self.content}
