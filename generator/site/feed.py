"""The Atom feed of published reports (`/feed.xml`).

Newest first by the `published` date, or the end of the report's year when it
has none; each entry has the report's title, link, summary (the opening of its
narrative) and sector; the newest 50 at most. The feed's `updated` is its newest entry's date, never
the clock; an empty feed takes the build date (`epoch`, else the Unix epoch), so the
same content always gives the same bytes.

This module must not import MkDocs or touch the disk. Drafts never appear.
"""

from __future__ import annotations

import calendar
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timezone

from markupsafe import escape

from generator.content.model import Content, PartialDate, Report

ATOM = "http://www.w3.org/2005/Atom"
SUMMARY_CHARS = 160
MAX_ENTRIES = 50
TZ = "+08:00"  # bulletins are dated in China Standard Time


def entry_date(r: Report) -> str:
    """RFC 3339 date of a report: its `published` date, filled to the period's end, or 12-31 of its
    year."""
    d = r.published or PartialDate(r.year)
    month = d.month or 12
    day = d.day or calendar.monthrange(d.year, month)[1]
    return f"{d.year:04d}-{month:02d}-{day:02d}T00:00:00{TZ}"


def _sort_key(r: Report) -> tuple[str, int, str]:
    return (entry_date(r), r.year, r.pairing)


def summary(r: Report) -> str:
    """The narrative's opening as plain text: headings, emphasis and links stripped, cut at a
    sentence."""
    lines: list[str] = []
    for line in r.body.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "<", "|", "!", "---", "```")):
            # A paragraph ending in a colon introduces a list: read on into it.
            if lines and not lines[-1].endswith(("：", ":")):
                break
            continue
        item = re.sub(r"^([-*+]|\d+\.)\s+", "", line)
        if item != line and lines and not lines[-1].endswith(("：", ":", "。", "；")):
            item = "；" + item  # list items read as one sentence
        lines.append(item)
    text = "".join(lines)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    if len(text) > SUMMARY_CHARS:
        cut = text[:SUMMARY_CHARS]
        stop = max(cut.rfind("。"), cut.rfind("；"))
        text = cut[: stop + 1] if stop > SUMMARY_CHARS // 2 else cut + "…"
    return text


def _date_of(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/") if site_url else path


def build_feed(
    content: Content,
    *,
    title: str,
    site_url: str = "",
    subtitle: str = "",
    author: str = "",
    link: Callable[[Report], str] | None = None,
    epoch: int = 0,
) -> bytes:
    """The feed as UTF-8 XML bytes. `link(report)` gives a site-relative URL (default
    `Report.url`); `epoch` (the build's date) dates a feed without entries."""
    link = link or (lambda r: r.url)
    reports = sorted(
        (r for r in content.reports if r.status == "published"), key=_sort_key, reverse=True
    )
    reports = reports[:MAX_ENTRIES]
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    sub(feed, "title", title)
    if subtitle:
        sub(feed, "subtitle", subtitle)
    sub(feed, "id", _absolute(site_url, "feed.xml") if site_url else _uuid("feed.xml"))
    sub(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, "feed.xml"))
    sub(feed, "link", rel="alternate", type="text/html", href=site_url or "./")
    sub(feed, "updated", entry_date(reports[0]) if reports else _date_of(epoch))
    sub(sub(feed, "author"), "name", author or title)
    sub(feed, "generator", "assistance-bulletins")
    for r in reports:
        pairing = content.pairings.get(r.pairing)
        url = link(r)
        entry = sub(feed, "entry")
        sub(entry, "title", r.title)
        sub(entry, "id", _absolute(site_url, url) if site_url else _uuid(url))
        sub(entry, "link", rel="alternate", type="text/html", href=_absolute(site_url, url))
        sub(entry, "updated", entry_date(r))
        sub(entry, "published", entry_date(r))
        if r.author and r.author in content.units:
            sub(sub(entry, "author"), "name", content.units[r.author].name)
        if pairing is not None:
            sub(
                entry,
                "category",
                term=pairing.sector,
                label=content.sectors.get(pairing.sector, pairing.sector),
            )
        sub(entry, "summary", summary(r) or r.title, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _uuid(path: str) -> str:
    """A stable id for a site without `site_url`: the same path always gives the same URN."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "assistance-bulletins:" + path).urn


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_FEED_LINK = re.compile(r"<link\b[^>]*application/atom\+xml", re.IGNORECASE)


def feed_link(site_name: str, href: str) -> str:
    """The `<link rel="alternate">` that lets browsers and readers find the feed."""
    title = escape(f"{site_name} · 年度工作总结")
    return (
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{escape(href)}">'
    )


def announce_feed(html: str, link: str) -> str:
    """`html` with `link` at the end of its `<head>`, unless the page announces a feed already
    (a theme of the site's own may); unchanged when it has no `<head>`."""
    head_end = _HEAD_END.search(html)
    if head_end is None or _FEED_LINK.search(html, 0, head_end.start()):
        return html
    return html[: head_end.start()] + link + "\n" + html[head_end.start() :]
