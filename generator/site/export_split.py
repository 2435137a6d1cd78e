"""Long exported pages split into linked parts, so that no page's text exceeds a search
engine's index limit.

Why: Zensical indexes each page's text as one field and refuses a field past a limit of
token positions (16,384 in a 5,000-report build; the limit shrinks as a site grows); a
region or indicator page of a large site lists hundreds of pairings. The rule:

- a page's text is measured in tokens, counted as an upper bound on what any engine's
  tokenizer makes of it: every CJK character one token, every run of letters or digits
  one token (`tokens`);
- a page over `BUDGET` is cut between its top-level blocks (a heading, a paragraph, a
  table), packed in order into parts of at most `BUDGET`;
- a single block over `BUDGET` is cut between the rows of its longest row list (a table
  body's rows, a list's items); each later part repeats what names the rows (the
  ancestors' opening tags and the table's caption and header) and closes them;
- part 1 stays at the page's own address; part k is `…/k/` below it, titled
  "（第 k 页）"; every part has a pager linking every other; links inside a moved block
  are made relative to its new address, and links to an anchor that moved (from any
  page) follow it.

Only the export splits: the site's own search (local, Pagefind, lunr) has no such limit,
and its tables are sorted in the browser across all their rows (portal.js), which paging
would break. Pages with a Markdown body (narratives, free pages) are editors' text and
are never split. This module must not import MkDocs.
"""

from __future__ import annotations

import html as htmlmod
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

BUDGET = 8192
"""Tokens of text per page part, counted generously (`tokens`): half of the 16,384 token
positions Zensical allowed a field at 5,000 reports, by a count that the engines' own
tokenizers (which keep runs of Chinese together) stay well under. A block with no rows to
cut between (a chart) stays whole, whatever its size."""
PAGER_ROOM = 256
"""Tokens kept for the two pagers of a part (a part number is one token)."""

_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w:-]*)([^>]*)>", re.S)
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr path rect circle line "
    "polyline polygon ellipse use stop".split()
)
_ROWS = {"tbody": "tr", "ul": "li", "ol": "li"}
_HEADS = frozenset({"caption", "colgroup", "thead", "th", "summary"})
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[0-9A-Za-z]+")
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ID = re.compile(r'\sid="([^"]+)"')


def tokens(markup: str) -> int:
    """The tokens of the text in `markup` (tags dropped), counted generously."""
    return len(_TOKEN.findall(htmlmod.unescape(_TAG.sub(" ", markup))))


@dataclass
class _Element:
    name: str
    start: int
    open_end: int
    close_start: int = -1
    end: int = -1
    children: list[_Element] = field(default_factory=list)


def _parse(markup: str) -> list[_Element]:
    """The element tree of well-formed template output (top-level elements)."""
    root = _Element("", 0, 0)
    stack = [root]
    for m in _TAG.finditer(markup):
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name or m.group(3).rstrip().endswith("/") or (name in _VOID and not closing):
            continue
        if not closing:
            element = _Element(name, m.start(), m.end())
            stack[-1].children.append(element)
            stack.append(element)
            continue
        for depth in range(len(stack) - 1, 0, -1):  # close the nearest open element so named
            if stack[depth].name == name:
                for open_element in stack[depth:]:
                    open_element.close_start, open_element.end = m.start(), m.end()
                del stack[depth:]
                break
    for open_element in stack[1:]:
        open_element.close_start = open_element.end = len(markup)
    return root.children


def _blocks(body: str) -> list[str]:
    """`body` cut before each top-level element (text between goes with the next one)."""
    starts = [e.start for e in _parse(body)][1:]
    cuts = [0, *starts, len(body)]
    return [body[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if body[a:b].strip()]


def _containers(element: _Element, chain: list[_Element]) -> list[list[_Element]]:
    """Every row list under `element`, each with its chain of elements from the top."""
    found = [chain] if element.name in _ROWS else []
    for child in element.children:
        found += _containers(child, [*chain, child])
    return found


def _split_block(block: str, budget: int) -> list[str]:
    """A block over budget as self-contained pieces cut between the rows of its longest
    row list, each piece over budget cut again the same way; the block itself when it
    has no row list to cut."""
    top = _parse(block)
    chains = _containers(top[0], [top[0]]) if top else []
    # The longest row list by its markup (a cheap stand-in for its text) with rows to cut.
    chains = [c for c in chains if sum(ch.name == _ROWS[c[-1].name] for ch in c[-1].children) > 1]
    if not chains:
        return [block]
    chain = max(chains, key=lambda c: c[-1].close_start - c[-1].open_end)
    box = chain[-1]
    rows = [c for c in box.children if c.name == _ROWS[box.name]]
    cuts = [box.open_end, *(r.start for r in rows[1:]), box.close_start]
    pieces = [block[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    # Each later piece reopens the elements around the rows, with what names them: a table's
    # caption and header, a row's header cells, a disclosure's summary.
    reopen = ""
    for outer, inner in zip(chain, chain[1:], strict=False):
        reopen += block[outer.start : outer.open_end]
        heads = [c for c in outer.children if c.name in _HEADS and c.end <= inner.start]
        reopen += "".join(block[c.start : c.end] for c in heads)
    reopen += block[box.start : box.open_end]
    close = "".join(f"</{e.name}>" for e in reversed(chain))
    first_head, last_tail = block[: box.open_end], block[box.close_start :]
    groups = _pack(pieces, max(budget - tokens(reopen), 1))
    out = []
    for i, group in enumerate(groups):
        head = first_head if i == 0 else reopen
        tail = last_tail if i == len(groups) - 1 else close
        piece = head + "".join(group) + tail
        over = len(group) == 1 and tokens(piece) > budget
        again = _split_block(piece, budget) if over else []
        out += again if len(again) > 1 else [piece]
    return out


def _pack(items: list[str], budget: int) -> list[list[str]]:
    """`items` in order, in groups of at most `budget` tokens (an item over it alone)."""
    groups: list[list[str]] = [[]]
    used = 0
    for item in items:
        n = tokens(item)
        if groups[-1] and used + n > budget:
            groups.append([])
            used = 0
        groups[-1].append(item)
        used += n
    return groups


def split_body(body: str, budget: int = BUDGET) -> list[str]:
    """The page body as parts of at most `budget` tokens each (where rows allow)."""
    if tokens(body) <= budget:
        return [body]
    units: list[str] = []
    for block in _blocks(body):
        units += _split_block(block, budget) if tokens(block) > budget else [block]
    return ["\n".join(group) for group in _pack(units, budget)]


def _resolve(href: str, base: str) -> str | None:
    """A relative link on the page at site URL `base` as a site URL; None when not relative."""
    if not href or href.startswith(("#", "/")) or re.match(r"^[a-zA-Z][\w+.-]*:", href):
        return None
    path, _, fragment = href.partition("#")
    joined = posixpath.normpath(posixpath.join(base, path)) if path else base.rstrip("/")
    joined = "" if joined == "." else joined
    url = joined + "/" if (path.endswith("/") or path in ("", ".", "..")) and joined else joined
    return url + ("#" + fragment if fragment else "")


def _relink(markup: str, base: str, here: str, rel: Callable[[str, str], str]) -> str:
    """Relative links written for the page at `base`, made relative to `here` instead."""
    if base == here:
        return markup

    def fix(m: re.Match[str]) -> str:
        url = _resolve(htmlmod.unescape(m.group(2)), base)
        if url is None:
            return m.group(0)
        path, hash_, fragment = url.partition("#")
        new = (rel(path, here) or "./") + hash_ + fragment
        return m.group(1) + htmlmod.escape(new, quote=True) + m.group(3)

    return _LINK.sub(fix, markup)


@dataclass
class Parts:
    """Where the split pages' parts went: which part holds each anchor."""

    where: dict[tuple[str, str], str] = field(default_factory=dict)
    """(page URL, anchor id) → URL of the part that now holds it."""
    origin: dict[str, str] = field(default_factory=dict)
    """Part URL → the URL of the page it is a part of."""


def _front(text: str) -> tuple[dict[str, object], str]:
    if not text.startswith("---\n"):
        return {}, text
    _, head, body = text.split("---\n", 2)
    return dict(yaml.safe_load(head) or {}), body


def _part_uri(uri: str, k: int, taken: set[str]) -> str:
    base = uri.removesuffix(".md").removesuffix("/index").removesuffix("index")
    for name in (f"{k}", f"第{k}页"):
        candidate = f"{base}/{name}.md".lstrip("/")
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free name for part {k} of {uri}")


def _pager(k: int, urls: list[str], here: str, rel: Callable[[str, str], str]) -> str:
    links = [
        f"<strong>{i}</strong>" if i == k else f'<a href="{rel(u, here) or "./"}">{i}</a>'
        for i, u in enumerate(urls, 1)
    ]
    return f'<p class="bl-pager">本页内容较长，分 {len(urls)} 页：{" ".join(links)}</p>'


def split_pages(
    pages: dict[str, str],
    page_url: Callable[[str], str],
    rel: Callable[[str, str], str],
    front_matter: Callable[[dict[str, object]], str],
    budget: int | None = None,
) -> dict[str, str]:
    """Every page whose text is over `budget` as linked parts; the others as they are.
    `pages`: source path → Markdown with front matter (template HTML, no Markdown body)."""
    budget = budget or BUDGET
    room = budget - min(PAGER_ROOM, budget // 4)
    out: dict[str, str] = {}
    taken = set(pages)
    parts = Parts()
    for uri, text in pages.items():
        meta, body = _front(text)
        bodies = [body] if 'markdown="1"' in body else split_body(body, room)
        if len(bodies) == 1:
            out[uri] = text
            continue
        uris = [uri] + [_part_uri(uri, k, taken) for k in range(2, len(bodies) + 1)]
        taken.update(uris)
        urls = [page_url(u) for u in uris]
        for k, (part_uri, part) in enumerate(zip(uris, bodies, strict=True), 1):
            here = urls[k - 1]
            part = _relink(part, urls[0], here, rel)
            for anchor in _ID.findall(part):
                parts.where[(urls[0], anchor)] = here
            parts.origin[here] = urls[0]
            title = str(meta.get("title") or "")
            part_meta = {**meta, "title": title if k == 1 else f"{title}（第 {k} 页）"}
            pager = _pager(k, urls, here, rel)
            out[part_uri] = front_matter(part_meta) + f"{pager}\n{part.strip()}\n{pager}\n"
    if parts.where:
        out = {u: _follow(t, page_url(u), parts, rel) for u, t in out.items()}
    return dict(sorted(out.items()))


def _follow(text: str, here: str, parts: Parts, rel: Callable[[str, str], str]) -> str:
    """Links on the page at `here` to an anchor of a split page, pointed at the part that
    holds it (`#x` on a part means an anchor of the whole page)."""
    page = parts.origin.get(here, here)

    def fix(m: re.Match[str]) -> str:
        href = htmlmod.unescape(m.group(2))
        if "#" not in href:
            return m.group(0)
        url = page + href if href.startswith("#") else _resolve(href, here)
        if url is None:
            return m.group(0)
        path, _, anchor = url.partition("#")
        target = parts.where.get((parts.origin.get(path, path), anchor))
        if target is None:
            return m.group(0)
        new = ("" if target == here else rel(target, here) or "./") + "#" + anchor
        return m.group(1) + htmlmod.escape(new, quote=True) + m.group(3)

    return _LINK.sub(fix, text)
