"""Where a heading ends and its body begins (`docgen.importer.headings`), in drafts whose line breaks were lost:
a page flattened into one line runs each heading into its body with nothing between, and often the levels
into each other. The snippets are from the real drafts in tests/data/corpus/ (tuning cases)."""

from __future__ import annotations

import pytest

from docgen import render
from docgen.importer import import_text
from docgen.importer.headings import find_heading

from .corpus import rendered_paragraphs

HEAD = "在全市工作会议上的讲话\n同志们：\n今天召开全市工作会议。下面，我讲三点意见。\n"


def outline(draft: str) -> list[tuple[str, str]]:
    """(role, text) of each paragraph of the rendered document, roles as the corpus scorer reads them."""
    return [(p.role, p.text) for p in rendered_paragraphs(render(import_text(draft).speech))]


def heading_of(text: str) -> str:
    found = find_heading(text)
    assert found is not None
    return text[found.label_end : found.end]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # the first heading-final word a sentence opener follows, not the last one ("……国家安全体系")
        (
            "一、提高政治站位，牢固树立安全发展新理念党的二十大报告将“推进国家安全体系和能力现代化，坚决维护国家"
            "安全和社会稳定”作为单独一个章节。",
            "提高政治站位，牢固树立安全发展新理念",
        ),
        # "责任感和紧迫感": the phrase goes on after 和; a date with its comma opens the body
        (
            "一、认清形势，提高认识，切实增强抓好安全生产工作的责任感和紧迫感2月10日，召开了全县安全生产工作电视"
            "会议，相隔不到20天，我们又召开全县安全生产工作会议。",
            "认清形势，提高认识，切实增强抓好安全生产工作的责任感和紧迫感",
        ),
        # a time noun with its comma opens a sentence, never goes on a heading's phrase
        (
            "一、正视成绩，认清形势，找准农业工作的痛点和难点今年，算是个多灾之年，年初的冰雪灾害、汶川大地震、"
            "特大洪涝灾害给我镇基础设施造成了严重的损毁。",
            "正视成绩，认清形势，找准农业工作的痛点和难点",
        ),
        # below level 1 too: a heading-final word, then the subject of the body's first sentence
        (
            "（一）深刻认识乡村振兴战略的时代意义党的十九大以来，“三农”工作形势日新月异，惠农政策推陈出新，"
            "我们必须深入理解、准确把握乡村振兴战略的时代意义。",
            "深刻认识乡村振兴战略的时代意义",
        ),
        # the first sub-heading run into the level-1 heading ends it
        (
            "一、提高政治自觉，高站位认识主题教育的重大意义（一）深刻认识主题教育是用习近平新时代中国特色社会"
            "主义思想武装头脑的重大举措。",
            "提高政治自觉，高站位认识主题教育的重大意义",
        ),
        # a body word after a word that needs its object ("是用习近平……") is inside the heading
        (
            "（一）深刻认识主题教育是用习近平新时代中国特色社会主义思想武装头脑的重大举措。开展“不忘初心、牢记"
            "使命”主题教育，就是要利用习近平新时代中国特色社会主义思想来解决问题。",
            "深刻认识主题教育是用习近平新时代中国特色社会主义思想武装头脑的重大举措。",
        ),
        # "信念", "信心", "决心": what a heading calls to keep or strengthen ends its phrase too
        (
            "一、务必保持不胜不休的信念打赢脱贫攻坚战，如期实现全面精准脱贫，是全党全国向全世界、向各族人民作出的"
            "庄严承诺，是当前各级政府的一件头等大事，一项必须完成的重大政治任务。",
            "务必保持不胜不休的信念",
        ),
        # openers of a body sentence in any clause of the heading: "刚刚过去的……", "根据……", "今天上午，……"
        (
            "一、回顾2016年，提振发展信心刚刚过去的2016年，对xx镇来说，是不容易也是不平凡的一年，更是跨越发展的一年。",
            "回顾2016年，提振发展信心",
        ),
        (
            "一、端正态度，自觉接受评议根据人大的总体安排，这次是进行述职评议，是人大依法对我们工作的监督，这既是对"
            "个人工作的评议，也是对一个单位整体工作的评议。",
            "端正态度，自觉接受评议",
        ),
        (
            "一、总结成绩，查找不足，客观评价三季度经济运行及重点工作推进情况今天上午，我们对各乡镇、办和重点项目进行了"
            "观摩。",
            "总结成绩，查找不足，客观评价三季度经济运行及重点工作推进情况",
        ),
        # a heading-final word a predicate follows is the subject of the body's first sentence ("营商环境是……")
        (
            "一、认识再深化，切实增强持续优化营商环境责任感紧迫感营商环境是发展软实力，更是核心竞争力。进入“十五五”"
            "时期，区域竞争日益激烈。",
            "认识再深化，切实增强持续优化营商环境责任感紧迫感",
        ),
        # a first person opens the body, with the adverb before it (a draft without punctuation, case 263)
        (
            "一、要坚决克服畏难发愁情绪迅速摆正工作态度首先我觉得有些村对于人居环境整治工作的认识非常不到位认为这项工作"
            "就是扫大街",
            "要坚决克服畏难发愁情绪迅速摆正工作态度",
        ),
        # a first person anywhere opens the body ("……的特点我到彭州还不到一个月"), save "our" of a place (我省)
        (
            "一、关于1—7月招商引资工作的特点我到彭州还不到一个月，这期间，我的主要精力和时间是到乡镇、",
            "关于1—7月招商引资工作的特点",
        ),
        # a heading-final word an opener follows outweighs a body word inside the heading ("看待当前形势")
        (
            "一、冷静客观看待当前形势，切实增强做好经济工作的责任感与紧迫感今年是“十四五”规划的收官之年，做好经济工作"
            "意义重大。",
            "冷静客观看待当前形势，切实增强做好经济工作的责任感与紧迫感",
        ),
        # heading-final words in a row are a list ("长期性艰巨性"): the phrase goes on to "……的认识"
        (
            "一、提高对安全稳定工作长期性艰巨性的认识安全稳定工作是悬在我们头上的两把剑，现在“两节两会”即将到来，"
            "我们大家都深感压力重大、责任重大。",
            "提高对安全稳定工作长期性艰巨性的认识",
        ),
        # with no opener known after it, the last heading-final word before the first sentence still ends it
        (
            "一、回顾历史，坚定信念，增强加快发展的使命感中国共产党从诞生到现在，已经走过了90年的光辉历程。90年来，"
            "我们党从小到大，从弱到强，发展到今天拥有8000多万党员的世界第一大执政党。",
            "回顾历史，坚定信念，增强加快发展的使命感",
        ),
    ],
)
def test_a_heading_run_into_its_body_ends_where_the_body_s_first_sentence_opens(text, heading):
    assert heading_of(text) == heading


def test_a_page_flattened_into_one_line_gets_each_level_of_heading_back():
    draft = (
        "在市政协主题教育工作会议上的讲话同志们：今天会议的主要任务是对市政协开展主题教育进行动员部署。下面，我讲"
        "三点意见：一、提高政治自觉，高站位认识主题教育的重大意义（一）深刻认识主题教育是用习近平新时代中国特色社会"
        "主义思想武装头脑的重大举措。开展主题教育，就是要解决我们的理论学习浅尝辄止的问题。（二）深刻认识主题教育是"
        "加强新时代党的建设的迫切需要。开展主题教育，就是要同党内仍然存在的突出问题作坚决斗争。"
    )
    got = outline(draft)
    assert ("h1", "一、提高政治自觉，高站位认识主题教育的重大意义") in got
    runin = [text for role, text in got if role == "h2-runin"]
    assert [text[:13] for text in runin] == ["（一）深刻认识主题教育是用", "（二）深刻认识主题教育是加"]
    assert runin[0].startswith("（一）深刻认识主题教育是用习近平新时代中国特色社会主义思想武装头脑的重大举措。开展")


def test_a_sub_heading_after_a_run_in_level_1_heading_is_read_as_a_heading():
    draft = HEAD + (
        "一、要站在新时代的高度，高度重视乡村振兴战略。（一）深刻认识乡村振兴战略的时代意义党的十九大以来，“三农”"
        "工作形势日新月异，惠农政策推陈出新，我们必须深入理解、准确把握乡村振兴战略的时代意义。"
    )
    got = outline(draft)
    assert ("h1", "一、要站在新时代的高度，高度重视乡村振兴战略。") in got
    assert ("h2", "（一）深刻认识乡村振兴战略的时代意义") in got  # its own line: no mark ended it
    body = "党的十九大以来，“三农”工作形势日新月异，惠农政策推陈出新，我们必须深入理解、准确把握乡村振兴战略的"
    body += "时代意义。"
    assert got[-1] == ("body", body)


def test_a_year_inside_a_heading_is_no_time_adverbial_opening_the_body():
    found = find_heading("一、回顾2016年，提振发展信心")
    assert found is not None and found.own_line  # "16年，" are the year's own digits, no sentence opens there


def test_a_first_heading_run_into_the_paragraph_before_with_no_mark_between_starts_a_section():
    # tests/data/corpus/043, a Traditional page flattened into one line: the opening runs into "一、" unmarked
    draft = (
        "推進發展保穩定 鍛造隊伍強保障\n\n同志們:今天召開的區委全委(擴大)會議,是區委在春節後召開的第一個全局性的"
        "重要會議。會議的主要任務是動員帶領全區黨員和幹部民眾認清形勢,振奮精神,搶抓機遇,真抓實幹,全面完成今年各項"
        "目標任務,為打造富裕、文明、平安**而努力奮鬥一、認清形勢、搶抓機遇,切實增強保穩定促發展的責任感和緊迫感剛剛"
        "過去的2004年,是嘉陵歷史上極不平凡的一年。"
    )
    got = outline(draft)
    assert got[-2] == ("h1", "一、認清形勢、搶抓機遇，切實增強保穩定促發展的責任感和緊迫感")
    assert got[-3][0] == "body" and got[-3][1].endswith("為打造富裕、文明、平安**而努力奮鬥")
    assert got[-1] == ("body", "剛剛過去的2004年，是嘉陵歷史上極不平凡的一年。")


def test_a_one_inside_a_word_is_no_heading_run_in():
    # "统一、" is a word and a pause: no heading starts there, though a heading-like phrase follows
    draft = (
        "在全市工作会议上的讲话同志们：今天召开全市工作会议，主要任务是总结去年工作，部署今年任务，推动全市上下思想"
        "统一、行动一致，切实增强做好工作的责任感和紧迫感我们要以更加饱满的热情投入工作。"
    )
    assert [role for role, _ in outline(draft)] == ["title", "salutation", "body"]


def test_a_section_s_first_sub_heading_in_a_flattened_page_starts_its_paragraph_though_the_page_stops_there():
    # tests/data/corpus/290: the stored excerpt ends inside （一）, so no （二） tells it is one of a run
    draft = (
        "县委中心组学习扩大会讲话同志们：今天我们在这里召开动员大会。下面，我讲三点意见。一、统一思想，深化认识，进一步"
        "增强开展新一轮大规模培训干部工作的责任感和使命感党的十七大明确指出“要继续大规模培训干部，大幅度提高干部素质”。"
        "各级领导干部要站在发展和战略的高度，充分认识启动这次新一轮干部培训的重要意义。（一）加强领导干部教育培训工作，"
        "是贯彻落实科学发展观和中央、省、市会议精神的需要。党的十七大明确指出：要紧密结合改革开放和现代化建设的实际。"
    )
    got = outline(draft)
    assert got[-1][0] == "h2-runin" and got[-1][1].startswith("（一）加强领导干部教育培训工作，是贯彻落实")
    assert got[-2] == ("body", got[-2][1]) and got[-2][1].endswith("充分认识启动这次新一轮干部培训的重要意义。")


def test_siblings_run_into_one_line_end_alike():
    # tests/data/corpus/254 flattened into one line: 二、's heading shows no end of its own, but its sibling 三、
    # ends the same way ("……落实到位"), so 二、 ends there too — and 三、 keeps its number
    draft = (
        "在全市安全生产工作会议上的表态发言各位领导、同志们:为守住安全底线,强势打造“安全是最大福祉”的社会氛围。为此,"
        "第四季度我们决心坚决做到以下四点:一、切实增强做好安全生产工作的责任感和使命感我们深知做好安全生产工作的重大"
        "责任,它是保稳定、促和谐的主阵地,是第一防线。二、切实把安全责任落实到位进一步完善安全目标管理细则,逐级逐层"
        "逐项签订安全责任状,锁定各项安全工作责任。一是落实一把手责任,负全区安全工作总责。二是落实领导包保煤矿安全"
        "责任制,建立督查反馈通报信息处置机制。三、切实把安全措施落实到位"
    )
    headings = [text for role, text in outline(draft) if role == "h1"]
    assert headings == [
        "一、切实增强做好安全生产工作的责任感和使命感",
        "二、切实把安全责任落实到位",
        "三、切实把安全措施落实到位",
    ]


def test_in_a_flattened_page_a_first_heading_of_one_short_sentence_after_a_finished_sentence_starts_a_section():
    # tests/data/corpus/053 with its body run into one line after the salutation
    draft = (
        "廉政党课\n同志们：按照领导干部到联系点讲党课的要求，根据支部工作安排，今天，我以《充分认识全面从严治党的重大"
        "意义》为题，与大家作个交流探讨，重点从提高思想认识这个层面谈谈自己对全面从严治党一些体会。一、全面从严治党"
        "是中国共产党的优良传统。中国共产党近百年的发展历史，既是一部革命史、建设史和改革奋斗史，也是一部坚定不移"
        "全面从严治党的发展史。"
    )
    got = outline(draft)
    assert ("h1", "一、全面从严治党是中国共产党的优良传统。") in got
    assert got[-1][0] == "body" and got[-1][1].startswith("中国共产党近百年的发展历史，既是一部革命史")
    # where the author wrote it in a paragraph of their own, the lone 一、 stays in it
    kept = outline(draft.replace("同志们：", "同志们：\n"))
    assert not any(role == "h1" for role, _ in kept)
