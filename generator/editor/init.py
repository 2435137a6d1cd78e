"""`bulletins init DIR`: a new site repository, ready to check and build.

Writes `mkdocs.yml` with the plugin (the example site's shape, with the same
Chinese search separator, `content/model.py` SEARCH_SEPARATOR, the one the plugin writes
into the index, so the two cannot drift, and
the offline plugin that `bulletins build --offline` switches on), an empty
`content/` tree with a starter indicator catalogue, the editors' JSON Schemas
wired for VS Code, a `.gitignore` and a pre-commit hook running `bulletins check`.
It refuses a folder that is not empty, so it can never overwrite anyone's work.
This module must not import MkDocs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.content.model import DEFAULT_WORDING, PROGRAMMES, SEARCH_SEPARATOR
from generator.editor.schema import build_schemas, vscode_settings, write_schemas

__all__ = ["PROGRAMMES", "InitError", "STARTER_INDICATORS", "init_site"]

"""The programme's wording offered at init; any other text is accepted too."""


class InitError(Exception):
    """The folder cannot be initialised; the message is Chinese, shown to the editor."""


MKDOCS_YML = """\
# 网站配置。改 site_name 等即可；受众（audience）：public 公开版，internal 内网版。
# 也可在构建时指定：bulletins build --audience internal
site_name: {site_name}
site_description: {programme}年度工作总结与成效数据
# site_url: https://example.org/bulletins/
docs_dir: content/pages
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
  features:
    - navigation.sections
    - navigation.top
    - search.highlight
    - search.suggest
    - content.tooltips
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: red
      accent: deep orange
      toggle: {{icon: material/brightness-7, name: 切换到深色模式}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: red
      accent: deep orange
      toggle: {{icon: material/brightness-4, name: 切换到浅色模式}}
plugins:
  - search:
      lang: zh
      # 中文搜索：数字、字母与汉字之间也切分（70万元 → 70、万元）；请勿修改。
      separator: '{separator}'
  - bulletins:
      audience: public
      content_dir: content
      # 工作名称：结对未写 title 时，标题为“支援方{programme}受援方”
      wording: {programme}
      licence: CC-BY-4.0
      publisher: {site_name}
  # bulletins build --offline 时启用：生成可直接用 file:// 打开浏览和搜索的离线版。
  - offline:
      enabled: !ENV [BULLETINS_OFFLINE, false]
markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: true
"""

STARTER_INDICATORS = """\
# 成效指标目录：每个指标一个编号（小写字母、数字、连字符）。
# 年度总结的 figures 中用这些编号填写数字，如 `lectures: 80余次`。
# unit 是合计时换算到的单位：报告中写“70余万元”“3.98公里”会自动换算。
# “人”与“人次”是不同的量，不能相加，请分成两个指标。
# 可自由增删；删去已被总结引用的指标时，bulletins check 会指出引用处。

# ── 人员派驻与交流 ──────────────────────────────
staff-dispatched:
  name: 派驻（支教）人员
  unit: 人
  category: 人员派驻
cadres-sent:
  name: 派出挂职干部
  unit: 人
  category: 人员派驻
visiting-lecturers:
  name: 专家来访讲学
  unit: 人次
  category: 人员派驻

# ── 人才培养 ──────────────────────────────────────
trainees:
  name: 培训
  unit: 人次
  category: 人才培养
training-sessions:
  name: 举办培训班
  unit: 期
  category: 人才培养
lectures:
  name: 专题讲座
  unit: 次
  category: 人才培养
refresher-trainees:
  name: 接收进修人员
  unit: 人
  category: 人才培养
phd-enrolled:
  name: 攻读博士学位
  unit: 人
  category: 人才培养
masters-enrolled:
  name: 攻读硕士学位
  unit: 人
  category: 人才培养

# ── 医疗服务 ──────────────────────────────────────
ward-rounds:
  name: 带教查房
  unit: 次
  category: 医疗服务
surgery-demonstrations:
  name: 手术示教
  unit: 次
  category: 医疗服务
case-discussions:
  name: 疑难病例讨论
  unit: 次
  category: 医疗服务
patients-treated:
  name: 诊疗病人
  unit: 人次
  category: 医疗服务

# ── 设施设备与资金 ──────────────────────────────
equipment-donated:
  name: 捐赠设备
  unit: 台
  category: 设施设备
equipment-value:
  name: 捐赠设备价值
  unit: 元
  category: 设施设备
funds:
  name: 帮扶资金
  unit: 元
  category: 资金投入
investment:
  name: 项目投入资金
  unit: 元
  category: 资金投入
local-funds:
  name: 当地配套及群众自筹资金
  unit: 元
  category: 资金投入
books-donated:
  name: 赠送图书
  unit: 册
  category: 图书资料

# ── 基础设施与产业 ──────────────────────────────
road-hardened:
  name: 道路硬化
  unit: 米
  category: 基础设施
houses-rebuilt:
  name: 危房改造
  unit: 户
  category: 基础设施
biogas-digesters:
  name: 新建沼气池
  unit: 口
  category: 基础设施
toilets:
  name: 新建卫生公厕
  unit: 间
  category: 基础设施
forest-closure:
  name: 封山育林
  unit: 亩
  category: 生态建设
industry-projects:
  name: 援建产业项目
  unit: 个
  category: 产业发展
crops-planted:
  name: 种植经济作物
  unit: 亩
  category: 产业发展
livestock:
  name: 养殖牲畜
  unit: 头
  category: 产业发展
poultry:
  name: 养殖家禽
  unit: 只
  category: 产业发展
labour-export:
  name: 劳务输出
  unit: 人
  category: 产业发展
students-aided:
  name: 资助贫困学生
  unit: 人
  category: 教育支持

# ── 组织工作 ──────────────────────────────────
units-supported:
  name: 受援单位数
  unit: 个
  category: 组织工作
disciplines-supported:
  name: 受支援学科
  unit: 个
  category: 教育支持
  # 各年数字是当时受支援的学科数，相加并无意义：取最大值
  aggregate: max
village-meetings:
  name: 召开群众会、村民代表会等
  unit: 次
  category: 组织工作
meeting-attendance:
  name: 参会群众
  unit: 人次
  category: 组织工作
"""

GITIGNORE = """\
# 构建输出（bulletins build / mkdocs build）
site/
site-*/
*.zip
# 构建用的临时目录（下一次构建会自动清理）
.bulletins-tmp/
# 增量构建缓存（可随时删除，下一次构建会完整生成）
.bulletins-cache/
# 编辑器与系统文件
.DS_Store
Thumbs.db
~$*.docx
__pycache__/
.cache/
"""

PRE_COMMIT = """\
# 提交前自动检查内容：pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: bulletins-check
        name: bulletins check（检查 content/ 中的单位、结对与年度总结）
        entry: bulletins check
        language: system
        pass_filenames: false
        files: ^(content/|mkdocs\\.yml$)
"""

README = """\
# {site_name}

{programme}年度工作总结网站的内容仓库。

- `content/units/`：单位，每个单位一个 `.yml` 文件，如 \
`bulletins new unit 新疆师范大学 --kind university --region 新疆维吾尔自治区,乌鲁木齐市`
- `content/pairings/`：结对，如 \
`bulletins new pairing --supporters a --recipients b --sector health --since 2015`
- `content/reports/<年份>/`：年度总结，如 `bulletins new report --pairing a-b --year 2015`，
  或从 Word 导入：`bulletins import 总结.docx --pairing a-b --year 2015`
- `content/indicators.yml`：成效指标目录

提交前运行 `bulletins check`；预览运行 `bulletins serve`；构建运行 `bulletins build`。
"""


def init_site(
    target: Path, site_name: str | None = None, programme: str = DEFAULT_WORDING
) -> list[Path]:
    """Create the site in `target` (created if missing); the files written, sorted.

    `programme` is the office's own word for the work (对口支援, 对口帮扶, 东西部协作 …):
    it names the site (`对口帮扶工作总结` unless `site_name` is given) and pairings' titles.
    """
    programme = programme.strip() or DEFAULT_WORDING
    if not _WORDING.fullmatch(programme):
        raise InitError(
            f"工作名称 “{programme}” 不合适：应为 2 至 12 个汉字，如 {'、'.join(PROGRAMMES)}"
        )
    site_name = site_name or f"{programme}工作总结"
    if target.exists() and not target.is_dir():
        raise InitError(f"“{target}” 是一个文件，不是文件夹；请换一个新文件夹名")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(
            f"文件夹 “{target}” 不是空的：为避免覆盖已有文件，init 只在空文件夹或新文件夹中创建网站"
        )
    target.mkdir(parents=True, exist_ok=True)
    files = {
        "mkdocs.yml": MKDOCS_YML.format(
            site_name=site_name, separator=SEARCH_SEPARATOR, programme=programme
        ),
        "README.md": README.format(site_name=site_name, programme=programme),
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".vscode/settings.json": json.dumps(vscode_settings(), ensure_ascii=False, indent=2) + "\n",
        "content/indicators.yml": STARTER_INDICATORS,
    }
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for folder in ("units", "pairings", "reports", "pages"):
        keep = target / "content" / folder / ".gitkeep"
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text("", encoding="utf-8")
        written.append(keep)
    written += write_schemas(
        target / "schemas", build_schemas(indicators=_names(STARTER_INDICATORS), wording=programme)
    )
    return sorted(written)


_WORDING = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _names(catalogue: str) -> dict[str, str]:
    import yaml

    data = yaml.safe_load(catalogue)
    return {k: v["name"] for k, v in data.items()}
