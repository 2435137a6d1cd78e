"""Limits on a Word file before anything unpacks it: a .docx is a zip, and a 1.5 MB zip
can unpack to a gigabyte (still importing after 120 s), or hold 200,000 paragraphs.

`check_docx` reads only the zip's directory (entry count, declared sizes: Python's
zipfile never returns more than an entry declares) and counts the paragraphs of
`word/document.xml` in a bounded read, then `read_docx` lets mammoth convert it.
This module must not import MkDocs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_ENTRIES = 2_000
"""Files inside the .docx (a long report with images has a few hundred)."""
MAX_UNPACKED = 64 * 1024 * 1024
"""Bytes of all its files unpacked, as the zip declares them."""
MAX_PARAGRAPHS = 20_000
"""Paragraphs (`<w:p>`) of the document: a 300-page report has some 10,000."""


class DocxTooBig(ValueError):
    """The message, in Chinese, names the limit."""


def check_docx(path: Path) -> None:
    """Raise `DocxTooBig` when the file exceeds a limit above; zip errors propagate."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise DocxTooBig(f"包含 {len(infos)} 个内部文件，超过上限 {MAX_ENTRIES}")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise DocxTooBig(
                f"解压后有 {total // (1024 * 1024)} MB，超过上限 {MAX_UNPACKED // (1024 * 1024)} MB"
            )
        try:
            xml = zf.read("word/document.xml")
        except KeyError:
            return  # not a Word document: mammoth says so
        paragraphs = xml.count(b"<w:p>") + xml.count(b"<w:p ")
        if paragraphs > MAX_PARAGRAPHS:
            raise DocxTooBig(f"有 {paragraphs} 个段落，超过上限 {MAX_PARAGRAPHS}")
