"""The record schemas as data: every field of every file kind, with its Chinese doc.

One table drives the validator, the editor's guide, the JSON Schemas for
editors and the open-data columns (`FieldSpec.column`), so they cannot disagree.
This module must not read files.
"""

from __future__ import annotations

from generator.content.fieldspec import Column, FieldSpec
from generator.content.figures import Approx, Basis
from generator.content.model import (
    AGGREGATES,
    DEFAULT_WORDING,
    SECTORS,
    STATUSES,
    UNIT_KINDS,
    VISIBILITIES,
)

VISIBILITY = FieldSpec(
    "visibility",
    "choice",
    choices=VISIBILITIES,
    doc="public（公开，默认）或 internal（仅内网）",
    example="public",
    column=Column("公开范围", "public 公开；internal 内部", filled=True),
)

UNIT_FIELDS = (
    FieldSpec("name", "text", True, doc="单位全称", example="新疆师范大学", column=Column("名称")),
    FieldSpec("short_name", "text", doc="简称", example="新疆师大", column=Column("简称")),
    FieldSpec(
        "kind",
        "choice",
        True,
        tuple(UNIT_KINDS),
        doc="单位类型",
        example="university",
        column=Column("类型"),
    ),
    FieldSpec(
        "region",
        "texts",
        doc="所在行政区划，省级在前",
        example="[新疆维吾尔自治区, 乌鲁木齐市]",
        column=Column("地区", "行政区划，省在前，以“ / ”分隔", joined=" / "),
    ),
    FieldSpec(
        "website",
        "url",
        doc="网站（仅 http/https）",
        example="https://www.xjnu.edu.cn",
        column=Column("网站"),
    ),
    VISIBILITY,
    FieldSpec(
        "contact", "mapping", doc="联系人、电话等；公开版网站绝不发布", example="{联系人: 张老师}"
    ),
)

PAIRING_FIELDS = (
    FieldSpec(
        "supporters",
        "ids",
        True,
        doc="支援方单位编号列表",
        example="[huadong-shifan-daxue]",
        column=Column("支援方", "单位编号，以分号分隔；逐一对应见 parties"),
    ),
    FieldSpec(
        "recipients",
        "ids",
        True,
        doc="受援方单位编号列表",
        example="[xinjiang-shifan-daxue]",
        column=Column("受援方", "单位编号，以分号分隔；逐一对应见 parties"),
    ),
    FieldSpec(
        "sector",
        "choice",
        True,
        tuple(SECTORS),
        doc="领域；可在 sectors.yml 中增加",
        example="higher-education",
        column=Column("领域编号", enum=False),
    ),
    FieldSpec(
        "since",
        "date",
        True,
        doc="开始时间：YYYY、YYYY-MM 或 YYYY-MM-DD",
        example="2001-06",
        column=Column("起始", "YYYY、YYYY-MM 或 YYYY-MM-DD"),
    ),
    FieldSpec(
        "until",
        "date",
        doc="结束时间；不写表示仍在进行",
        example="2016",
        column=Column("终止", "空表示至今"),
    ),
    FieldSpec(
        "title",
        "text",
        doc="标题；默认“支援方对口支援受援方”",
        example="华东师范大学对口支援新疆师范大学",
        column=Column("名称", filled=True),
    ),
    FieldSpec(
        "programme",
        "text",
        doc="所属计划或项目",
        example="对口支援西部地区高等学校计划",
        column=Column("所属计划"),
    ),
    FieldSpec(
        "modes",
        "texts",
        doc="支援方式标签",
        example="[支教, 进修, 挂职]",
        column=Column("支援方式", "以分号分隔"),
    ),
    FieldSpec(
        "agreement", "text", doc="签订的协议名称", example="对口支援项目协议", column=Column("协议")
    ),
    VISIBILITY,
)

REPORT_FIELDS = (
    FieldSpec(
        "pairing",
        "id",
        doc="结对编号；默认取文件名，写了就必须与文件名一致",
        example="hsd-xjsd",
        column=Column("结对编号", "结对关系的编号，见 pairings", filled=True),
    ),
    FieldSpec(
        "year",
        "year",
        doc="年度；默认取所在目录，写了就必须一致",
        example="2015",
        column=Column("年度", "年度工作总结所属年份", filled=True),
    ),
    FieldSpec(
        "title",
        "text",
        doc="标题；默认“结对标题 某年度工作总结”",
        example="2015年度对口支援工作总结",
        column=Column("标题", filled=True),
    ),
    FieldSpec(
        "author",
        "id",
        doc="撰写单位编号，须属于该结对",
        example="xinjiang-shifan-daxue",
        column=Column("撰写单位", "单位编号"),
    ),
    FieldSpec(
        "published",
        "date",
        doc="发布日期，用于排序和订阅",
        example="2016-01-15",
        column=Column("发布日期", "YYYY、YYYY-MM 或 YYYY-MM-DD"),
    ),
    FieldSpec(
        "source",
        "source",
        doc="原始文件：content/pages/ 下的文件（写 pages/文件名）或 http(s) 网址；总结页链接到它",
        example="pages/2015-huadong-zongjie.pdf",
    ),
    FieldSpec(
        "status",
        "choice",
        choices=STATUSES,
        doc="published（发布，默认）或 draft（草稿，仅预览可见）",
        example="published",
        column=Column("状态", "published 已发布；draft 草稿", filled=True),
    ),
    VISIBILITY,
    FieldSpec("figures", "figures", doc="成效数据：指标编号 → 数字", example="{lectures: 80余次}"),
    FieldSpec("problems", "texts", doc="存在的问题（列表）", example="[科研合作有待深化]"),
    FieldSpec("plans", "texts", doc="下一步打算（列表）", example="[加强科研合作]"),
)

INDICATOR_FIELDS = (
    FieldSpec("name", "text", True, doc="指标中文名", example="专题讲座", column=Column("名称")),
    FieldSpec(
        "unit",
        "text",
        True,
        doc="计量单位；合计按此单位换算",
        example="次",
        column=Column("单位", "合计所用单位"),
    ),
    FieldSpec(
        "category",
        "text",
        doc="分类，用于成效页分组",
        example="人才培养",
        column=Column("类别", filled=True),
    ),
    FieldSpec(
        "aggregate",
        "choice",
        choices=AGGREGATES,
        doc="合计方式：sum（求和，默认）、max（取最大）、none（不合计）",
        example="sum",
        column=Column("合计方式", "sum 求和；max 取最大值；none 不合计", filled=True),
    ),
    FieldSpec(
        "description",
        "text",
        doc="说明",
        example="面向受援单位开展的专题讲座",
        column=Column("说明"),
    ),
    FieldSpec(
        "part_of",
        "id",
        doc="本指标是另一指标的一部分（“其中”）：写那个指标的编号；页面标明二者关系，合计不重复相加",
        example="investment",
        column=Column("所属指标", "本指标是该指标的一部分（“其中”），合计不重复相加；空表示不是"),
    ),
)

FIGURE_FIELDS = (
    FieldSpec("value", "text", True, doc="数字（阿拉伯数字）", example="6"),
    FieldSpec("unit", "text", doc="计量单位；默认取指标单位", example="万册"),
    FieldSpec(
        "approx",
        "choice",
        choices=tuple(a.value for a in Approx),
        doc="exact 精确、more-than 余/多、nearly 近、about 约",
        example="more-than",
        column=Column("约数", "exact 准确数；more-than 余/多；nearly 近；about 约", filled=True),
    ),
    FieldSpec(
        "basis",
        "choice",
        choices=tuple(b.value for b in Basis),
        doc="annual 当年（默认）或 cumulative 累计",
        example="cumulative",
        column=Column("口径", "annual 当年数；cumulative 累计数（自结对以来）", filled=True),
    ),
    FieldSpec("note", "text", doc="备注", example="含期刊光盘", column=Column("备注")),
    FieldSpec(
        "label",
        "text",
        doc="同一指标有几项数字时，本项的说明",
        example="种植技术",
        column=Column("分项说明", "同一指标有几项数字时，本项的说明"),
    ),
)

PAGE_FIELDS = (
    FieldSpec("title", "text", doc="页面标题；默认取第一个一级标题", example="关于本站"),
    FieldSpec("order", "year", doc="在导航中的顺序（整数，小的在前）", example="1"),
    VISIBILITY,
)

SCHEMAS: dict[str, tuple[FieldSpec, ...]] = {
    "unit": UNIT_FIELDS,
    "pairing": PAIRING_FIELDS,
    "report": REPORT_FIELDS,
    "indicator": INDICATOR_FIELDS,
    "figure": FIGURE_FIELDS,
    "page": PAGE_FIELDS,
}


RESERVED_PAGE_IDS = frozenset(
    {
        "index",
        "pairings",
        "units",
        "years",
        "regions",
        "indicators",
        "reports",
        "data",
        "guide",
        "status",
        "search",
        "assets",
        "feed",
        "flows",
    }
)
"""First path segments generated pages own: a free page there would shadow one (E111)."""

MIN_YEAR, MAX_YEAR = 1900, 2099
"""Years a report, a pairing or a date may name: beyond is a typo (and breaks archive formats)."""


def worded(text: str, wording: str) -> str:
    """A field's doc or example in the site's own word (`对口帮扶` for `对口支援`)."""
    return text.replace(DEFAULT_WORDING, wording) if wording else text
