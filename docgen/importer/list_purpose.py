"""What a list of 一是/二是 points is for — praise, issues, a preview of the talk's parts, a meeting's agenda or a
plain enumeration — judged from its context: the sentence that introduces it, the section it stands in, and
whether the speech is a host's script (主持词). The enumerator alone never tells."""

from __future__ import annotations

import re

from docgen.importer import genre
from docgen.importer.script import simplified_view

__all__ = ["AGENDA", "ENUMERATION", "ISSUES", "PRAISE", "PREVIEW", "is_zhuchi", "list_purpose"]

# What a list of 一是/二是 points is for.
PRAISE = "praise"
ISSUES = "issues"
PREVIEW = "preview"
AGENDA = "agenda"
ENUMERATION = "enumeration"

_PRAISE_CUE = re.compile(
    "成绩|成效|特点|亮点|经验|做法|进展|变化|收获|突破|贡献|体会|感受|印象|作用|优势|主要(?:有|是)|表现在|体现在|"
    "值得肯定|可圈可点|取得"
)
_STRONG_PRAISE_CUE = re.compile("成绩|成效|特点|亮点|经验|做法|进展|感受|体会|印象|收获")
_ISSUE_CUE = re.compile("问题|不足|差距|短板|弱项|薄弱|困难|挑战|隐患|矛盾|症结|教训|不够|不到位|不平衡|不充分|风险")
_PREVIEW_CUE = re.compile(
    "(?:讲|谈|说|提|强调|提出|明确)(?:以下)?[两三四五六七八九十几]+(?:句话|点|个方面|个问题|条|项)|"
    "[两三四五六七八九十几]点(?:意见|要求|希望|建议|看法|想法|体会)"
)
_AGENDA_CUE = re.compile("议程|项议程|会议(?:有|共有|主要有)|进行第|第[一二三四五六七八九十]+项|下面进行|首先进行")
_ZHUCHI = re.compile("主持词|主持人|主持稿|主 持 词")
_ISSUE_SECTION = re.compile("问题|不足|差距|短板|清醒|正视|困难|挑战")
_PRAISE_SECTION = re.compile("成绩|成效|回顾|总结|肯定|进展")


def _clause_purpose(clause: str) -> str | None:
    """What a clause of an intro says the list is, by its plain words only (a preview, issues, praise), or None."""
    if _PREVIEW_CUE.search(clause):
        return PREVIEW
    if _ISSUE_CUE.search(clause) and not _STRONG_PRAISE_CUE.search(clause):
        return ISSUES
    if _STRONG_PRAISE_CUE.search(clause):
        return PRAISE
    return None


def list_purpose(intro: str, section: str, zhuchi: bool) -> tuple[str, str | None]:
    """What a list of points is for, from the sentence that introduces it (``intro``: the text before its
    first point, in the same paragraph or the one before) and the heading of the section it stands in;
    and a note when that was a guess (no cue in the intro).

    The clause nearest the list names what it is: "回顾……最为困难的一年，有三个关键词，……概括我们的共同感受：" lists
    感受, not 困难; "……认识还不到位，……归结起来主要有四个方面的原因：" names nothing of its own, so the clauses
    before it tell (不到位: issues). Weaker words ("主要表现在", "作用") count only when no clause says more, and
    only in that sentence: "……对大家反映的问题，请……尽快解决。今年以来，……迈出坚实步伐。" does not list 问题."""
    view = simplified_view(intro[-80:])
    if zhuchi and _AGENDA_CUE.search(view):
        return AGENDA, None
    last = genre.sentences(view)[-1:] or [(0, 0)]
    sentence = view[slice(*last[0])]
    for clause in reversed(re.split("[，；,;]", sentence)):
        found = _clause_purpose(clause)
        if found is not None:
            return found, None
    if _PREVIEW_CUE.search(view):
        return PREVIEW, None
    if _PRAISE_CUE.search(sentence):
        return PRAISE, None
    if zhuchi:
        return AGENDA, "主持词中的列举，按议程处理"
    section_view = simplified_view(section)
    if _ISSUE_SECTION.search(section_view):
        return ISSUES, "引语没有说明，按所在部分“" + section[:12] + "”当作问题"
    if _PRAISE_SECTION.search(section_view):
        return PRAISE, "引语没有说明，按所在部分“" + section[:12] + "”当作成绩"
    return ENUMERATION, None


def is_zhuchi(title: str) -> bool:
    return bool(_ZHUCHI.search(simplified_view(title)))
