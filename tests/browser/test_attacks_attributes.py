"""Issue 21, attributes: no text an editor wrote becomes markup through the theme's scripts.

Material puts a `title` attribute (and the innerText of any truncated title in the
header, navigation and table of contents) into a tooltip's innerHTML when a reader
hovers, reads its configuration from the first `#__config`, and loads mermaid from
another host for any `pre.mermaid`. With `check` off (the sanitiser and the plugin
alone), every such vector is hovered, focused and clicked in Chromium with `alert` and
`fetch` hooked; `check` reports each at its line (E505, E506).
"""

from __future__ import annotations

import pytest
from browser import open_chromium, serve_dir
from helpers import problems_of
from sites import SMALL, write_site

import generator.content.validate as validate_pkg
import generator.content.validate.reports as validate_reports
from generator.cli.build import build_site

pytestmark = pytest.mark.slow

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

CONFIG = (
    '{"base": ".", "features": [], "translations": {"clipboard.copy": '
    '"<img src=x onerror=alert(\'config\')>"}, "search": "x"}'
)
LONG = "很长的标题文字" * 12

# (id, narrative line, code)
VECTORS = [
    ("span-title", "<span title='<img src=x onerror=alert(\"span\")>'>悬停</span>", "E505"),
    ("abbr-entity", '<abbr title="&lt;img src=x onerror=alert(&quot;abbr&quot;)&gt;">缩</abbr>',
     "E505"),
    ("attr-list-title", "段落甲\n{: title=\"<img src=x onerror=alert('attrlist')>\" }", "E505"),
    ("link-title", '[链接](https://example.org/ "&lt;img src=x onerror=alert(1)&gt;")', "E505"),
    ("config-id", f'<div id="__config">{CONFIG}</div>', "E506"),
    ("search-id", "段落乙\n{: #__search }", "E506"),
    ("mermaid", '<pre class="mermaid">graph TD; A-->B</pre>', "E506"),
    ("pagefind-id", '<p id="bl-search">x</p>', "E506"),
]  # fmt: skip


def _report(body: str) -> str:
    return f"---\nauthor: a-school\n---\n# 标题\n\n{body}\n"


@pytest.mark.parametrize(("snippet", "code"), [v[1:] for v in VECTORS], ids=[v[0] for v in VECTORS])
def test_check_reports_each_attribute_vector_with_its_line(tmp_path, snippet, code):
    problems = problems_of(tmp_path, {"reports/2012/a-b.md": _report(snippet)})
    ours = [(p.path, p.line) for p in problems if p.code == code]
    assert ours == [("content/reports/2012/a-b.md", 6 + snippet.count("\n"))], problems


@pytest.fixture
def without_check(monkeypatch):
    def nothing(*args: object, **kwargs: object) -> None:
        return None

    monkeypatch.setattr(validate_pkg, "check_narrative", nothing)
    monkeypatch.setattr(validate_reports, "check_narrative", nothing)


def _hover_everything(driver) -> int:
    """A real pointer over every element that has or may get a tooltip (dispatched events
    do not reach Material's tooltips), then every button clicked (the copy button)."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver import ActionChains

    hovered = 0
    for el in driver.find_elements("css selector", "[title], .md-ellipsis, abbr"):
        try:
            ActionChains(driver).move_to_element(el).pause(0.3).perform()
            hovered += 1
        except WebDriverException:
            continue  # not displayed at this width
    driver.execute_script(
        "for (const b of document.querySelectorAll('.md-clipboard, .bl-narrative button'))"
        " { try { b.click(); } catch (e) {} }"
    )
    return hovered


def test_hovering_titles_and_truncated_names_runs_nothing(tmp_path, without_check):
    # A clobbered config or a failed mermaid load stops Material's content scripts (and so
    # its tooltips) on that page: those two stand on pages of their own.
    apart = {"config-id", "mermaid"}
    narrative = "\n\n".join(v[1] for v in VECTORS if v[0] not in apart)
    heading = f"## {LONG}&lt;img src=x onerror=alert('toc')&gt;"
    files = dict(SMALL)
    # Variant: a unit's name (YAML, escaped everywhere) truncated in the header on a phone.
    files["units/town-b.yml"] = (
        f"name: \"{LONG}<img src=x onerror=alert('unit-name')>\"\n"
        "kind: health-centre\nregion: [云南省, 文山州, 文山县]\n"
    )
    files["reports/2015/hosp-b.md"] = (
        "---\nfigures:\n  lectures: 120余次\n---\n\n" + heading + "\n\n" + narrative + "\n"
    )
    files["pages/about.md"] = "# 关于\n\n" + heading + "\n\n" + narrative + "\n"
    for v in VECTORS:
        if v[0] in apart:
            files[f"pages/{v[0]}.md"] = f'# {v[0]}\n\n{v[1]}\n\n<abbr title="提示">缩</abbr>\n'
    cfg = write_site(tmp_path / "proj", files)
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("  font: false\n", "  font: false\n  features: [content.tooltips]\n")
    cfg.write_text(text, encoding="utf-8")
    site = build_site(str(cfg), str(tmp_path / "site"))
    built = (site / "mermaid" / "index.html").read_text(encoding="utf-8")
    assert "<pre>graph TD" in built and 'class="mermaid"' not in built

    for width in (1366, 390):
        driver = open_chromium(tmp_path / f"profile-{width}", width=width)
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
            with serve_dir(site) as base:
                pages = ["reports/2015/hosp-b/", "about/", "units/town-b/"]
                for url in pages + [f"{name}/" for name in sorted(apart)]:
                    driver.get(base + url)
                    driver.execute_script("return new Promise(r => setTimeout(r, 500))")
                    driver.execute_script("window.scrollTo(0, 400)")  # the header's title
                    driver.execute_script("return new Promise(r => setTimeout(r, 300))")
                    hovered = _hover_everything(driver)
                    assert hovered >= 3, (width, url, hovered)
                    driver.execute_script("return new Promise(r => setTimeout(r, 600))")
                    fired = driver.execute_script("return window.__fired")
                    assert fired == [], (width, url, fired)
                    state = driver.execute_script(
                        "return {tips: Array.from(document.querySelectorAll('.md-tooltip img,"
                        " .md-tooltip2 img')).length,"
                        " scripts: Array.from(document.scripts).map(s => s.src)"
                        ".filter(s => s && !s.startsWith(location.origin)),"
                        " config: document.querySelector('#__config').tagName,"
                        " loads: performance.getEntriesByType('resource').map(e => e.name)"
                        ".filter(u => !u.startsWith(location.origin)),"
                        " fetched: window.__fetched.filter(u => !String(u).startsWith"
                        "(location.origin) && /^https?:/.test(u))}"
                    )
                    assert state == {
                        "tips": 0,
                        "scripts": [],
                        "loads": [],
                        "config": "SCRIPT",
                        "fetched": [],
                    }
        finally:
            driver.quit()
