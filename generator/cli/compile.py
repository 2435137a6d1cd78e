"""`bulletins compile`: the yearly compilation (年度汇编) as a PDF, a thin command over
`generator.compile`.

It checks the content as `bulletins check` does (nothing is written when there are
errors), selects the audience's records (drafts never), and writes the PDF through a
temporary file beside it, so a failed run leaves no half-written file and never writes
through a link or into the content folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from generator.compile import NoCJKFont, TypesetFailed, compile_pairing, compile_year, masthead
from generator.content.audience import select_audience
from generator.content.model import AUDIENCES, Content
from generator.content.validate import load_content
from generator.plugin.settings import SettingsError, open_site, optional_config


def _fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _target(content: Content, year: int | None, pairing: str | None) -> str | None:
    """A message when the year or pairing names nothing this audience may compile."""
    if pairing is not None:
        if pairing not in content.pairings:
            return f"没有可汇编的结对 “{pairing}”（不存在，或不属于此受众）"
        if not any(r.pairing == pairing for r in content.reports):
            return f"结对 “{pairing}” 还没有已发布的年度总结，无可汇编"
        return None
    years = sorted({r.year for r in content.reports})
    if year not in years:
        have = "、".join(str(y) for y in years) or "无"
        return f"{year}年没有已发布的年度总结，无可汇编（有总结的年份：{have}）"
    return None


def _warn(message: str) -> None:
    click.echo(message, err=True)


def write_file(path: Path, data: bytes) -> None:
    """`data` at `path`, whole or not at all (a temporary file renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.command(name="compile")
@click.option("--year", type=int, help="汇编哪一年的年度总结，例如 2015")
@click.option("--pairing", help="汇编一个结对历年的总结（结对 id）")
@click.option("--audience", type=click.Choice(AUDIENCES), help="public（公开）或 internal（内网）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="PDF 文件路径")
@click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False)
)
@click.option("--content", type=click.Path(file_okay=False), help="内容目录（默认 content/）")
def compile_command(
    year: int | None,
    pairing: str | None,
    audience: str | None,
    output: str | None,
    config_file: str,
    content: str | None,
) -> None:
    """生成年度汇编 PDF：封面、目录、概况、全部年度总结（按领域）和合计附录。"""
    from generator.cli import _display, print_problems

    if (year is None) == (pairing is None):
        _fail("请用 --year 指定年份，或用 --pairing 指定结对（二者选一）", 2)
    try:
        given = optional_config(config_file)
        with open_site(given, audience=audience, content=content) as settings:
            pass
    except SettingsError as exc:
        _fail(str(exc), 2)
    if not settings.content_dir.is_dir():
        _fail(
            f"找不到内容目录 “{settings.content_dir}”：请在网站仓库根目录运行，或用 --content 指定",
            2,
        )
    out = Path(output or (f"compilation-{year}.pdf" if year else f"compilation-{pairing}.pdf"))
    refused = _refused(out, settings.content_dir, Path(config_file))
    if refused:
        _fail(refused, 2)
    loaded, problems = load_content(
        settings.content_dir,
        settings.audience,
        display_root=_display(settings.content_dir),
        wording=settings.wording,
    )
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print_problems(errors, stream=sys.stderr)
        _fail("内容有错误，未生成汇编（content has errors, nothing written）")
    selected = select_audience(loaded, settings.audience, drafts=False)
    missing = _target(selected, year, pairing)
    if missing:
        _fail(missing)
    head = masthead(
        selected,
        settings.site_name,
        settings.publisher,
        settings.audience,
    )
    try:
        if pairing is not None:
            pdf = compile_pairing(selected, pairing, head, warn=_warn)
        else:
            assert year is not None
            pdf = compile_year(selected, year, head, warn=_warn)
        write_file(out, pdf)
    except (NoCJKFont, TypesetFailed) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"无法写入 “{out}”：{exc.strerror or exc}")
    click.echo(f"已生成汇编：{out}（{len(pdf) // 1024} KB，受众 {settings.audience}）")


def _refused(out: Path, content_dir: Path, config_file: Path) -> str | None:
    """Why `out` may not be written: not a .pdf, a link, a folder, or inside the content."""
    if out.suffix.lower() != ".pdf":
        return f"输出文件应以 .pdf 结尾，而写的是 “{out}”"
    if out.is_symlink() or (out.exists() and not out.is_file()):
        return f"“{out}” 是链接或目录，不会写入"
    real = out.resolve()
    for protected in (content_dir.resolve(), config_file.resolve()):
        if real == protected or protected in real.parents:
            return f"输出文件 “{out}” 不能放在内容目录或配置文件处"
    return None
