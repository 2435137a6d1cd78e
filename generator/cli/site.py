"""`bulletins build` and `bulletins serve`: thin commands over `cli/build.py` (`build`)."""

from __future__ import annotations

import sys

import click

from generator.cli.build import BuildFailed, check_address, load_site, serve_site
from generator.cli.build import build as build_site
from generator.cli.report import BuildReport
from generator.content.model import AUDIENCES
from generator.site import buildcache


@click.command()
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    help="public（公开）或 internal（内网）；默认取 mkdocs.yml",
)
@click.option("--offline", is_flag=True, help="离线版：可直接用 file:// 打开浏览和搜索，不需要网络")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="输出目录（默认 site/）")
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False), help="另外打包成一个 zip 文件")
@click.option("--strict", is_flag=True, help="有警告也算失败（正文与数据不一致、链接失效等）")
@click.option(
    "--clean", is_flag=True, help="不沿用上次生成的结果，全部重新生成（先删除 .bulletins-cache/）"
)
@click.option("-q", "--quiet", is_flag=True, help="只显示警告、错误和一行结果，不显示进度和小结")
@click.option("-v", "--verbose", count=True, help="另外显示 MkDocs 自己的信息（-vv 更详细）")
@click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False)
)
def build(
    audience: str | None,
    offline: bool,
    site_dir: str | None,
    zip_path: str | None,
    strict: bool,
    clean: bool,
    quiet: bool,
    verbose: int,
    config_file: str,
) -> None:
    """检查内容并生成网站；失败时保留原来的网站不动。"""
    stream = sys.stderr
    with BuildReport(stream, verbosity=-1 if quiet else min(verbose, 2)) as report:
        try:
            with load_site(config_file, audience, offline, strict) as settings:
                report.for_settings(settings)
                if clean:
                    buildcache.clear(settings.root)
                out = build_site(settings, site_dir, zip_path)
        except BuildFailed as exc:
            report.finish()
            click.echo(
                f"生成失败，原有网站保持不变（build failed, previous site kept）：\n{exc}", err=True
            )
            sys.exit(1)
    lines = report.summary(out)
    for line in lines[:1] if quiet else lines:
        click.echo(line)
    if zip_path and not quiet:
        click.echo(f"  离线包：{zip_path}")


@click.command()
@click.option("-a", "--dev-addr", default=None, help="地址:端口（默认 127.0.0.1:8000）")
@click.option("--audience", type=click.Choice(AUDIENCES), help="预览哪一种受众的网站")
@click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False)
)
def serve(dev_addr: str | None, audience: str | None, config_file: str) -> None:
    """本地预览：修改 content/ 中的任何文件都会自动重新生成；草稿带“草稿”标记显示。"""
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        check_address(dev_addr)
    except BuildFailed as exc:
        click.echo(f"预览启动失败：{exc}", err=True)
        sys.exit(2)
    try:
        serve_site(config_file, dev_addr, audience)
    except (BuildFailed, Abort, MkDocsException) as exc:
        why = str(exc)
        if isinstance(exc, Abort) and "BuildError" in why:
            # The first build failed (its problems are printed above): there is no good site yet.
            why = (
                "内容有错误（见上方各行），还没有可以预览的网站：改正后重新运行 bulletins serve。"
                "预览运行之后再出现的错误不会中断预览，而是在每页顶部列出"
            )
        click.echo(f"预览启动失败：{why}", err=True)
        sys.exit(1)
    except (OSError, OverflowError) as exc:  # a busy port, no permission to bind
        click.echo(f"预览启动失败：无法在 {dev_addr or '127.0.0.1:8000'} 上启动（{exc}）", err=True)
        sys.exit(1)
