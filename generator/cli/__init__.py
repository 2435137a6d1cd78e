"""The `bulletins` command: a thin shell over the pipeline.

Bad content is reported as problem lines and an exit code, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.compat import version_warnings
from generator.content.model import AUDIENCES
from generator.content.problems import Problem
from generator.content.validate import load_content
from generator.plugin.settings import SettingsError, open_site

AUDIENCE = click.Choice(AUDIENCES)


def print_problems(problems: list[Problem], fmt: str = "text", stream=None) -> None:
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump([p.as_dict() for p in problems], stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    for p in problems:
        stream.write(p.format() + "\n")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if problems:
        stream.write(
            f"共 {errors} 个错误，{warnings} 个警告（{errors} error(s), {warnings} warning(s)）\n"
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    package_name="assistance-bulletins",
    prog_name="bulletins",
    message="%(prog)s %(version)s",
    help="显示版本号并退出",
)
def main() -> None:
    """年度工作总结网站生成器：对口支援、对口帮扶、东西部协作等 (assistance bulletins)."""


@main.command()
@click.option(
    "--audience",
    type=AUDIENCE,
    help="public 或 internal；默认取 mkdocs.yml 或环境变量 BULLETINS_AUDIENCE",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--strict", is_flag=True, help="警告也算错误")
@click.option("-f", "--config-file", type=click.Path(dir_okay=False), help="mkdocs.yml 的路径")
@click.option("--content", type=click.Path(file_okay=False), help="内容目录（默认 content/）")
def check(
    audience: str | None, fmt: str, strict: bool, config_file: str | None, content: str | None
) -> None:
    """检查 content/ 中的全部文件：0 无问题，1 有问题，2 用法错误。"""
    if config_file and not Path(config_file).is_file():
        click.echo(f"找不到配置文件 “{config_file}”", err=True)
        sys.exit(2)
    try:
        with open_site(config_file, audience=audience, content=content) as settings:
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
    for line in version_warnings():
        click.echo(f"warning: {line}", err=True)
    _, problems = load_content(
        settings.content_dir,
        settings.audience,
        display_root=_display(settings.content_dir),
        site_files=settings.site_files,
        wording=settings.wording,
        cache_dir=settings.content_cache,  # the build's: same problems, each file parsed once
    )
    print_problems(problems, fmt)
    failing = [p for p in problems if strict or p.severity == "error"]
    if not problems and fmt == "text":
        click.echo(f"检查通过：{settings.content_dir} 没有发现问题（受众 {settings.audience}）")
    sys.exit(1 if failing else 0)


def _display(path) -> str:
    import os

    rel = os.path.relpath(path)
    return rel.replace(os.sep, "/") if not rel.startswith("..") else str(path)


from generator.cli import site as cli_site  # noqa: E402  (commands live beside their concern)

main.add_command(cli_site.build)
main.add_command(cli_site.serve)

from generator.cli import status as cli_status  # noqa: E402

main.add_command(cli_status.status)

from generator.cli import export as cli_export  # noqa: E402

main.add_command(cli_export.export)

from generator.cli import compile as cli_compile  # noqa: E402
from generator.cli import editor as cli_editor  # noqa: E402

main.add_command(cli_compile.compile_command)

for _command in cli_editor.COMMANDS:
    main.add_command(_command)

if __name__ == "__main__":
    main()
