"""The Atom feed (generator.site.feed), read back with a real feed parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from helpers import make_tree

from generator.content.audience import select_audience
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site.feed import build_feed, entry_date, summary

FILES: dict[str, str | bytes | None] = {
    "indicators.yml": "lectures: {name: 专题讲座, unit: 次}\n",
    "units/city.yml": "name: 市医院\nkind: hospital\n",
    "units/town.yml": "name: 镇卫生院\nkind: health-centre\n",
    "pairings/hosp.yml": "supporters: [city]\nrecipients: [town]\nsector: health\nsince: 2008\n",
    "reports/2009/hosp.md": (
        "---\npublished: 2010-01-15\nauthor: city\n---\n\n## 主要做法\n\n一年来，"
        "我院**选派**骨干驻点。\n\n第二段。\n"
    ),
    "reports/2010/hosp.md": "---\ntitle: 2010年 <总结> & 回顾\n---\n\n全年开展讲座。\n",
    "reports/2011/hosp.md": (
        "---\npublished: 2011-06\n---\n\n年中小结：\n\n- 讲座10次\n- 查房20次\n"
    ),
    "reports/2012/hosp.md": "---\nstatus: draft\n---\n\n草稿。\n",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    c, problems = load_content(make_tree(tmp_path_factory.mktemp("feed"), FILES))
    assert [p for p in problems if p.severity == "error"] == []
    return select_audience(
        c, "internal", drafts=True
    )  # drafts selected: the feed must still leave them out


def test_feed_parses_as_atom_newest_first(content: Content) -> None:
    xml = build_feed(
        content, title="对口支援工作总结", site_url="https://example.org/b/", author="办公室"
    )
    d = feedparser.parse(xml)
    assert not d.bozo, d.get("bozo_exception")
    assert d.version == "atom10"
    assert d.feed.title == "对口支援工作总结"
    assert d.feed.updated == "2011-06-30T00:00:00+08:00"  # the newest entry, not the clock
    assert [e.link for e in d.entries] == [
        "https://example.org/b/reports/2011/hosp/",  # 2011-06 → end of June
        "https://example.org/b/reports/2010/hosp/",  # no date → 2010-12-31
        "https://example.org/b/reports/2009/hosp/",  # 2010-01-15
    ]
    assert [e.updated for e in d.entries] == [
        "2011-06-30T00:00:00+08:00",
        "2010-12-31T00:00:00+08:00",
        "2010-01-15T00:00:00+08:00",
    ]
    assert d.entries[1].title == "2010年 <总结> & 回顾"
    assert d.entries[2].summary == "一年来，我院选派骨干驻点。"
    assert d.entries[2].author == "市医院"
    assert d.entries[0].tags[0].term == "health"
    assert all(e.id.startswith("https://example.org/b/reports/") for e in d.entries)
    assert any(
        link.rel == "self" and link.href == "https://example.org/b/feed.xml"
        for link in d.feed.links
    )


def test_no_draft_in_feed(content: Content) -> None:
    assert "2012" not in build_feed(content, title="t").decode("utf-8").replace("2012-", "")


def test_relative_links_without_site_url_and_stable_ids(content: Content) -> None:
    a = build_feed(content, title="t")
    d = feedparser.parse(a)
    assert not d.bozo
    root = ET.fromstring(a)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    hrefs = [e.get("href") for e in root.findall("a:entry/a:link", ns)]
    assert hrefs == ["reports/2011/hosp/", "reports/2010/hosp/", "reports/2009/hosp/"]
    assert all(e.id.startswith("urn:uuid:") for e in d.entries)
    assert build_feed(content, title="t") == a  # deterministic


def test_empty_feed_takes_the_build_date(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if not k.startswith("reports/")}
    c, _ = load_content(make_tree(tmp_path, files))
    d = feedparser.parse(build_feed(c, title="t", epoch=86400))
    assert not d.bozo and d.entries == [] and d.feed.updated == "1970-01-02T00:00:00Z"


def test_summary_reads_on_into_a_list_after_a_colon(content: Content) -> None:
    r = next(r for r in content.reports if r.year == 2011)
    assert summary(r) == "年中小结：讲座10次；查房20次"
    assert entry_date(r) == "2011-06-30T00:00:00+08:00"
