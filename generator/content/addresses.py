"""Names that become addresses: one function turns each into its path segment, and the
rules that keep every address a valid, distinct file name.

Ids (units, pairings, reports, indicators, free pages) are file names already, checked
by the loader (`[a-z0-9-]`, 64 characters). Region names are free text: `region_slug`
is the one function that turns them into a path segment (the site map uses it for
region pages, their downloads and the flows between provinces), and
`address_problems` tells `check` every way a region name would break the build or
lose a page:

- two different regions with one address (`甲/乙` and `甲-乙` both `regions/甲-乙/`,
  or names differing only in letter case or Unicode normal form, which a
  case-insensitive or normalising file system would merge): E313, naming both files;
- a name whose segment is reserved (`index`, `index.…`: the section's own page), longer
  than `MAX_SEGMENT_BYTES` in UTF-8 (file systems allow 255 bytes per name, and the
  downloads add `.csv`), or a region path deeper than `MAX_REGION_DEPTH`: E314.

This module must not import MkDocs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from generator.content.load.yaml import YamlDoc
from generator.content.model import Unit
from generator.content.problems import Problem

MAX_SEGMENT_BYTES = 200
"""A region's path segment in UTF-8 bytes (about 66 Chinese characters); 255 is the limit
of most file systems, less the `.csv` and `.html` the build adds."""
MAX_REGION_DEPTH = 6
"""Province, prefecture, county, township, village, and one more."""

_UNSAFE = re.compile(r"[\s/\\?#%<>:\"|*'`]+")


def region_slug(name: str) -> str:
    """A region name as one safe path segment: no separators, no leading dots."""
    slug = _UNSAFE.sub("-", name).strip("-.")
    return slug or "-"


def address_key(path: tuple[str, ...]) -> tuple[str, ...]:
    """What two region paths share when they would land on one file: their segments,
    case-folded and NFC-normalised (as case-insensitive or normalising file systems do)."""
    return tuple(unicodedata.normalize("NFC", region_slug(n)).casefold() for n in path)


def segment_problem(name: str) -> str | None:
    """Why a region name cannot be a path segment, in Chinese, or None."""
    slug = region_slug(name)
    if slug.casefold() == "index" or slug.casefold().startswith("index."):
        return f"地区名 “{name}” 会成为网址中的 “{slug}”，而 index 是栏目自身页面的名称"
    size = len(slug.encode("utf-8"))
    if size > MAX_SEGMENT_BYTES:
        return (
            f"地区名过长：成为网址后有 {size} 字节，超过上限 {MAX_SEGMENT_BYTES} 字节"
            "（文件系统的文件名最长 255 字节）"
        )
    return None


def address_problems(units: Mapping[str, Unit], docs: Mapping[str, YamlDoc]) -> list[Problem]:
    """Every region name that would break the build or share an address (see the module
    docstring), at the line of the name in its unit's file."""
    problems: list[Problem] = []
    seen: dict[tuple[str, ...], tuple[tuple[str, ...], str, int]] = {}
    for uid in sorted(units):
        region = units[uid].region
        doc = docs.get(uid)
        if doc is None or not region:
            continue
        if len(region) > MAX_REGION_DEPTH:
            msg = (
                f"地区层级过多：{len(region)} 级，上限 {MAX_REGION_DEPTH} 级"
                "（省、市、县、乡、村……）；请删去多余的层级"
            )
            problems.append(doc.problem("E314", msg, "region"))
            continue
        for i, name in enumerate(region):
            line, col = doc.pos("region", i)
            why = segment_problem(name)
            if why is not None:
                problems.append(Problem(doc.path, line, col, "E314", f"{why}；请改用其他写法"))
                continue
            path = region[: i + 1]
            key = address_key(path)
            first = seen.setdefault(key, (path, doc.path, line))
            if first[0] != path:
                url = "regions/" + "/".join(region_slug(n) for n in path) + "/"
                msg = (
                    f"地区 “{' / '.join(path)}” 与 {first[1]} 第 {first[2]} 行的地区 "
                    f"“{' / '.join(first[0])}” 网址相同（{url}）：其中一个地区的页面会丢失；"
                    "请统一写法，或改名以示区别"
                )
                problems.append(Problem(doc.path, line, col, "E313", msg))
                break  # the levels below share the clash: one message per unit
    return problems
