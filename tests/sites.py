"""Build whole sites for tests: the example content, or a small tree written into tmp_path.

`build_example(out, audience)` builds the repository's example site;
`write_site(root, files)` writes a mkdocs.yml and a content tree (paths relative to
content/) so `build_site(root / "mkdocs.yml", ...)` can build it. Test-only code.
"""

from __future__ import annotations

from pathlib import Path

from generator.cli.build import build_site

REPO = Path(__file__).resolve().parent.parent


def corpus_yml(options: dict[str, object], *, description: str = "") -> str:
    """mkdocs.yml of a test site (a benchmark corpus, usually): Material in Chinese, its search
    and the bulletins plugin with `options`; `description` as site_description."""
    head = "site_name: 测试站点\n" + (f"site_description: {description}\n" if description else "")
    bulletins = "".join(f"      {k}: {v}\n" for k, v in options.items())
    return (
        head + "site_url: https://example.org/test/\ndocs_dir: content/pages\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\n  - bulletins:\n" + bulletins
    )


MKDOCS_YML = """\
site_name: 测试站点
site_url: https://example.org/test/
docs_dir: content/pages
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
  - bulletins:
      audience: {audience}
  - offline:
      enabled: !ENV [BULLETINS_OFFLINE, false]
"""

SMALL: dict[str, str | bytes] = {
    "indicators.yml": (
        "lectures: {name: 专题讲座, unit: 次, category: 人才培养}\n"
        "road-hardened: {name: 道路硬化, unit: 米, category: 基础设施}\n"
        "equipment-value: {name: 设备价值, unit: 元, category: 设施设备}\n"
        "phd-enrolled: {name: 攻读博士, unit: 人, category: 人才培养}\n"
    ),
    "units/city-hospital.yml": "name: 市第一人民医院\nkind: hospital\nregion: [云南省, 昆明市]\n",
    "units/town-a.yml": (
        "name: 甲镇中心卫生院\nkind: health-centre\nregion: [云南省, 昆明市, 宜良县]\n"
    ),
    "units/town-b.yml": "name: 乙乡卫生院\nkind: health-centre\nregion: [云南省, 文山州, 文山县]\n",
    "units/uni-e.yml": "name: 华东师范大学\nkind: university\nregion: [上海市]\n",
    "units/uni-x.yml": (
        "name: 新疆师范大学\nkind: university\nregion: [新疆维吾尔自治区, 乌鲁木齐市]\n"
    ),
    "pairings/hosp-a.yml": (
        "supporters: [city-hospital]\nrecipients: [town-a]\nsector: health\nsince: 2014\n"
    ),
    "pairings/hosp-b.yml": (
        "supporters: [city-hospital]\nrecipients: [town-b]\nsector: health\nsince: 2014\n"
    ),
    "pairings/uni.yml": (
        "supporters: [uni-e]\nrecipients: [uni-x]\nsector: higher-education\nsince: 2012\n"
    ),
    "reports/2015/hosp-a.md": (
        "---\nauthor: city-hospital\npublished: 2016-01-10\nfigures:\n  lectures: 80余次\n  "
        "road-hardened: 3.98公里\n"
        "  equipment-value: 70余万元\nproblems: [人手紧张]\nplans: [加强考核]\n---\n\n## "
        "主要做法\n\n开展胃镜技术培训。\n"
    ),
    "reports/2015/hosp-b.md": (
        "---\nfigures:\n  lectures: 120余次\n  road-hardened: 20米\n  equipment-value: "
        "2万余元\n---\n\n"
        "## 取得成效\n\n乙乡种植核桃。\n"
    ),
    "reports/2015/uni.md": (
        "---\nfigures:\n  lectures: 近100\n  phd-enrolled: 累计26人\n---\n\n"
        "华东师范大学支援新疆师范大学。\n"
    ),
    "reports/2016/uni.md": "---\nfigures:\n  phd-enrolled: 4人\n---\n\n第五年。\n",
    "pages/about.md": "# 关于\n\n测试站点。\n",
}


def write_site(
    root: Path, files: dict[str, str | bytes], audience: str = "public", search: str | None = None
) -> Path:
    """Write mkdocs.yml and content/ under root; returns the mkdocs.yml path. `search` sets the
    plugin's `search` option (default: `auto`)."""
    root.mkdir(parents=True, exist_ok=True)
    text = MKDOCS_YML.format(audience=audience)
    if search is not None:
        line = f"      audience: {audience}\n"
        text = text.replace(line, line + f"      search: {search}\n", 1)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "content" / "pages").mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root / "mkdocs.yml"


def build_example(
    out: Path, audience: str = "public", offline: bool = False, search: str | None = None
) -> Path:
    """The example site; `search` sets the plugin's `search` option (default: mkdocs.yml's)."""
    config = REPO / "mkdocs.yml"
    if search is not None:
        # A copy of mkdocs.yml beside the output, its relative paths made absolute.
        text = config.read_text(encoding="utf-8")
        text = text.replace("docs_dir: content/pages", f"docs_dir: {REPO / 'content' / 'pages'}")
        text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
        text = text.replace("content_dir: content", f"content_dir: {REPO / 'content'}")
        text = text.replace("  - bulletins:\n", f"  - bulletins:\n      search: {search}\n", 1)
        config = out.parent / f"mkdocs-{search}.yml"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(text, encoding="utf-8")
    return build_site(str(config), str(out), audience=audience, offline=offline)


def read(site: Path, url: str) -> str:
    """The HTML of a site URL such as `reports/2015/x/`."""
    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    return path.read_text(encoding="utf-8")
