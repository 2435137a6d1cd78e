"""The year's bookkeeping: for each pairing active in a year, reported, draft or missing.

`bulletins status` prints it (exit 0 only when every pairing has reported) and the
internal site has it as a page (`site/pages/status.py`). A pairing is active in a year
its `since`–`until` covers; a report counts as reported unless it is `status: draft`.
This module must not read files, print or import MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Content, Pairing, PartialDate, Report

__all__ = ["STATES", "Entry", "default_year", "status_years", "year_status"]

STATES = {"missing": "未报送", "draft": "草稿", "reported": "已报送"}
"""Each state's Chinese name, in the order they are listed (what needs doing first)."""


@dataclass(frozen=True)
class Entry:
    """One pairing's report for one year."""

    pairing: Pairing
    year: int
    state: str
    """`reported`, `draft` or `missing` (keys of `STATES`)."""
    path: str
    """The report's file, or where it belongs when missing (`content/reports/2016/a-b.md`)."""
    report: Report | None = None
    published: PartialDate | None = None

    @property
    def label(self) -> str:
        return STATES[self.state]


def _report_path(pairing: Pairing, year: int) -> str:
    """Where a pairing's report for `year` belongs, beside its pairing file's content folder."""
    root = pairing.source.path.rpartition("/pairings/")[0] or "content"
    return f"{root}/reports/{year}/{pairing.id}.md"


def year_status(content: Content, year: int, drafts: tuple[Report, ...] = ()) -> list[Entry]:
    """Every pairing active in `year`, by id, with its report's state.

    `drafts` are draft reports the content no longer holds (a build leaves them out);
    `content` may also hold drafts itself (everything read, as `bulletins status` loads it).
    """
    reports = {(r.year, r.pairing): r for r in (*drafts, *content.reports)}
    out = []
    for pid in sorted(content.pairings):
        pairing = content.pairings[pid]
        if not pairing.covers(year):
            continue
        report = reports.get((year, pid))
        if report is None:
            out.append(Entry(pairing, year, "missing", _report_path(pairing, year)))
            continue
        state = "draft" if report.status == "draft" else "reported"
        out.append(Entry(pairing, year, state, report.source.path, report, report.published))
    return out


def default_year(content: Content, drafts: tuple[Report, ...] = ()) -> int | None:
    """The latest year any report (draft or not) is written for; None when there is none."""
    years = [r.year for r in (*drafts, *content.reports)]
    return max(years) if years else None


def status_years(content: Content, drafts: tuple[Report, ...] = ()) -> list[int]:
    """The years the page lists, latest first: from the first report's year to the last's."""
    years = [r.year for r in (*drafts, *content.reports)]
    if not years:
        return []
    return list(range(max(years), min(years) - 1, -1))
