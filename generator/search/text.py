"""Readable text of a page for search: sentences, never table cells run together.

`sentences(html)` reads rendered HTML (a report's narrative, a free page) and
returns its prose cut into sentences, for the index and for result snippets.
Tables, code, scripts, styles and SVG are left out: a table's cells joined into
one line (`单位人次 类别人才培养 合计方式求和`) is what a reader must never see as
a snippet, and a table's words are what catalogue pages merely name. Headings
are left out too: they are the report's structure (主要做法, 取得成效), not its
subject; so is a run-in heading (`**培训和生态。** 举办农业技术培训2期…`), which is kept
only as the start of the sentence it introduces, never as a sentence of its own. Pure: no
MkDocs, no knowledge of pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIPPED = frozenset({"table", "pre", "code", "script", "style", "svg", "h1", "h2", "h3", "h4"})
"""Elements whose text is not prose a reader searches (`code` inside prose is rare here)."""
BLOCKS = frozenset(
    {"p", "li", "div", "blockquote", "dd", "dt", "section", "article", "br", "ul", "ol", "h5"}
)
"""Elements that end a run of text: a sentence never spans two of them."""
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
SPACES = re.compile(r"\s+")
MAX_SENTENCE = 240
"""Longer runs (a list written without full stops) are cut at a comma near this length."""


RUN_IN = frozenset({"strong", "b"})
"""Emphasis that opens a paragraph: a run-in heading, when the paragraph goes on after it."""


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        """Each block's text and its run-in heading ("" when none)."""
        self.current: list[str] = []
        self.skip = 0
        self.lead: list[str] | None = None
        self.lead_text = ""

    def _flush(self) -> None:
        text = SPACES.sub(" ", "".join(self.current)).strip()
        if text:
            self.blocks.append((text, self.lead_text))
        self.current = []
        self.lead, self.lead_text = None, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._flush()
            self.skip += 1
        elif tag in BLOCKS:
            self._flush()
        elif tag in RUN_IN and not self.skip and not "".join(self.current).strip():
            self.lead = []

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
            self._flush()
        elif tag in BLOCKS:
            self._flush()
        elif tag in RUN_IN and self.lead is not None:
            self.lead_text = SPACES.sub(" ", "".join(self.lead)).strip()
            self.lead = None

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)
            if self.lead is not None:
                self.lead.append(data)


def _cut(block: str) -> list[str]:
    out: list[str] = []
    for part in SENTENCE_END.split(block):
        part = part.strip()
        while len(part) > MAX_SENTENCE:
            at = max(part.rfind("，", 0, MAX_SENTENCE), part.rfind(",", 0, MAX_SENTENCE))
            at = at + 1 if at > MAX_SENTENCE // 3 else MAX_SENTENCE
            out.append(part[:at])
            part = part[at:].strip()
        if part:
            out.append(part)
    return out


def sentences(html: str) -> list[str]:
    """The prose of `html`, sentence by sentence, in reading order."""
    parser = _Prose()
    parser.feed(html)
    parser.close()
    parser._flush()
    out: list[str] = []
    for block, lead in parser.blocks:
        cut = _cut(block)
        if lead and len(cut) > 1 and cut[0] == lead:
            cut = [lead + cut[1], *cut[2:]]  # 培训和生态。举办农业技术培训2期、450人次；
        out += cut
    return out
