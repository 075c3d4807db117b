"""Set phrases of political and administrative language that a title line never breaks inside.

jieba knows words, not the phrases of the genre: it cuts "三中全会精神" into 三中全会 / 精神 and "营商环境" into
营商 / 环境, and a break between them reads as a typesetting accident. The lexicon below was gathered from the
titles in tests/data/titles/titles.yaml and from the phrases office writers keep whole; the patterns cover the
open families (第N届, N届N次全体（扩大）会议, 2023年度, 二十届三中全会精神, 张三同志, “短引语”).

The lexicon only *protects*: it forbids breaks inside a span and never adds break points, so the jieba cut
stays exactly jieba's own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

PHRASES: tuple[str, ...] = (
    # doctrine and standing formulas
    "习近平新时代中国特色社会主义思想",
    "中国特色社会主义",
    "中国式现代化",
    "全面从严治党",
    "管党治党",
    "党风廉政建设",
    "反腐败斗争",
    "中央八项规定",
    "意识形态",
    "主体责任",
    "第一责任人",
    "主题教育",
    "不忘初心、牢记使命",
    "理论学习中心组",
    "深入学习贯彻",
    "学习贯彻",
    "贯彻落实",
    "党的建设",
    "基层党建",
    "作风建设",
    "不正之风",
    "创先争优",
    "两优一先",
    "决策部署",
    "重点工作",
    "全面深化改革",
    "高质量发展",
    "新质生产力",
    "经济社会",
    "营商环境",
    "民营经济",
    "统一大市场",
    "乡村振兴",
    "脱贫攻坚",
    "巩固拓展",
    "有效衔接",
    "有效连接",
    "共同富裕",
    "文化旅游",
    "宣传思想文化",
    "安全生产",
    "森林草原",
    "防灭火",
    "招商引资",
    "项目建设",
    "文明城市",
    "城市管理",
    "城乡管理",
    "综合执法",
    "专项整治",
    "集中整治",
    "能力提升",
    "劳动模范",
    "党政正职",
    "述职评议",
    "长江经济带",
    "排头兵",
    "领头羊",
    "新局面",
    "新台阶",
    "新篇章",
    "扶贫开发",
    "农村工作",
    "经济工作",
    "县直有关单位",
    "市直有关单位",
    "镇党委",
    # meetings and occasions: the name of the kind of meeting is one unit
    "全体会议",
    "扩大会议",
    "常委会",
    "全委会",
    "领导小组",
    "工作会议",
    "电视电话会议",
    "动员大会",
    "表彰大会",
    "誓师大会",
    "推进会",
    "推动会",
    "动员会",
    "部署会",
    "座谈会",
    "交流会",
    "研讨会",
    "观摩会",
    "总结会",
    "闭幕会",
    "开幕式",
    "闭幕式",
    "开班式",
    "开班仪式",
    "结业仪式",
    "开学典礼",
    "读书班",
    "研讨班",
    "培训班",
    "博览会",
    "发展大会",
    "交易会",
    "旅游节",
    "文化节",
    "艺术节",
)

# Nouns a quoted name is the name of ("“千万工程”经验", "“冲刺200天”行动"): kept with the quotation.
QUOTED_HEADS = (
    "专项行动",
    "行动",
    "活动",
    "工程",
    "精神",
    "战略",
    "理念",
    "品牌",
    "经验",
    "目标",
    "要求",
    "任务",
    "工作",
    "新局面",
    "新篇章",
    "新征程",
    "建设",
    "示范区",
    "主题教育",
    "纪念章",
)

# Chinese numerals as they appear in 届/次/中全会 counts.
_NUM = r"[0-9０-９一二三四五六七八九十百零〇两]+"
_PAREN = r"(?:（[^（）]{1,6}）|\([^()]{1,6}\))"

# Each pattern with the characters of which any match holds one: a pattern is tried only on a text that has
# one of them (most titles have no 届, 第, 同 or “), and compiled the first time it is tried. Compiling all
# nine up front cost every process ~5 ms (classes of CJK characters are slow to compile), more than breaking
# the title itself.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("届", rf"{_NUM}届{_NUM}中全会(?:精神)?"),  # 二十届三中全会精神 ("党的 / 二十届…" stays possible)
    ("届", rf"{_NUM}届{_NUM}次(?:全体)?{_PAREN}?(?:会议|全会)?"),  # 十五届七次全体（扩大）会议
    ("第", rf"第{_NUM}次(?:全体)?{_PAREN}?(?:会议|全会)"),  # 第二次全体（扩大）会议
    ("第", rf"第{_NUM}[届次期批轮]"),  # 第五届, 第一期
    ("年天个", rf"{_NUM} ?(?:周年|年度|年|天|个)"),  # 90周年, 2023年度, 200天
    ("年同", r"[XxＸ×*＊]{1,4}(?:年度|年|同志)"),  # XX年度, **同志 (placeholders of source texts)
    ("同", r"[\u4e00-\u9fff]{2,3}同志"),  # 张三同志 (a name is not split from 同志)
    ("“", r"“[^“”]{1,12}”"),  # a short quotation stays on one line: “不忘初心、牢记使命”
    ("“", rf"“[^“”]{{1,12}}”(?:{'|'.join(QUOTED_HEADS)})"),  # and the noun it names: “冲刺200天”行动
)
"""(characters one of which every match holds, pattern) for the open families of set phrases."""


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def protected_spans(text: str, extra: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Every (start, end) span of ``text`` covered by a set phrase or pattern: no line break falls inside one."""
    spans: list[tuple[int, int]] = []
    for phrase in (*PHRASES, *extra):
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    for keys, pattern in PATTERNS:
        if any(key in text for key in keys):
            spans += [(m.start(), m.end()) for m in _compiled(pattern).finditer(text)]
    return spans


def breakable(text: str, extra: Iterable[str] = ()) -> list[bool]:
    """``result[i]`` tells whether a line may end after ``text[:i]`` as far as set phrases are concerned."""
    allowed = [True] * (len(text) + 1)
    for start, end in protected_spans(text, extra):
        for i in range(start + 1, end):
            allowed[i] = False
    return allowed
