"""What the footer of every page says: publisher, licence, how recent the data is.

Computed once per build from the selected content; the theme's `partials/copyright.html`
shows it. This module must not import MkDocs.
"""

from __future__ import annotations

from generator.content.model import Content
from generator.site.opendata_files import LICENCES
from generator.site.pages.sitemap import FEED_URI, GUIDE_URI


def footer_facts(
    content: Content, *, licence: str, publisher: str, guide: bool = False
) -> dict[str, str]:
    """The footer's facts; `updated` is the latest report's 发布日期, else its year."""
    title, url = LICENCES.get(licence, (licence, ""))
    updated = ""
    if content.reports:
        last = max(
            content.reports,
            key=lambda r: r.published.sort_key() if r.published else (r.year, 0, 0),
        )
        updated = last.published.chinese() if last.published else f"{last.year}年"
    facts = {
        "publisher": publisher,
        "licence_title": title,
        "licence_url": url,
        "updated": updated,
        "feed": FEED_URI,  # linked in every page's footer as well as its head
    }
    if guide:
        facts["guide"] = GUIDE_URI.removesuffix(".md") + "/"
    return facts
