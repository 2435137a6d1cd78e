"""Phrase pools and the narrative builder for the synthetic benchmark corpus.

A yearly summary (~1,500 characters) is assembled from sentence templates
around the domain of paired assistance (支教, 查房, 技术培训, 核桃种植, 道路硬化 …),
with slots filled from word pools, so that pages differ the way real summaries
do (shared vocabulary, different wording). Figures are mentioned in the prose
exactly as the front matter gives them, so the consistency lint stays quiet.

Pure functions of a `random.Random`: no files, no clock, no generator imports.
Filler sentences carry no digits, so only the figure clauses read as figures.
"""

from __future__ import annotations

import random

SECTOR_WORDS: dict[str, dict[str, list[str]]] = {
    "health": {
        "act": [
            "带教查房",
            "手术示教",
            "疑难危重病例讨论",
            "专题讲座",
            "义诊下乡",
            "护理查房",
            "院感质控督导",
            "胃镜肠镜诊疗带教",
            "急诊急救演练",
            "慢病随访指导",
            "妇幼保健培训",
            "中医适宜技术推广",
        ],
        "obj": [
            "卫生院医务人员",
            "县医院骨干医师",
            "乡村医生",
            "护理人员",
            "检验科技术人员",
            "急诊科医生",
        ],
        "goal": [
            "常见病多发病就地诊治",
            "县域内就诊率提高",
            "基层首诊能力增强",
            "群众看病难问题缓解",
            "新技术新项目落地",
            "医疗质量和安全管理规范",
        ],
        "place": ["门诊", "病房", "手术室", "乡镇卫生院", "村卫生室", "急诊科"],
    },
    "education": {
        "act": [
            "驻点支教",
            "听课评课",
            "集体备课",
            "送教下乡",
            "教研活动",
            "示范课展示",
            "班主任经验交流",
            "小升初复习研讨",
            "校本课程开发",
            "学生结对帮扶",
            "图书角建设",
            "家访活动",
        ],
        "obj": ["青年教师", "骨干教师", "学科组长", "班主任", "教务管理人员", "乡村小学教师"],
        "goal": [
            "课堂教学质量提升",
            "教研氛围形成",
            "城乡教育均衡发展",
            "学生学习劲头更足",
            "学校管理规范化",
            "优质教育资源共享",
        ],
        "place": ["课堂", "教研室", "村小", "中心学校", "寄宿制学校", "教学点"],
    },
    "higher-education": {
        "act": [
            "学科建设",
            "联合培养博士硕士",
            "访问学者进修",
            "图书捐赠",
            "领导互访",
            "挂职锻炼",
            "合作科研",
            "教学名师讲学",
            "实验室共建",
            "研究生课程共享",
            "师资培训",
            "学术会议共办",
        ],
        "obj": ["青年教师", "学科带头人", "管理干部", "图书馆馆员", "实验技术人员", "研究生导师"],
        "goal": [
            "学科水平提升",
            "师资学历结构改善",
            "科研能力增强",
            "管理理念更新",
            "人才培养质量提高",
            "校际合作机制完善",
        ],
        "place": ["师范大学", "学院", "重点实验室", "研究生院", "图书馆", "教务处"],
    },
    "poverty-alleviation": {
        "act": [
            "道路硬化",
            "危房改造",
            "沼气池建设",
            "核桃种植",
            "农村实用技术培训",
            "劳务输出",
            "饮水工程",
            "村容村貌整治",
            "产业扶持",
            "科技活动室建设",
            "封山育林",
            "养殖示范",
        ],
        "obj": ["贫困农户", "村干部", "致富带头人", "留守妇女", "返乡青年", "种养大户"],
        "goal": [
            "群众出行条件改善",
            "农户增收致富",
            "村容村貌焕然一新",
            "基础设施短板补齐",
            "产业基础逐步形成",
            "自我发展能力增强",
        ],
        "place": ["村委会", "村民小组", "田间地头", "核桃基地", "养殖小区", "村内主干道"],
    },
    "industry": {
        "act": [
            "产业项目对接",
            "核桃深加工",
            "合作社培育",
            "技术培训",
            "消费扶贫",
            "招商引资",
            "品牌培育",
            "电商培训",
            "园区共建",
            "农产品展销",
            "订单农业",
            "冷链物流建设",
        ],
        "obj": ["合作社社员", "企业技术人员", "电商从业人员", "种植户", "养殖户", "返乡创业青年"],
        "goal": [
            "产业链条延伸",
            "农产品附加值提高",
            "就业岗位增加",
            "集体经济壮大",
            "特色品牌打响",
            "产销衔接顺畅",
        ],
        "place": ["产业园", "加工车间", "合作社", "电商服务站", "核桃基地", "展销会"],
    },
}

INTRO = [
    "{y}年，{s}认真贯彻对口支援工作部署，把帮扶{r}作为一项重要政治任务，坚持统筹谋划、突出重点、注重实效。",
    "一年来，在上级主管部门的关心指导下，{s}与{r}密切配合，围绕{g}的目标，扎实推进各项对口支援工作。",
    "{s}对口支援{r}进入新的阶段。我们坚持“输血”与“造血”相结合，以{a}为抓手，推动帮扶工作取得新进展。",
    "按照双方签订的协议，{s}成立了对口支援工作领导小组，由主要负责同志挂帅，明确分管领导和具体联络人员。",
    "{y}年是双方结对以来工作力度最大的一年。{s}主动对接{r}的实际需求，把有限的资源用在刀刃上。",
]

MEASURE = [
    (
        "**{a}常态化。** {s}结合{r}的需求制定年度计划，由{o}牵头，定期开展{a}，做到每月有安排、"
        "每季有检查。"
    ),
    (
        "**突出{a}。** 针对{o}的薄弱环节，我们组织专家深入{p}，手把手传授经验，"
        "帮助解决工作中的实际困难。"
    ),
    (
        "**推进{a}。** 双方共同研究制定实施方案，明确责任分工和时间节点，确保各项任务按期完成、"
        "取得实效。"
    ),
    (
        "**抓好{a}与{b}。** 支援方选派业务骨干蹲点指导，受援方安排{o}全程跟学，逐步形成可复制、"
        "可推广的做法。"
    ),
    (
        "**建立长效机制。** 双方建立联席会议、工作简报和信息通报制度，及时沟通情况，"
        "协调解决{a}中遇到的问题。"
    ),
    (
        "**加强{o}队伍建设。** 通过{a}、{b}等多种形式，帮助受援单位培养一支留得住、"
        "用得上的本土人才队伍。"
    ),
    "**注重资源共享。** {s}向{r}开放教学、科研和管理资源，把{a}的经验和资料第一时间送到{p}。",
    (
        "**强化督导检查。** 领导小组定期听取{a}进展汇报，深入{p}实地查看，对发现的问题建立台账、"
        "限期整改。"
    ),
]

RESULT = [
    "通过一年的努力，{r}的{o}业务水平明显提高，{g}，受到当地干部群众的普遍好评。",
    "{a}的开展使受援方逐步掌握了关键技术，{g}，对口支援由“给钱给物”转向“授人以渔”。",
    "双方在{b}方面的合作不断深化，{g}，为下一步工作打下了坚实基础。",
    "当地群众说，支援方的同志们真心实意办实事，{g}，大家看得见、摸得着。",
    "受援单位的管理制度更加健全，工作流程更加规范，{g}。",
]

PROBLEMS = [
    "帮扶工作的系统性和计划性有待加强，部分项目推进不够均衡",
    "受援方自身投入不足，部分项目后续运行维护资金没有着落",
    "支援人员轮换较快，部分工作的连续性受到影响",
    "对受援方{o}的培训内容与实际需求结合得还不够紧密",
    "交通条件限制，到{p}开展工作的频次不够",
    "成效评估手段单一，对{a}效果的跟踪问效不够",
    "宣传总结工作相对滞后，好的经验做法提炼推广不够",
    "双方信息沟通渠道还不够畅通，个别事项协调周期偏长",
]

PLANS = [
    "继续深化{a}，把工作重心进一步下移到{p}",
    "完善对口支援长效机制，推动帮扶从项目型向制度型转变",
    "加大对{o}的培养力度，多为受援方留下一支带不走的队伍",
    "围绕{g}的目标，谋划实施一批群众急需的实事项目",
    "加强跟踪问效，建立{a}成效评估和通报制度",
    "积极争取上级支持，动员社会力量共同参与对口支援",
    "总结推广{b}中的好做法，扩大帮扶工作的覆盖面和影响力",
]

DETAIL = [
    "在{a}中，{s}坚持问题导向，先摸清{r}的底数和需求，再确定帮扶内容和方式，避免“一刀切”。",
    "为了让{o}学得会、用得上，支援方把培训课堂搬到{p}，边讲解、边示范、边指导。",
    "{r}的同志反映，过去遇到难题只能干着急，现在有了支援方专家的远程指导，心里踏实多了。",
    "双方还围绕{b}开展专题调研，形成调研报告，为上级部门决策提供了参考。",
    "支援方干部克服高原缺氧、交通不便、生活艰苦等困难，长期扎根{p}，用实际行动诠释了对口支援的责任担当。",
    "我们注意把{a}同受援方的中心工作结合起来，做到帮扶不添乱、支援不越位。",
    "针对{o}外出学习机会少的问题，支援方提供免费食宿，安排跟班学习，并指定专人带教。",
    "受援方把{b}列入年度重点工作，主要领导亲自抓，形成了上下联动、齐抓共管的工作格局。",
    "在资金使用上，双方严格执行专款专用和公示制度，主动接受审计和群众监督，确保每一笔钱都用在实处。",
    "{s}还发动职工捐款捐物，为{r}送去学习用品、御寒衣物和常用药品，把温暖送到群众心坎上。",
    "通过{a}，受援方逐步建立起规范的工作台账和档案资料，管理水平上了一个台阶。",
    "双方约定，凡是支援方举办的业务培训和学术活动，均向{r}开放名额，做到同步学习、同步提高。",
]

LINKS = ["同时，", "此外，", "在此基础上，", "与此同时，", "另外，", "值得一提的是，", "", "", ""]
FIGURE_LEADS = ["全年", "本年度", "一年来共", "截至年底", "其间"]


def fill(
    rng: random.Random, template: str, slots: dict[str, str], words: dict[str, list[str]]
) -> str:
    """`template` with {s} {r} {y} fixed and {a} {b} {o} {g} {p} drawn from the sector's pools."""
    acts = rng.sample(words["act"], 2)
    return template.format(
        a=acts[0],
        b=acts[1],
        o=rng.choice(words["obj"]),
        g=rng.choice(words["goal"]),
        p=rng.choice(words["place"]),
        **slots,
    )


def narrative(
    rng: random.Random, sector: str, slots: dict[str, str], mentions: list[str], target: int = 1650
) -> tuple[str, list[str], list[str]]:
    """(Markdown narrative, problems, plans). `mentions` are figure clauses like `专题讲座80余次`,
    each placed in its own clause so the lint reads it as the figure it is."""
    words = SECTOR_WORDS[sector]
    problems = [fill(rng, t, slots, words) for t in rng.sample(PROBLEMS, rng.randint(2, 4))]
    plans = [fill(rng, t, slots, words) for t in rng.sample(PLANS, rng.randint(2, 4))]
    half = (len(mentions) + 1) // 2
    doing = [fill(rng, t, slots, words) for t in rng.sample(INTRO, 2)]
    measures = [f"- {fill(rng, t, slots, words)}" for t in rng.sample(MEASURE, rng.randint(4, 6))]
    if mentions[:half]:
        figs = "；".join(f"{rng.choice(FIGURE_LEADS)}{m}" for m in mentions[:half])
        measures.append(f"- **主要工作量。** {figs}。")
    results = [fill(rng, t, slots, words) for t in rng.sample(RESULT, 3)]
    if mentions[half:]:
        results.insert(1, "；".join(mentions[half:]) + "。")
    parts = [
        "## 主要做法",
        "",
        "".join(doing),
        "",
        *measures,
        "",
        "## 取得成效",
        "",
        "".join(results),
        "",
    ]
    text = "\n".join(parts)
    # Pad with more measures or results until the summary reaches its usual length.
    extra: list[str] = []
    details = rng.sample(DETAIL, len(DETAIL))
    while details and len(text) + sum(map(len, extra)) < target - 300:
        extra.append(rng.choice(LINKS) + fill(rng, details.pop(), slots, words))
    tail = [
        "",
        "".join(extra[: len(extra) // 2]),
        "",
        "".join(extra[len(extra) // 2 :]),
        "",
        "## 存在问题",
        "",
        "；".join(problems) + "。",
        "",
        "## 下一步打算",
        "",
        "".join(f"{i}. {p}。\n" for i, p in enumerate(plans, 1)),
    ]
    return text + "\n".join(tail), problems, plans
