"""The search relevance set: (query, expected report, rank it must reach), on two sites.

`EXAMPLE` runs on the repository's example content, `FIXTURE` on `FIXTURE_FILES`, a site
written for it: reports whose narrative is about a word beside others that merely name
it, words whose first character is common (会诊 among 会议), compounds (技术培训),
numbers with units next to longer numbers (70余万元 beside 700亩), short names,
places, synonyms. Read by tests/search/test_search_relevance.py (in Chromium, served and
offline builds) and bench/search_relevance.py (hit@1 / hit@3 per engine). Test-only.
"""

from __future__ import annotations

TOP, BROAD = 3, 5
"""Rank the expected report must reach: top 3, top 5 for broad words (培训, 医院)."""

# (query, expected report URL, rank limit, what it covers)
EXAMPLE: list[tuple[str, str, int, str]] = [
    ("会诊", "reports/2011/pingwu-chengxiang-yiyuan/", TOP, "first character common (会)"),
    ("进修", "reports/2015/weiyuan-huichuan/", BROAD, "first character common (进)"),
    ("图书", "reports/2009/huadong-xinjiang-shida/", TOP, "first character common (图)"),
    ("带教", "reports/2012/meitan-zhongyiyuan-xinglong/", TOP, "first character common (带)"),
    ("义诊", "reports/2015/weiyuan-huichuan/", TOP, "word"),
    ("手术示教", "reports/2012/meitan-zhongyiyuan-xinglong/", TOP, "four characters"),
    ("培训", "reports/2009/nanhui-shazipo/", BROAD, "broad word, inside 技术培训"),
    ("医院", "reports/2011/pingwu-chengxiang-yiyuan/", BROAD, "broad word"),
    ("卫生院", "reports/2015/weiyuan-huichuan/", BROAD, "inside 乡镇卫生院"),
    ("师范大学", "reports/2009/huadong-xinjiang-shida/", TOP, "inside 华东师范大学"),
    ("胃镜", "reports/2011/pingwu-chengxiang-yiyuan/", TOP, "word in a list"),
    ("核桃", "reports/2009/nanhui-songshuping/", TOP, "word"),
    ("支教", "reports/2010/yanshan-shiyan-xinhua/", TOP, "word"),
    ("扶贫开发", "reports/2009/nanhui-shazipo/", TOP, "compound in the title"),
    ("70万元", "reports/2011/pingwu-chengxiang-yiyuan/", TOP, "number+unit, written 70余万元"),
    ("2万元", "reports/2009/nanhui-wenshan/", TOP, "number+unit"),
    ("近100人", "reports/2011/pingwu-chengxiang-yiyuan/", TOP, "approximate figure"),
    ("文山", "reports/2009/nanhui-wenshan/", TOP, "place"),
    ("湄潭", "reports/2012/meitan-zhongyiyuan-xinglong/", TOP, "place"),
    ("宜良", "reports/2013/yiliang-hongshizihui-xiangzhen/", TOP, "place"),
    ("渭源", "reports/2015/weiyuan-huichuan/", TOP, "place"),
    ("钟山区", "reports/2014/zhongshan-dahe/", TOP, "place"),
    ("华东师大", "reports/2009/huadong-xinjiang-shida/", TOP, "unit's short name"),
    ("砚山实小", "reports/2010/yanshan-shiyan-xinhua/", TOP, "unit's short name"),
    ("南汇区", "reports/2009/nanhui-wenshan/", TOP, "unit's short name"),
    ("公路", "reports/2009/nanhui-shazipo/", TOP, "synonym (道路)"),
    ("远程会诊", "reports/2011/pingwu-chengxiang-yiyuan/", TOP, "nowhere whole: its words"),
]

FIXTURE_FILES: dict[str, str | bytes] = {
    "indicators.yml": (
        "trainings: {name: 技术培训, unit: 人次, category: 人才培养}\n"
        "consults: {name: 远程会诊, unit: 次, category: 医疗服务}\n"
        "funds: {name: 援助资金, unit: 元, category: 资金投入}\n"
        "planted: {name: 种植面积, unit: 亩, category: 产业发展}\n"
        "books: {name: 捐赠图书, unit: 册, category: 图书资料}\n"
    ),
    "synonyms.yml": "公路: [道路]\n义诊: [巡诊]\n",
    "units/sh-hospital.yml": (
        "name: 上海市第六人民医院\nshort_name: 六院\nkind: hospital\nregion: [上海市, 徐汇区]\n"
    ),
    "units/ws-hospital.yml": (
        "name: 文山州人民医院\nkind: hospital\nregion: [云南省, 文山壮族苗族自治州, 文山市]\n"
    ),
    "units/gy-school.yml": (
        "name: 贵阳市第一中学\nshort_name: 贵阳一中\nkind: school\nregion: [贵州省, 贵阳市]\n"
    ),
    "units/bj-school.yml": (
        "name: 北京市第八中学\nshort_name: 北京八中\nkind: school\nregion: [北京市]\n"
    ),
    "units/chayu.yml": "name: 察隅县\nkind: county\nregion: [西藏自治区, 林芝市, 察隅县]\n",
    "units/suzhou.yml": "name: 苏州市\nkind: government\nregion: [江苏省, 苏州市]\n",
    "units/kashi-school.yml": (
        "name: 喀什第二中学\nkind: school\nregion: [新疆维吾尔自治区, 喀什地区]\n"
    ),
    "units/zju.yml": (
        "name: 浙江大学\nshort_name: 浙大\nkind: university\nregion: [浙江省, 杭州市]\n"
    ),
    "units/ys-hospital.yml": (
        "name: 玉树州人民医院\nkind: hospital\nregion: [青海省, 玉树藏族自治州]\n"
    ),
    "pairings/liuyuan-wenshan.yml": (
        "supporters: [sh-hospital]\nrecipients: [ws-hospital]\nsector: health\nsince: 2018\n"
    ),
    "pairings/liuyuan-yushu.yml": (
        "supporters: [sh-hospital]\nrecipients: [ys-hospital]\nsector: health\nsince: 2020\n"
    ),
    "pairings/bazhong-guiyang.yml": (
        "supporters: [bj-school]\nrecipients: [gy-school]\nsector: education\nsince: 2019\n"
    ),
    "pairings/suzhou-chayu.yml": (
        "supporters: [suzhou]\nrecipients: [chayu]\nsector: poverty-alleviation\nsince: 2018\n"
    ),
    "pairings/zheda-kashi.yml": (
        "supporters: [zju]\nrecipients: [kashi-school]\nsector: education\nsince: 2020\n"
    ),
    "reports/2021/liuyuan-wenshan.md": (
        "---\nfigures:\n  consults: 120余次\n  funds: 70余万元\n---\n\n## 主要做法\n\n"
        "建成远程会诊中心，两院专家每周连线，全年开展远程会诊120余次，疑难病例会诊后就地治疗。"
        "捐赠会诊设备，价值70余万元。\n\n## 取得成效\n\n转诊外地的病人明显减少。\n"
    ),
    "reports/2022/liuyuan-wenshan.md": (
        "---\nfigures:\n  trainings: 40人次\n---\n\n## 主要做法\n\n"
        "召开工作会议3次，会上商定进修计划。文山州人民医院选派12名医生到六院进修半年，"
        "进修医生回院后开展新技术8项。进修期间两院召开座谈会、总结会，会后形成进修管理办法。\n"
    ),
    "reports/2021/bazhong-guiyang.md": (
        "---\nfigures:\n  trainings: 60人次\n---\n\n## 主要做法\n\n"
        "北京八中派出骨干教师带教贵阳一中青年教师，师徒结对12对，带教老师每周听课评课，"
        "带着徒弟备课、上课。一年带教下来，青年教师在市级比赛中获奖5人。\n"
    ),
    "reports/2021/suzhou-chayu.md": (
        "---\nfigures:\n  planted: 700亩\n  funds: 2000万元\n---\n\n## 主要做法\n\n"
        "苏州市援助资金2000万元，硬化村组道路12公里，修通察隅县三个村的通村道路。"
        "引导农户种植核桃700亩，核桃成为村里的主要产业。\n"
    ),
    "reports/2022/suzhou-chayu.md": (
        "---\nfigures:\n  trainings: 1500人次\n---\n\n## 主要做法\n\n"
        "举办农牧民技术培训15期、1500人次，培训内容包括核桃管护、牦牛养殖和电商销售；"
        "组织察隅县干部到苏州市挂职培训。培训后一半学员开了网店。\n"
    ),
    "reports/2021/zheda-kashi.md": (
        "---\nfigures:\n  books: 3万余册\n---\n\n## 主要做法\n\n"
        "浙江大学向喀什第二中学捐赠图书3万余册，建成图书室和电子阅览室，培训图书管理员2名。"
        "图书按学科分类上架，学生借阅图书的人次翻了一番。\n"
    ),
    "reports/2022/zheda-kashi.md": (
        "---\nfigures:\n  trainings: 200人次\n---\n\n## 主要做法\n\n"
        "浙大研究生支教团8人到喀什第二中学支教一年，承担数学、物理和信息技术课程，"
        "支教团还开设了周末兴趣课。\n"
    ),
    "reports/2022/liuyuan-yushu.md": (
        "---\nfigures:\n  trainings: 300人次\n---\n\n## 主要做法\n\n"
        "六院医疗队到玉树州人民医院驻点半年，深入牧区巡诊，为牧民体检2000人，"
        "高原病筛查和健康宣教同步进行。\n"
    ),
    "pages/about.md": (
        "# 关于\n\n本站汇集对口支援年度工作总结，可按年度、地区和单位浏览，"
        "也可搜索会议纪要以外的内容。\n"
    ),
}

FIXTURE: list[tuple[str, str, int, str]] = [
    ("会诊", "reports/2021/liuyuan-wenshan/", TOP, "会 common (会议, 会上, 会后)"),
    ("远程会诊", "reports/2021/liuyuan-wenshan/", TOP, "four characters; also an indicator's name"),
    ("进修", "reports/2022/liuyuan-wenshan/", TOP, "first character common"),
    ("带教", "reports/2021/bazhong-guiyang/", TOP, "带 common (带着)"),
    ("培训", "reports/2022/suzhou-chayu/", BROAD, "broad; inside 技术培训, 挂职培训"),
    ("技术培训", "reports/2022/suzhou-chayu/", TOP, "compound; also an indicator's name"),
    ("70万元", "reports/2021/liuyuan-wenshan/", TOP, "written 70余万元; 700亩 elsewhere"),
    ("2000万元", "reports/2021/suzhou-chayu/", TOP, "number+unit"),
    ("公路", "reports/2021/suzhou-chayu/", TOP, "synonym (道路)"),
    ("义诊", "reports/2022/liuyuan-yushu/", TOP, "synonym (巡诊)"),
    ("北京八中", "reports/2021/bazhong-guiyang/", TOP, "unit's short name"),
    ("六院", "reports/2022/liuyuan-yushu/", TOP, "unit's short name"),
    ("浙大", "reports/2022/zheda-kashi/", TOP, "unit's short name"),
    ("察隅", "reports/2021/suzhou-chayu/", TOP, "place"),
    ("喀什", "reports/2021/zheda-kashi/", TOP, "place"),
    ("玉树", "reports/2022/liuyuan-yushu/", TOP, "place"),
    ("图书", "reports/2021/zheda-kashi/", TOP, "first character common; indicator 捐赠图书"),
    ("支教", "reports/2022/zheda-kashi/", TOP, "word"),
    ("核桃", "reports/2021/suzhou-chayu/", TOP, "word"),
    ("医疗卫生 进修", "reports/2022/liuyuan-wenshan/", TOP, "two words: a sector and a word"),
    ("培训 2022", "reports/2022/suzhou-chayu/", TOP, "a word and a year"),
    ("７０万元", "reports/2021/liuyuan-wenshan/", TOP, "full-width digits"),
]

NOT_FOUND: list[tuple[str, str]] = [
    ("70万元", "reports/2021/suzhou-chayu/"),  # 700亩 and 2000万元 are not 70万元
    ("会诊", "reports/2022/liuyuan-wenshan/"),  # 会议, 会上, 会后 are not 会诊
]
"""(query, page) pairs that must not be found at all on the fixture site."""

EXAMPLE_NOT_FOUND: list[tuple[str, str]] = [
    ("支教", "reports/2009/jiangjin-longshan-zhijiao/"),  # internal: not in the public build
    ("北京师范大学", "reports/2009/beishida-xinjiang-shida/"),  # a draft
]
"""(query, page) pairs the public example build must not find."""
