"""Issue 13, the attack corpus: script injection, loads from other hosts, leaks by side doors.

Each class of attack is one case: `check` must report it (code and line), and —
with `check` switched off, so the sanitiser stands alone — the built pages must run
nothing and fetch nothing from another host in Chromium, with `alert` and friends
hooked and a second local server standing in for "another host".
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from browser import open_chromium, serve_dir
from click.testing import CliRunner
from helpers import problems_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import SMALL, read, write_site

import generator.content.validate as validate_pkg
import generator.content.validate.reports as validate_reports
from generator.cli import main
from generator.cli.build import build_site
from generator.content.sanitize import ATTRIBUTES, TAGS, clean_html, is_remote

R = "reports/2012/a-b.md"
C = "content/"
REMOTE = "http://127.0.0.1:{port}"

# (id, narrative lines, expected code, line of the file where it is reported)
# The report's front matter takes lines 1-3, "# 标题" line 4, a blank line 5: cases start on 6.
ATTACKS: list[tuple[str, str, str, int]] = [
    ("script", "<script>alert('script')</script>", "E501", 6),
    ("details-ontoggle", "<details/open/ontoggle=alert('ontoggle')>x</details>", "E501", 6),
    ("colon-entity", "<a href=\"javascript&colon;alert('colon')\">a</a>", "E501", 6),
    ("decimal-entity", "<a href=\"&#106;avascript:alert('dec')\">b</a>", "E501", 6),
    ("tab-entity", "<a href=\"java&#x09;script:alert('tab')\">c</a>", "E501", 6),
    ("markdown-link", "[d](javascript:alert('mdlink'))", "E501", 6),
    ("attr-list", "段落\n{: onclick=\"alert('attrlist')\" }", "E501", 7),
    ("img-onerror", "<img src=x onerror=alert(1)>", "E501", 6),
    ("svg-onload", "<svg onload=alert(2)><circle r=1 /></svg>", "E501", 6),
    (
        "iframe-srcdoc",
        "<iframe srcdoc=\"<script>parent.alert('srcdoc')</script>\"></iframe>",
        "E501",
        6,
    ),
    ("data-url", '<a href="data:text/html,<script>alert(1)</script>">e</a>', "E501", 6),
    ("object", "<object data=\"javascript:alert('object')\"></object>", "E501", 6),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "E501", 6),
    (
        "form-action",
        "<form action=\"javascript:alert('form')\"><button>f</button></form>",
        "E501",
        6,
    ),
    ("math-xlink", "<math><a xlink:href=\"javascript:alert('math')\">m</a></math>", "E501", 6),
    ("style-import", "<style>@import url({remote}/import.css);</style>", "E501", 6),
    ("style-attr-url", '<p style="background:url({remote}/bg.png)">g</p>', "E501", 6),
    ("link-stylesheet", '<link rel="stylesheet" href="{remote}/link.css">', "E501", 6),
    ("base-href", '<base href="{remote}/">', "E501", 6),
    ("remote-img", '<img src="{remote}/img.png" alt="h">', "E502", 6),
    ("remote-md-img", "![i]({remote}/md.png)", "E502", 6),
    ("protocol-relative-img", '<img src="//127.0.0.1:{port}/rel.png">', "E502", 6),
    (
        "video-poster",
        '<video poster="{remote}/poster.png" src="{remote}/v.mp4"></video>',
        "E501",
        6,
    ),
]


def _fill(text: str, port: int = 9) -> str:
    return text.replace("{remote}", REMOTE.format(port=port)).replace("{port}", str(port))


def _report(body: str) -> str:
    return f"---\nauthor: a-school\n---\n# 标题\n\n{body}\n"


@pytest.mark.parametrize(
    ("snippet", "code", "line"), [a[1:] for a in ATTACKS], ids=[a[0] for a in ATTACKS]
)
def test_check_reports_each_attack_with_its_line(tmp_path, snippet, code, line):
    problems = problems_of(tmp_path, {R: _report(_fill(snippet))})
    assert problems, "check passed an attack"
    assert {p.code for p in problems} == {code}, [p.format() for p in problems]
    assert {(p.path, p.line) for p in problems} == {(C + R, line)}


def test_check_reports_attacks_in_free_pages_and_titles(tmp_path):
    files = {
        "pages/about.md": "# 关于<img/src/onerror=alert(1)>\n\n正文\n",
        "pages/intro.md": "---\ntitle: 介绍\n---\n\n<details/open/ontoggle=alert(1)>x</details>\n",
    }
    problems = problems_of(tmp_path, files)
    assert [(p.path, p.line, p.code) for p in problems] == [
        (C + "pages/about.md", 1, "E501"),
        (C + "pages/intro.md", 5, "E501"),
    ]


# ---------------------------------------------------------------- in Chromium

HOOK = """
window.__fired = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = function () { window.__fired.push(name + ':' + Array.from(arguments).join(',')); };
}
const realFetch = window.fetch;
window.__fetched = [];
window.fetch = function (u) { window.__fetched.push(String(u && u.url || u)); \
return realFetch.apply(this, arguments); };
"""


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        type(self).hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def other_host() -> Iterator[tuple[int, list[str]]]:
    """A server on another origin that records every request it receives."""
    hits: list[str] = []
    handler = type("Counter", (_Counter,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def without_check(monkeypatch):
    """The narrative check off: what reaches the page depends on the sanitiser alone."""

    def nothing(*args: object, **kwargs: object) -> None:
        return None

    monkeypatch.setattr(validate_pkg, "check_narrative", nothing)
    monkeypatch.setattr(validate_reports, "check_narrative", nothing)


def test_attacks_run_nothing_and_fetch_nothing_in_chromium(tmp_path, other_host, without_check):
    port, hits = other_host
    narrative = "\n\n".join(_fill(a[1], port) for a in ATTACKS)
    files = dict(SMALL)
    files["reports/2015/hosp-b.md"] = (
        "---\ntitle: 总结<img src=x onerror=alert('report-title')>\n"
        "figures:\n  lectures: 120余次\n---\n\n## 取得成效\n\n" + narrative + "\n"
    )
    files["pages/about.md"] = "# 关于<img/src/onerror=alert('h1-title')>\n\n" + narrative + "\n"
    files["pages/outro.md"] = "# 结尾</title><img src=x onerror=alert('breakout')>\n\n正文\n"
    files["pages/outro2.md"] = "# 结尾 </title/<img src=x onerror=alert('breakout2')\n\n正文\n"
    files["pages/intro.md"] = (
        "---\ntitle: 介绍<svg/onload=alert('fm-title')>\n---\n\n" + narrative + "\n"
    )
    cfg = write_site(tmp_path / "proj", files)
    site = build_site(str(cfg), str(tmp_path / "site"))

    report_html = read(site, "reports/2015/hosp-b/")
    assert "bl-narrative" in report_html
    for html in (report_html, read(site, "about/"), read(site, ""), read(site, "intro/")):
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", html.split('<div class="md-content"')[-1])
        assert "javascript:" not in html.lower()

    driver = open_chromium(tmp_path / "profile")
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        with serve_dir(site) as base:
            for url in ("", "about/", "intro/", "outro/", "outro2/", "reports/2015/hosp-b/"):
                driver.get(base + url)
                # (The site's own 打印 button prints by design: not an editor's script.)
                driver.execute_script(
                    "for (const el of document.querySelectorAll("
                    '\'article a:not([href]), article a[href^="#"], article p, article img,'
                    " article details, article summary, article button:not(.bl-print),"
                    " article [onclick]')) { try { el.click(); } catch (e) {} }"
                )
                driver.execute_script("return new Promise(r => setTimeout(r, 300))")
                fired = driver.execute_script("return window.__fired")
                assert fired == [], (url, fired)
                resources = driver.execute_script(
                    "return performance.getEntriesByType('resource').map(e => e.name)"
                    ".concat(window.__fetched)"
                )
                foreign = [r for r in resources if not r.startswith(base)]
                assert foreign == [], (url, foreign)
    finally:
        driver.quit()
    assert hits == []


# ---------------------------------------------------------------- the sanitiser alone

FRAGMENTS = st.sampled_from(
    ["<", ">", "/", "=", '"', "'", " ", "\t", "\n", "&#", "&colon;", "&#x09;", "x", "1", ";"]
    + ["a", "img", "svg", "details", "iframe", "script", "style", "math", "table", "td"]
    + ["href", "src", "on", "onerror", "onclick", "ontoggle", "style", "xlink:href", "srcdoc"]
    + ["javascript:", "java", "script:", "data:", "vbscript:", "http://evil/", "//evil/"]
    + ["alert(1)", "url(", "@import", "{: ", " }", "](", "![", "<!--", "-->", "<![CDATA["]
)


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, k, v or "") for k, v in attrs] or [(tag, "", "")]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_whatever_goes_in_only_the_allowlist_comes_out(fragment):
    parser = _Attrs()
    parser.feed(clean_html(fragment))
    allowed_generic = ATTRIBUTES["*"]
    for tag, attr, value in parser.found:
        assert tag in TAGS, tag
        if not attr:
            continue
        assert attr in allowed_generic | ATTRIBUTES.get(tag, set()), (tag, attr)
        squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
        if attr in ("href", "src", "cite"):
            assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), value
        if (tag, attr) == ("img", "src"):
            assert not is_remote(value), value
        if attr == "style":
            assert "url(" not in squeezed and "@import" not in squeezed, value


def test_cli_check_exits_1_on_an_attack(tmp_path, monkeypatch):
    cfg = write_site(
        tmp_path,
        {**SMALL, "pages/about.md": '# 关于\n\n<a href="&#106;avascript:alert(1)">x</a>\n'},
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    result = CliRunner().invoke(main, ["check", "-f", str(cfg)])
    assert result.exit_code == 1
    assert "content/pages/about.md:3:" in result.output and "error[E501]" in result.output


# ---------------------------------------------------------------- side doors


def test_attachments_follow_the_audience_of_the_pages_that_link_them(tmp_path):
    files = dict(SMALL)
    files["pages/about.md"] = "# 关于\n\n[公开文件](files/pub.pdf)\n"
    files["pages/secret.md"] = (
        "---\nvisibility: internal\n---\n# 内部\n\n[内部文件](files/int.pdf)\n"
    )
    files["pages/files/pub.pdf"] = b"%PDF-1.4 public"
    files["pages/files/int.pdf"] = b"%PDF-1.4 internal"
    files["pages/files/orphan.png"] = b"\x89PNG orphan"
    cfg = write_site(tmp_path / "proj", files)
    public = build_site(str(cfg), str(tmp_path / "public"), audience="public")
    assert (public / "files" / "pub.pdf").read_bytes() == b"%PDF-1.4 public"
    assert not (public / "files" / "int.pdf").exists()
    assert not (public / "files" / "orphan.png").exists()
    assert not (public / "secret").exists()
    internal = build_site(str(cfg), str(tmp_path / "internal"), audience="internal")
    assert (internal / "files" / "int.pdf").is_file() and (internal / "secret").is_dir()


@pytest.mark.parametrize(
    "link",
    ["[乙](../../../units/b-school/)", '<a href="/units/b-school/">乙</a>', "[s](../secret/)"],
)
def test_a_public_narrative_linking_an_internal_page_is_e309(tmp_path, link):
    files = {
        "units/b-school.yml": "name: 乙学校\nkind: school\nvisibility: internal\n",
        "pairings/a-b.yml": None,
        R: None,
        "pages/about.md": f"# 关于\n\n见{link}。\n",
        "pages/secret.md": "---\nvisibility: internal\n---\n# 内部\n",
    }
    problems = problems_of(tmp_path, files, audience="public")
    assert [(p.path, p.line, p.code) for p in problems] == [(C + "pages/about.md", 3, "E309")]


def test_backups_and_other_markdown_of_an_internal_page_are_refused_by_the_build(tmp_path):
    files = dict(SMALL)
    files["pages/secret.md"] = "---\nvisibility: internal\n---\n# 内部\n"
    files["pages/secret.md~"] = "# 内部备份\n"
    files["pages/secret.mkdn"] = "# 内部\n<script>alert(1)</script>\n"
    cfg = write_site(tmp_path / "proj", files)
    with pytest.raises(Exception) as info:
        build_site(str(cfg), str(tmp_path / "site"), audience="public")
    assert "E109" in str(info.value) and not (tmp_path / "site").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    files = dict(SMALL)
    files["units/uni-e.yml"] = 'name: "=HYPERLINK(\\"http://x\\",\\"点我\\")"\nkind: university\n'
    cfg = write_site(tmp_path / "proj", files)
    site = build_site(str(cfg), str(tmp_path / "site"))
    csv_text = (site / "data" / "units.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in csv_text
    assert not re.search(r"(^|,)\"?=", csv_text, re.M)


def test_the_sites_own_extra_css_is_published_but_not_the_plugins_stylesheet(tmp_path):
    """A stylesheet mkdocs.yml names is the site owner's; one shadowing the plugin's is not."""
    files = dict(SMALL)
    files["pages/extra.css"] = ".x { color: black; }\n"
    cfg = write_site(tmp_path / "proj", files)
    cfg.write_text(cfg.read_text(encoding="utf-8") + "extra_css: [extra.css]\n", encoding="utf-8")
    site = build_site(str(cfg), str(tmp_path / "site"))
    assert (site / "extra.css").is_file()
    files["pages/assets/stylesheets/bulletins.css"] = "body { display: none; }\n"
    cfg = write_site(tmp_path / "proj2", files)
    cfg.write_text(cfg.read_text(encoding="utf-8") + "extra_css: [extra.css]\n", encoding="utf-8")
    monkey = CliRunner().invoke(main, ["check", "-f", str(cfg)])
    assert monkey.exit_code == 1 and "bulletins.css:1:1: error[E109]" in monkey.output
