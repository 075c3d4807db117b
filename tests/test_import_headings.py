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
