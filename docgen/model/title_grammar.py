"""Where a Chinese title may break, and how good each break is.

A title is a noun phrase ("在……会议上的讲话") or a slogan of verb phrases ("坚定信心 真抓实干 奋力开创……").
Office writers break it where the grammar has a seam: after a pause mark or a space, after the coordinator
joining two meetings or two tasks (暨 和 与 及 并 同), between a phrase and the name of the meeting that
follows, between the speaker and "在……"; and only as a last resort between a verb and its object or inside
a modifier. Some places are never a line start (a particle, a coordinator, a closing mark) or a line end (an
opening mark, a preposition). This module rates the seam between two words; `docgen.model.title` chooses the lines.
"""

from __future__ import annotations

import re

FORBIDDEN = float("inf")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CLOSERS = "，。、；：？！”’）》」』】〕…—·),.;:!?"  # half-width marks too: drafts carry them
OPENERS = "“‘（《「『【〔("

# No line starts with these words: they lean on what comes before.
NO_START = _words("的 之 上 中 里 时 和 与 及 暨 并 同 了 着 等 地 得 或")  # 上中里时: locatives
# No line ends with these: they lean on what comes after.
NO_END = _words("在 以 对 为 把 将 从 向 于 由 被 关于 围绕 為 對 將 從 於 關於 圍繞")  # and traditional forms
# The speech ending never stands alone on the last line.
LONE_TAILS = _words("讲话 发言 致辞 的讲话 的发言 的致辞 讲话稿 发言稿 的讲话稿 的发言稿 上的讲话 上的发言 上的致辞")
COORDINATORS = _words("暨 和 与 及 并 同 以及 并且")
PAUSES = "、，；： "

# Words that begin the name of a meeting (its kind), so a break before them separates the topic from the
# meeting: "在全县优化营商环境 / 工作推进会上的讲话".
MEETING_HEADS = (
    "工作",
    "动员",
    "推进",
    "推动",
    "部署",
    "表彰",
    "座谈",
    "总结",
    "交流",
    "观摩",
    "研判",
    "誓师",
    "专题",
    "会议",
    "大会",
    "开幕",
    "闭幕",
    "开班",
    "结业",
    "开学",
    "集中",
    "述职",
    "培训",
    "读书",
    "研讨",
    "电视",
    "全体",
    "扩大",
    "现场",
    "调度",
    "发动",
    "汇报",
    "警示",
    "纪念",
    "庆祝",
)
WORK_MEETINGS = (
    "会",
    "大会",
    "推进",
    "推动",
    "动员",
    "部署",
    "座谈",
    "调度",
    "现场",
    "电视",
    "总结",
    "交流",
    "汇报",
    "观摩",
    "研判",
    "领导小组会",
)
MEETING_WORDS = ("会", "会议", "大会", "式", "仪式", "典礼", "班", "节")

# Scope words bind to the noun after them: "全县 / 经济社会" and "贯彻中央 / 决策部署" read as accidents.
SCOPES = _words("全县 全市 全省 全区 全国 全镇 全乡 全州 全盟 全旗 全局 全系统 全行业 中央 党中央 省委 市委 县委 区委")

# Verbs that commonly govern the rest of a slogan title; a break right after one separates verb and object.
VERBS = _words(
    "推动 推进 开创 当好 打造 宣讲 开展 深化 加快 学习 贯彻 落实 迎接 实现 创建 巩固 拓展 融入 服务 优化 "
    "打好 打赢 坚持 坚定 凝聚 奋力 努力 答好 建设 提升 聚焦 强化 筑牢 守牢 争创 争当 谱写 书写 开启 展现 "
    "抓 促 彰显 立足 锚定 扛起 扛牢 全力 奋进 做好 抓好 办好 走好 激发 促进 助力 引领 保障 服务 落细 落地"
)

# Costs of a seam, lower is better. They are added to the imbalance of the lines (in character cells), so a
# cost of 3 means "worth three cells of imbalance".
COST_PAUSE = 0.0
COST_COORDINATOR = 0.5
COST_AFTER_QUOTE = 1.0
COST_BEFORE_MEETING = 1.0
COST_AFTER_SPEAKER = 1.5
COST_WORD = 3.0
COST_AFTER_SCOPE = 8.0
COST_AFTER_DE = 12.0  # "以良好的 / 精神状态": a modifier torn from its head reads worst
COST_AFTER_VERB = 6.0


def seam_cost(before: str, after: str, rest: str) -> float:
    """The cost of ending a line with the word ``before`` and starting the next with ``after``; ``rest`` is
    the text from ``after`` to the end of the title."""
    head = after.lstrip()
    if not head:
        return FORBIDDEN
    if head[0] in CLOSERS or head in NO_START or head[0] in "的之":
        return FORBIDDEN
    tail = before.rstrip()
    if not tail or tail[-1] in OPENERS or tail in NO_END:
        return FORBIDDEN
    if tail[-1] in PAUSES or (before != tail and not (tail[-1].isascii() or head[0].isascii())):
        return COST_PAUSE  # a pause mark, or a space between two phrases ("坚定信心 真抓实干")
    if tail[-1] in "”’》」』":
        return COST_AFTER_QUOTE
    if tail in COORDINATORS or tail[-1] in "暨和与及并同":
        return COST_COORDINATOR
    if head == "在":
        return COST_AFTER_SPEAKER
    if tail in SCOPES:
        return COST_AFTER_SCOPE
    if _meeting_name(rest):
        return COST_BEFORE_MEETING
    if tail[-1] in "的之":
        return COST_AFTER_DE
    if tail in VERBS or tail[-2:] in VERBS:
        return COST_AFTER_VERB
    return COST_WORD


def _meeting_name(rest: str) -> bool:
    """Whether ``rest`` is just the name of a meeting and the speech ending: "工作推进会上的讲话"."""
    core = rest.strip()
    for ending in ("上的讲话", "上的发言", "上的致辞", "上的讲话稿", "上讲话稿", "上讲话", "的讲话", "讲话稿", "讲话"):
        if core.endswith(ending):
            core = core[: -len(ending)]
            break
    else:
        return False
    if len(core) > 12 or not core.startswith(MEETING_HEADS) or any(c in core for c in "暨和与及、"):
        return False  # two meetings joined by 暨 are not one meeting's name
    if core.startswith("工作") and not core[2:].startswith(WORK_MEETINGS):
        return False  # "抓基层党建工作 / 述职评议会议": 工作 closes the topic unless a meeting follows it at once
    return core.endswith(MEETING_WORDS) or core.endswith(("会上", "时"))


_LONE_TAIL = re.compile(r"[上中时]?的?(?:讲话|发言|致辞|主持词|讲话稿|发言稿|讲话提纲|发言提纲)")


def lone_tail(line: str) -> bool:
    """A last line that is only the speech ending ("的讲话", "中的讲话"), which a title never leaves alone."""
    return line.strip() in LONE_TAILS or _LONE_TAIL.fullmatch(line.strip()) is not None
