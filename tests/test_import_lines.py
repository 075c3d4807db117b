"""Paragraph boundaries and the title block of real drafts (docgen.importer.lines / header): hard wraps of any
width joined, PDF page numbers, space-separated and flattened paragraphs, PDF spaces, and title-block lines
run together — each rule with lines shaped like the ones found on public pages and in PDF copies."""

from __future__ import annotations

import pytest

from docgen import render
from docgen.importer import import_text
from docgen.importer.dates import is_date, numeral_date
from docgen.importer.header import is_salutation, is_speaker
from docgen.importer.lines import page_number, paragraphs

from .conftest import docx_paragraphs


def split(text: str) -> list[str]:
    return [p.text for p in paragraphs(list(enumerate(text.split("\n"), start=1)))]


def content(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


# ------------------------------------------------------------------------------------------ hard wraps

# Lines copied out of a web page that wrapped a PDF: widths vary (half-width marks, a break before a quote),
# and one line stops after "二是" where the page's own line ended.
VARIED = """在市政府全体会议上的讲话
同志们:
今天的会议,主要有三点考虑:一是再擂战鼓。市委
“四大定位”,每一个目标定位的实现,都是一场大战硬战。今天的
会议,就是再传战令,推动市委决策部署落实落地。二是
任务分解。市《政府工作报告》部署了六项重点工作,与全省
“发展六仗”高度一致。
刚才,XX 同志通报了 2022 年主要工作任务完成情况。"""


def test_lines_of_varied_width_that_stop_inside_a_sentence_are_joined():
    found = split(VARIED)[2:]
    assert len(found) == 2
    assert found[0].startswith("今天的会议") and found[0].endswith("高度一致。") and "二是任务分解" in found[0]
    assert found[1].startswith("刚才")


def test_a_full_line_that_ends_a_sentence_goes_on_when_the_text_is_wrapped_at_a_width():
    # a PDF wrapped at 20 characters: the second line ends its sentence exactly at the edge
    lines = [
        "开局就加速、起步就起势。今天我们召开市政府",
        "六届三次全会，主要目的是树立全力拼的导向。",
        "市委就召开誓师大会；昨天，又召开文旅项目现",
        "场观摩推进大会，大战氛围空前浓厚，进攻士气",
        "空前高涨，必胜决心空前强烈，推动落实落地。",
        "谢谢大家！",
    ]
    found = split("\n".join(lines))
    assert found == ["".join(lines[:5]), "谢谢大家！"]


def test_a_line_of_its_own_a_heading_or_the_title_block_is_not_joined_to_the_next():
    draft = (
        "在全县经济工作会议上的讲话\n县长 张三\n2023年2月15日\n同志们：\n开篇话\n今天我很高兴来讲党课，\n"
        "谈几点体会。\n一、认清形势\n要把思想统一起来。"
    )
    assert split(draft) == [
        "在全县经济工作会议上的讲话", "县长 张三", "2023年2月15日", "同志们：", "开篇话",
        "今天我很高兴来讲党课，谈几点体会。", "一、认清形势", "要把思想统一起来。",
    ]


def test_a_salutation_over_two_lines_is_one_and_a_quotation_joins_the_sentence_that_introduces_it():
    assert split("各位代表、\n同志们:\n会议圆满完成了各项议程。") == ["各位代表、同志们:", "会议圆满完成了各项议程。"]
    # the page puts a blank line between every paragraph; the quotation still belongs to "指出："
    draft = (
        "近两年来，县人大依法履行监督权。\n\n温总理多次指出:\n\n“只有人民监督政府，政府才不会懈怠。”\n\n"
        "述职评议开始。"
    )
    assert split(draft) == [
        "近两年来，县人大依法履行监督权。", "温总理多次指出:“只有人民监督政府，政府才不会懈怠。”", "述职评议开始。",
    ]


@pytest.mark.parametrize("footer", ["— 3 —", "- 3 -", "－3－", "第 3 页", "第3页 共10页", "—12—"])
def test_a_pdf_page_number_is_left_out_named_in_the_report_and_the_cut_sentence_joined(footer):
    draft = (
        "在全县工作会议上的讲话\n同志们：\n今天的会议，就是再传战令，推动市委决\n"
        f"{footer}\n策部署落实落地，确保各项工作落到实处。\n谢谢大家！"
    )
    result = import_text(draft)
    assert result.speech.opening == ["今天的会议，就是再传战令，推动市委决策部署落实落地，确保各项工作落到实处。"]
    note = next(n for n in result.report.normalised if "页码" in n)
    assert f"第 4 行“{footer}”" in note
    rendered = content("".join(t for _, t in docx_paragraphs(render(result.speech))))
    assert rendered == content(draft.replace(footer, ""))  # nothing else lost, nothing added


def test_page_numbers_are_told_from_years_amounts_and_dashes_in_text():
    assert page_number("— 3 —") and page_number(" - 15 - ") and page_number("第 2 页")
    for text in ("2023", "——在全县大会上的讲话", "1.5亿元", "3", "— 三 —"):
        assert not page_number(text)


# ------------------------------------------------------------------------------------------ spaces


def test_a_flattened_page_is_split_at_its_structure_points():
    draft = (
        "在市政府全体会议上的讲话\n春节刚过，市政府就决定召开会议，目的是进一步贯彻落实精神。下面我讲三点意见: "
        "一、认清形势，坚定信心，进一步增强加快发展的责任感和紧迫感 池州撤地设市以来，全市经济社会发展取得了显著成绩。"
    )
    texts = [t for _, t in [(p.role, p.excerpt) for p in import_text(draft).report.paragraphs]]
    assert texts[1].startswith("春节刚过") and texts[2].startswith("一、认清形势") and texts[3].startswith("池州撤地")


def test_spaces_of_a_pdf_go_and_placeholders_read_as_chinese_but_latin_words_keep_theirs():
    body = "刚才，XX 同志通报了 2022 年市委经济工作会议精神，大局作出 XX 更大的贡献，推进 5G 网络和 iPhone 应用。"
    speech = import_text("在全县工作会议上的讲话\n同志们：\n" + body).speech
    kept = "刚才，XX同志通报了2022年市委经济工作会议精神，大局作出XX更大的贡献，推进 5G 网络和 iPhone 应用。"
    assert speech.opening == [kept]


# ------------------------------------------------------------------------------------------ title block


@pytest.mark.parametrize(
    "line",
    ["县长 张三", "党委书记：XXX", "新县纪委副书记、县监委副主任：范俊巍", "中共XX市委组织部部长XXX", "主讲人：李明",
     "縣長 張三", "总经理 李明"],
)
def test_speaker_lines_with_a_colon_a_placeholder_or_in_traditional_script(line):
    assert is_speaker(line)


@pytest.mark.parametrize("line", ["(2011 年 5 月 13 日)", "二〇二三年二月十五日", "2023.2.15", "（2023-02-15）"])
def test_date_lines_in_every_common_form(line):
    assert is_date(line)


def test_a_date_in_chinese_numerals_becomes_the_speech_date():
    assert numeral_date("（二〇二三年二月十五日）") == (2023, 2, 15)
    assert numeral_date("二〇二三年十二月三十日") == (2023, 12, 30)
    draft = "在全县经济工作会议上的讲话\n县委书记 张三\n二〇二三年二月十五日\n同志们：\n今天召开会议。"
    speech = import_text(draft).speech
    assert speech.date is not None and speech.date.isoformat() == "2023-02-15"


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        (
            "关于加强作风建设的党课\n党委书记：XXX\n2023.2.15\n同志们：\n今天讲党课。",
            ("关于加强作风建设的党课", None, "党委书记：XXX", "2023-02-15", "同志们："),
        ),
        (
            "凝心聚力 奋勇争先——在全县经济工作会议上的讲话(2011 年 5 月 13 日)同志们:今天召开会议。",
            ("凝心聚力 奋勇争先", "在全县经济工作会议上的讲话", None, "2011-05-13", "同志们："),
        ),
        (
            "赓续红色血脉,弘扬红色精神\n--八里畈镇“学习二十大精神”党课\n新县纪委副书记、县监委副主任:范俊巍\n"
            "2023年6月30日\n开篇话\n今天我很高兴来讲党课。",
            ("赓续红色血脉，弘扬红色精神", "八里畈镇“学习二十大精神”党课", "新县纪委副书记、县监委副主任：范俊巍",
             "2023-06-30", None),
        ),
        (
            "在2023年度工作总结大会上的讲话 总经理 李明 2024年1月20日 各位同事：大家好！过去一年我们取得了成绩。",
            ("在2023年度工作总结大会上的讲话", None, "总经理 李明", "2024-01-20", "各位同事："),
        ),
        (
            "在全縣組織工作會議上的講話縣委書記張三同志們：今天召開會議。",
            ("在全縣組織工作會議上的講話", None, "縣委書記張三", None, "同志們："),
        ),
    ],
)
def test_title_block_lines_run_together_or_not_are_told_apart(draft, expected):
    speech = import_text(draft).speech
    date = speech.date.isoformat() if speech.date else None
    subtitle = speech.subtitle.removeprefix("——").removeprefix("--") if speech.subtitle else None
    assert (speech.title, subtitle, speech.speaker, date, speech.salutation) == expected


def test_a_post_before_a_colon_is_no_salutation():
    # "书记" and "主任" address people ("各位书记："), but "党委书记：XXX" names the speaker
    speech = import_text("在全县党建工作会议上的讲话\n党委书记：XXX\n同志们：\n今天召开会议。").speech
    assert speech.speaker == "党委书记：XXX" and speech.salutation == "同志们："


def test_a_title_wrapped_after_a_half_width_comma_is_one_title():
    draft = "专题党课:在笃学深悟中扛起使命担当,\n在实干争先中书写时代答卷\n同志们:\n前不久,全会在北京胜利召开。"
    speech = import_text(draft).speech
    assert speech.title == "专题党课：在笃学深悟中扛起使命担当，在实干争先中书写时代答卷"
    assert speech.salutation == "同志们："


def test_a_two_character_title_is_a_title_when_the_occasion_line_follows_it():
    draft = "出征\n\n在援助湖北省武汉市医疗队\n\n出征仪式上的讲话\n\n周德睿\n\n室外风雪交加、寒气袭人;内心暖意融融。"
    speech = import_text(draft).speech
    assert (speech.title, speech.speaker) == ("出征", "周德睿")
    assert speech.subtitle == "在援助湖北省武汉市医疗队出征仪式上的讲话"


def test_a_title_block_flattened_from_a_pdf_keeps_its_parts_apart_at_the_spaces_that_matter():
    # the spaces beside numbers and placeholders are the PDF's; the ones between the parts are boundaries
    draft = (
        "科学发展创佳绩创先争优促发展 ——在纪念中国共产党成立 90 周年大会上的讲话 xxx 镇党委书记、人大主席 xxx "
        "(2011 年 6 月 30 日) 同志们: 今天,我们在这里隆重集会,举行纪念中国共产党成立 90周年大会,这是一次重要会议。"
    )
    speech = import_text(draft).speech
    assert speech.title == "科学发展创佳绩创先争优促发展"
    assert speech.subtitle is not None and speech.subtitle.endswith("在纪念中国共产党成立90周年大会上的讲话")
    assert speech.speaker == "xxx镇党委书记、人大主席xxx"
    assert speech.date is not None and speech.date.isoformat() == "2011-06-30" and speech.salutation == "同志们："


@pytest.mark.parametrize(
    ("draft", "title"),
    [
        ("镇党委领导班子 2025 年度民主生活会对照检\n查材料(含案例)\n根据上级党委的统一部署,班子扎实开展会前准备工作。",
         "镇党委领导班子2025年度民主生活会对照检查材料（含案例）"),
        ("专题党课:精准把握党的作风建设的历史脉\n络,永葆共产党人清正廉洁的政治本色\n同志们:\n为全面落实党中央决策部署,开展学习教育。",
         "专题党课：精准把握党的作风建设的历史脉络，永葆共产党人清正廉洁的政治本色"),
    ],
)
def test_a_title_wrapped_like_the_text_below_it_is_one_title(draft, title):
    assert import_text(draft).speech.title == title


def test_a_title_without_a_kind_word_run_into_its_salutation_is_found():
    speech = import_text("坚定理想信念同志们:“万名书记讲党课”目的就是理想信念的再教育。").speech
    assert (speech.title, speech.salutation) == ("坚定理想信念", "同志们：")
    assert speech.opening == ["“万名书记讲党课”目的就是理想信念的再教育。"]


def test_a_name_alone_between_the_title_and_the_salutation_is_the_speaker():
    # 230_gongzuo_shi_jingji_diyi_runin_oneline: a page flattened with nothing between its parts
    speech = import_text("在全市经济工作会议上的讲话常正国同志们:刚才,会议兑现了2010年政府目标管理责任书。").speech
    assert (speech.title, speech.speaker, speech.salutation) == ("在全市经济工作会议上的讲话", "常正国", "同志们：")
    speech = import_text("在全县工作会议上的讲话（2023年2月15日）张三同志们：今天召开会议。").speech
    assert (speech.speaker, speech.salutation) == ("张三", "同志们：")
    # a longer run of words before the salutation is no name: it stays where it was read
    speech = import_text("在全县工作会议上的讲话尊敬的县委各位领导同志们：今天召开会议。").speech
    assert speech.speaker is None


@pytest.mark.parametrize(
    "line",
    ["尊敬的李组长,同志们:", "尊敬的各位领导,各位同志、全体教师们:", "尊敬的王书记：", "敬爱的张校长、亲爱的同学们："],
)
def test_a_salutation_to_someone_by_post_or_to_teachers(line):
    assert is_salutation(line)


def test_a_post_without_an_honorific_before_a_colon_is_no_salutation():
    assert not is_salutation("组长：") and not is_salutation("李组长：")


def test_a_salutation_written_with_a_comma_opens_the_text_after_the_title():
    # 253_other_xianwei_shuji_liren_trad
    speech = import_text("縣委書記卸任前的告別講話稿\n同志們,剛才部長宣布了市委的決定,我們堅決擁護。").speech
    assert speech.salutation == "同志們，" and speech.opening == ["剛才部長宣布了市委的決定，我們堅決擁護。"]
    # further down, "同志们，" opening a sentence is the sentence's
    speech = import_text("在全县工作会议上的讲话\n同志们：\n今天开会。\n同志们，我们要抓好落实。").speech
    assert speech.salutation == "同志们：" and "同志们，我们要抓好落实。" in [*speech.opening, *speech.closing]


def test_a_second_title_line_that_is_the_occasion_stays_a_subtitle():
    speech = import_text("凝心聚力 奋勇争先\n在全县经济工作会议上的讲话\n同志们：\n今天召开会议。").speech
    assert speech.title == "凝心聚力 奋勇争先" and speech.subtitle == "在全县经济工作会议上的讲话"


def _wrapped(*paragraphs_: str, width: int = 26) -> str:
    """Paragraphs laid out like a PDF copy: every line ``width`` characters, each paragraph from a new line."""
    return "\n".join(p[i : i + width] for p in paragraphs_ for i in range(0, len(p), width))


def test_in_a_wrapped_text_a_numbered_line_that_fills_the_width_goes_on_and_a_heading_that_stops_short_ends():
    heading = "一、通过考核展示了全年的工作成果，展示了各部门干部的风采"  # 28 characters: wraps after 26
    body = "总体来讲，各级各部门工作都很努力，也取得了不错的成绩。通过这两天的考核，大家上台述职，集中展示了成果。"
    item = "3、每个单位只能评一个格次，多评、不评、或者一张表格上对所有单位均评一个格次，这张表格就算作废。"
    other = "4、大家都要本着实事求是、客观公正的态度，坚决反对敷衍塞责的应付心态，力争对每个单位作出公正评价。"
    assert split(_wrapped(body, heading, body, item, other)) == [body, heading, body, item, other]


# Lines of PDF copies: 060_other_jingshi_jiaoyu_shiwei_pdf (a heading wrapped before "的", a run-in heading's
# body after a space on the heading's line) and 094_biaozhang_guangrong_zaidang_pdf (a paragraph going on
# after "!" at the edge).
_HEADING_WRAPPED = [
    "一、以案为镜,深挖根源,在深刻反思中筑牢“不想腐”",
    "的思想堤坝",
    "前车之覆,后车之鉴。警示教育片中的案例、通报剖析",
    "的材料,揭示的违纪违法事实触目惊心,付出的代价极为惨",
    "痛,暴露的问题发人深省。这些曾经是我们的同事、身边的",
    "干部,如今却成为反面教材,教训极其深刻。我们必须把自",
    "己摆进去、把职责摆进去、把工作摆进去,真正从这些“活教",
    "材”中受到警醒、得到警示。",
    "(一)深刻剖析理想信念坍塌的致命危害。 剖析每一",
    "起腐败案件,无论表现形式如何,根本上都是理想信念出了",
    "问题,是世界观、人生观、价值观这个“总开关”没有拧紧。",
    "有的干部在长期的工作中,放松了理论学习,忽视了党性锻",
    "炼,导致精神上“缺钙”,得了“软骨病”。面对复杂环境和各",
    "种诱惑,逐渐忘记了初心使命,动摇了信仰根基。",
]
_EXCLAMATION_AT_THE_EDGE = [
    "党中央决定,在中国共产党成立 100 周年之际,首次颁发“光",
    "荣在党 50 年”纪念章。此后,作为一项经常性工作,每年“七一”都",
    "将集中颁发纪念章。今年,我县将有 331 名健在的和 10 名自统计",
    "以来去世的党龄达到 50 周年的老党员荣获纪念章。在此,我代表",
    "县委,向所有荣获纪念章的老党员表示热烈的祝贺和崇高的敬意!",
    "向老同志们为党和国家、为天祝各项事业所做的贡献表示衷心的感",
    "谢!向已故老党员家属表示亲切的慰问!",
]


def test_in_a_wrapped_text_a_heading_wrapped_before_a_particle_and_a_run_in_body_on_a_full_line_go_on():
    lines = _HEADING_WRAPPED
    # the space after 。 stays in the paragraph: the heading reader splits a run-in heading there or not
    assert split("\n".join(lines)) == ["".join(lines[:2]), "".join(lines[2:8]), "".join(lines[8:])]
    assert split("\n".join(_EXCLAMATION_AT_THE_EDGE)) == ["".join(_EXCLAMATION_AT_THE_EDGE)]
    # not wrapped (no width): the heading line still takes "的……", the gap after 。 splits
    found = split("\n".join([*lines[:2], lines[8], "第二段。"]))
    assert found == ["".join(lines[:2]), lines[8][:19], "剖析每一", "第二段。"]
    assert split("的确如此。\n的确，这是大事。") == ["的确如此。", "的确，这是大事。"]


def test_a_pdf_space_after_the_end_of_a_sentence_goes_with_the_others():
    from docgen.importer.pdf_spaces import drop_pdf_spaces

    text = "前车之覆，后车之鉴。 警示教育片中的案例、通报剖析的材料，揭示的违纪违法事实触目惊心。"
    assert drop_pdf_spaces(text) == (text.replace(" ", ""), 1)


# A PDF's text on one line, each of its wraps a single space (227_gongzuo_zhenzhang_nongye_zongjie_spaces).
_PDF_ON_ONE_LINE = (
    "即将过去的20XX年,是我镇解放思想、凝心聚力、加 "
    "快发展的一年,也是破除万难、创新机制、农业工作取得突 破性进展的一年。 "
    "今天我们召开这次全镇农业工作会议,旨在深入学习贯 彻党的十七届三中全会、区委九届五次全委会和经济工作会 "
    "议精神,认真总结08年我镇的农业工作,分析当前形势, "
    "理清思路,科学部署09年农业工作。刚才,王浩同志已全 "
    "面客观地总结了我镇今年的农业工作,并就明年的农业工作 "
    "进行了科学合理的安排和部署。下面,我代表党委、政府对 同志们提三点希望: "
    "一、正视成绩,认清形势,找准农业工作的痛点和难点 今年,算是个多灾之年,年初的冰雪灾害、汶川大地震、 "
    "特大洪涝灾害给我镇基础设施造成了严重的损毁,给我镇的 农业工作带来了巨大的压力。"
)


def test_a_pdf_on_one_line_is_cut_where_its_lines_stop_short_after_a_sentence():
    found = split(_PDF_ON_ONE_LINE)
    # (the heading fills its line: the heading reader splits it from its body at the space)
    assert [p[:6] for p in found] == ["即将过去的2", "今天我们召开", "一、正视成绩"]
    assert found[0].endswith("破性进展的一年。") and found[1].endswith("同志们提三点希望:")
    # the spaces inside a paragraph stay for the body's PDF-space pass; none is lost
    assert "".join(found).replace(" ", "") == _PDF_ON_ONE_LINE.replace(" ", "")
    # a heading clearly shorter than the lines is a line of its own
    short = split(_PDF_ON_ONE_LINE.replace(",找准农业工作的痛点和难点", ""))
    assert short[2] == "一、正视成绩,认清形势" and short[3].startswith("今年,算是个多灾之年")
    # without a hard edge (lines of any width) nothing is cut at the single spaces
    ragged = "一、加强领导 今年以来,各项工作 取得新成效。 要坚持 实事求是。"
    assert split(ragged) == [ragged]


def test_a_salutation_wrapped_after_a_modifier_is_one():
    speech = import_text("在园林局工会工作会议上的主持词\n各位领导、各位\n同志:\n今天召开会议。").speech
    assert speech.salutation == "各位领导、各位同志："


def test_points_written_inline_go_on_across_a_wrap_before_the_next_point():
    lines = [
        "廖俊波同志的先进事迹集中体现在四个方面：一是对党忠",
        "诚，始终坚定理想信念；二是心系群众，始终为民造福；",
        "三是夙夜在公，始终忘我工作、拼闯实干，对事业殚精竭",
        "虑；四是廉洁奉公，始终严以自律、无私奉献。",
    ]
    body = "全县上下凝心聚力攻坚克难各项工作取得新成效经济社会发展"
    found = split("\n".join([body[:26]] * 5 + ["稳中向好。"] + lines))
    assert found[-1] == "".join(lines)


def test_a_line_of_an_elision_after_a_sentence_is_a_paragraph_of_its_own():
    assert split("下面，进行第一项，通过大会日程。\n……（宣读日程）\n大会日程已发给大家。") == [
        "下面，进行第一项，通过大会日程。", "……（宣读日程）", "大会日程已发给大家。",
    ]


def test_a_flattened_page_splits_a_heading_from_its_body_at_a_single_space_but_not_inside_a_sentence():
    draft = (
        "環保大會領導講話稿 篇1 各位領導: 大家好!根據區環境保護實績考核要求,我局需就治污保潔工程完成情況和環保"
        "表現兩個方面進行陳述。針對年度環保工作,現將我局有關工作情況匯報如下: "
        "一、治污保潔工程完成情況 根據年初區委給我局安排的治污保潔工程任務,主要有污水處理廠配套管網工程。"
    )
    result = import_text(draft)
    assert result.speech.title == "環保大會領導講話稿 篇1" and result.speech.salutation == "各位領導："
    texts = [p.excerpt for p in result.report.paragraphs]
    assert any(t.startswith("一、治污保潔工程完成情況") and "根據" not in t for t in texts)
    # a space in a sentence after a heading's words, or beside a number, is no boundary
    assert split("一、回顾历史，坚定信念，增强使命感中国共产党已经走过了 90 年的光辉历程，成就辉煌。") == [
        "一、回顾历史，坚定信念，增强使命感中国共产党已经走过了 90 年的光辉历程，成就辉煌。"
    ]
    assert len(split("一、俗话说得好： “火车跑得快，全靠车头带”。学校之所以发展迅速，是因为有好的带头人。")) == 1


def test_a_title_without_a_kind_word_before_the_first_sentence_of_a_flattened_page():
    draft = "专题党课:从党史中汲取智慧和力量全力推进乡村振兴 习近平总书记指出,一个民族要走在时代前列,就不能没有理论。"
    speech = import_text(draft).speech
    assert speech.title == "专题党课：从党史中汲取智慧和力量全力推进乡村振兴"


def test_a_salutation_wrapped_before_its_suffix_is_one():
    speech = import_text("在五一劳动模范表彰大会上的讲话\n尊敬的各位劳动模范、亲爱的同志\n们:\n大家好！").speech
    assert speech.salutation == "尊敬的各位劳动模范、亲爱的同志们："


def test_in_a_text_of_varied_wraps_a_line_without_marks_as_long_as_the_others_goes_on():
    lines = [
        "为了认真贯彻落实市委全会精神和市委关于开展“以思想",  # no mark inside, as long as a wrapped line
        "大解放推动经济社会大发展大讨论活动”的实施意见，切实把活动开展",
        "好，经研究决定，召开这次动员大会。参加今天会议的有：委机",
        "关和直属事业单位全体干部，各县区负责人，以及中心区3",  # a number cut from its measure word
        "号泵站的同志。",
    ]
    found = split("在全市动员大会上的讲话\n同志们：\n" + "\n".join(lines) + "\n开篇话\n今天讲三点。")
    assert found[2:] == ["".join(lines), "开篇话", "今天讲三点。"]


def test_lines_of_one_width_that_all_end_their_sentences_are_not_a_wrapped_text():
    # Found by the round-trip property: three equal headings and a sentence of their width looked like a PDF
    # wrapped at that width, so the sentence took the next paragraph in.
    draft = (
        "在全县2023年经济工作会议上的讲话\n\n当然，全县上下凝心聚力，各项工作取得新成效。\n"
        "全县上下凝心聚力，各项工作取得新成效。\n"
        "一、坚持以政治建设为统领，推动责任落到实处。\n二、坚持以政治建设为统领，推动责任落到实处。\n"
        "三、坚持以政治建设为统领，推动责任落到实处。\n"
    )
    speech = import_text(draft).speech
    assert speech.shortcomings == [
        "当然，全县上下凝心聚力，各项工作取得新成效。",
        "全县上下凝心聚力，各项工作取得新成效。",
    ]


def test_every_paragraph_of_a_long_line_split_by_wide_spaces_is_its_own_paragraph():
    # Each gap used to hand the whole rest of the line to the heading reader (quadratic: 413 s for 20,000
    # such paragraphs); benchmarks/import_speed.py times this shape, this test checks the split stays right.
    line = "　　".join(f"第{i}段讲的是推动各项工作落地见效。" for i in range(4000))
    speech = import_text("在全县工作会议上的讲话\n" + line).speech
    assert len(speech.opening) + len(speech.closing) + len(speech.shortcomings) >= 3999


def test_a_short_heading_with_a_web_page_s_half_width_comma_ends_its_line_in_a_hard_wrapped_text():
    # tests/data/corpus/228: a PDF copied through a web page, wrapped at 27 characters, marks narrowed
    draft = (
        "廉政教育:党纪教育是什么\n"
        "根据计划安排,今天,我以“党纪教育是什么”为题,上一\n"
        "次党课。前不久,我们组织“正风肃纪、警钟长鸣”警示教育图\n"
        "片展,办公楼大厅摆了两周,无论是集体组织去,还是个人随\n"
        "意看,相信大家看过了、学习了。图片展分政治纪律、组织纪\n"
        "律、廉洁纪律、群众纪律、工作纪律、生活纪律六大板块,每\n"
        "个展板又分基本情况、处理情况、教育启示三个部分,全是案\n"
        "简要提示。\n"
        "第一句话,党纪教育就是身份警醒\n"
        "是人,就得面对生老病死、酸甜苦辣、喜怒哀乐,就得面对\n"
        "天地日月、春夏秋冬、柴米油盐、锅碗瓢盆。"
    )
    assert split(draft)[-2:] == [
        "第一句话,党纪教育就是身份警醒",
        "是人,就得面对生老病死、酸甜苦辣、喜怒哀乐,就得面对天地日月、春夏秋冬、柴米油盐、锅碗瓢盆。",
    ]


def test_a_page_s_own_line_numbers_inside_a_sentence_are_no_items():
    # tests/data/corpus/238: a page numbered its lines "2、" "3、" where they cut the speech's sentences
    draft = (
        "县委书记在半年经济工作会议上的讲话\n同志们：\n"
        "上半年,我们以建设生态文明、乡村振兴、文旅融合发展、基层治理示范县创建为基本支撑,奋力建设美丽幸福家园为"
        "战略部署,坚持一张蓝图绘\n"
        "2、到底,团结带领县四大班子、全县党员干部群众,在落实中创新、在创新中落实。\n"
        "关于下半年工作,我们要深入学习贯彻习近平总书记关于“疫情要防住、经济要稳住、发展要安全\n"
        "3、”重要指示精神,严格执行省委省政府、市委市政府决策部署。"
    )
    found = split(draft)
    assert found[2].endswith("坚持一张蓝图绘2、到底,团结带领县四大班子、全县党员干部群众,在落实中创新、在创新中落实。")
    assert found[3].endswith("发展要安全3、”重要指示精神,严格执行省委省政府、市委市政府决策部署。")
    # a list numbered from one keeps its items, though a line before it stops inside a sentence
    first = "1、各单位要在3月底前完成辖区内企业、学校、医院、商场等人员密集场所的隐患排查，建立台账，确保不留死角"
    listed = split("要求如下：\n" + first + "\n2、各部门要加强协调。")
    assert listed == ["要求如下：", first, "2、各部门要加强协调。"]


def test_a_heading_that_fills_the_width_of_a_wrapped_text_ends_where_the_heading_reader_ends_it():
    # tests/data/corpus/222 wrapped at 28 characters: the heading happens to fill its line, and the body opens
    # with a sentence opener ("今年以来，"), so the heading ended at the line's end
    draft = (
        "经济社会发展,为本届政府施政履职开创新局面。刚才,县政府\n"
        "领导班子各成员就各自分管的工作作出了具体安排,任务明确、\n"
        "措施具体、责任到人,我完全同意,请各乡镇、各部门抓好贯彻\n"
        "落实。下面,我在各位班子成员安排的基础上,再讲三点意见。\n"
        "一、明确目标任务,强化工作措施,迅速打开政府工作新局面\n"
        "今年以来,在县委的坚强领导下,各乡镇、政府各部门、各单位\n"
        "按照县委、县政府的总体部署,以加强政府部门的执行力和落实\n"
        "力为切入点,切实转变思想作风和工作作风,大力推进稳增长、"
    )
    found = split(draft)
    assert found[1] == "一、明确目标任务,强化工作措施,迅速打开政府工作新局面"
    assert found[2].startswith("今年以来,在县委的坚强领导下") and found[2].endswith("大力推进稳增长、")
