"""The salutation (称谓) that opens a speech: whom it addresses — "同志们：", "各位领导、同志们：", "尊敬的各位来宾，
女士们、先生们：", "尊敬的李组长，同志们：" — with its colon, or a bare "同志们" on a line of its own. The recognisers
match on the Simplified view of the text (`script.simplified_view`), so "同志們：" is read the same way."""

from __future__ import annotations

import re

from docgen.importer.script import simplified_view, without_pinyin

# A post a speaker holds ("县长", "党组书记"): named in a salutation ("尊敬的李组长") and on a speaker line.
POST = (
    "(?:书记|副书记|县长|市长|省长|区长|镇长|乡长|州长|旗长|主任|部长|局长|厅长|主席|委员|常委|校长|院长|处长|科长|"
    "经理|董事长|组长|队长|所长|会长|秘书长|行长|社长|台长|站长|馆长|司令员|政委|总经理|总监|理事长|检察长|庭长|"
    "监事长|教授|党组书记|负责人|代表|政委|区委书记|市委书记|县委书记|省委书记|主任委员|总裁|董事|院士|专员|巡视员|调研员|干事|指导员|辅导员|教导员|班主任|老师|党支部书记|第一书记)"
)
_TERM_WORDS = (
    "领导", "来宾", "嘉宾", "贵宾", "代表", "同志", "同仁", "朋友", "老师", "同学",
    "女士", "先生", "委员", "家长", "战友", "专家", "企业家", "校友", "青年", "团员",
    "党员", "干部", "学员", "新生", "工友", "乡亲", "父老乡亲", "村民", "评委", "选手",
    "运动员", "裁判员", "记者", "群众", "员工", "职工", "兄弟姐妹", "模范", "劳模",
    "工作者", "获奖者", "获得者", "先进", "家人", "校长", "书记", "主任", "观众", "听众",
    "网友", "市民", "师生", "教职工", "教职员工", "居民", "会员", "志愿者", "同胞",
    "侨胞", "学子", "少先队员", "人大代表", "政协委员", "成员", "客人", "友人", "各界人士",
    "人士", "同事", "伙伴", "小伙伴", "亲人", "嘉宾朋友", "战士", "官兵", "指战员",
    "学生", "孩子", "党员同志", "教师", "才俊",
)
_TERM = f"(?:{'|'.join(_TERM_WORDS)})们?"
# After a separator, a qualifier of up to six characters may come before a term, and it already reads the first
# word of a compound ("父老"乡亲, "人大"代表); offering the compound there too, or an empty honorific beside
# an empty qualifier, would give the regex two readings of every item, and a long list without its colon
# ("同志们，同志们，……") would take exponential time. For the same reason the qualifier holds no 和/及/与, which
# would let it swallow whole items ("代表和委员和……"); "、老干部和老同志们" still reads as two items.
_TERM_AFTER_QUALIFIER = "(?:{})们?".format(
    "|".join(w for w in _TERM_WORDS if not any(w != u and w.endswith(u) for u in _TERM_WORDS))
)
_HONORIFIC_WORD = "(?:尊敬的|亲爱的|敬爱的|各位|全体|在座的|广大)"
_HONORIFIC = (
    "(?:(?:尊敬的|亲爱的|敬爱的)[^\\s：:，。；！？]{0,12}?|(?:各位|全体|在座的|广大)[^\\s：:，。；！？]{0,4}?)?"
)
# "尊敬的李组长，同志们：": an honorific before a post (and the name before it) addresses someone too.
_ONE = f"(?:{_HONORIFIC}{_TERM}|(?:尊敬的|敬爱的)[^\\s：:，。；！？、]{{0,8}}?{POST})"
# After the first term, a short qualifier may come first ("、优秀工作者", "、老同志"); an honorific there reads to
# its term only, never across the next separator.
_ITEM_HONORIFIC = (
    "(?:(?:尊敬的|亲爱的|敬爱的)[^\\s：:，。；！？、和及与]{0,12}?"
    "|(?:各位|全体|在座的|广大)[^\\s：:，。；！？、和及与]{0,4}?)"
)
_MORE = (
    f"\\s*[、，,和及与]\\s*(?:{_ITEM_HONORIFIC}|(?!{_HONORIFIC_WORD})[^\\s：:，。；！？、和及与]{{0,6}}?)"
    f"{_TERM_AFTER_QUALIFIER}"
)
# A salutation is at most 60 characters, so at most 20 items follow its first: the bound keeps a long list
# without a colon from being read again from each of its items (quadratic in its length).
SALUTATION = re.compile(f"{_ONE}(?:{_MORE}){{0,20}}\\s*[：:]")
_BARE_SALUTATION = re.compile(f"^{_ONE}(?:{_MORE}){{0,20}}[，,]?$")
# "同志們，剛才部長宣布了……": a salutation written with a comma, run into the first sentence after the title.
COMMA_SALUTATION = re.compile(f"{_ONE}(?:{_MORE}){{0,20}}[，,]")
# Whom a salutation addresses may come first: "市委巡察组各位领导，同志们：".
_QUALIFIED_SALUTATION = re.compile(f"[^\\s，。；：！？、]{{2,8}}?(?:各位|全体|在座的){SALUTATION.pattern}")


# A line of its own read item by item (linear, one reading): the first item opens with an honorific or is a term,
# each later one — however it is qualified ("韩国尚州市的各位来宾") — is short and ends with a term, or opens with
# an honorific ("尊敬的各位“五老”").
_FIRST_ITEM = re.compile(f"(?:{_HONORIFIC_WORD}[^\\s：:，。；！？、]{{0,12}}|[^\\s：:，。；！？、]{{0,4}}){_TERM}")
_LATER_ITEM = re.compile(f"{_HONORIFIC_WORD}[^\\s：:，。；！？、]{{1,10}}|[^\\s：:，。；！？、]{{0,10}}{_TERM}")


def is_salutation(text: str) -> bool:
    """ "同志们：", "各位领导、同志们：", "尊敬的各位来宾，女士们、先生们：", "尊敬的李锺填先生，韩国尚州市的各位来宾、
    亲爱的同学们：" — or a bare "同志们"."""
    view = simplified_view(without_pinyin(text)[0]).strip()
    if len(view) > 60 or any(ch in view for ch in "。！？；"):
        return False
    if _QUALIFIED_SALUTATION.fullmatch(view):
        return True
    if SALUTATION.fullmatch(view) is not None or _BARE_SALUTATION.fullmatch(view) is not None:
        return True
    if view[-1:] not in "：:":
        return False
    first, *later = re.split("[，,、]", view[:-1])
    return _FIRST_ITEM.fullmatch(first) is not None and all(_LATER_ITEM.fullmatch(item) for item in later)


def salutation_end(text: str) -> int:
    """Where a salutation at the very start of ``text`` ends ("同志们：今天……" → 4), or 0."""
    match = SALUTATION.match(simplified_view(text))
    return match.end() if match and match.end() <= 60 else 0
