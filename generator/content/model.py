"""Typed, immutable records: what the validator produces and every later stage reads.

Units, figures and dates are types here, not strings passed around. This module
must not read files, validate or import MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import Any

from generator.content.figures import Approx, Basis
from generator.content.quantities import Quantity
from generator.content.units import UnitOfMeasure

UNIT_KINDS: dict[str, str] = {
    "school": "学校",
    "university": "高等院校",
    "hospital": "医院",
    "health-centre": "卫生院",
    "government": "政府部门",
    "enterprise": "企业",
    "village": "村",
    "county": "县（区）",
    "other": "其他",
}
"""Unit kinds with their Chinese names, in display order."""

SECTORS: dict[str, str] = {
    "education": "基础教育",
    "higher-education": "高等教育",
    "health": "医疗卫生",
    "poverty-alleviation": "扶贫开发",
    "industry": "产业合作",
    "culture": "文化",
    "other": "其他",
}
"""Built-in sectors; `sectors.yml` adds more."""

VISIBILITIES = ("public", "internal")
STATUSES = ("published", "draft")
AGGREGATES = ("sum", "max", "none")
AUDIENCES = ("public", "internal")
PROGRAMMES = ("对口支援", "对口帮扶", "东西部协作", "对口合作", "定点帮扶")
"""The programme's usual words (an office may use its own: the plugin's `wording`)."""
DEFAULT_WORDING = PROGRAMMES[0]
"""The programme's word when mkdocs.yml sets none (the plugin's `wording`)."""

SEARCH_SEPARATOR = (
    r"[\s\u200b\u3000\-\u3001\u3002\u3008-\u3011\u3014-\u301f\u2014\u2018\u2019\u201c\u201d"
    r"\u2026\u00b7\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
    r"|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])"
)
"""Where the site's Chinese text splits into search terms: Material's zh separator, more CJK
punctuation, and zero-width splits between a digit or Latin letter and a Chinese character
(both ways; 70万元 → 70, 万元). Written into mkdocs.yml by `bulletins init` and into the
search index by the plugin; read by the browser (JavaScript RegExp, no flags) and the tests
(Python re): keep to syntax both share."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def chinese(self) -> str:
        """`2015年`, `2015年5月`, `2015年5月1日`."""
        s = f"{self.year}年"
        if self.month is not None:
            s += f"{self.month}月"
        if self.day is not None:
            s += f"{self.day}日"
        return s

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Source:
    """Where a record was written."""

    path: str
    """File path, `content/units/x.yml`."""
    line: int = 1


@dataclass(frozen=True)
class Unit:
    """一个单位: a school, hospital, university, government office, village…"""

    id: str
    name: str
    """Full name, e.g. 新疆师范大学."""
    kind: str
    """One of `UNIT_KINDS`."""
    short_name: str | None = None
    region: tuple[str, ...] = ()
    """Administrative path, province first."""
    website: str | None = None
    """http(s) URL."""
    visibility: str = "public"
    contact: Any = None
    """Free mapping; never published in a public build."""
    source: Source = Source("")

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Pairing:
    """一个结对（对口关系）: supporters help recipients in one sector since a date."""

    id: str
    supporters: tuple[str, ...]
    """Unit ids (支援方)."""
    recipients: tuple[str, ...]
    """Unit ids (受援方)."""
    sector: str
    since: PartialDate
    title: str
    """Given or derived: `{supporters}对口支援{recipients}`."""
    until: PartialDate | None = None
    programme: str | None = None
    modes: tuple[str, ...] = ()
    agreement: str | None = None
    visibility: str = "public"
    source: Source = Source("")

    @property
    def units(self) -> tuple[str, ...]:
        return self.supporters + self.recipients

    def covers(self, year: int) -> bool:
        return self.since.year <= year and (self.until is None or year <= self.until.year)


@dataclass(frozen=True)
class Indicator:
    """成效指标: what a figure measures and in which unit totals are kept."""

    id: str
    name: str
    unit: UnitOfMeasure
    category: str = "其他"
    aggregate: str = "sum"
    """`sum`, `max` or `none` (never totalled)."""
    description: str | None = None
    order: int = 0
    """Position in the catalogue file, for stable display order."""
    source: Source = Source("")
    part_of: str | None = None
    """The indicator this one is a part of (其中): shown on pages, never added to it again."""


@dataclass(frozen=True)
class Figure:
    """One reported figure, as written and as converted to its indicator's unit."""

    indicator: str
    written: str
    """What the editor wrote, for display (`70余万元`)."""
    value: Decimal
    """Converted to the indicator's unit."""
    approx: Approx
    basis: Basis
    note: str | None = None
    source: Source = Source("")
    label: str | None = None
    """What this part counts when a report gives several figures for one indicator
    (`种植技术` in `450人次 种植技术`); `None` for an unlabelled part or a single figure."""
    part: int = 1
    """1-based position among the report's figures for this indicator (1 for a single one)."""
    step: Decimal | None = None
    """For 余: the magnitude it qualifies as written, in the indicator's unit (`70余万元` in 元:
    10000); `None` for one unit. Totals put their 余 at their coarsest part's step."""

    @cached_property
    def quantity(self) -> Quantity:
        # Totals read it for every page that counts this figure: build it once.
        return Quantity(self.value, self.approx, self.step)


@dataclass(frozen=True)
class Report:
    """年度工作总结: one pairing's summary for one year."""

    pairing: str
    year: int
    title: str
    body: str
    """The narrative, Markdown."""
    author: str | None = None
    published: PartialDate | None = None
    status: str = "published"
    visibility: str = "public"
    figures: tuple[Figure, ...] = ()
    problems: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    body_line: int = 1
    source: Source = Source("")
    source_document: str | None = None
    """The original document: `pages/<file>` (published beside the site) or an http(s) URL."""

    @property
    def key(self) -> tuple[int, str]:
        return (self.year, self.pairing)

    @property
    def url(self) -> str:
        return f"reports/{self.year}/{self.pairing}/"


@dataclass(frozen=True)
class FreePage:
    """A page from `content/pages/`, published as written."""

    id: str
    title: str
    body: str
    visibility: str = "public"
    order: int = 0
    source: Source = Source("")
    body_line: int = 1
    """Line of the file where `body` starts."""


def _frozen(d: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(dict(sorted(d.items())))


@dataclass(frozen=True)
class Content:
    """The whole validated site content, sorted by id."""

    units: MappingProxyType[str, Unit] = field(default_factory=lambda: _frozen({}))
    pairings: MappingProxyType[str, Pairing] = field(default_factory=lambda: _frozen({}))
    indicators: MappingProxyType[str, Indicator] = field(default_factory=lambda: _frozen({}))
    sectors: MappingProxyType[str, str] = field(default_factory=lambda: _frozen(dict(SECTORS)))
    reports: tuple[Report, ...] = ()
    """Sorted by year, then pairing id."""
    pages: tuple[FreePage, ...] = ()
    assets: tuple[str, ...] = ()
    synonyms: MappingProxyType[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    """`synonyms.yml`: a word → the words search also finds for it (and back)."""

    @staticmethod
    def build(
        units: dict[str, Unit],
        pairings: dict[str, Pairing],
        indicators: dict[str, Indicator],
        sectors: dict[str, str],
        reports: list[Report],
        pages: list[FreePage],
        assets: list[str] | tuple[str, ...] = (),
        synonyms: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Content:
        return Content(
            units=_frozen(units),
            pairings=_frozen(pairings),
            indicators=MappingProxyType(
                dict(sorted(indicators.items(), key=lambda kv: (kv[1].order, kv[0])))
            ),
            sectors=MappingProxyType(dict(sectors)),
            reports=tuple(sorted(reports, key=lambda r: r.key)),
            pages=tuple(sorted(pages, key=lambda p: (p.order, p.id))),
            assets=tuple(sorted(assets)),
            synonyms=_frozen(dict(synonyms or {})),
        )
