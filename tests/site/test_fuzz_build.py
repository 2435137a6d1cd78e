"""Issue 5: hypothesis-generated content trees never make the build raise — a site or problems."""

from __future__ import annotations

import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import SMALL, write_site

from generator.cli.build import BuildFailed, build_site

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=1), min_size=0, max_size=30
)
scalar = st.one_of(
    text, st.integers(-5, 10**12), st.floats(allow_nan=True), st.booleans(), st.none()
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=6,
)


def _yaml_line(key: str, v: object) -> str:
    import yaml

    return yaml.safe_dump({key: v}, allow_unicode=True, default_flow_style=True)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=value,
    region=value,
    figure=value,
    programme=value,
    body=st.text(max_size=200),
    raw=st.binary(max_size=60),
)
def test_random_trees_build_or_report(
    name: object, region: object, figure: object, programme: object, body: str, raw: bytes
) -> None:
    files = dict(SMALL)
    files["units/town-b.yml"] = (
        "kind: health-centre\n" + _yaml_line("name", name) + _yaml_line("region", region)
    )
    files["pairings/hosp-b.yml"] = (
        "supporters: [city-hospital]\nrecipients: [town-b]\nsector: health\nsince: 2014\n"
        + _yaml_line("programme", programme)
    )
    files["reports/2015/hosp-b.md"] = (
        "---\nfigures:\n" + "  " + _yaml_line("lectures", figure) + "---\n" + body
    )
    files["units/raw.yml"] = raw
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        cfg = write_site(root, files)
        try:
            site = build_site(str(cfg), str(root / "site"))
        except BuildFailed as exc:
            assert "error[" in str(exc) or "错误" in str(exc)
            assert "内部错误" not in str(exc), str(exc)
            assert not (root / "site").exists()
        else:
            assert (site / "index.html").is_file()


def test_zip_for_offline_laptops(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL)
    build_site(str(cfg), str(tmp_path / "site"), offline=True, zip_path=str(tmp_path / "site.zip"))
    with zipfile.ZipFile(tmp_path / "site.zip") as zf:
        names = zf.namelist()
    assert "site/index.html" in names and "site/search/search_index.js" in names
    assert names == sorted(names)


class _Attrs(HTMLParser):
    """Every attribute of every tag in a page (name, value)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(k, v or "") for k, v in attrs]


MARKUP = st.lists(
    st.sampled_from(
        ["<", ">", "img", " src=", "x", " onerror=", "alert(1)", "javascript:", "&#106;", "{: "]
        + ["}", "\n", "# ", "- ", "[a](", ")", "![", "http://h/", "<details/open/ontoggle=", "关于"]
        + ["<svg/onload=", "<style>", "files/a.pdf", '"', "'", "=", " ", "\x1b"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=MARKUP, body=MARKUP, attachment=st.sampled_from(["a.pdf", "a.svg", "a.md~", "a.png"]))
def test_random_free_pages_titles_and_attachments_build_or_report(
    title: str, body: str, attachment: str
) -> None:
    """Issue 13: whatever a free page's title, body or attachment, the build gives a site
    whose pages carry no event attribute or script URL from it, or problems — never a crash."""
    files = dict(SMALL)
    files["pages/about.md"] = "---\n" + _yaml_line("title", title) + "---\n\n" + body + "\n"
    files[f"pages/files/{attachment}"] = b"%PDF <script>alert(1)</script>"
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        cfg = write_site(root, files)
        try:
            site = build_site(str(cfg), str(root / "site"))
        except BuildFailed as exc:
            assert "error[" in str(exc) and "内部错误" not in str(exc), str(exc)
            return
        page = (site / "about" / "index.html").read_text(encoding="utf-8")
        parser = _Attrs()
        parser.feed(page)
        assert [a for a in parser.found if a[0].startswith("on")] == []
        assert [a for a in parser.found if "javascript:" in a[1].replace(" ", "").lower()] == []
        assert not (site / "files" / "a.svg").exists()
