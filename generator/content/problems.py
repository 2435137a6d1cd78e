"""Problems found in content: values, not exceptions.

Every stage that reads editors' files reports what is wrong as `Problem` values,
collected for the whole tree and printed together, sorted by path and line. The
table `CODES` is the one place every rule id is defined; the editor's guide and
the CLI read it, so the documentation cannot drift from the code.

This module must not print, exit or import MkDocs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    """File path relative to the site root, with forward slashes (`content/units/a.yml`)."""
    line: int
    """1-based line; 1 when the problem concerns the whole file."""
    col: int
    """1-based column."""
    code: str
    """Stable rule id from `CODES`, e.g. `E202`."""
    message: str
    """Chinese-first message: what was expected, what was found, the nearest valid choice."""
    severity: str = field(default="error", compare=False)
    """`error` or `warning`."""

    def format(self) -> str:
        """Compiler style: `path:line:col: error[CODE]: message`."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class Code:
    """Documentation of one rule, published in the editor's guide."""

    code: str
    title: str
    """Short Chinese title."""
    example: str
    """A line of content that triggers it."""
    fix: str
    """How to fix it, in Chinese."""


_CODES = [
    # Files
    Code(
        "E101",
        "文件编码不是 UTF-8",
        "用旧版记事本以 GBK 保存的文件",
        "用编辑器“另存为 UTF-8”后重新提交",
    ),
    Code(
        "E102",
        "YAML 语法错误",
        "trainees：112人次（全角冒号）；行首的 Tab；name: [新疆师范大学；title: 问题: 资金不足",
        "按提示的行列改正：键后用半角冒号加空格 `: `，不用全角 “：”，列表中用半角逗号 `, `；"
        '只用空格缩进，不用 Tab，同一层左端对齐；含 “: ” 的文字用半角引号 "…" 括起来；'
        "补全括号和引号",
    ),
    Code(
        "E103",
        "同一映射中重复的键",
        "name: 甲\\nname: 乙",
        "合并为一处；同一指标的几项数字写成列表：trainees: [450人次 种植技术, 350人次]",
    ),
    Code(
        "E104", "文件内容不是映射（键: 值）", "- 新疆师范大学", "文件顶层应写成 `字段: 值` 的形式"
    ),
    Code(
        "E105",
        "文件名（编号）不合规",
        "units/新疆师大.yml",
        "编号只用小写字母、数字和连字符，如 xinjiang-shifan-daxue",
    ),
    Code(
        "E106",
        "年度总结缺少或未闭合的 YAML 头",
        "没有以 --- 开头和结束的字段区",
        "在文件开头加 `---`，字段之后再加一行 `---`",
    ),
    Code(
        "E107",
        "内容目录中无法识别的文件",
        "content/units/readme.txt",
        "移到正确的目录，或改用 .yml / .md 扩展名",
    ),
    Code("E108", "文件过大或结构过深", "别名层层展开的 YAML", "拆分文件，去掉 YAML 别名（&、*）"),
    Code(
        "E109",
        "不发布的文件类型",
        "content/pages/about.md~、about.markdown、page.html、logo.svg",
        "删去备份和其他类型的文件；页面用 .md，附件用图片、PDF 或办公文档",
    ),
    Code(
        "E110",
        "内容目录中的符号链接（一律不读取）",
        "content/pages/contacts.pdf -> ../units/a.yml",
        "删去链接，把文件本身复制进 content/",
    ),
    Code(
        "E111",
        "自由页面用了网站保留的名称",
        "content/pages/units.md",
        "改名，例如 units-intro.md；保留名称见编辑指南",
    ),
    Code(
        "E112",
        "不是普通文件（命名管道、设备、套接字）",
        "mkfifo content/pages/x.md",
        "删去它，换成普通文件",
    ),
    # Fields
    Code("E201", "缺少必填字段", "单位文件没有 name", "补上该字段"),
    Code("E202", "未知字段", "recipent: [a]", "改成提示中最接近的字段名，如 recipients"),
    Code("E203", "字段类型不对", "supporters: abc（应为列表）", "按提示写成列表、文本或数字"),
    Code("E204", "取值不在可选范围内", "kind: clinic", "改用提示中的可选值，如 health-centre"),
    Code("E205", "日期写法不对", "since: 2020年5月", "写成 2020、2020-05 或 2020-05-01"),
    Code(
        "E206",
        "网址不是 http(s)，或原始文件不在 pages/ 下",
        "website: javascript:alert(1)；source: pages/缺少的文件.pdf",
        "写完整的 http:// 或 https:// 网址；原始文件放在 content/pages/ 下，写 pages/文件名",
    ),
    Code("E207", "列表为空", "recipients: []", "至少写一个单位编号"),
    Code("E208", "文本为空", "name: ''", "填写内容，或删去该可选字段"),
    # References
    Code(
        "E301", "引用了不存在的单位", "supporters: [huadong-shida]", "改成 units/ 下已有的单位编号"
    ),
    Code(
        "E302",
        "同一单位既是支援方又是受援方",
        "supporters: [a]\\nrecipients: [a]",
        "从一侧删去该单位",
    ),
    Code(
        "E303",
        "总结的 pairing 与文件名不符",
        "pairing: other-id",
        "删去 pairing 字段，或改成文件名",
    ),
    Code(
        "E304",
        "总结的 year 与所在目录不符",
        "reports/2015/x.md 中 year: 2016",
        "删去 year 字段，或移到正确年份目录",
    ),
    Code(
        "E305", "作者单位不属于该结对", "author: some-other-unit", "改成该结对的支援方或受援方之一"
    ),
    Code(
        "E306",
        "总结年份不在结对期限内",
        "since: 2015，总结年份 2012",
        "核对结对的 since / until 或总结年份",
    ),
    Code("E307", "结束日期早于开始日期", "since: 2016\\nuntil: 2015", "核对 since 与 until"),
    Code(
        "E308",
        "总结所属的结对不存在",
        "reports/2015/no-such-pairing.md",
        "文件名应为 pairings/ 下已有的结对编号",
    ),
    Code(
        "E309",
        "公开记录引用了内部记录",
        "公开结对的支援方是 internal 单位",
        "把被引用的记录改为公开，或把引用方改为 internal",
    ),
    Code(
        "E310",
        "未知的成效指标（总结的 figures 或指标的 part_of）",
        "figures: {lecture: 80余次}",
        "改成 indicators.yml 中已有的指标编号",
    ),
    Code("E311", "未知的领域（sector）", "sector: medical", "改用内置领域或在 sectors.yml 中增加"),
    Code("E312", "重复的编号", "units/a.yml 与 units/a.yaml", "删除或改名其中一个文件"),
    Code(
        "E313",
        "两个地区的网址相同",
        "region: [甲/乙] 与另一单位的 region: [甲-乙]",
        "统一写法，或改名以示区别；错误信息指出另一处所在的文件和行",
    ),
    Code(
        "E314",
        "地区名无法成为网址",
        "region: [index]，或超过 200 字节的地区名，或超过 6 级的地区",
        "改用其他写法，缩短名称或减少层级",
    ),
    # Figures
    Code(
        "E401",
        "数字写法无法识别",
        "lectures: 八十余次",
        "用阿拉伯数字，如 80余次、近100人次、3.98公里",
    ),
    Code("E402", "数字为负数", "lectures: -5", "成效数字不能为负"),
    Code(
        "E403",
        "单位无法换算为指标单位",
        "road-hardened: 5台（指标单位为 米）",
        "改用与指标同类的单位",
    ),
    Code("E404", "无法识别的计量单位", "road-hardened: 5里", "改用支持的单位，见“计量单位”表"),
    # Narrative
    Code(
        "E501",
        "正文含有脚本或不安全的内容",
        "<script>…</script>、onclick=、javascript:、style=",
        "删去脚本、iframe、样式、事件属性和 javascript: 链接（网站只保留允许的标签和属性）",
    ),
    Code(
        "E502",
        "正文从其他网站加载内容",
        "![](https://example.com/a.png)、<style>@import …",
        "把图片放进 content/pages/ 并用相对路径引用，或改成普通链接",
    ),
    Code("E503", "正文嵌套过深", "600 层嵌套的列表", "改成较平的结构"),
    Code("E504", "正文含有控制字符", "粘贴带来的 \\x08、\\x1b", "删去这些不可见字符"),
    Code(
        "E507",
        "看不见的格式字符（零宽、软连字符、方向控制）",
        "name: 甲\u202e乙单位（从网页粘贴）",
        "删去它；名称、标题和取值中一律不用，正文中不用方向控制字符",
    ),
    Code(
        "E508",
        "正文过于复杂，生成页面会过慢",
        "一篇正文中有几万个链接，或成千上万个没有闭合的 <",
        "拆分成几篇；表示“小于”写成全角 ＜ 或 &lt;",
    ),
    Code(
        "E505",
        "提示文字（title）含有尖括号",
        "<span title='<img src=x onerror=alert(1)>'>悬停</span>",
        "删去尖括号或改用全角（＜＞）：主题把提示文字当作 HTML 显示",
    ),
    Code(
        "E506",
        "主题脚本使用的 id 或 class",
        '<div id="__config">、{: #__search }、<pre class="mermaid">',
        "改用其他名称：以 __、md-、bl- 开头的 id 和 class，以及 mermaid、annotate 等保留给主题",
    ),
    # Lint
    Code(
        "W601",
        "正文中的数字与成效数据不一致",
        "正文“讲座80余次”，figures 为 lectures: 70余次",
        "核对正文或 figures 中的数字",
    ),
    Code(
        "W602",
        "正文与成效数据的约数写法不一致（余/近/约）",
        "正文“捐赠设备价值70余万元”，figures 为 equipment-value: 70万余元",
        "70余万元 指 70 万到 80 万元之间，70万余元 指刚过 70 万元：把两处改成同一种写法",
    ),
    Code(
        "W603",
        "发布日期不在总结的年份内",
        "reports/2014/x.md 中 published: 2013-03-01",
        "核对 published 的年份（应为总结年份或次年），或把文件移到正确的年份目录",
    ),
    Code(
        "W604",
        "两个单位文件的名称相同",
        "units/a.yml 与 units/b.yml 都写 name: 甲学校",
        "同一单位只留一个文件，引用改成其编号；两个不同单位则写全称区分",
    ),
    Code(
        "W605",
        "两个结对的双方、领域相同且年份重叠",
        "pairings/a-b.yml 与 pairings/a-b-2.yml 的 supporters、recipients 相同",
        "合并为一个结对；若是前后两期，用 since / until 把年份分开",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid choice to a misspelt one, or None if nothing is close."""
    found = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.5)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A Chinese hint naming the nearest choice, or listing the choices when few."""
    choices = sorted(choices)
    best = nearest(word, choices)
    if best is not None:
        return f"，是否应为 “{best}”？"
    if 0 < len(choices) <= 12:
        return "；可选：" + "、".join(choices)
    return ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by path, line, column, code, message; duplicates removed."""
    return sorted(set(problems))
