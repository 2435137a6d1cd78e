"""The editor's guide (编辑指南), generated from the tables the code runs on.

Field tables come from `schema.SCHEMAS`, unit kinds and sectors from `model`,
units of measure from `units`, approximation and basis from `figures`, problem
codes from `problems.CODES`. Adding a field, a unit or a rule changes the guide
with it; nothing here is typed twice. `render_guide_markdown()` returns one
Markdown page; the site publishes it at /guide/. This module must not read
content files or import MkDocs.
"""

from __future__ import annotations

from collections import defaultdict

from generator.content.figures import Approx, Basis
from generator.content.model import AUDIENCES, SECTORS, UNIT_KINDS
from generator.content.problems import CODES
from generator.content.schema import SCHEMAS, FieldSpec
from generator.content.units import BASE_UNITS, MAGNITUDES, dimension_name

__all__ = ["render_guide_markdown"]

_APPROX_WORDS = {
    Approx.EXACT: ("（不写）", "`120次`", "精确数字"),
    Approx.MORE_THAN: ("余、多", "`80余次`、`2万余元`", "多于该数"),
    Approx.NEARLY: ("近", "`近100人次`", "接近但不到该数"),
    Approx.ABOUT: ("约", "`约1.5万元`", "大约，可能多也可能少"),
}
_BASIS_WORDS = {
    Basis.ANNUAL: ("（不写）", "`lectures: 80余次`", "当年完成的数量，计入年度合计"),
    Basis.CUMULATIVE: ("累计", "`phd-enrolled: 累计26人`", "结对开始以来的累计数，不计入年度合计"),
}
_KIND_WORDS = {
    "text": "文本",
    "id": "编号",
    "ids": "编号列表",
    "choice": "可选值",
    "date": "日期",
    "url": "网址",
    "source": "文件或网址",
    "texts": "文本列表",
    "mapping": "映射",
    "figures": "成效数据",
    "year": "整数",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _fields_table(fields: tuple[FieldSpec, ...]) -> list[str]:
    lines = ["| 字段 | 必填 | 类型 | 说明 | 示例 |", "| --- | --- | --- | --- | --- |"]
    for f in fields:
        kind = _KIND_WORDS.get(f.kind, f.kind)
        if f.choices:
            kind += "：" + "、".join(f"`{c}`" for c in f.choices)
        example = f"`{_cell(f.example)}`" if f.example else ""
        lines.append(
            f"| `{f.name}` | {'是' if f.required else '否'} | {_cell(kind)} | {_cell(f.doc)} "
            f"| {example} |"
        )
    return lines


def _example_yaml(fields: tuple[FieldSpec, ...], names: tuple[str, ...]) -> list[str]:
    by_name = {f.name: f for f in fields}
    return ["```yaml", *(f"{n}: {by_name[n].example}" for n in names if n in by_name), "```"]


def _units_section() -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for u in BASE_UNITS:
        key = "count" if u.dimension.startswith("count:") else u.dimension
        factor = "" if u.factor == 1 or key == "count" else f"（= {u.factor.normalize():f}）"
        groups[key].append(f"`{u.text}`{factor}")
    names = {"count": "计数（每种各自独立，互不相加）"}
    lines = [
        "## 计量单位",
        "",
        "单位写在数字之后，可带数量级："
        + "、".join(f"`{m}`" for m in MAGNITUDES)
        + "（如 `万元`、`千米`、`十万元`）。合计时按指标的单位换算；不同类的量不能换算，"
        "例如 `人` 与 `人次`、`台` 与 `件` 永远分开。",
        "",
        "| 类别 | 单位 |",
        "| --- | --- |",
    ]
    for key, items in groups.items():
        label = names.get(key) or dimension_name(key)
        lines.append(f"| {label} | {'、'.join(items)} |")
    return lines


def _figures_section() -> list[str]:
    lines = [
        "## 成效数据的写法",
        "",
        "年度总结 YAML 头中的 `figures` 把成效指标编号（见 `indicators.yml`）对应到数字。"
        "数字按总结里的习惯写法填写即可：",
        "",
        "```yaml",
        "figures:",
        "  lectures: 80余次",
        "  ward-rounds: 120余",
        "  equipment-value: 70余万元",
        "  staff-dispatched: 近100人次",
        "  road-hardened: 3.98公里",
        "  phd-enrolled: 累计26人",
        "  books-donated: {value: 6, unit: 万册, approx: more-than, note: 含期刊光盘}",
        "```",
        "",
        "简写形式：`累计? [近|约]? 数字 [万|亿]? [余|多]? 单位?`。数字用阿拉伯数字，可写千位逗号"
        "（`1,120`）和小数（`3.98`）。`70余万元` 是 70 余、单位万元；`2万余元` 是 2万 余、单位元。"
        "不写单位时用指标的单位。没有填写的指标显示为“未报告”，绝不当作 0。",
        "",
        "| 写法 | 含义（approx） | 示例 | 说明 |",
        "| --- | --- | --- | --- |",
    ]
    for a in Approx:
        word, example, note = _APPROX_WORDS[a]
        lines.append(f"| {word} | `{a.value}` | {example} | {note} |")
    lines += ["", "| 写法 | 口径（basis） | 示例 | 说明 |", "| --- | --- | --- | --- |"]
    for b in Basis:
        word, example, note = _BASIS_WORDS[b]
        lines.append(f"| {word} | `{b.value}` | {example} | {note} |")
    lines += [
        "",
        "合计是近似的只要其中一项是近似的：`80余 + 120余` 显示为 `200余`，`近100 + 20` "
        "显示为 `约120`。"
        "结对的累计总数 = 最近一次“累计”数字 + 其后各年的当年数字，不会重复计算。",
        "",
        "也可以逐项写明（下表为各项含义）：",
        "",
        *_fields_table(SCHEMAS["figure"]),
        "",
        "### 同一指标有几项数字",
        "",
        "一份总结里同一指标有几项（三期培训、两个村的道路）时写成列表，每项可在数字后空一格"
        "写说明（`label`）。报告页逐项列出并带说明，合计把各项相加，"
        "开放数据中每项一行（`part` 为序号，"
        "`label` 为说明），W601 把正文中的数字与每一项以及各项之和比较。"
        "同一个键写两次是错误（E103）：不要删去其中一个，改成列表。",
        "",
        "```yaml",
        "figures:",
        "  trainees: [450人次 种植技术, 350人次 养殖技术, 100人次]",
        "  road-hardened:",
        "    - {value: 2.5, unit: 公里, label: 甲村}",
        "    - {value: 1480, label: 乙村}",
        "```",
        "",
        "### 新增指标",
        "",
        "指标目录里没有合适的指标时，运行 `bulletins new indicator 编号 --name 中文名 --unit 单位"
        " [--category 分类] [--aggregate sum|max|none]`，如"
        " `bulletins new indicator forest-closure --name 封山育林 --unit 亩 --category 生态建设`。"
        "它把指标加到 `indicators.yml` 末尾，从不覆盖已有指标，并先检查单位；"
        "不写编号时按拼音建议。",
    ]
    return lines


def _codes_section() -> list[str]:
    lines = [
        "## 检查结果与问题代码",
        "",
        "`bulletins check` 一次列出全部问题，每行形如 "
        "`content/units/a.yml:3:7: error[E204]: 字段 “kind” 的取值应为 …`：文件、行、列、"
        "代码、说明。"
        "`error` 必须改正，否则无法构建；`warning`（W 开头）提醒核对，`bulletins check "
        "--strict` 时也算错误。",
        "",
    ]
    for code in CODES.values():
        level = "警告" if code.code.startswith("W") else "错误"
        lines += [
            f"### {code.code} {code.title}",
            "",
            f"{level}。示例：",
            "",
            "```text",
            code.example.replace("\\n", "\n"),
            "```",
            "",
            f"改正：{code.fix}",
            "",
        ]
    return lines


def render_guide_markdown() -> str:
    """The whole guide as one Markdown page, in Chinese."""
    units, pairings, reports = SCHEMAS["unit"], SCHEMAS["pairing"], SCHEMAS["report"]
    lines = [
        "# 编辑指南",
        "",
        "本站的全部内容是 `content/` 文件夹中的文本文件：单位和结对是 YAML（`.yml`），年度总结是 "
        "Markdown（`.md`）。文件用 UTF-8 编码保存；文件名就是编号，只用小写字母、数字和连字符，"
        "如 `xinjiang-shifan-daxue`。写错的字段名不会被悄悄忽略，`bulletins check` "
        "会指出最接近的正确写法。",
        "",
        "```text",
        "content/",
        "  indicators.yml          成效指标目录",
        "  sectors.yml             （可选）自定义领域",
        "  synonyms.yml            （可选）搜索用的同义词表",
        "  units/<编号>.yml        单位",
        "  pairings/<编号>.yml     结对",
        "  reports/<年份>/<结对编号>.md   年度总结",
        "  pages/*.md              （可选）其他页面",
        "  pages/<文件>            （可选）附件：图片、PDF、办公文档，随链接它的页面发布",
        "```",
        "",
        "正文可以夹写 HTML，但网站只保留安全的标签和属性：脚本、样式、事件代码、`javascript:` "
        "链接和从其他网站加载的图片都不会发布，`bulletins check` 会逐行指出（E501、E502）。"
        "备份文件（如 `about.md~`）、`.markdown` 等其他扩展名、`.html`、`.svg` 和指向 `content/` "
        "之外的符号链接都不会被读取，`check` 同样会报告（E109、E110）。",
        "",
        "## 添加单位",
        "",
        "运行 `bulletins new unit 新疆师范大学 --kind university --region 新疆维吾尔自治区,"
        "乌鲁木齐市`，"
        "会按拼音建议编号并生成 `content/units/xinjiang-shifan-daxue.yml`，可选字段以注释列出。",
        "",
        *_example_yaml(units, ("name", "short_name", "kind", "region", "website")),
        "",
        *_fields_table(units),
        "",
        "单位类型（`kind`）：" + "、".join(f"`{k}` {v}" for k, v in UNIT_KINDS.items()) + "。",
        "",
        "## 添加结对",
        "",
        "运行 `bulletins new pairing --supporters huadong-shifan-daxue --recipients "
        "xinjiang-shifan-daxue "
        "--sector higher-education --since 2006`。单位须先存在；同一单位不能既是支援方又是受援方。",
        "",
        *_example_yaml(
            pairings, ("supporters", "recipients", "sector", "since", "programme", "modes")
        ),
        "",
        *_fields_table(pairings),
        "",
        "领域（`sector`）："
        + "、".join(f"`{k}` {v}" for k, v in SECTORS.items())
        + "。需要更多领域时在 `content/sectors.yml` 中按 `编号: 中文名` 增加。",
        "",
        "## 添加年度总结",
        "",
        "运行 `bulletins new report --pairing huadong-xinjiang-shida --year 2015` 生成草稿，"
        "或从 Word 导入："
        "`bulletins import 总结.docx --pairing huadong-xinjiang-shida --year 2015`。"
        "导入会把正文转成 Markdown"
        "（保留标题、列表、表格），并把正文中找到的数字（阿拉伯数字或 两名、六万余册 这样的"
        "汉字数字）作为注释列出供核对。总结的年份须在结对期限之内。",
        "",
        "导入写在 YAML 头里的注释分三类：",
        "",
        "- `# figures:` 之下是对应到指标的数字，行末 `# ←` 后是原句；核对无误后去掉行首的 `# `"
        "（`# figures:` 一行也要去掉）。同一指标的几项已写成列表；若其实是同一数字说了两次，"
        "只留一项。",
        "- `#   # ？ 10人 是 A 或 B？` 是拿不准的数字（附近的词指向不同指标，或句子说的是计划）："
        "判断后自己写进 `figures`，或删去。",
        "- `#   # 新增指标：bulletins new indicator …` 是指标目录中没有对应指标的数字：需要统计时"
        "在终端运行这条命令（名称、单位可改），再去掉其下数字行行首的 `# `。",
        "- `# problems:`、`# plans:` 取自正文“存在问题”“下一步打算”等部分：改写为简短的条目后"
        "去掉行首的 `# `。",
        "",
        "一次导入一个文件夹：`bulletins import 2015年总结/`，每个文件按标题中的年份和结对双方"
        "确定结对和年度，不能确定的列出原因；旧版 .doc 需先转为 .docx（装有 LibreOffice 时自动"
        "转换）。办公室的台账（.xlsx、.csv，列：结对、年度、指标、数字、说明）用 "
        "`bulletins import 台账.xlsx` 把数字写入各年度总结，保留原有的注释和正文；"
        "与已有数字不同的列出并保留，`--replace` 时替换。",
        "",
        "导入只是建议：没有去掉注释的内容不会发布。",
        "",
        (
            "文件开头 `---` 之间是字段（YAML 头），之后是正文，通常分为 主要做法、取得成效、"
            "存在问题、下一步打算："
        ),
        "",
        "```markdown",
        "---",
        "author: xinjiang-shifan-daxue",
        "published: 2016-01-15",
        "figures:",
        "  lectures: 80余次",
        "problems:",
        "  - 科研合作有待深化",
        "---",
        "",
        "## 主要做法",
        "",
        "……",
        "```",
        "",
        *_fields_table(reports),
        "",
        "`status: draft` 的草稿只在 `bulletins serve` 预览中出现（带草稿标记），不会发布。"
        "正文中与指标名称相邻的数字若与 `figures` 不一致，检查会给出 W601 警告。",
        "",
        *_figures_section(),
        "",
        *_units_section(),
        "",
        "## 搜索与同义词表",
        "",
        "读者在页首搜索框或搜索页（`/search/?q=培训`）输入的词按原样查找：`会诊` 只找“会诊”，"
        "不会缩成“会”；`培训` 也能找到只写“技术培训”的总结；`70万元` 能找到写作 `70余万元` 的数字，"
        "但不会找到 `700亩`。年度总结排在只是提到这个词的目录页（指标、年度、地区）前面；"
        "结果可按类型、年度、领域、省份、地州和支援方筛选，筛选条件也写在网址里，可直接转发。",
        "",
        "读者用的词和总结里写的词不同时（读者搜“公路”，总结写“道路”），在 `content/synonyms.yml` 中"
        "把它们写成一组，搜索时一组中的词互相代替（双向）：",
        "",
        "```yaml",
        "公路: [道路]",
        "乡镇卫生院: [卫生院]",
        "扶贫: [帮扶]",
        "```",
        "",
        "每项只写一个词（不含空格，20 字以内）；共用一个词的几组会合并。写法错误时 "
        "`bulletins check` "
        "会指出文件和行号（E203 类型不对，E208 空词，E103 同一个词写了两次）。",
        "",
        "## 受众：公开版与内网版",
        "",
        "同一份内容可构建两个网站，受众（audience）为："
        + "、".join(f"`{a}`" for a in AUDIENCES)
        + "。",
        "",
        "- `internal`（内网版）：发布除草稿外的全部内容。",
        "- `public`（公开版）：不发布 `visibility: internal` 的记录，也不发布任何单位的 "
        "`contact`（联系人）"
        "——页面、导航、搜索、站点地图、订阅、下载和合计中都没有。公开记录引用内部记录是错误（E309）。",
        "",
        "受众在 `mkdocs.yml` 的插件选项中设置，构建时可覆盖：`bulletins build --audience "
        "internal`，"
        "或环境变量 `BULLETINS_AUDIENCE`。",
        "",
        *_codes_section(),
    ]
    return "\n".join(lines).rstrip() + "\n"
