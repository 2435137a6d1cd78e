"""The fonts a compilation is set in: Chinese fonts found on this system, never downloaded.

Typst embeds (subsets of) the fonts it uses in the PDF. A CJK font must be installed:
Noto CJK (Debian/Ubuntu `fonts-noto-cjk`) or Source Han, else a few common fallbacks.
When none is found the message says which package to install.
This module must not import MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BODY = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "FandolSong",
    "AR PL UMing CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
"""Body text: a Song (serif) face first, as official documents are set; else any CJK face."""
HEADING = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "FandolHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
"""Headings and the cover: a Hei (sans) face, else the body's."""

INSTALL_HINT = (
    "找不到中文字体，无法生成汇编 PDF。请先安装 Noto CJK 字体："
    "Debian/Ubuntu 运行 `sudo apt-get install fonts-noto-cjk`，"
    "Fedora 运行 `sudo dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts`，"
    "macOS / Windows 安装思源宋体（Source Han Serif）或思源黑体（Source Han Sans）"
    "（no CJK font found: install fonts-noto-cjk）"
)


class NoCJKFont(Exception):
    """No Chinese font on this system; the message names the package to install."""


@dataclass(frozen=True)
class FontChoice:
    body: tuple[str, ...]
    """Font families for the text, in fallback order."""
    heading: tuple[str, ...]
    database: Any
    """typst.Fonts: the system's fonts, scanned once."""


def choose_fonts(include_system_fonts: bool = True) -> FontChoice:
    """The CJK families found on the system; raises NoCJKFont when there is none."""
    import typst

    database = typst.Fonts(include_system_fonts=include_system_fonts, include_embedded_fonts=True)
    found = set(database.families())
    body = tuple(f for f in BODY if f in found)
    if not body:
        raise NoCJKFont(INSTALL_HINT)
    heading = tuple(f for f in HEADING if f in found) or body
    return FontChoice(body[:1], heading[:1], database)
