"""`bulletins export DIR`: the generated site as plain Markdown with front matter, for any engine.

A thin command over `generator.site.export`: reads mkdocs.yml (site name, address,
description, theme, navigation, the plugin's options), checks the content as
`bulletins check` does, and writes nothing when it has errors. DIR gets `docs/` and
an `mkdocs.yml` that MkDocs, ProperDocs and Zensical build (`--layout hugo`: the
pages alone, as Hugo's content folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.cli.output import OutputRefused, check_site_dir, protected_paths
from generator.content.model import AUDIENCES
from generator.plugin.settings import Settings, SettingsError, open_site, optional_config
from generator.site.export import EXPORT_MARKER, LAYOUTS, SiteInfo, export_site


def site_info(settings: Settings) -> SiteInfo:
    """What the export needs from the site's settings."""
    return SiteInfo(
        name=settings.site_name,
        url=settings.site_url,
        description=settings.site_description,
        licence=settings.licence,
        publisher=settings.publisher,
        theme_dirs=list(settings.theme_dirs),
        config=settings.written,
        docs_dir=settings.docs_dir,
        headlines=settings.headlines,
    )


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    help=(
        "public 或 internal；不写时与 bulletins build 相同：取环境变量 "
        "BULLETINS_AUDIENCE，再取 mkdocs.yml 中插件的 audience，都没有时为 public"
    ),
)
@click.option("--drafts", is_flag=True, help="包括草稿（默认不包括）")
@click.option(
    "--layout",
    type=click.Choice(LAYOUTS),
    default="mkdocs",
    show_default=True,
    help="hugo：栏目首页命名为 _index.md",
)
@click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False)
)
@click.option("--content", type=click.Path(file_okay=False), help="内容目录（默认 content/）")
def export(
    directory: str,
    audience: str | None,
    drafts: bool,
    layout: str,
    config_file: str,
    content: str | None,
) -> None:
    """把生成的全部页面导出为带 YAML 头的 Markdown（DIRECTORY 会先清空），供其他引擎生成网站。

    默认布局：页面在 DIRECTORY/docs/，旁边写 mkdocs.yml（中文导航、主题语言、本站样式），
    在 DIRECTORY 中运行 mkdocs build、properdocs build 或 zensical build 即可生成网站。
    """
    from generator.cli import print_problems

    try:
        given = optional_config(config_file)
        with open_site(given, audience=audience, content=content) as settings:
            site = site_info(settings)
    except SettingsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if not settings.content_dir.is_dir():
        click.echo(
            f"找不到内容目录 “{settings.content_dir}”：请在网站仓库根目录运行，或用 --content 指定",
            err=True,
        )
        sys.exit(2)
    out = Path(directory)
    sources = [settings.content_dir, *site.theme_dirs]
    try:  # the folder is emptied first: the same guard as `bulletins build -d`
        protected = protected_paths(Path(config_file), settings.content_dir, site.theme_dirs)
        check_site_dir(out, protected, sources, markers=(EXPORT_MARKER, "index.md", "_index.md"))
    except OutputRefused as exc:
        click.echo(f"导出目录 “{out}” 不能是网站根目录或内容目录（它会被清空）：{exc}", err=True)
        sys.exit(2)
    shown = os.path.relpath(settings.content_dir).replace(os.sep, "/")
    result = export_site(
        settings.content_dir,
        out,
        site,
        audience=settings.audience,
        drafts=drafts or bool(settings.options.drafts),
        layout=layout,
        display_root=shown,
    )
    if result.problems:
        print_problems(result.problems, stream=sys.stderr)
    if result.failed:
        click.echo("内容有错误，未导出（content has errors, nothing exported）", err=True)
        sys.exit(1)
    pages = sum(f.endswith(".md") for f in result.files)
    shown_audience = "公开版（public）" if settings.audience == "public" else "内部版（internal）"
    click.echo(
        f"已导出{shown_audience} {pages} 个页面、{len(result.files) - pages} 个其他文件到 {out}"
    )
