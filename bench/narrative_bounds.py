"""The narrative bounds of docs/safety.md, measured: `check`'s narrative work and the
site's rendering (Markdown with the site's extensions and the bounded link parser,
then the sanitiser) on the worst narratives each limit still allows, about 1 MB each.
The budget is 10 s for each of check and build on any single 1 MB narrative; this
prints each time and its ratio to the budget.

    python bench/narrative_bounds.py
"""

from __future__ import annotations

import time

from generator.content.sanitize import clean_html
from generator.content.validate.narrative import MAX_BLOCK, check_narrative, render_markdown

BUDGET = 10.0
SIZE = 1 << 20


def _fill(head: str, filler: str = "甲") -> str:
    """`head`, then prose paragraphs up to SIZE bytes (each within MAX_BLOCK)."""
    room = (SIZE - len(head.encode("utf-8"))) // 3
    para = filler * min(MAX_BLOCK // 2, 60_000)
    out, left = [head], room
    while left > 0:
        out.append(para[: min(left, len(para))])
        left -= len(para) + 1
    return "\n\n".join(out)[: SIZE // 3]


CASES = {
    "prose": _fill(""),
    "7,000 links in one paragraph": _fill("[链接](https://example.org/a) " * 7_000),
    "19,999 unclosed [": _fill("[x " * 19_999),
    "9,999 emphases": _fill("**粗** " * 4_999),
    "the issue's brackets": _fill("[" * 8_000 + "x" + "](" * 3_200),
    "19,990 list lines": _fill("- 项目\n  - 子项\n" * 9_995),
    "1,999 identical headings": _fill("## 同名\n\n正文。\n\n" * 1_999),
    "15 unclosed < per >": _fill(("a < b " * 15 + "<b>x</b>\n") * 1_000),
}


def main() -> None:
    print(f"{'narrative':32} {'bytes':>9} {'check s':>8} {'render s':>9} {'worst/budget':>12}")
    for name, body in CASES.items():
        problems: list = []
        t0 = time.perf_counter()
        check_narrative(body, "bench.md", 1, problems)
        checked = time.perf_counter() - t0
        t0 = time.perf_counter()
        clean_html(render_markdown(body))
        rendered = time.perf_counter() - t0
        codes = ",".join(sorted({p.code for p in problems})) or "ok"
        worst = max(checked, checked + rendered)  # a build checks, then renders
        size = len(body.encode("utf-8"))
        print(
            f"{name:32} {size:>9} {checked:>8.2f} {rendered:>9.2f} {worst / BUDGET:>12.2f}  {codes}"
        )


if __name__ == "__main__":
    main()
