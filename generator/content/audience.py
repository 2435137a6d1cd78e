"""Select what one audience may see: the public build drops internal records and contacts.

Every later stage (pages, search, downloads, totals) works on the selected
`Content`, so nothing internal can leak through a side door.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import unquote

from generator.content.model import Content


def select_audience(content: Content, audience: str, drafts: bool = False) -> Content:
    """`public`: no internal record, no contact; `internal`: everything. Drafts only if `drafts`."""
    public = audience == "public"

    def shown(visibility: str) -> bool:
        return not public or visibility == "public"

    units = {
        k: (replace(u, contact=None) if public else u)
        for k, u in content.units.items()
        if shown(u.visibility)
    }
    pairings = {
        k: p
        for k, p in content.pairings.items()
        if shown(p.visibility) and all(u in units for u in p.units)
    }
    reports = [
        r
        for r in content.reports
        if shown(r.visibility) and r.pairing in pairings and (drafts or r.status != "draft")
    ]
    pages = [p for p in content.pages if shown(p.visibility)]
    assets = content.assets
    if public:
        # A report's source document (`source: pages/…`) links its attachment as its body would.
        sources = [r.source_document for r in reports if r.source_document]
        assets = linked_assets(
            assets, [p.body for p in pages] + [r.body for r in reports] + sources
        )
    return Content.build(
        units,
        pairings,
        dict(content.indicators),
        dict(content.sectors),
        reports,
        pages,
        assets,
        content.synonyms,
    )


def linked_assets(assets: tuple[str, ...], bodies: list[str]) -> tuple[str, ...]:
    """The attachments (paths under pages/) that one of `bodies` links to: an attachment
    follows the audience of the pages that link it, so one no public page links stays out."""
    text = unquote("\n".join(bodies))
    return tuple(a for a in assets if a in text)


@dataclass(frozen=True)
class LeftOut:
    """What a build leaves out of the content it read, for the build's closing summary."""

    drafts: tuple[str, ...]
    """Paths of reports left out as `status: draft`."""
    internal: dict[str, int]
    """Records left out of a public build (internal, or naming an internal one), by kind:
    `units`, `pairings`, `reports`, `pages`; kinds with none are absent."""
    published: int = 0
    """Reports the build publishes."""


def left_out(content: Content, selected: Content) -> LeftOut:
    """Compare the content read with the audience's selection: drafts by path, the rest counted."""
    kept = {r.key for r in selected.reports}
    drafts = tuple(
        r.source.path for r in content.reports if r.status == "draft" and r.key not in kept
    )
    internal = {
        "units": len(set(content.units) - set(selected.units)),
        "pairings": len(set(content.pairings) - set(selected.pairings)),
        "reports": sum(r.key not in kept and r.status != "draft" for r in content.reports),
        "pages": len({p.id for p in content.pages} - {p.id for p in selected.pages}),
    }
    published = sum(r.status != "draft" for r in selected.reports)
    return LeftOut(drafts, {k: v for k, v in internal.items() if v}, published)
