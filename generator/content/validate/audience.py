"""The audience rule of validation: a public record must not name an internal one.

Drafts are left out, since they are in no built site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.content.load.yaml import YamlDoc
from generator.content.model import Content
from generator.content.problems import Problem


def check_audience(content: Content, docs: Mapping[str, YamlDoc] | None = None) -> list[Problem]:
    """E309 problems; `docs` (file path → parsed YAML) lets them point at the naming line."""
    docs = docs or {}

    def at(path: str, *key: object) -> tuple[int, int]:
        doc = docs.get(path)
        return doc.pos(*key) if doc is not None else (1, 1)

    problems = []
    for p in content.pairings.values():
        if p.visibility != "public":
            continue
        for side in ("supporters", "recipients"):
            for i, uid in enumerate(getattr(p, side)):
                u = content.units.get(uid)
                if u is not None and u.visibility == "internal":
                    msg = (
                        f"公开结对 “{p.id}” 引用了内部（internal）单位 “{uid}”："
                        "公开版网站不能发布它；请把其中之一的 visibility 改一致"
                    )
                    problems.append(
                        Problem(p.source.path, *at(p.source.path, side, i), "E309", msg)
                    )
    for r in content.reports:
        if r.visibility != "public" or r.status == "draft":
            continue
        pairing = content.pairings.get(r.pairing)
        if pairing is not None and pairing.visibility == "internal":
            msg = (
                f"公开总结引用了内部（internal）结对 “{r.pairing}”：请把总结也设为 visibility: "
                "internal"
            )
            problems.append(Problem(r.source.path, 1, 1, "E309", msg))
        author = content.units.get(r.author or "")
        if author is not None and author.visibility == "internal":
            msg = f"公开总结的作者单位 “{author.id}” 是内部（internal）单位"
            problems.append(Problem(r.source.path, *at(r.source.path, "author"), "E309", msg))
    problems += _internal_links(content)
    return problems


_LINK = re.compile(
    r"(?<=[(\"'/=<\s])(?:units|pairings)/([a-z0-9][a-z0-9-]{0,63})(?=[/)#?\"'\s>]|\.md|$)"
    r"|(?<=[(\"'/=<\s])reports/([0-9]{4})/([a-z0-9][a-z0-9-]{0,63})(?=[/)#?\"'\s>]|\.md|$)"
    r"|\]\(\s*(?:\.{1,2}/|/)*([a-z0-9][a-z0-9-]{0,63})(?:\.md|/)\s*[)#]",
    re.M,
)
"""Links to a unit's, pairing's, report's or free page's page, however relative."""


def _internal_links(content: Content) -> list[Problem]:
    """A public narrative or free page linking to an internal record's page: the public
    site would have a broken link that names what it hides (E309, at the link's line)."""
    internal: set[tuple[str, ...]] = set()
    internal |= {("units", u.id) for u in content.units.values() if u.visibility == "internal"}
    internal |= {
        ("pairings", p.id) for p in content.pairings.values() if p.visibility == "internal"
    }
    internal |= {("page", p.id) for p in content.pages if p.visibility == "internal"}
    public_pairings = {p.id for p in content.pairings.values() if p.visibility == "public"}
    internal |= {
        ("reports", str(r.year), r.pairing)
        for r in content.reports
        if r.visibility == "internal" or r.pairing not in public_pairings
    }
    if not internal:
        return []
    texts = [
        (r.source.path, r.body_line, r.body)
        for r in content.reports
        if r.visibility == "public" and r.status != "draft" and r.pairing in public_pairings
    ] + [(p.source.path, p.body_line, p.body) for p in content.pages if p.visibility == "public"]
    out = []
    for path, first, body in texts:
        if "/" not in body and "](" not in body:
            continue
        for m in _LINK.finditer(body):
            kind = m.group(0).split("/", 1)[0]
            if m.group(1):
                key: tuple[str, ...] = (kind, m.group(1))
            elif m.group(2):
                key = ("reports", m.group(2), m.group(3))
            else:
                key = ("page", m.group(4))
            if key not in internal:
                continue
            line = first + body.count("\n", 0, m.start())
            col = m.start() - (body.rfind("\n", 0, m.start()) + 1) + 1
            msg = (
                f"公开的正文链接到内部（internal）页面 “{'/'.join(key[1:])}”："
                "公开版网站没有这个页面，"
                "链接会失效并泄露它的存在；请删去链接，或把本文件设为 visibility: internal"
            )
            out.append(Problem(path, line, col, "E309", msg))
    return out
