"""The audience rule of validation: a public record must not name an internal one.

Drafts are left out, since they are in no built site.
"""

from __future__ import annotations

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
                    msg = f"公开结对 “{p.id}” 引用了内部（internal）单位 “{uid}”：公开版网站不能发布它；请把其中之一的 visibility 改一致"
                    problems.append(
                        Problem(p.source.path, *at(p.source.path, side, i), "E309", msg)
                    )
    for r in content.reports:
        if r.visibility != "public" or r.status == "draft":
            continue
        pairing = content.pairings.get(r.pairing)
        if pairing is not None and pairing.visibility == "internal":
            msg = f"公开总结引用了内部（internal）结对 “{r.pairing}”：请把总结也设为 visibility: internal"
            problems.append(Problem(r.source.path, 1, 1, "E309", msg))
        author = content.units.get(r.author or "")
        if author is not None and author.visibility == "internal":
            msg = f"公开总结的作者单位 “{author.id}” 是内部（internal）单位"
            problems.append(Problem(r.source.path, *at(r.source.path, "author"), "E309", msg))
    return problems
