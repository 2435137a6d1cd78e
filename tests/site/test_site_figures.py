"""Built sites (issue 4): every total shown is recomputed from the downloads; charts, data package,
feed.

The totals are recomputed here from the CSV files alone, with SPEC's rules written
out afresh (not by calling generator.site.aggregate), and compared with the
`data-value` / `data-approx` the pages carry beside each total.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import frictionless  # in the test extra (pyproject.toml)
import pytest
from sites import SMALL, build_example, read, write_site

from generator.cli.build import build_site
from generator.content.display import with_unit

Row = dict[str, str]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("example4") / "site")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small4")
    return build_site(str(write_site(root, SMALL)), str(root / "site"))


# ---- the rules, written out from SPEC, working on CSV rows only -------------------------------


def combine(kinds: set[str]) -> str:
    inexact = kinds - {"exact"}
    if not inexact:
        return "exact"
    if inexact == {"more-than"}:
        return "more-than"
    if kinds == {"nearly"}:
        return "nearly"
    return "about"


def total(rows: list[Row], aggregate: str) -> tuple[str, str] | None:
    """(value, approx) as the pages write them in data attributes; None when nothing was
    reported."""
    if not rows:
        return None
    if aggregate == "none":
        return ("", "")
    values = [Decimal(r["value"]) for r in rows]
    if aggregate == "sum":
        return (str(sum(values, Decimal(0))), combine({r["approx"] for r in rows}))
    top = max(values)
    kinds = {r["approx"] for r in rows if Decimal(r["value"]) == top}
    if "about" in kinds:
        return (str(top), "about")
    return (str(top), max(kinds, key=["nearly", "exact", "more-than"].index))


def cumulative(rows: list[Row], aggregate: str) -> list[Row]:
    """Per pairing: the latest cumulative figure plus later annual ones (every figure for `max`)."""
    if aggregate == "max":
        return rows
    out = []
    by_pairing: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_pairing[r["pairing"]].append(r)
    for group in by_pairing.values():
        cum = sorted((r for r in group if r["basis"] == "cumulative"), key=lambda r: int(r["year"]))
        if cum:
            latest = int(cum[-1]["year"])
            out += [cum[-1]] + [
                r for r in group if r["basis"] == "annual" and int(r["year"]) > latest
            ]
        else:
            out += group
    return out


class Downloads:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.figures = self.csv("data/figures.csv")
        self.aggregate = {r["id"]: r["aggregate"] for r in self.csv("data/indicators.csv")}
        self.sector = {r["id"]: r["sector"] for r in self.csv("data/pairings.csv")}
        self.parties = self.csv("data/parties.csv")
        self.region = {
            r["id"]: r["region"].split(" / ") if r["region"] else []
            for r in self.csv("data/units.csv")
        }

    def csv(self, path: str) -> list[Row]:
        data = (self.site / path).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), f"{path}: no BOM"
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))

    def expected(self, scope: str, indicator: str, attrs: dict[str, str]) -> tuple[str, str] | None:
        agg = self.aggregate[indicator]
        rows = [r for r in self.figures if r["indicator"] == indicator]
        annual = [r for r in rows if r["basis"] == "annual"]
        if m := re.fullmatch(r"year:(\d+)(?::sector:(.+))?", scope):
            year, sector = m.groups()
            return total(
                [
                    r
                    for r in annual
                    if r["year"] == year and (not sector or self.sector[r["pairing"]] == sector)
                ],
                agg,
            )
        if scope == "indicator-by-year":
            return total([r for r in annual if r["year"] == attrs["data-year"]], agg)
        if scope in ("cumulative", "indicator-total"):
            return total(cumulative(rows, agg), agg)
        if scope.startswith("pairing:"):
            return total(cumulative([r for r in rows if r["pairing"] == scope[8:]], agg), agg)
        if m := re.fullmatch(r"unit:(.+):(supporter|recipient)", scope):
            pairings = {p["pairing"] for p in self.parties if (p["unit"], p["role"]) == m.groups()}
            return total(cumulative([r for r in rows if r["pairing"] in pairings], agg), agg)
        if m := re.fullmatch(r"region(-given)?:(.+)", scope):
            # a region's own total: the pairings whose units on that side all lie in it
            role = "supporter" if m[1] else "recipient"
            pairings = self.wholly_in(role, m[2].split(" / "))
            return total(cumulative([r for r in rows if r["pairing"] in pairings], agg), agg)
        if m := re.fullmatch(r"flow:(.+)→(.+)", scope):
            # a flow's own total: pairings linking exactly these two provinces, no other
            source, target = m[1].split("/"), m[2].split("/")
            pairings = self.wholly_in("supporter", source) & self.wholly_in("recipient", target)
            return total(cumulative([r for r in rows if r["pairing"] in pairings], agg), agg)
        if scope == "indicator-by-pairing":
            return total(
                cumulative([r for r in rows if r["pairing"] == attrs["data-pairing"]], agg), agg
            )
        if scope == "indicator-by-sector":
            return total(
                cumulative(
                    [r for r in rows if self.sector[r["pairing"]] == attrs["data-sector"]], agg
                ),
                agg,
            )
        raise AssertionError(f"unknown scope {scope}")

    def wholly_in(self, role: str, path: list[str]) -> set[str]:
        """Pairings with a unit of `role` in `path` and none elsewhere (units with a region)."""
        places: dict[str, set[bool]] = defaultdict(set)
        for p in self.parties:
            where = self.region[p["unit"]]
            if p["role"] == role and where:
                places[p["pairing"]].add(where[: len(path)] == path)
        return {pid for pid, inside in places.items() if inside == {True}}

    def reported(self, scope: str) -> set[str]:
        """Indicators a year scope must list: those with annual figures in it (no more, no
        fewer)."""
        m = re.fullmatch(r"year:(\d+)(?::sector:(.+))?", scope)
        assert m
        year, sector = m.groups()
        return {
            r["indicator"]
            for r in self.figures
            if r["basis"] == "annual"
            and r["year"] == year
            and (not sector or self.sector[r["pairing"]] == sector)
        }


class Totals(HTMLParser):
    """Every element carrying data-indicator + data-value, with the data-scope of its table."""

    def __init__(self) -> None:
        super().__init__()
        self.scopes: list[str | None] = []
        self.found: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.scopes.append(a.get("data-scope"))
        if "data-indicator" in a and "data-value" in a:
            scope = a.get("data-scope") or (self.scopes[-1] if self.scopes else None)
            self._open = {
                "scope": scope,
                "tag": tag,
                "text": "",
                # A table that declares its scope lists them all (a headline table does not).
                "in_table": bool(self.scopes and self.scopes[-1]),
                **a,
            }
            self.found.append(self._open)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.scopes:
            self.scopes.pop()
        if self._open is not None and tag == self._open["tag"]:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data


def totals_on(page: Path) -> list[dict[str, Any]]:
    parser = Totals()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def pages(site: Path) -> list[Path]:
    out = [site / "index.html"]
    for section in ("years", "indicators", "pairings", "units"):
        out += sorted(p for p in (site / section).glob("*/index.html"))
    out += sorted(p for p in (site / "regions").rglob("index.html") if p.parent.name != "regions")
    out += sorted((site / "flows").rglob("index.html"))
    return out


@pytest.mark.parametrize("which", ["example", "small"])
def test_every_total_shown_recomputes_from_the_downloads(
    which: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(which)
    d = Downloads(site)
    checked = 0
    for page in pages(site):
        by_scope: dict[str, set[str]] = defaultdict(set)
        for t in totals_on(page):
            where = f"{page.relative_to(site)} {t['scope']} {t['data-indicator']}"
            assert t["scope"], f"{where}: a total without data-scope"
            expected = d.expected(t["scope"], t["data-indicator"], t)
            if expected is None:  # not reported: shown as such, never as 0
                assert t["data-value"] == "" and t["text"].strip().startswith("未报告"), where
            elif expected == ("", ""):  # aggregate: none — listed with its parts, never totalled
                # one figure is shown as it is (a value exists); several are counted, not added
                text = t["text"].strip()
                assert t["data-value"] == "", where
                assert re.fullmatch(r"\d+项，不合计", text) or re.search(r"\d", text), where
                assert "未汇总" not in text, where
            else:
                got = (Decimal(t["data-value"]), t.get("data-approx"))
                assert got == (Decimal(expected[0]), expected[1]), f"{where}: {got} != {expected}"
                checked += 1
            if t["in_table"]:  # a table lists them all; a sentence or headline names a few
                by_scope[t["scope"]].add(t["data-indicator"])
        for scope, shown in by_scope.items():
            if scope.startswith("year:"):
                assert shown == d.reported(scope), f"{page.relative_to(site)} {scope}"
    assert checked > (500 if which == "example" else 30)


def test_year_and_indicator_pages_link_a_csv_of_exactly_what_they_show(example: Path) -> None:
    d = Downloads(example)
    years = sorted({r["year"] for r in d.figures})
    for year in years:
        html = read(example, f"years/{year}/")
        assert f'href="../../data/years/{year}.csv"' in html
        rows = d.csv(f"data/years/{year}.csv")
        assert {(r["pairing"], r["indicator"]) for r in rows} == {
            (r["pairing"], r["indicator"]) for r in d.figures if r["year"] == year
        }
        # Summing the flagged rows per indicator gives every total of the year's table.
        for t in totals_on(example / "years" / year / "index.html"):
            if t["scope"] == f"year:{year}" and t["data-value"]:
                counted = [
                    r
                    for r in rows
                    if r["indicator"] == t["data-indicator"] and r["in_year_total"] == "true"
                ]
                assert total(counted, counted[0]["aggregate"]) is not None
                assert Decimal(total(counted, counted[0]["aggregate"])[0]) == Decimal(
                    t["data-value"]
                )  # type: ignore[index]
    for page in sorted((example / "indicators").glob("*/index.html")):
        iid = page.parent.name
        html = page.read_text(encoding="utf-8")
        assert f'href="../../data/indicators/{iid}.csv"' in html
        rows = d.csv(f"data/indicators/{iid}.csv")
        assert len(rows) == len([r for r in d.figures if r["indicator"] == iid])
        for t in totals_on(page):
            if t["scope"] == "indicator-total" and t["data-value"]:
                counted = [r for r in rows if r["in_cumulative_total"] == "true"]
                assert Decimal(total(counted, counted[0]["aggregate"])[0]) == Decimal(
                    t["data-value"]
                )  # type: ignore[index]


def test_home_headline_totals_link_to_their_parts_and_downloads(example: Path) -> None:
    html = read(example, "")
    assert 'data-scope="cumulative"' in html and 'data-scope="year:2015"' in html
    # each headline links to its parts: the indicator's totals by pairing, the year's totals
    assert re.search(r'href="indicators/[a-z-]+/#by-pairing"', html)
    assert 'href="years/2015/#totals"' in html
    assert 'href="data/"' in html
    assert "<table" not in html.split('id="by-year"')[0]  # no wall of tables before the chart


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_every_chart_is_well_formed_self_contained_and_has_a_table(example: Path) -> None:
    charts = 0
    for page in sorted(example.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for svg in svgs(html):
            if 'class="bl-chart-svg"' not in svg:
                continue  # Material's icons
            charts += 1
            root = ET.fromstring(svg)
            assert (
                root.get("role") == "img"
                and root.find("title") is not None
                and root.find("desc") is not None
            )
            assert not re.search(r"https?:|url\(|<script|href", svg), page
            after = html[html.index(svg) + len(svg) :]
            assert re.match(r"\s*<figcaption>.*?</figcaption>\s*</figure>\s*<table", after, re.S), (
                page
            )
    assert charts >= 82  # at least one on every indicator page
    for page in ("indicators/lectures/", "years/2009/", "pairings/huadong-xinjiang-shida/"):
        assert 'class="bl-chart-svg"' in read(example, page), page


def test_data_package_validates(small: Path, example: Path) -> None:
    for site in (small, example):
        report = frictionless.validate(str(site / "data" / "datapackage.json"))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[
            :10
        ]


def test_data_page_explains_and_links_every_file(example: Path) -> None:
    html = read(example, "data/")
    for name in ("units", "pairings", "reports", "figures"):
        assert f'href="../data/{name}.csv"' in html or f'href="{name}.csv"' in html, name
        assert f"{name}.json" in html
    assert (
        "datapackage.json" in html and "CC-BY-4.0" in html and "对口支援工作办公室（示例）" in html
    )
    assert "如何复核合计" in html


def test_feed_is_atom_and_announced_in_every_page_head(example: Path) -> None:
    d = feedparser.parse((example / "feed.xml").read_bytes())
    assert not d.bozo and d.version == "atom10"
    assert d.entries and all(
        e.link.startswith("https://example.org/bulletins/reports/") for e in d.entries
    )
    dates = [e.updated for e in d.entries]
    assert dates == sorted(dates, reverse=True)
    assert "beishida-xinjiang-shida" not in (example / "feed.xml").read_text(
        encoding="utf-8"
    )  # draft
    # The open data points at the same report pages as the feed, and each exists.
    urls = {r["url"] for r in Downloads(example).csv("data/reports.csv")}
    assert urls == {e.link for e in d.entries}
    for url in urls:
        assert (
            example / url.removeprefix("https://example.org/bulletins/") / "index.html"
        ).is_file()
    for page in example.rglob("index.html"):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        m = re.search(
            r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head
        )
        assert m, page
        assert (page.parent / m.group(1)).resolve() == (example / "feed.xml").resolve(), page


def test_flows_and_regions_add_up_from_their_own_downloads(example: Path) -> None:
    """Each flow's and region's own total is reproducible from its CSV: the pairings wholly
    its own, each pairing's cumulative rows (in_cumulative_total) added per indicator."""
    d = Downloads(example)
    flows = sorted((example / "flows").rglob("index.html"))
    assert flows, "no flow pages"
    checked = 0
    for page in flows + sorted((example / "regions").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'href="([^"]+\.csv)" download', html)
        if found is None:
            continue  # the regions index
        href = urllib.parse.unquote(found[1])
        rows = d.csv(str((page.parent / href).resolve().relative_to(example.resolve())))
        for t in totals_on(page):
            scope = t["scope"]
            if not scope.startswith(("flow:", "region:", "region-given:")) or not t["data-value"]:
                continue
            if scope.startswith("flow:"):
                src, tgt = (s.split("/") for s in scope[5:].split("→"))
                own = d.wholly_in("supporter", src) & d.wholly_in("recipient", tgt)
            else:
                role = "supporter" if scope.startswith("region-given:") else "recipient"
                own = d.wholly_in(role, scope.split(":", 1)[1].split(" / "))
            counted = [
                r
                for r in rows
                if r["indicator"] == t["data-indicator"]
                and r["pairing"] in own
                and r["in_cumulative_total"] == "true"
            ]
            got = total(counted, d.aggregate[t["data-indicator"]])
            assert (Decimal(got[0]), got[1]) == (Decimal(t["data-value"]), t["data-approx"]), (
                page,
                t,
            )
            checked += 1
    assert checked > 20


def test_shared_support_is_marked_and_left_out_of_the_region_total(example: Path) -> None:
    html = read(example, "regions/四川省/凉山彝族自治州/木里藏族自治县/")
    assert "与另1个地区共享" in html and "受援方共 3 个单位" in html
    assert 'data-scope="region:四川省 / 凉山彝族自治州 / 木里藏族自治县"' not in html
    shanghai = read(example, "regions/上海市/")
    assert "支援他地（" in shanghai and "支援他地（0）" not in shanghai
    assert 'data-scope="region-given:上海市"' in shanghai
    assert "flows/上海市/云南省/" in urllib.parse.unquote(shanghai)
    flow = read(example, "flows/上海市/云南省/")
    assert "上海市 / 南汇区" in flow and "云南省 / 文山壮族苗族自治州 / 文山县" in flow


def test_report_and_unit_pages_offer_a_csv_their_figures_recompute_from(example: Path) -> None:
    """A report page's CSV holds exactly its figures (as written, with the display column in
    the site's style); a unit page's totals recompute from its own CSV: the cumulative rows
    of its pairings on each side, added per indicator."""
    d = Downloads(example)
    reports = sorted((example / "reports").glob("*/*/index.html"))
    with_figures = 0
    for page in reports:
        html = page.read_text(encoding="utf-8")
        found = re.search(r'href="([^"]+\.csv)" download', html)
        shown = re.findall(r'<td class="bl-num" data-indicator="([^"]+)"[^>]*>([^<]*)</td>', html)
        assert (found is None) == (not shown), page
        if found is None:
            continue
        with_figures += 1
        rows = d.csv(str((page.parent / found[1]).resolve().relative_to(example.resolve())))
        # (shown with the indicator's unit where the editor left it out: 400 of 头 is 400头)
        written = sorted((r["indicator"], with_unit(r["written"], r["unit"])) for r in rows)
        assert written == sorted(shown), page
        assert all(r["display"] and "," not in r["display"] for r in rows)
    assert with_figures >= 8
    checked = 0
    for page in sorted((example / "units").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        found = re.search(r'href="([^"]+\.csv)" download', html)
        uid = page.parent.name
        if found is None:
            assert "data-scope" not in html or not re.search(r'data-value="\d', html), page
            continue
        rows = d.csv(str((page.parent / found[1]).resolve().relative_to(example.resolve())))
        for t in totals_on(page):
            if not t["scope"].startswith("unit:") or not t["data-value"]:
                continue
            role = t["scope"].rsplit(":", 1)[1]
            mine = {p["pairing"] for p in d.parties if p["unit"] == uid and p["role"] == role}
            counted = [
                r
                for r in rows
                if r["indicator"] == t["data-indicator"]
                and r["pairing"] in mine
                and r["in_cumulative_total"] == "true"
            ]
            got = total(counted, d.aggregate[t["data-indicator"]])
            assert got is not None, (page, t)
            assert (Decimal(got[0]), got[1]) == (Decimal(t["data-value"]), t["data-approx"])
            checked += 1
    assert checked > 20


def test_feed_is_linked_from_every_page_footer(example: Path) -> None:
    for page in [*example.rglob("index.html"), example / "404.html"]:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('class="md-copyright bl-footer"') :]
        m = re.search(r'<a href="([^"]*feed\.xml)" type="application/atom\+xml">', footer)
        assert m, page
        if page.name == "index.html":
            assert (page.parent / m[1]).resolve() == (example / "feed.xml").resolve(), page
