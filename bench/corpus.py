"""A deterministic synthetic content tree for benchmarks: N yearly reports with
their units, pairings and an indicator catalogue, valid under `bulletins check`.

    python bench/corpus.py OUT_DIR --reports 1000 [--seed 7]

or `generate(Path, reports=1000, seed=7)`. The same seed and size give the same
bytes. Reports average ~1,500 characters of Chinese narrative (see
`corpus_text`), and figures use every form of SPEC's figure grammar: 余, 多, 近,
约, 累计, 万 (`70余万元`, `2万余元`), thousands commas (`1,120人次`), decimals
with conversion (`3.98公里` into 米), a bare number, and the long mapping form.
This module must not import the generator: it writes files only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

try:
    from . import corpus_text as T
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus_text as T  # type: ignore[no-redef]

# id, name, unit, category, aggregate, sectors, typical annual size
INDICATORS = [
    (
        "staff-dispatched",
        "派驻（支教）人员",
        "人",
        "人员派驻",
        "sum",
        "education higher-education health",
        8,
    ),
    (
        "visiting-lecturers",
        "支援方教师来校讲学",
        "人次",
        "人员派驻",
        "sum",
        "education higher-education",
        40,
    ),
    (
        "cadres-sent",
        "支援方派出挂职干部",
        "人",
        "组织工作",
        "sum",
        "poverty-alleviation industry higher-education",
        4,
    ),
    (
        "delegation-size",
        "出访交流团人数",
        "人",
        "组织工作",
        "none",
        "higher-education industry",
        15,
    ),
    ("lectures", "专题讲座", "次", "人才培养", "sum", "health education higher-education", 60),
    ("ward-rounds", "带教查房", "次", "医疗服务", "sum", "health", 150),
    ("case-discussions", "疑难危重病例讨论", "次", "医疗服务", "sum", "health", 40),
    ("surgery-demonstrations", "手术示教", "次", "人才培养", "sum", "health", 30),
    ("patients-treated", "诊疗病人", "人次", "医疗服务", "sum", "health", 3000),
    ("trainees", "技术培训和指导", "人次", "人才培养", "sum", "health industry", 600),
    ("refresher-trainees", "接收进修人员", "人", "人才培养", "sum", "health higher-education", 12),
    ("gastroscopes", "捐赠胃镜", "台", "设施设备", "sum", "health", 2),
    (
        "equipment-value",
        "捐赠设备价值",
        "元",
        "设施设备",
        "sum",
        "health education higher-education",
        600000,
    ),
    ("teachers-trained", "培训教师", "人次", "人才培养", "sum", "education", 300),
    ("student-aid", "资助贫困学生金额", "元", "教育支持", "sum", "education", 80000),
    (
        "students-aided",
        "资助贫困学生",
        "人",
        "教育支持",
        "sum",
        "education poverty-alleviation",
        60,
    ),
    ("books-donated", "赠送图书", "册", "图书资料", "sum", "education higher-education", 20000),
    ("phd-enrolled", "受援方教师攻读博士学位", "人", "人才培养", "sum", "higher-education", 5),
    ("masters-enrolled", "受援方教师攻读硕士学位", "人", "人才培养", "sum", "higher-education", 12),
    ("disciplines-supported", "受支援学科", "个", "教育支持", "max", "higher-education", 6),
    ("papers", "合作发表论文", "篇", "科研合作", "sum", "higher-education", 10),
    (
        "investment",
        "项目投入资金",
        "元",
        "资金投入",
        "sum",
        "poverty-alleviation industry",
        1500000,
    ),
    ("road-hardened", "村内道路硬化", "米", "基础设施", "sum", "poverty-alleviation", 3000),
    ("road-area", "道路硬化面积", "平方米", "基础设施", "sum", "poverty-alleviation", 9000),
    ("houses-rebuilt", "危房改造", "户", "基础设施", "sum", "poverty-alleviation", 20),
    ("biogas-digesters", "新建沼气池", "口", "基础设施", "sum", "poverty-alleviation", 15),
    ("walnut-planted", "种植核桃", "亩", "产业发展", "sum", "poverty-alleviation industry", 800),
    ("forest-closure", "封山育林", "亩", "生态建设", "sum", "poverty-alleviation", 500),
    ("cattle", "养牛", "头", "产业发展", "sum", "poverty-alleviation industry", 60),
    (
        "tech-trainees",
        "农村实用技术培训",
        "人次",
        "人才培养",
        "sum",
        "poverty-alleviation industry",
        400,
    ),
    ("labour-export", "劳务输出", "人", "产业发展", "sum", "poverty-alleviation", 80),
    ("industry-projects", "援建产业项目", "个", "产业发展", "sum", "industry", 4),
    ("performances", "文化下乡演出", "场", "文化交流", "sum", "education poverty-alleviation", 8),
]
CUMULATIVE_OK = {"phd-enrolled", "masters-enrolled", "refresher-trainees", "staff-dispatched"}
SECTORS = ["health", "education", "higher-education", "poverty-alleviation", "industry"]

REGIONS = [
    ("云南省", "文山州", ["砚山县", "丘北县", "广南县", "富宁县", "麻栗坡县", "西畴县"]),
    ("云南省", "昭通市", ["彝良县", "镇雄县", "威信县", "永善县", "大关县"]),
    ("贵州省", "遵义市", ["湄潭县", "凤冈县", "道真县", "务川县", "正安县"]),
    ("贵州省", "黔东南州", ["雷山县", "台江县", "剑河县", "从江县", "榕江县"]),
    ("四川省", "凉山州", ["木里县", "昭觉县", "布拖县", "美姑县", "金阳县", "喜德县"]),
    ("四川省", "绵阳市", ["平武县", "北川县", "梓潼县"]),
    ("甘肃省", "定西市", ["渭源县", "岷县", "漳县", "通渭县", "临洮县"]),
    ("新疆维吾尔自治区", "喀什地区", ["疏附县", "莎车县", "叶城县", "泽普县", "巴楚县"]),
    ("西藏自治区", "日喀则市", ["江孜县", "拉孜县", "定日县", "萨迦县"]),
    ("青海省", "玉树州", ["称多县", "囊谦县", "杂多县", "治多县"]),
]
SUPPORTER_PLACES = [
    ("上海市", "浦东新区"),
    ("上海市", "闵行区"),
    ("北京市", "海淀区"),
    ("北京市", "朝阳区"),
    ("浙江省", "杭州市"),
    ("浙江省", "宁波市"),
    ("江苏省", "苏州市"),
    ("江苏省", "南京市"),
    ("广东省", "深圳市"),
    ("广东省", "广州市"),
    ("山东省", "青岛市"),
    ("福建省", "厦门市"),
]
UNIVERSITIES = [
    "华东师范大学",
    "北京师范大学",
    "华中师范大学",
    "东北师范大学",
    "南京师范大学",
    "陕西师范大学",
    "中国科学技术大学",
    "浙江大学",
    "复旦大学",
    "南京大学",
    "厦门大学",
    "山东大学",
    "上海交通大学",
    "同济大学",
    "武汉大学",
    "中山大学",
    "四川大学",
    "吉林大学",
]
RECIPIENT_UNIVERSITIES = [
    "新疆师范大学",
    "喀什大学",
    "西藏大学",
    "青海大学",
    "宁夏大学",
    "石河子大学",
    "塔里木大学",
    "贵州师范学院",
    "昭通学院",
    "文山学院",
    "西昌学院",
    "陇东学院",
    "伊犁师范大学",
    "昌吉学院",
    "西藏民族大学",
    "青海师范大学",
    "延安大学",
    "河西学院",
]
DEPARTMENTS = [
    "",
    "教育学院",
    "医学院",
    "图书馆",
    "研究生院",
    "文学院",
    "数学科学学院",
    "物理与电子工程学院",
    "化学化工学院",
    "生命科学学院",
    "外国语学院",
    "历史文化学院",
    "经济管理学院",
    "计算机学院",
    "音乐学院",
    "美术学院",
    "体育学院",
    "继续教育学院",
    "教务处",
    "科研处",
]
TOWN_CHARS = "龙凤石桥河溪坪坝岩山松柏桃李新安平和兴隆宝丰永福太阳花竹马鹿黄白青云"
NUMERALS = "一二三四五六七八九十"


class _Names:
    """Unique unit names from the pools, deterministic for the rng."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set()

    def town(self) -> str:
        return "".join(self.rng.sample(TOWN_CHARS, 2))

    def unique(self, make) -> str:
        name = make()
        for _ in range(200):
            if name not in self.used:
                break
            name = make()
        while name in self.used:  # pools exhausted at very large N: a campus keeps names apart
            name = f"{name}{self.town()}校区"
        self.used.add(name)
        return name


def _supporter(names: _Names, rng: random.Random, sector: str) -> tuple[str, str, list[str]]:
    prov, city = rng.choice(SUPPORTER_PLACES)
    if sector == "higher-education":
        return (
            names.unique(lambda: rng.choice(UNIVERSITIES) + rng.choice(DEPARTMENTS)),
            "university",
            [prov],
        )
    if sector == "health":
        return (
            names.unique(
                lambda: (
                    f"{city}第{rng.choice(NUMERALS)}人民医院"
                    if rng.random() < 0.6
                    else f"{city}{names.town()}医院"
                )
            ),
            "hospital",
            [prov, city],
        )
    if sector == "education":
        return (
            names.unique(
                lambda: (
                    f"{city}{names.town()}实验小学"
                    if rng.random() < 0.5
                    else f"{city}第{rng.choice(NUMERALS)}中学"
                )
            ),
            "school",
            [prov, city],
        )
    if sector == "industry":
        return (
            names.unique(lambda: f"{city}{names.town()}农业科技有限公司"),
            "enterprise",
            [prov, city],
        )
    return (
        names.unique(
            lambda: (
                f"{prov}{city}对口支援工作办公室"
                if rng.random() < 0.2
                else f"{city}{names.town()}街道"
            )
        ),
        "government",
        [prov, city],
    )


def _recipient(names: _Names, rng: random.Random, sector: str) -> tuple[str, str, list[str]]:
    prov, pref, counties = rng.choice(REGIONS)
    county = rng.choice(counties)
    region = [prov, pref, county]
    if sector == "higher-education":
        return (
            names.unique(lambda: rng.choice(RECIPIENT_UNIVERSITIES) + rng.choice(DEPARTMENTS)),
            "university",
            [prov],
        )
    if sector == "health":
        if rng.random() < 0.4:
            return (
                names.unique(
                    lambda: f"{county}{rng.choice(['人民医院', '中医医院', '妇幼保健院'])}"
                ),
                "hospital",
                region,
            )
        return names.unique(lambda: f"{county}{names.town()}镇中心卫生院"), "health-centre", region
    if sector == "education":
        return (
            names.unique(
                lambda: f"{county}{names.town()}{rng.choice(['镇中心小学', '乡中心学校', '小学'])}"
            ),
            "school",
            region,
        )
    if sector == "industry":
        return (
            names.unique(
                lambda: f"{county}{names.town()}{rng.choice(['核桃专业合作社', '农民专业合作社'])}"
            ),
            "enterprise",
            region,
        )
    return names.unique(lambda: f"{county}{names.town()}乡{names.town()}村"), "village", region


def _figure(
    rng: random.Random, iid: str, unit: str, size: int, since_start: int
) -> tuple[object, str]:
    """(YAML value, the same figure in short form for the prose)."""
    n = max(1, int(size * rng.uniform(0.3, 1.7)))
    if iid in CUMULATIVE_OK and rng.random() < 0.3:
        text = f"累计{n * (since_start + 1)}{unit}"
        return text, text
    if unit == "元":
        wan = max(1, n // 10000)
        form = rng.choice(["余万", "万余", "约万", "近万", "plain", "long"])
        if form == "long":
            return {
                "value": wan,
                "unit": "万元",
                "approx": "about",
                "note": "含物资折价",
            }, f"约{wan}万元"
        text = {
            "余万": f"{wan}余万元",
            "万余": f"{wan}万余元",
            "约万": f"约{wan}万元",
            "近万": f"近{wan}万元",
            "plain": f"{n:,}元",
        }[form]
        return text, text
    if unit == "米" and rng.random() < 0.6:
        text = f"{n / 1000:.2f}公里" if n >= 1000 else f"近{n}米"
        return text, text
    if unit == "册" and n >= 10000:
        return {
            "value": n // 10000,
            "unit": "万册",
            "approx": "more-than",
            "note": "含期刊光盘",
        }, f"{n // 10000}万余册"
    form = rng.choice(["余", "多", "近", "约", "exact", "bare"])
    if form == "bare":
        return n, f"{n:,}{unit}"
    num = f"{n:,}"
    text = {
        "余": f"{num}余{unit}",
        "多": f"{num}多{unit}",
        "近": f"近{num}{unit}",
        "约": f"约{num}{unit}",
        "exact": f"{num}{unit}",
    }[form]
    return text, text


def _yaml_scalar(v: object) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {val}" for k, val in v.items()) + "}"
    return str(v)


def generate(
    out: Path, reports: int = 1000, seed: int = 7, year: int | None = None
) -> dict[str, int]:
    """Write a content tree of `reports` yearly reports under `out` (replaced if present).
    With `year`, every report is of that year (one per pairing): a year as full as it gets,
    for the yearly compilation's benchmark."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("units", "pairings", "reports", "pages"):
        (out / sub).mkdir(parents=True)
    lines = ["# 基准测试用成效指标目录（合成数据）"]
    for iid, name, unit, cat, aggregate, _, _ in INDICATORS:
        lines += [
            f"{iid}:",
            f"  name: {name}",
            f"  unit: {unit}",
            f"  category: {cat}",
            f"  aggregate: {aggregate}",
        ]
    (out / "indicators.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "pages" / "about.md").write_text(
        "---\ntitle: 关于本站\n---\n\n本站内容为基准测试生成的合成数据。\n", encoding="utf-8"
    )

    names = _Names(rng)
    units: dict[str, tuple[str, str, list[str]]] = {}
    supporters: dict[str, list[str]] = {s: [] for s in SECTORS}
    n_pairings = max(1, reports // 5)
    written, pid_n = 0, 0
    while written < reports:
        pid_n += 1
        sector = SECTORS[pid_n % len(SECTORS)]
        # Supporters help several recipients: reuse one two times in three.
        if supporters[sector] and rng.random() < 0.66:
            sid = rng.choice(supporters[sector])
        else:
            sid = f"zy-{len(units) + 1:05d}"
            units[sid] = _supporter(names, rng, sector)
            supporters[sector].append(sid)
        rids = []
        for _ in range(2 if rng.random() < 0.1 else 1):
            rid = f"sy-{len(units) + 1:05d}"
            units[rid] = _recipient(names, rng, sector)
            rids.append(rid)
        span = min(reports - written, max(1, round(rng.gauss(reports / n_pairings, 1.5))), 16)
        since = rng.randint(2004, 2024 - span)
        if year is not None:
            span, since = 1, year
        until = since + span - 1 + rng.randint(0, 2) if rng.random() < 0.3 else None
        pid = f"jd-{pid_n:05d}"
        p = [
            f"supporters: [{sid}]",
            f"recipients: [{', '.join(rids)}]",
            f"sector: {sector}",
            f"since: {since}",
        ]
        if until:
            p.append(f"until: {until}")
        p.append(f"modes: [{', '.join(rng.sample(T.SECTOR_WORDS[sector]['act'], 3))}]")
        (out / "pairings" / f"{pid}.yml").write_text("\n".join(p) + "\n", encoding="utf-8")
        for k in range(span):
            _write_report(out, rng, pid, since + k, k, sector, sid, rids, units)
            written += 1

    for uid, (name, kind, region) in units.items():
        u = [f"name: {name}", f"kind: {kind}", f"region: [{', '.join(region)}]"]
        if rng.random() < 0.2:
            u.append(f"contact: {{联系人: 张老师, 电话: 0871-{rng.randint(1000000, 9999999)}}}")
        (out / "units" / f"{uid}.yml").write_text("\n".join(u) + "\n", encoding="utf-8")
    return {
        "reports": written,
        "pairings": pid_n,
        "units": len(units),
        "indicators": len(INDICATORS),
    }


def _write_report(
    out: Path,
    rng: random.Random,
    pid: str,
    year: int,
    k: int,
    sector: str,
    sid: str,
    rids: list[str],
    units: dict[str, tuple[str, str, list[str]]],
) -> None:
    candidates = [i for i in INDICATORS if sector in i[5].split()]
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(4, 8)))
    chosen.sort(key=INDICATORS.index)
    figures, mentions = [], []
    for iid, name, unit, _, _, _, size in chosen:
        value, short = _figure(rng, iid, unit, size, k)
        figures.append(f"  {iid}: {_yaml_scalar(value)}")
        mentions.append(f"{name}{short}")
    slots = {"s": units[sid][0], "r": units[rids[0]][0], "y": str(year)}
    body, problems, plans = T.narrative(rng, sector, slots, mentions)
    front = [
        "---",
        f"author: {sid if rng.random() < 0.8 else rids[0]}",
        f"published: {year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
        "figures:",
        *figures,
        "problems:",
        *(f"  - {x}" for x in problems),
        "plans:",
        *(f"  - {x}" for x in plans),
        "---",
        "",
    ]
    folder = out / "reports" / str(year)
    folder.mkdir(exist_ok=True)
    (folder / f"{pid}.md").write_text("\n".join(front) + body, encoding="utf-8")


def edit_report(path: Path, n: int = 1) -> None:
    """One editor's edit: the report's first figure changed (its number +`n`) and one sentence
    added to its narrative, as the bench's incremental build and preview time it."""
    import re

    text = path.read_text(encoding="utf-8")
    edited = re.sub(
        r"(figures:\n  [a-z-]+: [^\d\n]*)(\d+)",
        lambda m: m.group(1) + str(int(m.group(2)) + n),
        text,
        count=1,
    )
    path.write_text(edited + f"\n本年度还补充了第{n}项工作说明。\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="生成基准测试用的合成内容目录（synthetic content tree）"
    )
    ap.add_argument("out", type=Path, help="输出目录（已存在则覆盖）")
    ap.add_argument("--reports", type=int, default=1000, help="年度总结篇数 N（默认 1000）")
    ap.add_argument("--seed", type=int, default=7, help="随机种子（默认 7）")
    ap.add_argument("--year", type=int, help="全部总结都属于这一年（年度汇编的基准）")
    args = ap.parse_args(argv)
    stats = generate(args.out, args.reports, args.seed, args.year)
    print(" ".join(f"{k}={v}" for k, v in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
