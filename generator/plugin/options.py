"""The plugin's options in mkdocs.yml (`plugins: - bulletins: …`), typed, with their defaults:
the only place a default is set. `settings.py` reads them into `Settings`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.content.model import AUDIENCES, DEFAULT_WORDING
from generator.search.engine import SEARCH_MODES
from generator.search.pagefind import SHARD_PAGES

DEFAULT_CONTENT_DIR = "content"


class HeadlineKinds(c.Type):  # type: ignore[type-arg]
    """`headlines`: kind → the indicator categories (or ids) it covers, in order; a kind with
    no list matches the categories, else the indicator names, containing its own name."""

    def __init__(self) -> None:
        super().__init__(dict, default={"资金": [], "人员": [], "培训": [], "物资": []})

    def run_validation(self, value: object) -> dict[str, list[str]]:
        checked = super().run_validation(value)
        out: dict[str, list[str]] = {}
        for kind, names in checked.items():
            names = [] if names is None else [names] if isinstance(names, str) else names
            if (
                not isinstance(kind, str)
                or not kind.strip()
                or not isinstance(names, list)
                or not all(isinstance(n, str) and n.strip() for n in names)
            ):
                raise base.ValidationError(
                    "headlines 应为 “标题: [指标类别或指标 id …]” 的映射，如 "
                    f"{{资金: [资金投入], 人员: [人员派驻]}}；而 “{kind}” 写的是 {names!r}"
                )
            out[kind.strip()] = [n.strip() for n in names]
        if not out:
            raise base.ValidationError("headlines 至少要有一项，如 {资金: [资金投入]}")
        return out


class Workers(c.BaseConfigOption[str | int]):
    """`workers`: `auto` or a number of processes (1 or more)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = "auto"

    def run_validation(self, value: object) -> str | int:
        if value == "auto":
            return "auto"
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        raise base.ValidationError(
            f"workers 应为 auto 或不小于 1 的整数（生成页面所用的进程数），而写的是 {value!r}"
        )


class BulletinsConfig(base.Config):
    """The plugin's options in mkdocs.yml, with their defaults (the only place they are set)."""

    audience = c.Choice(AUDIENCES, default="public")
    """Who the build is for: `public` leaves out internal records and contacts. Overridden by
    BULLETINS_AUDIENCE and the command line's --audience."""
    content_dir = c.Type(str, default=DEFAULT_CONTENT_DIR)
    """The content folder, relative to mkdocs.yml."""
    wording = c.Type(str, default=DEFAULT_WORDING)
    """The programme's word in default titles: 对口支援, 对口帮扶, 东西部协作 … (set by init)."""
    drafts = c.Optional(c.Type(bool))
    """Show drafts (bannered). Default: only under `serve`."""
    licence = c.Type(str, default="CC-BY-4.0")
    """Licence of the open data (an SPDX id), written into datapackage.json."""
    publisher = c.Type(str, default="")
    """Who publishes the data, written into datapackage.json and the feed."""
    search = c.Choice(SEARCH_MODES, default="auto")
    """`auto`: the site's own search page (`local`, one small index, works offline) while the
    index fits a first visit, else Pagefind. `local`, `pagefind` (chunked index, served sites
    only; offline builds use `local`) or `lunr` (Material's own) force one (search/engine.py)."""
    pagefind_shard_pages = c.Type(int, default=SHARD_PAGES)
    """`search: pagefind`: about this many pages per index shard (see search/pagefind.py)."""
    headlines = HeadlineKinds()
    """The headline kinds that lead the home page and each year's sentence, in order: kind →
    indicator categories or ids (`资金: [资金投入]`); default 资金, 人员, 培训, 物资, each
    matching the categories, else the indicator names, that contain it (site/headlines.py)."""
    workers = Workers()
    """Processes that render pages: `auto` (up to 2, as the machine has cores) or a number;
    1 renders in the build's own process (plugin/workers.py: where it cannot split, it
    does not)."""
    compilation = c.Type(bool, default=False)
    """Build each year's compilation (年度汇编 PDF) with the site and offer it on the year page.
    Off by default for its cost (docs/plugin-options.md); never under `serve`."""


def default_options() -> BulletinsConfig:
    """The options of a site whose mkdocs.yml sets none (or that has no mkdocs.yml)."""
    options = BulletinsConfig()
    options.load_dict({})
    options.validate()
    return options
