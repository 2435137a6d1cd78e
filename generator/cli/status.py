"""`bulletins status`: who has reported for a year, who has a draft, who has not.

Exit 0 only when every pairing active that year has a finished report (usable in CI),
1 otherwise (or when the content has errors), 2 on a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.content.bookkeeping import STATES, Entry, default_year, year_status
from generator.content.validate import load_content
from generator.plugin.settings import SettingsError, open_site


def _line(e: Entry) -> str:
    head = f"  {e.label}  {e.pairing.id}  {e.pairing.title}"
    if e.state == "reported":
        when = f"，发布于 {e.published}" if e.published else "，未写发布日期（published）"
        return f"{head}\n      {e.path}{when}"
    if e.state == "draft":
        return f"{head}\n      {e.path}（status: draft：定稿后删去这一行）"
    return (
        f"{head}\n      应有文件 {e.path}"
        f"（可运行 bulletins new report --pairing {e.pairing.id} --year {e.year}）"
    )


def _as_dict(e: Entry) -> dict[str, object]:
    return {
        "pairing": e.pairing.id,
        "title": e.pairing.title,
        "year": e.year,
        "state": e.state,
        "path": e.path,
        "published": str(e.published) if e.published else None,
    }


@click.command()
@click.option("--year", type=int, help="年度，如 2016；默认为已有总结的最近一年")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式：text（中文列表）或 json",
)
@click.option("-f", "--config-file", type=click.Path(dir_okay=False), help="mkdocs.yml 的路径")
@click.option("--content", type=click.Path(file_okay=False), help="内容目录（默认 content/）")
def status(year: int | None, fmt: str, config_file: str | None, content: str | None) -> None:
    """某年度各结对的报送情况（已报送、草稿、未报送）：全部报送时退出码为 0，否则为 1。"""
    from generator.cli import _display

    if config_file and not Path(config_file).is_file():
        click.echo(f"找不到配置文件 “{config_file}”", err=True)
        sys.exit(2)
    try:
        with open_site(config_file, content=content) as settings:
            pass
    except SettingsError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if not settings.content_dir.is_dir():
        click.echo(
            f"找不到内容目录 “{settings.content_dir}”：请在网站仓库根目录运行，或用 --content 指定",
            err=True,
        )
        sys.exit(2)
    loaded, problems = load_content(
        settings.content_dir, display_root=_display(settings.content_dir)
    )
    errors = sum(p.severity == "error" for p in problems)
    year = year if year is not None else default_year(loaded)
    if year is None:
        click.echo("还没有任何年度总结：请用 --year 指定年度，如 --year 2016", err=True)
        sys.exit(2)
    entries = year_status(loaded, year)
    counts = {s: sum(e.state == s for e in entries) for s in STATES}
    if fmt == "json":
        click.echo(json.dumps([_as_dict(e) for e in entries], ensure_ascii=False, indent=1))
    else:
        summary = "，".join(f"{STATES[s]} {n}" for s, n in counts.items())
        click.echo(f"{year} 年度报送情况：{summary}（在期限内的结对共 {len(entries)} 个）")
        for state in STATES:
            for e in entries:
                if e.state == state:
                    click.echo(_line(e))
        if errors:
            click.echo(
                f"注意：内容有 {errors} 个错误（运行 bulletins check 查看）；"
                "有错误的总结或结对不在上表中"
            )
        elif entries and counts["reported"] == len(entries):
            click.echo("全部结对均已报送。")
    sys.exit(0 if counts["reported"] == len(entries) and not errors else 1)
