"""Editors' commands: `init`, `new unit|pairing|report`, `schema`, `import`, `guide`.

Thin shells over scaffold_init, scaffold_new, editor_schema, import_docx and
guide. Bad input is a Chinese message and an exit code (1: refused, e.g. the
file exists or a reference is unknown; 2: usage), never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.editor.init import PROGRAMMES, InitError, init_site
from generator.editor.new import ScaffoldError, new_pairing, new_unit, split_list
from generator.editor.new_report import new_report
from generator.plugin.settings import Settings, SettingsError, open_site

F = TypeVar("F", bound=Callable[..., Any])

_CONTENT = click.option(
    "--content",
    type=click.Path(file_okay=False),
    help="内容目录（默认取 mkdocs.yml，通常是 content/）",
)
_CONFIG = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False), help="mkdocs.yml 的路径"
)


def _refusals(func: F) -> F:
    """Turn a refusal into its message on stderr and its exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ScaffoldError, InitError) as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(getattr(exc, "code", 2))
        except SettingsError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        except OSError as exc:  # a read-only folder, a full disk: a message, not a traceback
            where = f"“{exc.filename}”" if exc.filename else ""
            click.echo(f"错误：无法读写文件{where}：{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _settings(config_file: str | None, content: str | None) -> Settings:
    with open_site(config_file, content=content) as settings:
        return settings


def _content_dir(config_file: str | None, content: str | None) -> Path:
    return _settings(config_file, content).content_dir


def _required(value: str | None, option: str, example: str) -> str:
    if value is None or not value.strip():
        raise ScaffoldError(f"缺少 {option}，例如：{example}", 2)
    return value.strip()


def _ask_programme() -> str:
    """The programme's wording, asked on a terminal; the default elsewhere (scripts, CI)."""
    if not sys.stdin.isatty():
        return PROGRAMMES[0]
    choices = "  ".join(f"{i}. {w}" for i, w in enumerate(PROGRAMMES, 1))
    click.echo(f"本网站的工作名称（用于网站名称和结对标题）：{choices}")
    answer = click.prompt("请输入序号或直接写名称", default="1").strip()
    if answer.isdigit() and 1 <= int(answer) <= len(PROGRAMMES):
        return PROGRAMMES[int(answer) - 1]
    return answer or PROGRAMMES[0]


@click.command()
@click.argument("directory", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--site-name", help="网站名称；默认“<工作名称>工作总结”，如 对口帮扶工作总结")
@click.option(
    "--programme",
    help=f"工作名称，用于网站名称和结对标题：{'、'.join(PROGRAMMES)} 或其他；不写时询问",
)
@_refusals
def init(directory: str, site_name: str | None, programme: str | None) -> None:
    """在新文件夹 DIRECTORY 中创建网站：mkdocs.yml、content/、指标目录、编辑器提示与提交前检查。"""
    target = Path(directory)
    if programme is None:
        programme = _ask_programme()
    written = init_site(target, site_name, programme=programme)
    click.echo(f"已在 {target} 中创建网站（{len(written)} 个文件）。接下来：")
    click.echo(f"  cd {target}")
    click.echo(
        "  bulletins new unit 新疆师范大学 --kind university --region 新疆维吾尔自治区,乌鲁木齐市"
    )
    click.echo("  bulletins check")


@click.group()
def new() -> None:
    """按参数生成单位、结对或年度总结文件（从不覆盖已有文件）。"""


@new.command("unit")
@click.argument("name", required=False)
@click.option(
    "--kind",
    help="单位类型：school、university、hospital、health-centre、government、enterprise、village、county、other",
)
@click.option("--region", help="行政区划，省级在前，逗号分隔：云南省,文山州,文山县")
@click.option("--short-name", help="简称，如 新疆师大")
@click.option("--id", "rid", help="编号（文件名）；默认按拼音建议")
@_CONTENT
@_CONFIG
@_refusals
def new_unit_cmd(
    name: str | None,
    kind: str | None,
    region: str | None,
    short_name: str | None,
    rid: str | None,
    content: str | None,
    config_file: str | None,
) -> None:
    """新建单位：bulletins new unit 新疆师范大学 --kind university --region 新疆维吾尔自治区,乌鲁木齐市"""  # noqa: E501
    name = _required(name, "单位全称 NAME", "bulletins new unit 新疆师范大学 --kind university")
    kind = _required(kind, "--kind（单位类型）", f"bulletins new unit {name} --kind university")
    path = new_unit(
        _content_dir(config_file, content), name, kind, split_list(region), rid, short_name
    )
    click.echo(f"已创建单位 {path.stem}：{path}")


@new.command("indicator")
@click.argument("iid", metavar="ID", required=False)
@click.option("--name", help="指标中文名，如 培训人次")
@click.option("--unit", help="计量单位，合计按此换算，如 人次、元、米、台")
@click.option("--category", help="分类（成效页按此分组），如 人才培养")
@click.option(
    "--aggregate",
    type=click.Choice(["sum", "max", "none"]),
    help="合计方式：sum 求和（默认）、max 取最大、none 不合计",
)
@_CONTENT
@_CONFIG
@_refusals
def new_indicator_cmd(
    iid: str | None,
    name: str | None,
    unit: str | None,
    category: str | None,
    aggregate: str | None,
    content: str | None,
    config_file: str | None,
) -> None:
    """新增成效指标：bulletins new indicator trainees --name 培训人次 --unit 人次 --category 人才培养"""  # noqa: E501
    from generator.editor.new_indicator import new_indicator

    name = _required(
        name, "--name（指标中文名）", "bulletins new indicator trainees --name 培训人次 --unit 人次"
    )
    unit = _required(
        unit,
        "--unit（计量单位）",
        f"bulletins new indicator {iid or 'ID'} --name {name} --unit 人次",
    )
    path, rid = new_indicator(
        _content_dir(config_file, content), iid, name, unit, category, aggregate
    )
    click.echo(f"已在 {path} 中添加指标 {rid}（{name}，单位 {unit}）；年度总结中写 “{rid}: …”")


@new.command("pairing")
@click.option("--supporters", help="支援方单位编号，多个用逗号分隔")
@click.option("--recipients", help="受援方单位编号，多个用逗号分隔")
@click.option(
    "--sector",
    help="领域：education、higher-education、health、poverty-alleviation、industry、culture、other",
)
@click.option("--since", help="开始时间：YYYY、YYYY-MM 或 YYYY-MM-DD")
@click.option("--until", help="结束时间（可选）")
@click.option(
    "--title",
    help="标题（可选）；默认“支援方+工作名称+受援方”，工作名称即 mkdocs.yml 的 wording",
)
@click.option("--id", "rid", help="编号（文件名）；默认由双方编号组成")
@_CONTENT
@_CONFIG
@_refusals
def new_pairing_cmd(
    supporters: str | None,
    recipients: str | None,
    sector: str | None,
    since: str | None,
    until: str | None,
    title: str | None,
    rid: str | None,
    content: str | None,
    config_file: str | None,
) -> None:
    """新建结对：bulletins new pairing --supporters a --recipients b --sector health --since 2015"""
    example = "bulletins new pairing --supporters a --recipients b --sector health --since 2015"
    sup = split_list(_required(supporters, "--supporters（支援方）", example))
    rec = split_list(_required(recipients, "--recipients（受援方）", example))
    sector = _required(sector, "--sector（领域）", example)
    since = _required(since, "--since（开始时间）", example)
    settings = _settings(config_file, content)
    path = new_pairing(
        settings.content_dir, sup, rec, sector, since, until, rid, title, wording=settings.wording
    )
    click.echo(f"已创建结对 {path.stem}：{path}")


@new.command("report")
@click.option("--pairing", help="结对编号")
@click.option("--year", help="年度，如 2015")
@_CONTENT
@_CONFIG
@_refusals
def new_report_cmd(
    pairing: str | None, year: str | None, content: str | None, config_file: str | None
) -> None:
    """新建年度总结草稿：bulletins new report --pairing a-b --year 2015"""
    example = "bulletins new report --pairing a-b --year 2015"
    pairing = _required(pairing, "--pairing（结对编号）", example)
    settings = _settings(config_file, content)
    path = new_report(
        settings.content_dir,
        pairing,
        _year(_required(year, "--year（年度）", example)),
        wording=settings.wording,
    )
    click.echo(f"已创建年度总结草稿：{path}")


def _year(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise ScaffoldError(f"年份 --year 应为四位数年份，如 2015，而写的是 “{text}”", 2)
    return int(text)


@click.command()
@click.option(
    "--out", type=click.Path(file_okay=False), help="输出目录（默认网站根目录下的 schemas/）"
)
@_CONTENT
@_CONFIG
@_refusals
def schema(out: str | None, content: str | None, config_file: str | None) -> None:
    """生成编辑器用的 JSON Schema（单位、结对、指标目录、年度总结 YAML 头、领域）。"""
    from generator.content.validate import load_content
    from generator.editor.schema import build_schemas, write_schemas

    settings = _settings(config_file, content)
    sectors: dict[str, str] = {}
    indicators: dict[str, str] = {}
    if settings.content_dir.is_dir():
        loaded, _ = load_content(settings.content_dir)
        sectors = dict(loaded.sectors)
        indicators = {k: f"{v.name}（{v.unit.text}）" for k, v in loaded.indicators.items()}
    target = Path(out) if out else settings.root / "schemas"
    for path in write_schemas(target, build_schemas(sectors, indicators, settings.wording)):
        click.echo(f"已写入 {path}")


@click.command("import")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--pairing", help="结对编号；不写时按标题中的支援方、受援方确定")
@click.option("--year", help="年度，如 2015；不写时取标题中的年份")
@click.option("--replace", is_flag=True, help="台账中的数字与总结中已有的不同时，替换已有数字")
@_CONTENT
@_CONFIG
@_refusals
def import_cmd(
    paths: tuple[str, ...],
    pairing: str | None,
    year: str | None,
    replace: bool,
    content: str | None,
    config_file: str | None,
) -> None:
    """导入 Word 总结（成为年度总结草稿）或台账（数字写入各年度总结）。

    \b
    Word（.docx、.doc，或整个文件夹）：每个文件成为一篇草稿，正文中的成效数据作为注释
    写入 YAML 头供核对；不写 --pairing、--year 时按标题中的年份和结对双方确定。
    台账（.xlsx、.csv，列：结对、年度、指标、数字、说明）：每行一个数字，写入对应的年度总结。
    """
    from generator.editor.batch import import_word_files
    from generator.editor.ledger import LEDGERS

    ledgers = [p for p in paths if Path(p).suffix.lower() in LEDGERS and not Path(p).is_dir()]
    needs = False
    for ledger in ledgers:
        needs = _ledger(Path(ledger), _content_dir(config_file, content), replace) or needs
    words = tuple(p for p in paths if p not in ledgers)
    if not paths:
        raise ScaffoldError(
            "缺少要导入的文件，例如：bulletins import 总结.docx、bulletins import 总结/ "
            "或 bulletins import 台账.xlsx",
            2,
        )
    if words:
        year_n = _year(year) if year is not None else None
        outcomes = import_word_files(
            [Path(p) for p in words], _content_dir(config_file, content), pairing, year_n
        )
        needs = _words(outcomes, single=len(words) == 1 and not Path(words[0]).is_dir()) or needs
        if not outcomes:
            raise ScaffoldError(f"{'、'.join(words)} 中没有 Word 文件（.docx、.doc）", 1)
    if needs:
        sys.exit(1)


def _words(outcomes: list[Any], single: bool) -> bool:
    """Say what the Word import did; True when a file was not imported."""
    if single and len(outcomes) == 1:
        (one,) = outcomes
        if one.report is None:
            raise ScaffoldError(one.reason or "", one.code)
        _report_one(one.report, one.found)
        return False
    done = [o for o in outcomes if o.report is not None]
    if done:
        click.echo(f"已导入 {len(done)} 个文件（均为草稿，请逐一核对）：")
        for o in done:
            sure = sum(1 for f in o.found if f.indicator)
            click.echo(f"  {o.source} → {o.report}（{len(o.found)} 个数字，{sure} 个对应到指标）")
    failed = [o for o in outcomes if o.report is None]
    if failed:
        click.echo(f"未导入 {len(failed)} 个文件：", err=True)
        for o in failed:
            click.echo(f"  {o.source}：{o.reason}", err=True)
    return bool(failed)


def _ledger(path: Path, content_dir: Path, replace: bool) -> bool:
    """Import one spreadsheet and say what happened; True when something needs the editor."""
    from generator.editor.ledger import import_ledger

    r = import_ledger(path, content_dir, replace)
    created = f"，其中新建草稿 {len(r.created)} 篇" if r.created else ""
    click.echo(
        f"台账 {path.name}：写入 {len(r.written)} 个数字{created}；"
        f"{r.unchanged} 个与总结中已有的相同"
    )
    for line in r.written:
        click.echo(f"  {line}")
    if r.kept:
        click.echo(f"与已有数字不同、未替换的 {len(r.kept)} 个：", err=True)
        for line in r.kept:
            click.echo(f"  {line}", err=True)
    if r.errors:
        click.echo(f"有问题、未写入的 {len(r.errors)} 行：", err=True)
        for line in r.errors:
            click.echo(f"  {line}", err=True)
    return bool(r.kept or r.errors)


def _report_one(path: Path, found: list[Any]) -> None:
    click.echo(f"已导入为草稿：{path}")
    sure = [f for f in found if f.indicator]
    unsure = [f for f in found if not f.indicator and f.candidates]
    other = len(found) - len(sure) - len(unsure)
    if not found:
        click.echo("正文中没有找到带单位的数字。")
        return
    click.echo(
        f"在正文中找到 {len(found)} 个数字：{len(sure)} 个对应到指标，{len(unsure)} 个不确定，"
        f"{other} 个没有对应指标（均已作为注释写入 YAML 头，请核对）："
    )
    for f in sure:
        click.echo(f"  {f.indicator}: {f.written}  ← {f.context}")
    for f in unsure:
        click.echo(f"  ？ {f.written}（{' 或 '.join(f.candidates)}）  ← {f.context}")


@click.command()
@click.option("--out", type=click.Path(dir_okay=False), help="写入文件（默认输出到屏幕）")
def guide(out: str | None) -> None:
    """输出编辑指南（Markdown）。"""
    from generator.site.guide import render_guide_markdown

    text = render_guide_markdown()
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"已写入 {out}")
    else:
        click.echo(text, nl=False)


COMMANDS = (init, new, schema, import_cmd, guide)
