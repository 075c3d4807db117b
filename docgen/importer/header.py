"""The title block of a draft: what each of its parts looks like — title, subtitle, speaker, date,
salutation (`salutation`) — and `read_header`, which reads the block at the start of the paragraphs once
`header_split.split_header` has cut apart the parts a web page or PDF ran together ("在…会议上的讲话　县长　张三同志们：
受市委…"). The recognisers match on the Simplified view of the text (`script.simplified_view`), so Traditional
drafts ("同志們：", "縣長") are read the same way.
"""

from __future__ import annotations

import itertools
import re

from docgen.importer.dates import is_date
from docgen.importer.salutation import POST
from docgen.importer.salutation import is_salutation as is_salutation  # re-exported: lines.py and tests read it here
from docgen.importer.salutation import salutation_end as salutation_end  # re-exported: lines.py reads it here
from docgen.importer.script import simplified_view, without_pinyin
from docgen.importer.source import SourceParagraph
from docgen.model.numbering import parse_label

HEADER_LINES = 8  # the title block is never longer; the scan stops here (and keeps the import linear)

# Longest first: an alternation takes the first that matches ("演讲稿" before "演讲").
TITLE_END = re.compile(
    "(?:讲话提纲|发言提纲|讲话稿|发言稿|演讲稿|讲话|发言|致辞|致词|讲稿|主持词|主持稿|党课|贺词|贺信|演讲|报告|"
    "(?:欢迎|答谢|开幕|闭幕|祝酒|颁奖|串|献)词)"
    "(?:文稿|全文|范文|材料|提纲|稿|（[^）]{0,20}）)*"
    "(?:[ \u3000]?篇[0-9一二三四五六七八九十]{1,2})?"  # "……讲话稿 篇1": the page's numbering of its versions
    "(?:[1-9](?![0-9.．、，,:：年月日]))?"  # "……主持讲话3今天，……": the same numbering without its 篇
    # "……讲话稿范文2021年": the page's year after the title's kind; a year that opens a sentence goes on
    # ("2021年，……", "2023年以来", "2024年上半年").
    "(?:[ \u3000]?(?:19|20)[0-9]{2}年(?![，,、0-9以底初末度上下前后中全内]))?"
)
SUBTITLE_DASHES = ("——", "—", "--", "－－", "──", "-")
SUBTITLE_DASH = re.compile(r"^(?:——|—|--|－－|──|-)")
VERSION = re.compile("篇[0-9一二三四五六七八九十]{1,2}")  # "……讲话稿 篇1": which of the page's versions
# A subtitle run into its title: a dash after at least four characters, then "在……的讲话" or a title word.
INNER_SUBTITLE = re.compile(
    "(?<=[^\\s—\\-]{4})[ \u3000]*(?:——|--|－－|──)(?=[^—\\-]{4,80}?(?:讲话|发言|致辞|报告|讲稿|主持词|党课|演讲)"
    "(?:稿|提纲)?(?:[ \u3000（(]|$|同志|尊敬|各位))"
)
_UNDASHED_SUBTITLE = re.compile("^在.{4,70}(?:上|时|中)的(?:讲话|发言|致辞|报告|讲稿|总结讲话|主持词|动员讲话|党课)")

# A name, possibly spaced ("张　三", "毛 万 春"), or the placeholder a published draft puts for it ("XXX", "×××").
NAME = "(?:[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}|[XxＸ×*＊○☆]{2,4}|某某)"
# "县长 张三", "党委书记：XXX", "主讲人：张三": the post, then a space, a colon or nothing, then the name.
_POST_SEPARATOR = "(?:[ \u3000]*|[ \u3000]*[：:][ \u3000]*)"
_LABELLED = "(?:主讲人|讲话人|发言人|报告人|主持人|致辞人|致词人|讲课人|汇报人|演讲人)"
# "[致辞人]中国文联副主席夏菊花", "【致辭人】××市人口計生委": a published speech's page labels whose speech it is
# in brackets; after the label, whoever it names — an office, a post and a name.
_BRACKET_LABELLED = re.compile(f"^[【\\[［]{_LABELLED}[】\\]］][ \u3000]*[^\\s。！？；，][^。！？；]{{0,40}}$")
SPEAKER = re.compile(
    f"^(?:(?:[^\\s。！？，；：]{{0,40}}?{POST}|{_LABELLED}){_POST_SEPARATOR})?{NAME}(?:同志)?$"
)
SPEAKER_WITH_POST = re.compile(
    f"^(?:[^\\s。！？，；：]{{0,40}}?{POST}|{_LABELLED}){_POST_SEPARATOR}{NAME}(?:同志)?$"
)

# "甘肃省省长", "市委副书记、市长": a speaker line whose name the page left out (never a title: `looks_like_title`
# does not read this).
_POST_ONLY = re.compile(f"[^\\s。！？，；：“”（）()]{{1,16}}?{POST}")

SENTENCE_MARKS = "。！？"


def han_count(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def is_speaker(text: str) -> bool:
    """ "张　三", "毛 万 春", "县长 张三", "中共XX县委常委、组织部长 张伟强", "张三同志"."""
    view = simplified_view(without_pinyin(text)[0]).strip()  # "習(xí)近平": a name with the page's pinyin
    if _BRACKET_LABELLED.match(view):
        return True  # "[致辞人]……" (its label holds a kind of speech: the check below would refuse it)
    if not 2 <= len(view) <= 48 or re.search("讲话|发言|致辞|会议|同志们|大家|各位|词$|稿$", view):
        return False
    return SPEAKER.fullmatch(view) is not None


def has_post(text: str) -> bool:
    """A speaker line that names a post ("县长 张三") or is labelled as one ("[致辞人]……"), not a bare
    two-character word that looks like a name."""
    view = simplified_view(text).strip()
    return SPEAKER_WITH_POST.fullmatch(view) is not None or _BRACKET_LABELLED.match(view) is not None


def is_subtitle(text: str) -> bool:
    return bool(SUBTITLE_DASH.match(text)) and len(text) <= 100 and han_count(text) >= 2


def is_undashed_subtitle(text: str) -> bool:
    """ "在全县工作会议上的讲话" under a main title, typed without its "——"."""
    view = simplified_view(text)
    return len(view) <= 80 and _UNDASHED_SUBTITLE.match(view) is not None and title_shaped(text)


def title_shaped(text: str) -> bool:
    return 0 < len(text) <= 90 and not any(ch in text for ch in SENTENCE_MARKS) and text[-1] not in "，；：、"


def looks_like_title(text: str) -> bool:
    """A line that can be a speech's title: short, no sentence inside, no other part of the title block,
    no enumerated heading or point."""
    if not title_shaped(text) or han_count(text) < 4:
        return False
    if parse_label(text) is not None or is_salutation(text) or is_date(text) or is_subtitle(text):
        return False
    return not is_speaker(text) or TITLE_END.search(simplified_view(text)) is not None


# What a web page prints around a speech it publishes: where it is on the site ("首页 > 领导讲话 > 正文", "当前位置：
# …"), the article's fields ("来源：XX县人民政府网　发布时间：2021-03-05　浏览次数：1234", "【字体：大 中 小】") and
# its buttons ("[打印本页] [关闭窗口]"). A line of them is the page's, not the speech's.
_WEB_FIELD = (
    "(?:信息来源|文章来源|稿件来源|来源|作者|撰稿人?|发布时间|发布日期|发表时间|更新时间|发布者|发布人|发布机构|"
    "责任编辑|编辑|编审|审核|校对|浏览次数|浏览量|浏览|点击数|点击量|点击率|阅读量|阅读数|访问量|字号|字体|"
    "当前位置|您现在的位置|您的位置|您所在的位置|所在位置|本页位置)"
)
# A field opens the line or follows a space, a bullet or a "?" the page put for a mark it lost ("北青社評?來源:").
_WEB_LINE = re.compile(
    f"(?:^|(?<=[\\s■●◆?？]))[【\\[［(（]?{_WEB_FIELD}[】\\]］)）]?[ \u3000]*[：:]"
    "|[【\\[［]?(?:打印本页|打印此页|关闭窗口|收藏本页|分享到|放大字体|缩小字体|我来说两句)"
)
_BREADCRUMB = re.compile("首页[ \u3000]*[>＞»›→/]|[^>＞»›→]{1,12}[ \u3000]*[>＞»›][^>＞»›]{1,12}[ \u3000]*[>＞»›]")


def is_web_line(text: str) -> bool:
    """ "来源：XX县人民政府网　发布时间：2021-03-05", "首页 > 领导讲话 > 正文", "【字体：大 中 小】": a line of the web
    page the speech was copied from — short, no sentence in it."""
    view = simplified_view(text).strip()
    if not view or len(view) > 120 or any(ch in view for ch in "。！？；"):
        return False
    return _WEB_LINE.search(view) is not None or _BREADCRUMB.match(view) is not None


def piece_kind(text: str) -> str:
    """What a piece of the title block looks like: "web" (a line of the web page, `is_web_line`), "subtitle",
    "date", "salutation", "speaker", "title" (title-shaped) or "body"."""
    if is_web_line(text):
        return "web"
    if is_subtitle(text):
        # "——华西村党委书记吴协恩": a dash before a post and a name marks the speaker, not a subtitle
        return "speaker" if is_speaker(SUBTITLE_DASH.sub("", text)) else "subtitle"
    if is_date(text):
        return "date"
    if is_salutation(text):
        return "salutation"
    if is_speaker(text) or _POST_ONLY.fullmatch(simplified_view(text)):
        return "speaker"
    if title_shaped(text) and han_count(text) >= 2 and parse_label(text) is None:
        return "title"
    return "body"


# ------------------------------------------------------------------------------------------------ reading


def _spaceless(text: str) -> str:
    return re.sub("[ \u3000]", "", text)


def ends_with_title_word(text: str) -> bool:
    """ "……会议上的讲话", "……主持词范文": the title names its kind at its end (not "讲稿：……" before a theme)."""
    view = simplified_view(text).rstrip(" \u3000")
    return any(match.end() == len(view) for match in TITLE_END.finditer(view))


def _title_continues(title: str, nxt: str) -> bool:
    """A title broken over two lines ("……表彰大会" / "主 持 词"; "……讲话稿" / "篇1"): the next line is short
    and names the kind of text, or the title has no such word yet and the next line ends with one."""
    nxt_view = simplified_view(_spaceless(nxt))
    if TITLE_END.fullmatch(nxt_view) or (len(nxt_view) <= 3 and not is_speaker(nxt)):
        return True
    if is_speaker(nxt):
        return False
    # "……的重大意义，着" / "力营造……政治生态": a title cut by a wrap after a clause's first character.
    clause = re.split("[，,、：:]", title)[-1]
    if 0 < len(clause) <= 2 and ("，" in title or "," in title) and title_shaped(nxt) and len(nxt) <= 40:
        return True
    if ends_with_title_word(title):
        return False
    # "全县上下凝心聚力，XX同志作了表态发言。" names a kind of text too, but a sentence is the body's first
    # paragraph, never the rest of a title.
    if _UNDASHED_SUBTITLE.match(nxt_view) or any(ch in nxt_view for ch in SENTENCE_MARKS):
        return False
    return TITLE_END.fullmatch(nxt_view) is not None or (
        len(nxt_view) <= 30 and TITLE_END.search(nxt_view[-6:]) is not None and not nxt_view.startswith("在")
    )


def _wrapped_title(title: str, paragraphs: list[SourceParagraph], i: int) -> bool:
    """ "镇党委领导班子2025年度民主生活会对照检" / "查材料（含案例）", then the body: a title wrapped like the text
    below it — the next line is the title block's last, short and title-shaped, and no part of its own
    (no subtitle "在……的讲话", speaker, date or salutation), and the title does not end on its kind."""
    text = paragraphs[i].text
    if ends_with_title_word(title) or piece_kind(text) != "title" or is_undashed_subtitle(text) or len(text) > 30:
        return False
    if _SPACED_PHRASES.search(title.strip(" \u3000")):
        return False  # "踏上新征程 孕育新希望 练就新本领": phrases set apart are whole; the next line is another title
    after = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
    return piece_kind(after) in ("salutation", "body") and not looks_like_title(after)


_SPACED_PHRASES = re.compile("[\u4e00-\u9fff]{2}[ \u3000]+[\u4e00-\u9fff]{2}")


def _short_title(paragraphs: list[SourceParagraph]) -> bool:
    """ "出征" / "在援助湖北省武汉市医疗队出征仪式上的讲话": a title of two or three characters, plainly one
    because a subtitle or the occasion's "在……" line follows it."""
    first = paragraphs[0].text
    if not (title_shaped(first) and 2 <= han_count(first) <= 3 and parse_label(first) is None) or len(paragraphs) < 2:
        return False
    following = simplified_view(paragraphs[1].text)
    return is_subtitle(following) or (following.startswith("在") and title_shaped(following))


def _speaker_before_title(paragraphs: list[SourceParagraph]) -> bool:
    """ "县委书记 张三" or "【致辭人】××市人口計生委", then "在全县……会议上的讲话": a page that names the speaker
    above the title. Only a speaker line with a post or a label: a bare name could be a short title ("出征")."""
    if len(paragraphs) < 2:
        return False
    first = paragraphs[0].text
    return is_speaker(first) and has_post(first) and looks_like_title(paragraphs[1].text)


def read_header(
    paragraphs: list[SourceParagraph], *, titled: bool = False
) -> tuple[list[tuple[str, list[SourceParagraph]]], int]:
    """The title block at the start of ``paragraphs`` (already cut by `split_header`): a list of
    (kind, paragraphs) — kinds "title", "subtitle", "date", "speaker", "salutation", each at most once, a
    title or subtitle possibly over several lines, and "web" for each line of the web page among them — and how
    many paragraphs it took. No title → empty.
    ``titled``: the title is known already (given by the user), the block starts after it."""
    parts: list[tuple[str, list[SourceParagraph]]] = []
    web = list(itertools.takewhile(lambda p: is_web_line(p.text), paragraphs[:HEADER_LINES]))
    if web and not titled:  # the page's lines above the title ("首页 > 领导讲话 > 正文")
        rest, taken = read_header(paragraphs[len(web) :])
        return ([("web", web), *rest], len(web) + taken) if rest else ([], 0)
    if titled:
        seen = {"title"}
        i = 0
    elif _speaker_before_title(paragraphs):
        parts += [("speaker", [paragraphs[0]]), ("title", [paragraphs[1]])]
        seen = {"speaker", "title"}
        i = 2
    elif paragraphs and (looks_like_title(paragraphs[0].text) or _short_title(paragraphs)):
        parts.append(("title", [paragraphs[0]]))
        seen = {"title"}
        i = 1
    else:
        return [], 0
    while i < len(paragraphs) and i < HEADER_LINES + 4:
        p = paragraphs[i]
        kind = piece_kind(p.text)
        last_kind, last = parts[-1] if parts else ("title", [])
        title_so_far = "".join(x.text for x in last)
        if (kind in ("title", "body", "speaker") and parts and last_kind == "title" and _title_continues(
            title_so_far, p.text
        )) or (parts and last_kind == "title" and len(last) == 1 and _wrapped_title(title_so_far, paragraphs, i)):
            last.append(p)
        elif kind == "title" and last_kind == "subtitle" and not is_undashed_subtitle(p.text) and len(last) < 3:
            last.append(p)  # a subtitle over two lines
        elif kind == "title" and "subtitle" not in seen and seen <= {"title", "speaker", "date"}:
            parts.append(("subtitle", [p]))
            seen.add("subtitle")
        elif kind in ("subtitle", "date", "speaker") and kind not in seen and "salutation" not in seen:
            parts.append((kind, [p]))
            seen.add(kind)
        elif kind == "web" and "salutation" not in seen:
            parts.append((kind, [p]))  # (as many as the page has: source, time, views, font size …)
        elif kind == "salutation" and "salutation" not in seen:
            parts.append((kind, [p]))
            seen.add(kind)
            i += 1
            break
        else:
            break
        i += 1
    return parts, i
