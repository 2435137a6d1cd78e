"""`bulletins export DIR` writes the engine's configuration beside the pages: `DIR/mkdocs.yml`
that MkDocs, ProperDocs and Zensical build into the site's sections, in Chinese, with the
site's stylesheet (docs/frozen-stack.md)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.site.export_engine import engine_config, local_files
from generator.site.pages.sitemap import SECTIONS

REPO = Path(__file__).resolve().parents[2]
NAV = [{"首页": "index.md"}, {"单位": "units/index.md"}]
FOOTER = {"publisher": "办公室", "updated": "2016年"}


def test_the_generated_navigation_is_used_with_chinese_titles() -> None:
    cfg = engine_config({"site_name": "站", "theme": {"name": "material"}}, NAV, FOOTER)
    assert cfg["nav"] == NAV
    assert cfg["theme"]["language"] == "zh" and cfg["theme"]["custom_dir"] == "overrides"
    assert cfg["docs_dir"] == "docs" and cfg["extra"]["bulletins"] == FOOTER
    # the extensions the exported pages need are there even when the site named none
    assert cfg["markdown_extensions"] == ["tables", "attr_list", "md_in_html"]
    assert cfg["plugins"] == ["search"]


def test_the_sites_own_settings_carry_over() -> None:
    site = {
        "site_name": "站",
        "nav": [{"关于": "about.md"}],
        "theme": {"name": "readthedocs", "language": "en", "palette": {"primary": "red"}},
        "extra_css": ["css/own.css", "assets/stylesheets/bulletins.css", "https://cdn.x/y.css"],
        "extra_javascript": [{"path": "js/own.js", "defer": True}],
        "markdown_extensions": ["admonition", {"toc": {"permalink": True}}, "tables"],
        "plugins": [{"search": {"lang": "zh", "separator": "[\\s]+"}}, {"bulletins": {}}],
        "extra": {"analytics": {"provider": "x"}},
    }
    cfg = engine_config(site, NAV, FOOTER)
    assert cfg["nav"] == [{"关于": "about.md"}]  # the site's own nav, as written
    assert cfg["theme"]["name"] == "material"  # the pages use Material's classes
    assert cfg["theme"]["language"] == "en" and cfg["theme"]["palette"] == {"primary": "red"}
    # the package's stylesheet first (the site's rules win on equal specificity), no repeats
    assert cfg["extra_css"] == [
        "assets/stylesheets/bulletins.css",
        "css/own.css",
        "https://cdn.x/y.css",
    ]
    assert cfg["extra_javascript"] == ["assets/javascripts/portal.js", "js/own.js"]
    assert cfg["markdown_extensions"] == [
        "admonition",
        {"toc": {"permalink": True}},
        "tables",
        "attr_list",
        "md_in_html",
    ]
    # Zensical rejects search options other than `enabled` and `separator`
    assert cfg["plugins"] == [{"search": {"separator": "[\\s]+"}}]
    assert cfg["extra"] == {"analytics": {"provider": "x"}, "bulletins": FOOTER}
    assert local_files(site) == ["css/own.css", "js/own.js"]


@pytest.mark.slow
def test_the_export_writes_the_config_and_copies_the_sites_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    (site / "content" / "pages" / "css").mkdir()
    (site / "content" / "pages" / "css" / "own.css").write_text(".x{}", encoding="utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV ", ""))
    config["theme"].pop("custom_dir")
    config["plugins"] = [p for p in config["plugins"] if "offline" not in p]
    config["extra_css"] = ["css/own.css"]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(out), "-f", str(site / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert written["extra_css"] == ["assets/stylesheets/bulletins.css", "css/own.css"]
    assert (out / "docs/css/own.css").read_text(encoding="utf-8") == ".x{}"
    for rel in ("docs/assets/stylesheets/portal.css", "overrides/partials/copyright.html"):
        assert (out / rel).is_file(), rel
    assert [next(iter(e)) for e in written["nav"][: len(SECTIONS)]] == [t for t, _ in SECTIONS]


def _engines() -> list[str]:
    """MkDocs always; ProperDocs and Zensical where installed, and always under CI=true
    (.ci/run installs them), where a missing one fails rather than goes unchecked."""
    ci = os.environ.get("CI") == "true"
    return ["mkdocs"] + [e for e in ("properdocs", "zensical") if ci or _tool(e)]


def _tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


@pytest.fixture(scope="module")
def example_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("engines") / "export"
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(main, ["export", str(out)])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return out


def _nav_labels(html: str) -> list[str]:
    links = re.finditer(r'class="md-nav__link[^"]*"[^>]*>(.*?)</(?:a|label|span)>', html, re.S)
    return [re.sub(r"<[^>]+>|\s+", "", m.group(1)) for m in links]


@pytest.mark.slow
@pytest.mark.parametrize("engine", _engines())
def test_each_engine_builds_the_export_in_chinese_with_the_sites_style(
    engine: str, example_export: Path, tmp_path: Path
) -> None:
    tool = _tool(engine)
    assert tool, f"{engine} is not installed (.ci/run installs it)"
    folder = tmp_path / "export"
    shutil.copytree(example_export, folder)
    cmd = [tool, "build", "--strict"]
    if engine != "zensical":  # Zensical writes to site/ and has no -d
        cmd += ["-q", "-d", str(folder / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    site = folder / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    labels = _nav_labels(home)
    for title, _ in SECTIONS:
        assert title in labels, (title, labels)
    assert not {"Pairings", "Units", "Years", "Regions", "Indicators", "Data"} & set(labels)
    assert '<html lang="zh-CN"' in home
    region = (site / "regions/index.html").read_text(encoding="utf-8")
    assert re.search(r'<link[^>]+href="[./]*assets/stylesheets/bulletins\.css"', region)
    assert re.search(r'<script[^>]+src="[./]*assets/javascripts/portal\.js"', region)
    assert (site / "assets/stylesheets/portal.css").is_file()
    assert "发布单位：对口支援工作办公室（示例）" in home  # the footer's partial
    report = (site / "reports/2009/nanhui-wenshan/index.html").read_text(encoding="utf-8")
    assert 'class="bl-narrative"' in report
