"""Material's frame rendered once per key and reused (plugin/frame.py): whole sites built with
the memo and without it (every page rendered in full) are the same files, byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from generator.cli.build import build_site
from generator.plugin import frame
from generator.plugin.frame import Frame
from generator.plugin.theme import material_dir

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sites import build_example  # noqa: E402

from bench import corpus  # noqa: E402
from bench.site_config import bulletins_yml  # noqa: E402

FREE_PAGES = {
    "hidden.md": "# 隐藏侧栏\n\n## 第一节\n\n正文。\n",
    "no-footer.md": "# 无页脚\n\n## 第一节\n\n### 小节\n\n正文。\n",
    "plain.md": "# 普通页面\n\n## 第一节\n\n正文。\n",
}

# Free pages may not say `hide:` (the content's own rule), but Material reads it outside the
# memoised partials (the sidebars' `hidden`) and inside (the footer): a hook sets it.
HIDE_HOOK = """
HIDE = {"hidden.md": ["navigation", "toc"], "no-footer.md": ["footer"]}


def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri in HIDE:
        page.meta["hide"] = HIDE[page.file.src_uri]
    return markdown
"""


class _Counted(Frame):
    last: Frame | None = None

    def install(self, env: jinja2.Environment, material: Path) -> jinja2.Environment:
        _Counted.last = self
        return super().install(env, material)


def _both(monkeypatch: pytest.MonkeyPatch, build: object) -> tuple[Path, Path, Frame]:
    """The same site built with the memo (`on`) and every page in full (`off`)."""
    monkeypatch.setattr("generator.plugin.plugin.Frame", _Counted)
    monkeypatch.setattr(frame, "ENABLED", True)
    on = build("on")  # type: ignore[operator]
    memo = _Counted.last
    monkeypatch.setattr(frame, "ENABLED", False)
    off = build("off")  # type: ignore[operator]
    assert memo is not None
    return on, off, memo


def _same_files(on: Path, off: Path) -> list[str]:
    names = sorted(str(p.relative_to(on)) for p in on.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(off)) for p in off.rglob("*") if p.is_file())
    different = [n for n in names if (on / n).read_bytes() != (off / n).read_bytes()]
    assert different == []
    return names


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_the_example_site_is_the_same_with_the_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    on, off, memo = _both(
        monkeypatch,
        lambda kind: build_example(tmp_path / kind / "site", audience, search="pagefind"),
    )
    names = _same_files(on, off)
    for page in ("index.html", "404.html", "search/index.html", "about/index.html"):
        assert page in names
    assert any(n.count("/") >= 3 and n.startswith("reports/") for n in names)  # deep pages
    assert memo.hits > 10 * memo.misses  # the memo did the work: not a vacuous comparison


@pytest.mark.slow
def test_a_corpus_site_is_the_same_with_the_memo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated corpus with free pages hiding the sidebars or the footer, and Material's
    tabs and footer navigation on (previous and next page in every nav page's footer)."""
    content = tmp_path / "content"
    corpus.generate(content, reports=40, seed=3)
    for name, text in FREE_PAGES.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")

    def build(kind: str) -> Path:
        (tmp_path / kind).mkdir()
        yml = bulletins_yml(tmp_path / kind / "mkdocs.yml", content, search="pagefind")
        config = yaml.safe_load(yml.read_text(encoding="utf-8"))
        config["theme"]["features"] += ["navigation.footer", "navigation.tabs"]
        config["extra"] = {"homepage": "pairings/"}
        (tmp_path / kind / "hide.py").write_text(HIDE_HOOK, encoding="utf-8")
        config["hooks"] = [str(tmp_path / kind / "hide.py")]
        yml.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return build_site(str(yml), str(tmp_path / kind / "site"))

    on, off, memo = _both(monkeypatch, build)
    names = _same_files(on, off)
    for page in ("hidden/index.html", "no-footer/index.html", "plain/index.html"):
        assert page in names
    hidden = (on / "hidden" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-type="navigation" hidden' in hidden
    assert 'class="md-footer__inner md-grid" aria-label="页脚" hidden' in (
        on / "no-footer" / "index.html"
    ).read_text(encoding="utf-8")
    assert 'class="md-footer__link' in (on / "plain" / "index.html").read_text(encoding="utf-8")
    assert memo.hits > 10 * memo.misses


def test_a_sites_own_partial_is_rendered_on_every_page(tmp_path: Path) -> None:
    """An override in the site's custom_dir may read anything: never memoised."""
    own = tmp_path / "overrides"
    (own / "partials").mkdir(parents=True)
    (own / "partials" / "logo.html").write_text("{{ page.title }}", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(own), str(material_dir())]))
    env.filters.update(url=lambda v: v, script_tag=lambda v: v)
    Frame().install(env, material_dir())
    assert env.loader is not None
    assert env.loader.get_source(env, "partials/logo.html")[0] == "{{ page.title }}"
    assert "bl_frame" in env.loader.get_source(env, "partials/palette.html")[0]


def test_a_region_is_reused_only_where_its_links_read_the_same(tmp_path: Path) -> None:
    """Same key, other page: reused when each link comes out the same, rendered again when
    one does not."""
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "logo.html").write_text("<a href='{{ 'a/' | url }}'>{{ n }}</a>")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(tmp_path)]))

    @jinja2.pass_context
    def url(context: object, value: str) -> str:
        return "../" * context["depth"] + value  # type: ignore[index]

    env.filters.update(url=url, script_tag=url)
    memo = Frame()
    memo.install(env, tmp_path)  # trusted as Material's own folder
    page = env.from_string('{% include "partials/logo.html" %}')
    seen = [page.render(depth=d, n=n, base_url=".", page=None) for d, n in [(1, 1), (1, 2), (2, 3)]]
    # `n` is not in the (constant) key: the second page shows the first's rendering
    assert seen == ["<a href='../a/'>1</a>", "<a href='../a/'>1</a>", "<a href='../../a/'>3</a>"]
    assert (memo.hits, memo.misses) == (1, 2)
