"""The preview shows what is wrong: a banner on every page and a page of problems.

When a rebuild under `serve` fails (an editor renamed a figure to an unknown id), the
preview keeps serving the last good site (`preview.py`), and this module tells the
editor why in the browser rather than only in the terminal:

- every HTML page served gets a banner at the top naming the first problems, in
  Chinese, with a link to the list (`with_banner`);
- `<site>/_problems/` lists every problem as `path:line:col`, its message and its
  fix from the guide (`problems_page`). It exists only in the server, never in a build.

Both are added as the response leaves the server (`ProblemsApp` wraps MkDocs' WSGI
application), so no file of the site is touched and the banner goes the moment a
rebuild succeeds. The pages reload themselves as MkDocs' live reload announces a new
build. This module must not import MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from generator.content.problems import CODES, Problem

__all__ = ["PROBLEMS_PATH", "ProblemsApp", "problems_page", "with_banner"]

PROBLEMS_PATH = "_problems/"
"""The problems page, below the site's mount path (`/_problems/`)."""
_SHOWN = 3
"""Problems named in the banner itself; the page lists them all."""

_BOX = (
    "margin:0;padding:12px 16px;background:#fff4e5;color:#1f1f1f;border-bottom:3px solid #c2410c;"
    "font:15px/1.6 system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;"
    "position:relative;z-index:10;overflow-wrap:anywhere"
)
_CODE = "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;background:#fde7cf;padding:0 3px"


def _where(p: Problem) -> str:
    return f"{p.path}:{p.line}:{p.col}"


def _errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def banner(problems: Sequence[Problem], failure: str | None, link: str) -> str:
    """The banner's HTML: how many errors, the first few, a link to the list."""
    errors = _errors(problems)
    if errors:
        head = f"内容有 {len(errors)} 个错误，本次没有生成网站"
    else:
        head = "生成网站时出错"
    items = [
        f'<li><code style="{_CODE}">{html.escape(_where(p))}</code> {html.escape(p.message)}</li>'
        for p in errors[:_SHOWN]
    ]
    if not errors and failure:
        items.append(f"<li>{html.escape(failure)}</li>")
    more = f"（另有 {len(errors) - _SHOWN} 个）" if len(errors) > _SHOWN else ""
    return (
        f'<div id="bl-problems-banner" role="alert" style="{_BOX}">'
        f"<strong>{head}</strong>：预览仍显示上次成功生成的网站，改正后自动刷新。"
        f'<ul style="margin:6px 0;padding-left:1.2em">{"".join(items)}</ul>'
        f'<a href="{html.escape(link)}" style="color:#9a3412;font-weight:600">'
        f"查看全部问题和改正方法{more} →</a></div>"
    )


def with_banner(page: bytes, problems: Sequence[Problem], failure: str | None, link: str) -> bytes:
    """`page` with the banner as the first thing in its body."""
    text = page.decode("utf-8", "replace")
    start = text.find("<body")
    end = text.find(">", start) + 1 if start != -1 else 0
    return (text[:end] + banner(problems, failure, link) + text[end:]).encode("utf-8")


def problems_page(problems: Sequence[Problem], failure: str | None, home: str) -> bytes:
    """The list of every problem (errors first), with each code's fix from the guide."""
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p))
    errors = len(_errors(problems))
    warnings = len(problems) - errors
    if errors or failure:
        summary = f"{errors} 个错误、{warnings} 个警告：预览仍显示上次成功生成的网站。"
    elif warnings:
        summary = f"没有错误，{warnings} 个警告（网站已生成）。"
    else:
        summary = "没有发现问题，网站已按最新内容生成。"
    rows = []
    for p in ordered:
        code = CODES.get(p.code)
        kind = "错误" if p.severity == "error" else "警告"
        fix = f'<p class="fix">改正：{html.escape(code.fix)}</p>' if code else ""
        title = f"（{html.escape(code.title)}）" if code else ""
        rows.append(
            f'<li class="{p.severity}"><code>{html.escape(_where(p))}</code>'
            f'<span class="tag">{kind} {html.escape(p.code)}{title}</span>'
            f"<p>{html.escape(p.message)}</p>{fix}</li>"
        )
    if failure:
        rows.append(
            f'<li class="error"><span class="tag">生成失败</span><p>{html.escape(failure)}</p></li>'
        )
    body = "".join(rows)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>内容问题 · 本地预览</title>
<style>
body{{margin:0 auto;max-width:60rem;padding:16px;color:#1f1f1f;
font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}}
h1{{font-size:1.4rem}} ol{{padding-left:1.4em}} li{{margin:0 0 14px;overflow-wrap:anywhere}}
code{{font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;background:#f1f1f1;padding:1px 4px}}
.tag{{margin-left:8px;font-size:.85rem;padding:1px 6px;border-radius:3px;background:#e5e7eb}}
li.error .tag{{background:#fde7cf;color:#9a3412}} p{{margin:4px 0}} .fix{{color:#374151}}
</style></head><body>
<h1>内容问题</h1>
<p>{summary}本页随文件的修改自动更新。<a href="{html.escape(home)}">返回网站首页</a></p>
<ol>{body}</ol>
</body></html>
""".encode()


class ProblemsApp:
    """MkDocs' WSGI application, with the banner and the problems page added.

    `state()` gives the current problems and failure (read on every request, so a
    rebuild's outcome shows at once); `reload(page)` adds MkDocs' live-reload script.
    """

    def __init__(
        self,
        inner: Callable[..., Iterable[bytes]],
        mount_path: str,
        state: Callable[[], tuple[Sequence[Problem], str | None]],
        reload: Callable[[bytes], bytes],
    ) -> None:
        self.inner = inner
        self.mount = mount_path if mount_path.endswith("/") else mount_path + "/"
        self.state = state
        self.reload = reload

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        problems, failure = self.state()
        if path.rstrip("/") == (self.mount + PROBLEMS_PATH).rstrip("/"):
            page = self.reload(problems_page(problems, failure, self.mount))
            start_response(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(page))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [page]
        if not _errors(problems) and not failure:
            return self.inner(environ, start_response)
        held: dict[str, Any] = {}

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            held.update(status=status, headers=headers)
            return lambda data: None

        result = self.inner(environ, hold)
        headers = held.get("headers", [])
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(held["status"], headers)
            return result
        try:
            page = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        page = with_banner(page, problems, failure, self.mount + PROBLEMS_PATH)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(held["status"], [*headers, ("Content-Length", str(len(page)))])
        return [page]
