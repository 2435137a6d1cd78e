"""The 404 page, made to work wherever the site is served.

A web server shows ``404.html`` at any missing address, at any depth (``/x/y/z``), so the
page cannot use addresses relative to itself; the theme writes them from ``site_url``
(``/bulletins/assets/…``), which breaks as soon as the site is served anywhere else (a
publisher's intranet folder, ``python -m http.server`` in ``site/``). :func:`portable`
rewrites the page's addresses relative to the site's root and puts a ``<base>`` before
any of them: the configured path when the address lies under it, otherwise the nearest
folder of the address that holds ``404.html`` (the site's root, found with a few
``HEAD`` requests). Material's scripts read the same root.

This module must not import MkDocs; it works on the HTML text the theme produced.
"""

from __future__ import annotations

import json
import re

__all__ = ["portable"]

_FIND_ROOT = """<script>(function () {
  var conf = %s, path = location.pathname, root = conf;
  if (location.protocol !== "file:" && path.indexOf(conf) !== 0) {
    root = "/";
    var dirs = path.split("/").slice(0, -1);
    for (var i = dirs.length; i > 0; i--) {
      var dir = dirs.slice(0, i).join("/") + "/";
      try {
        var x = new XMLHttpRequest();
        x.open("HEAD", dir + "404.html", false);
        x.send();
        if (x.status === 200) { root = dir; break; }
      } catch (e) {}
    }
  }
  window.__blRoot = root;
  document.write('<base href="' + encodeURI(root).replace(/"/g, "%%22") + '">');
})();</script>"""

_FIX_CONFIG = (
    '<script>(function () { var c = document.getElementById("__config"), j = JSON.parse('
    "c.textContent); j.base = window.__blRoot || j.base; c.textContent = JSON.stringify(j); "
    "})();</script>"
)

_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
_CONFIG = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)


def portable(html: str, base_path: str) -> str:
    """``html`` (the built 404 page) with its site addresses relative to the root and the
    ``<base>`` chosen when the page is shown. ``base_path`` is ``site_url``'s path (``/`` when
    there is none); addresses under it lose it, other ones are left alone."""
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    # Only this site's absolute paths: not `//host/…`, not other origins.
    pattern = re.compile(r'(\s(?:href|src|action)=")' + re.escape(base) + r'(?!/)([^"]*)"')
    html = pattern.sub(lambda m: f'{m[1]}{m[2] or "."}"', html)
    html = html.replace(f'"base": "{base}"', '"base": "."', 1)
    # Before the first address, after the charset (which must come in the first 1024 bytes).
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is not None:
        html = html[: anchor.end()] + _FIND_ROOT % json.dumps(base) + html[anchor.end() :]
    return _CONFIG.sub(lambda m: m[1] + _FIX_CONFIG, html, count=1)
