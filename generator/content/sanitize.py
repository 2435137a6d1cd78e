"""Allowlist sanitising of HTML rendered from editors' Markdown, and what it would remove.

Narratives and free pages may carry HTML. Whatever they render to passes
`clean_html` before it reaches a page: tags, attributes and URL schemes are kept
by name (nh3, the binding of Rust's ammonia, which parses HTML as a browser does,
so `&#106;avascript:` or `<details/open/ontoggle=…>` are seen for what they are).
A list of forbidden patterns is never complete; an allowlist is.

`unsafe_parts` tells `check` what the sanitiser would remove from one rendered
HTML fragment, tag by tag, by asking nh3 itself — the report cannot drift from
what the build does. Loads from another host (images, media, stylesheets) are
removed too: no page fetches anything from outside the site.

This module must not import MkDocs.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

TAGS: frozenset[str] = frozenset(nh3.ALLOWED_TAGS) - {"area", "map", "bdo"}
"""ammonia's default tags (text, tables, lists, details, figures, images), no image maps,
no `<bdo>`: `<bdo dir="rtl">0001</bdo>万元` shows 1000万元 while search, feed and data
read 0001 — the U+202E override in tag form (issue 21's text class, E507)."""

_GENERIC = {"class", "id", "lang", "title"}
"""No `dir`: `dir="rtl"` reorders what a reader sees as the bidi controls do (E507)."""
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "align"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span", "align"},
    "colgroup": {"span", "align"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "abbr": {"title"},
    "time": {"datetime"},
    "data": {"value"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
"""Per tag; `style` only on table cells, and only `text-align` in it (Markdown tables)."""

URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""Links may leave the site; `javascript:`, `data:`, `vbscript:` and the rest may not."""

STYLE_PROPERTIES = {"text-align"}

_LOADS = {("img", "src"), ("q", "cite"), ("blockquote", "cite"), ("del", "cite"), ("ins", "cite")}
"""Attributes whose URL the browser fetches (or may) by itself: same site only."""

_REMOTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|[\\/]{2})")
"""A URL with a scheme or a network path (`//host/x`): not a file of this site."""


def is_remote(url: str) -> bool:
    """True for a URL naming another host (or any scheme), false for a path in the site."""
    return bool(_REMOTE.match(htmllib.unescape(url)))


THEME_ID_PREFIXES = ("__", "md-", "bl-")
"""Ids the theme's scripts look up (Material's `#__config`, `#__search`, `#__drawer`,
`#__toc`, `__palette_*`, `__code_*`, `__tooltip_*`…; the project's `bl-search`,
`bl-pagefind`): an editor's element with one of them stands before the theme's own and
is read instead (DOM clobbering). Content ids with these prefixes are removed."""

THEME_CLASSES = frozenset({"mermaid", "annotate", "highlight", "hll", "arithmatex"})
"""Classes the theme's scripts act on inside content: `pre.mermaid` makes Material load
mermaid from unpkg.com and run it on the text, `.annotate` moves lists into tooltips.
With every class starting with a `THEME_ID_PREFIXES` prefix or `tabbed-`, they are
removed from content's `class`."""


def inert_text(text: str) -> str:
    """Text that a script may read back as HTML, with no `<` or `>` left to start a tag:
    Material's tooltips put a `title` attribute, and the innerText of any truncated
    title (header, navigation, table of contents), into innerHTML. Full-width brackets
    read the same to a person."""
    return text.replace("<", "＜").replace(">", "＞")


_ANY_TAG = re.compile(r"<[^>]*>")


def inert_title_html(title: str) -> str:
    """An HTML title (a table-of-contents entry) as escaped inert text: tags dropped,
    entities decoded, brackets made full-width, escaped again. Material prints it as
    HTML and may read its innerText back into a tooltip."""
    return htmllib.escape(inert_text(htmllib.unescape(_ANY_TAG.sub("", title))), quote=False)


def theme_hook(attr: str, value: str) -> bool:
    """An id or class token the theme's scripts look up (see above)."""
    v = value.strip().lower()
    if attr == "id":
        return v.startswith(THEME_ID_PREFIXES)
    return v in THEME_CLASSES or v.startswith((*THEME_ID_PREFIXES, "tabbed-"))


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if (tag, attr) in _LOADS and is_remote(value):
        return None
    if attr == "title":
        return inert_text(value)
    if attr == "id" and theme_hook("id", value):
        return None
    if attr == "class":
        kept = [c for c in value.split() if not theme_hook("class", c)]
        return " ".join(kept) or None
    return value


def clean_html(fragment: str) -> str:
    """The fragment with everything outside the allowlist removed (scripts with their text)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser takes out of a fragment."""

    tag: str
    attr: str | None
    """None when the whole tag goes."""
    value: str
    """The attribute's value as written (empty for a tag)."""
    remote: bool
    """Removed because it would load something from another host."""
    hook: bool = False
    """Changed because the theme's scripts would read it: a `title` that could become
    markup, an id or class they look up (`theme_hook`)."""

    def describe(self) -> str:
        if self.attr is None:
            return f"标签 <{self.tag}>"
        shown = self.value if len(self.value) <= 40 else self.value[:40] + "…"
        if self.remote:
            return f"<{self.tag}> 的 {self.attr}=“{shown}”（从其他网站加载）"
        if self.hook and self.attr == "title":
            return f"<{self.tag}> 的提示文字 title=“{shown}”"
        if self.hook:
            return f"<{self.tag}> 的 {self.attr}=“{shown}”"
        if self.attr == "style":
            return f"<{self.tag}> 的样式 style=“{shown}”"
        if self.attr in {"href", "src", "cite"}:
            return f"<{self.tag}> 的链接 {self.attr}=“{shown}”"
        return f"<{self.tag}> 的属性 {self.attr}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(k, v or "") for k, v in attrs]))

    handle_startendtag = handle_starttag


def _start_tags(fragment: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags


_CONTEXT = {
    **dict.fromkeys(("td", "th"), ("<table><tbody><tr>", "</tr></tbody></table>")),
    "tr": ("<table><tbody>", "</tbody></table>"),
    **dict.fromkeys(("tbody", "thead", "tfoot", "caption", "colgroup"), ("<table>", "</table>")),
    "col": ("<table><colgroup>", "</colgroup></table>"),
    "li": ("<ul>", "</ul>"),
    **dict.fromkeys(("dt", "dd"), ("<dl>", "</dl>")),
    "summary": ("<details>", "</details>"),
    **dict.fromkeys(("rp", "rt", "rtc"), ("<ruby>", "</ruby>")),
}
"""Where a tag may stand, so the probe is parsed as it would be in its page."""


def _norm(value: str) -> str:
    return re.sub(r"\s+|;\s*$", "", value).lower()


def _same(
    before: list[tuple[str, list[tuple[str, str]]]], after: list[tuple[str, list[tuple[str, str]]]]
) -> bool:
    """The same start tags with the same attributes (values compared as `_norm` does)."""
    if len(before) != len(after):
        return False
    for (t1, a1), (t2, a2) in zip(before, after, strict=True):
        if t1 != t2 or len(a1) != len(a2):
            return False
        if {k: _norm(v) for k, v in a1} != {k: _norm(v) for k, v in a2}:
            return False
    return True


def unsafe_parts(fragment: str) -> list[Removal]:
    """What `clean_html` would remove from `fragment`, one entry per tag or attribute."""
    tags = _start_tags(fragment)
    if _same(tags, _start_tags(clean_html(fragment))):
        return []  # nothing removed: no need to ask tag by tag (linear in the fragment)
    out: list[Removal] = []
    for tag, attrs in tags:
        if tag not in TAGS:
            out.append(Removal(tag, None, "", False))
            continue
        if not attrs:
            continue
        written = "".join(f' {k}="{htmllib.escape(v)}"' for k, v in attrs)
        before, after = _CONTEXT.get(tag, ("", ""))
        probe = f"{before}<{tag}{written}>x</{tag}>{after}"
        kept = [a for t, a in _start_tags(clean_html(probe)) if t == tag]
        kept_attrs = dict(kept[0]) if kept else {}
        seen: set[str] = set()
        for k, v in attrs:
            if k in seen:
                continue  # a repeated attribute: the browser keeps the first
            seen.add(k)
            if k not in kept_attrs or _norm(kept_attrs[k]) != _norm(v):
                hook = k == "title" or (
                    k in ("id", "class")
                    and any(theme_hook(k, t) for t in (v.split() if k == "class" else [v]))
                )
                out.append(Removal(tag, k, v, (tag, k) in _LOADS and is_remote(v), hook))
    return out
