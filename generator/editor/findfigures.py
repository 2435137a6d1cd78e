"""Find the figures of a summary for the Word import: which indicator, how sure, or none.

Every number written with a unit (`80余次`, `70余万元`, `3800（人）次`) is a figure. Its
indicator is judged from the words around it, scored for each indicator whose unit the
figure converts to:

- **keywords** (an indicator's name, the name without a bracketed qualifier, its last
  words, the synonyms below): the one nearest the number counts most — first in the
  same item (`甘蔗460亩`), then just after the figure (`26名骨干教师攻读博士学位`), then
  earlier in the clause or sentence (`派驻……人员近100人`);
- **shared character pairs** between the indicator's name and the clause around the
  number, which separate names a keyword does not (`次干道` vs `主干道`).

The best score is taken only when it is clear ahead of the next: otherwise the figure
is a *question* (commented, with the candidates), since a wrong indicator is worse than
none. A figure no indicator fits is proposed as a new indicator, named from the words
before it. The basis is cumulative when the sentence says so before the number (累计,
截至, 至今, 以来, 四年来 …).

Shared with nothing else: the consistency lint keeps its own stricter finder
(`content/validate/mentions.py`). This module must not read files or import MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from generator.content.figures import Basis, FigureError, parse_figure
from generator.content.model import Indicator
from generator.content.units import UnitError, convert
from generator.content.validate.mentions import _NUMBER, SYNONYMS, _parsed_unit, _unit_at
from generator.content.validate.words import cut_words
from generator.editor.numerals import NUMERAL_CHARS, NumeralError, arabic, parse_numeral

__all__ = ["Found", "find_figures", "part_label"]

EXTRA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "staff-dispatched": ("下派", "派遣", "支教"),
    "units-supported": ("所支援的", "受援单位"),
    "village-meetings": ("群众会", "村民代表大会", "村民代表会", "村干部会"),
    "meeting-attendance": ("参会", "群众会", "村民代表大会", "村民代表会"),
    "houses-beautified": ("墙体粉刷", "外立面", "立面整治"),
    "four-supporting": ("四配套",),
    "local-funds": ("自筹", "群众自筹"),
    "pigs": ("猪", "生猪", "养猪"),
    "poultry": ("禽", "家禽", "养禽", "鸡"),
    "cattle": ("牛", "肉牛", "养牛"),
    "livestock": ("养牛", "养猪", "养羊", "牛", "猪", "羊", "牲畜", "生猪"),
    "crops-planted": ("种植",),
    "equipment-donated": ("捐助", "捐赠", "捐献"),
    "training-sessions": ("培训班", "培训"),
    "trainees": ("培训",),
    "students-aided": ("资助贫困学生", "贫困学生"),
    "student-aid": ("资助贫困学生",),
    "phd-applicants": ("报考",),
    "visiting-scholars-planned": ("进修访学", "访学"),
    "school-donation": ("配套设施",),
    "visiting-lecturers": ("讲学",),
    "lectures": ("讲座",),
    "delegation-size": ("带领", "率团", "代表团", "考察团", "出访"),
    "cadres-sent": ("担任",),  # 派出一名干部到我校担任副校长: a post held is a cadre's
}
"""More wordings, for the import only (the lint's `SYNONYMS` are kept few on purpose)."""

# Words too common to point at one indicator by themselves.
_GENERIC = {
    "人员",
    "人数",
    "金额",
    "资金",
    "面积",
    "长度",
    "数量",
    "项目",
    "建设",
    "工作",
    "情况",
    "教师",
    "学生",
    "学习",
    "干部",
    "医生",
    "设施",
    "设备",
    "单位",
    "支援",
    "受援",
    "新建",
    "群众",  # 参会群众 vs 义诊群众: the people, not what was done with them
}
# A keyword that names money in general: a purpose named right after the figure wins
# (`捐资2万元，资助贫困学生40名` is student aid, not a donation of its own).
_WEAK = {"捐资", "捐款", "捐助", "捐赠", "投入", "投入资金", "价值"}
_HARD = "，。；;！？!?\n：:,"
_SOFT = "、和及与"
_SENTENCE = "。；;！？!?\n"
_CUMULATIVE = re.compile(r"累计|截至|截止|至今|以来|年来|迄今")
_PERSON_TIMES = "（人）次"
_FUTURE = re.compile(r"将(?:于|在|要|会|派|选|组织|开展|举办)|计划|拟|预计|准备|争取")


@dataclass(frozen=True)
class Found:
    """One figure of the text, with the indicator judged for it (or none)."""

    start: int
    """Offset of the number in the text."""
    raw: str
    """As written in the text (`3800（人）次`)."""
    written: str
    """In short form for `figures:` (`3800人次`, `累计26名`)."""
    basis: Basis
    indicator: str | None
    """The indicator, when sure; `None` when unsure or when none fits."""
    candidates: tuple[str, ...]
    """When unsure: the indicators it may be, best first (empty: none fits)."""
    context: str
    """The clause it came from."""
    label: str
    """The words naming what is counted (`种植烤烟`), for a new indicator's name."""
    unit: str


@dataclass(frozen=True)
class _Table:
    keywords: dict[str, tuple[str, ...]]
    lengths: tuple[int, ...]
    pairs: dict[str, frozenset[str]]
    names: dict[str, str]


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {text[i : i + 2] for i in range(len(text) - 1) if " " not in text[i : i + 2]}


@lru_cache(maxsize=16)
def _table(catalogue: tuple[tuple[str, str], ...]) -> _Table:
    found: dict[str, set[str]] = {}
    tails: dict[str, set[str]] = {}

    def add(word: str, iid: str, short: bool = False, into: dict[str, set[str]] = found) -> None:
        word = word.strip("“”\"' ")
        if (len(word) >= 2 or short) and word not in _GENERIC:
            into.setdefault(word, set()).add(iid)

    bares = [re.sub(r"[（(][^）)]*[）)]", "", name).strip("“”\"' ") for _, name in catalogue]
    cuts = iter(cut_words(tuple(b for b in bares if b)))
    pairs: dict[str, frozenset[str]] = {}
    for (iid, name), bare in zip(catalogue, bares, strict=True):
        add(name, iid)
        add(bare, iid)
        words = [w for w in next(cuts) if w.strip("“”\"' ")] if bare else []
        for i in range(1, len(words)):
            add("".join(words[i:]), iid, into=tails)  # every tail: `种植烤烟` → `烤烟`
        synonyms = (*SYNONYMS.get(iid, ()), *EXTRA_SYNONYMS.get(iid, ()))
        for word in synonyms:
            add(word, iid, short=True)
        pairs[iid] = frozenset(_bigrams(bare) | {p for w in synonyms for p in _bigrams(w)})
    for word, ids in tails.items():
        # A tail three names share (`培训`) names a family, not an indicator.
        if len(ids) < 3 and word not in found:  # a name or synonym of the word stays its own
            found[word] = ids
    keywords = {k: tuple(sorted(v)) for k, v in found.items()}
    lengths = tuple(sorted({len(k) for k in keywords}, reverse=True))
    return _Table(keywords, lengths, pairs, dict(catalogue))


def _fits(written: str, indicators: Mapping[str, Indicator]) -> set[str]:
    """Indicators whose unit the figure converts to."""
    try:
        parsed = parse_figure(written)
    except FigureError:
        return set()
    out = set()
    for iid, ind in indicators.items():
        unit = _parsed_unit(parsed.unit) if parsed.unit else ind.unit
        if unit is None:
            continue
        try:
            convert(parsed.value, unit, ind.unit)
        except UnitError:
            continue
        out.add(iid)
    return out


def _back(text: str, stops: str) -> int:
    i = len(text)
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return i


def _forward(text: str, stops: str) -> int:
    i = 0
    while i < len(text) and text[i] not in stops:
        i += 1
    return i


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` begins. A paragraph break ends a sentence only after
    end punctuation or a heading: Word files split sentences across paragraphs (`另\n\n有6名`)."""
    i = pos
    while i > 0:
        ch = text[i - 1]
        if ch in "。！？!?":
            return i
        if ch == "\n":
            before = text[:i].rstrip()
            line = before[before.rfind("\n") + 1 :]
            if not before or before[-1] in "。；;！？!?：:" or line.startswith(("#", "-", "|")):
                return i
        i -= 1
    return 0


def _before(text: str, table: _Table, fits: set[str]) -> list[tuple[str, int]]:
    """Keywords ending in `text` whose indicators fit, nearest the end first, with the gap."""
    out = []
    end = len(text)
    while end > 0:
        for size in table.lengths:
            word = text[end - size : end] if size <= end else ""
            if word in table.keywords and set(table.keywords[word]) & fits:
                if len(word) == 1 and end != len(text):
                    continue  # a one-character word (猪, 禽) only right before the number
                out.append((word, len(text) - end))
                break
        end -= 1
    return out


def _after(text: str, table: _Table, fits: set[str]) -> list[tuple[str, int]]:
    """Keywords starting in `text` whose indicators fit, nearest the start first."""
    out = []
    for start in range(len(text)):
        for size in table.lengths:
            word = text[start : start + size]
            if len(word) == size and size > 1 and word in table.keywords:
                if set(table.keywords[word]) & fits:
                    out.append((word, start))
                    break
    return out


_CN_NUMBER = re.compile(rf"(?P<mark>[近约])?(?P<cn>[{NUMERAL_CHARS}]+)(?P<more>[余多])?")
# Before a Chinese numeral, these make it no count: an ordinal (第三), a determiner (这两个,
# 每一名, 同一个), an estimate (数十名, 几百人) or a word holding the numeral (统一, 唯一).
_CN_NOT_AFTER = set("第这那每各某同统唯之前后上下头哪任数几逐万千百十")
# `一` as an article, not a count: 作为一名支教老师, 是一项使命, 成为一名.
_ARTICLE_AFTER = ("为", "是")
# Units that after a bare 一 make an idiom (一批人才, 一方群众, 一部分, 一次性, 一天).
_ONE_IDIOM_UNITS = {"批", "方", "部", "次", "天", "门", "家", "条", "处", "份", "张"}
_NOT_A_THING = ("方面", "环节", "阶段", "层面", "原则", "目标", "结合", "意识", "转变")


def _numbers(text: str) -> list[tuple[int, int, str, str]]:
    """Every number that may carry a unit: (start, end, as written, short form). Arabic
    digits as the figure grammar has them; Chinese numerals read into Arabic (`六万余` →
    `6万余`, `两` → `2`); numerals that are words (`统一`, `三四名`, `千名医师`) left out."""
    out = [(m.start(), m.end(), m.group(0), m.group(0)) for m in _NUMBER.finditer(text)]
    for m in _CN_NUMBER.finditer(text):
        cn, mark, more = m.group("cn"), m.group("mark") or "", m.group("more") or ""
        before = text[m.start() - 1 : m.start()] if m.start() else ""
        if before in _CN_NOT_AFTER or (before and before in NUMERAL_CHARS):
            continue
        if mark and cn[0] in "百千万":
            cn = "一" + cn  # 近百名, 约千人
        try:
            value = parse_numeral(cn)
        except NumeralError:
            continue
        if cn == "一":
            unit = _unit_at(text, m.end())
            if before in _ARTICLE_AFTER or unit in _ONE_IDIOM_UNITS:
                continue
            if unit and text[m.end() + len(unit) : m.end() + len(unit) + 1] in ("性", "分"):
                continue
        out.append((m.start(), m.end(), m.group(0), mark + arabic(value) + more))
    return sorted(out)


def _has_number(text: str, fits: set[str], indicators: Mapping[str, Indicator]) -> bool:
    """Whether `text` holds a figure that one of `fits` could take (`沼气池建设10口` before
    `四配套建设86户` does not: 口 is no 户)."""
    for _s, end, _r, number in _numbers(text):
        unit = _unit_at(text, end)
        if unit and _fits(number + unit, indicators) & fits:
            return True
    return False


def find_figures(text: str, indicators: Mapping[str, Indicator]) -> list[Found]:
    """Every figure in `text`, in order, with its indicator when the words make it clear."""
    table = _table(tuple((i.id, i.name) for i in indicators.values()))
    out: list[Found] = []
    for start, end, raw, number in _numbers(text):
        unit = _unit_at(text, end)
        if text.startswith(_PERSON_TIMES, end):
            unit = "人次"
            raw_unit = _PERSON_TIMES
        elif unit is None:
            continue
        else:
            raw_unit = unit
        if text[start - 1 : start] in "第—－-~～至" and start > 0:
            continue  # an ordinal, or the end of a range (1—2个)
        if unit == "个" and text[end + 1 : end + 2] == "月":
            continue
        after_unit = end + len(raw_unit)
        if text.startswith(_NOT_A_THING, after_unit) or (
            number != raw and unit == "方"  # 三方协议: a party, not cubic metres
        ):
            continue
        sentence = text[_sentence_start(text, start) : start]
        basis = _basis(text, sentence, start)
        short = number + unit
        written = ("累计" if basis is Basis.CUMULATIVE else "") + short
        fits = _fits(short, indicators)
        clause = text[:start][_back(text[:start], _HARD) :]
        item = clause[_back(clause, _SOFT) :]
        rest = text[after_unit:]
        tail = rest[: _forward(rest, _HARD + _SOFT)]
        next_clause = rest[1 : 1 + _forward(rest[1:], _HARD)] if rest[:1] in "，," else ""
        head = _list_head(text, start, clause, unit)
        iid, candidates = _judge(
            item, clause, sentence, tail, next_clause, table, fits, head, indicators
        )
        context = (clause + raw + raw_unit + tail).strip()
        label = _label(item or clause)
        out.append(
            Found(start, raw + raw_unit, written, basis, iid, candidates, context, label, unit)
        )
    return out


_MULTI_YEAR = re.compile(r"[两二三四五六七八九十几多]年来|以来|多年")
_THIS_YEAR = re.compile(r"今年|本年|全年|当年|年度|上半年|下半年")


def _basis(text: str, sentence: str, start: int) -> Basis:
    """Cumulative when the sentence says so before the number (累计, 截至, 至今, 四年来), or
    says 已 (已派出) in a summary of several years (四年来 written before) without naming
    this year; 每年 right before the number is a yearly figure whatever the sentence says."""
    clause = sentence[_back(sentence, _HARD) :]
    if "每年" in clause:
        return Basis.ANNUAL
    if _CUMULATIVE.search(sentence):
        return Basis.CUMULATIVE
    before = text[: start - len(sentence)]
    if "已" in sentence and not _THIS_YEAR.search(sentence) and _MULTI_YEAR.search(before):
        return Basis.CUMULATIVE
    return Basis.ANNUAL


def _list_head(text: str, start: int, clause: str, unit: str) -> str:
    """The clause that starts a run of parallel items (`捐助无影灯2台，胃镜2台，肠镜2台`):
    when this clause is only a name and the figure, and the clauses before it in the
    sentence are each a name and a figure in the same unit, the first of them, whose
    verb (捐助) is every item's. Empty otherwise."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,8}", clause.strip()):
        return ""
    head = ""
    pos = start - len(clause)
    while pos > 1 and text[pos - 1] in "，,、":
        prev_end = pos - 1
        prev_start = _back(text[:prev_end], _HARD + "、")
        prev = text[prev_start:prev_end]
        nums = [n for n in _numbers(prev) if _unit_at(prev, n[1]) == unit]
        if len(nums) != 1 or not prev.endswith(unit) or nums[0][1] + len(unit) != len(prev):
            break
        head = prev[: nums[0][0]]
        pos = prev_start
    return head


def _judge(
    item: str,
    clause: str,
    sentence: str,
    tail: str,
    next_clause: str,
    table: _Table,
    fits: set[str],
    head: str,
    indicators: Mapping[str, Indicator],
) -> tuple[str | None, tuple[str, ...]]:
    """The indicator when clear, else (None, candidates best first)."""
    if not fits:
        return None, ()
    score: dict[str, float] = {}
    window = _bigrams(clause + tail)
    for iid in fits:
        shared = len(table.pairs.get(iid, frozenset()) & window)
        if shared:
            score[iid] = shared * 0.5
    earlier = sentence[: len(sentence) - len(clause)]
    earlier = earlier[_back(earlier[:-1], _HARD + "；") :]  # the clause just before, only
    # An earlier clause's keyword, only when no other figure stands between (`危房改造5户，
    # 沼气池建设10口，四配套建设86户`: 危房改造 is 5户's, not 86户's).
    far = [
        h
        for h in _before(earlier, table, fits)
        if not _has_number(earlier[len(earlier) - h[1] :], fits, indicators)
    ]
    if head and not far:
        # An item of a parallel run: the run's first clause names what all of them are.
        far = _before(head, table, fits)
    tiers = (
        (_before(item, table, fits), 6.0),
        (_after(tail, table, fits), 5.0),
        (_before(clause[: len(clause) - len(item)], table, fits), 4.0),
        (far, 3.0),
    )
    first: str | None = None
    chosen: set[str] = set()
    for n, (hits, weight) in enumerate(tiers):
        if not hits:
            continue
        word, _gap = hits[0]
        first = word
        chosen = set(table.keywords[word]) & fits
        if n > 0 and any(not (set(table.keywords[w]) & chosen) for w, _ in hits[1:]):
            # Farther from the number, two keywords naming different things: no guess.
            named = {i for w, _ in hits for i in set(table.keywords[w]) & fits}
            return None, tuple(sorted(named))[:3]
        after = tiers[1][0]
        plan = bool(_FUTURE.search(clause[-10:]))
        if (
            n == 0
            and after
            and not plan
            and not any(set(table.keywords[w]) & chosen for w, _ in after)
        ):
            # The verb before says one thing, the words after another (`派出了两名处级干部
            # 前往……挂职学习`: dispatched staff, or cadres hosted?): a question.
            named = chosen | {i for w, _ in after for i in set(table.keywords[w]) & fits}
            return None, tuple(sorted(named))[:3]
        for iid in chosen:
            score[iid] = score.get(iid, 0) + weight + len(word) * 0.1
        if first in _WEAK and next_clause:
            purpose = _after(next_clause[:8], table, fits)
            if purpose and purpose[0][1] <= 1:
                for iid in chosen:
                    score[iid] -= weight  # the purpose named next says what the money was
                for iid in set(table.keywords[purpose[0][0]]) & fits:
                    score[iid] = score.get(iid, 0) + weight
        break
    if not score:
        return None, ()
    if _FUTURE.search(clause[-10:]):
        # A plan is not a result: only an indicator of plans may take it, named by a keyword
        # near the number (`将派出……教师前往三所院校进修访学`); anything else is a question.
        near = {
            i
            for hits in (_before(item, table, fits), _after(tail, table, fits))
            for w, _ in hits
            for i in table.keywords[w]
        }
        plans = [k for k in near & fits if "计划" in table.names.get(k, "")]
        if len(plans) != 1:
            return None, tuple(sorted(score, key=lambda k: (-score[k], k))[:3])
        return plans[0], ()
    ranked = sorted(score, key=lambda k: (-score[k], k))
    best = score[ranked[0]]
    second = score[ranked[1]] if len(ranked) > 1 else 0.0
    if best >= 3.0 and best - second >= 1.0:
        return ranked[0], ()
    return None, tuple(ranked[:3])


_VERBS = re.compile(
    r"^(?:共计|全年|共|累计|开展|召开|进行|实施|完成|组织|新建|建设|投入|其中|另有|已有|年|共有)+"
)


def _label(words: str) -> str:
    """What a figure counts, from the words before it: `开展农业技术培训` → `农业技术培训`,
    `浇灌村内主干道2800米` → `浇灌村内主干道` (an earlier figure of the same item left out)."""
    words = _strip_figures(words)
    words = re.sub(r"[\s“”\"'（）()/0-9A-Za-z.,]+", "", words)[-12:]
    words = re.sub(r"(?:共计|合计|总计|共|达|约|近)+$", "", words) or words
    return _VERBS.sub("", words)


_PART_VERBS = re.compile(r"种植|养殖|饲养|捐助|捐赠|捐献|赠送|新建|修建|浇灌|^种|^养")


def part_label(label: str) -> str:
    """The label of one item of a list (`种植烤烟` → `烤烟`, `向受援医院捐助无影灯` → `无影灯`,
    `养牛` → `牛`): the thing, since the indicator's name already says what was done with it."""
    return _PART_VERBS.split(label)[-1] or label


def _strip_figures(words: str) -> str:
    for start, end, _raw, _n in reversed(_numbers(words)):
        unit = _unit_at(words, end) or ""
        words = words[:start] + words[end + len(unit) :]
    return words
