"""The outline rules of the importer (`docgen.importer.roles`, `headings`, `compose`): numbered siblings are
one kind of thing, a numbered sentence of body is a point and not a heading, and a draft that skips a heading
level keeps its own hierarchy. Each draft is shaped like the real ones in tests/data/corpus/."""

from __future__ import annotations

import pytest

from docgen import render
from docgen.importer import Role, import_text
from docgen.importer.headings import is_sentence_item

from .conftest import docx_paragraphs

HEAD = "在全市作风建设大会上的讲话\n同志们：\n今天召开全市作风建设大会。下面，我讲三点意见。\n"


def report_roles(text: str) -> list[tuple[Role, str]]:
    return [(p.role, p.excerpt) for p in import_text(text).report.paragraphs]


@pytest.mark.parametrize(
    "rest",
    [
        "各单位要在3月底前完成隐患排查。",
        "各乡镇、各部门要严格落实“党政同责、一岗双责”。",
        "大家都要本着实事求是、客观公正的态度投票。",
        "一个单位述职时，其他同志要对照评定表的要求仔细听。",
        "请县委书记张三同志讲话。",
        "由我局负责建设的污水处理厂配套管网工程，共有5条道路。",
    ],
)
def test_a_numbered_line_with_a_subject_a_request_or_a_clause_of_time_is_a_sentence(rest):
    assert is_sentence_item(rest)


@pytest.mark.parametrize(
    "rest", ["加强组织领导。", "要确保代表结构要求。", "聚焦重点领域，深化专项整治", "认清形势、抢抓机遇", "党的建立"]
)
def test_a_heading_phrase_names_a_task_and_has_no_subject(rest):
    assert not is_sentence_item(rest)


def test_numbered_siblings_are_all_headings_when_one_heading_is_long():
    draft = HEAD + (
        "一、提高政治站位\n"
        "（一）聚焦重点领域，深化专项整治，确保取得实效。要紧盯群众反映强烈的突出问题。\n"
        "（二）坚持问题导向。各级各部门要对照查摆的问题，逐条整改。\n"
    )
    result = import_text(draft)
    found = [(p.role, p.excerpt) for p in result.report.paragraphs]
    assert (Role.RUN_IN_HEADING, "（一）聚焦重点领域，深化专项整治…") in found
    assert (Role.RUN_IN_HEADING, "（二）坚持问题导向。各级各部门要…") in found
    # the long one was a guess made from its sibling: the report lists it to check, with its first characters
    assert any("（一）聚焦重点领域" in f and "与同级标题" in f for f in result.report.fallbacks)
    printed = [text for _, text in docx_paragraphs(render(result.speech))]
    assert "（一）聚焦重点领域，深化专项整治，确保取得实效。要紧盯群众反映强烈的突出问题。" in printed


def test_numbered_sentences_of_body_are_points_not_headings():
    draft = HEAD + (
        "一、压实工作责任\n"
        "1、各单位要在3月底前完成隐患排查。\n"
        "2、各单位要建立隐患台账，实行销号管理。\n"
        "3、大家都要本着对人民负责的态度抓好整改。\n"
    )
    found = report_roles(draft)
    assert [role for role, text in found if text[:1] in "123"] == [Role.POINT] * 3


def test_a_sentence_among_headings_follows_its_siblings_only_when_it_could_be_one():
    draft = HEAD + "一、压实工作责任\n1.加强组织领导。要成立工作专班。\n2.各单位要在月底前完成隐患排查。\n"
    draft += "3.严格督查问责。\n"
    found = dict((text[:2], role) for role, text in report_roles(draft) if text[:1] in "123")
    # two of three are headings; the sentence of body has no heading phrase to take, so it stays a point
    assert found["1."] is Role.RUN_IN_HEADING and found["3."] is Role.HEADING3 and found["2."] is Role.POINT


def test_a_draft_that_goes_straight_from_level_one_to_1_keeps_its_hierarchy():
    draft = HEAD + (
        "一、没有共产党，就没有新中国\n"
        "在黑暗的旧社会，中国大地外敌入侵，战乱不断。\n"
        "1.党的建立\n"
        "1921年7月，中国共产党第一次全国代表大会召开。\n"
        "（1）一大的召开。会议通过了党的第一个纲领。\n"
        "2.党的发展\n"
        "党在斗争中不断发展壮大。\n"
        "二、没有共产党，就没有社会主义\n"
        "新中国成立后，党领导人民进行社会主义建设。\n"
    )
    result = import_text(draft)
    assert result.speech.numbering is not None and result.speech.numbering.sublevels == "1.→（1）"
    assert any("“一、→1.→（1）”（没有“（一）”一级）" in n for n in result.report.normalised)
    printed = docx_paragraphs(render(result.speech))
    assert ("讲话三级标题", "1.党的建立") in printed and ("讲话三级标题", "2.党的发展") in printed
    assert ("讲话一级标题", "二、没有共产党，就没有社会主义") in printed
    assert any(text.startswith("（1）一大的召开。") for _, text in printed)


def test_the_standard_hierarchy_sets_no_sublevels():
    draft = HEAD + "一、提高认识\n（一）加强领导\n要成立专班。\n1.明确分工。各司其职。\n"
    assert import_text(draft).speech.numbering is None


def test_a_schedule_in_a_host_script_is_points_even_where_one_item_reads_like_a_heading():
    draft = "县第十七届人民代表大会第一次会议主席团会议议程\n" + (
        "一、上午10:00-11:00，大会开幕式\n二、上午11:00-12:00，主席团第二次会议\n三、下午1:00-1:30，主席团第三次会议\n"
        "四、大会选举计票结束后，主席团第四次会议\n五、下午2:00-2:30，选举大会\n"
    )
    result = import_text(draft)
    assert [p.role for p in result.report.paragraphs[1:]] == [Role.POINT] * 5
    # the fourth was read as a heading first, then made a point like its siblings: listed to check
    assert any("四、大会选举计票结束后" in f and "同级各条多是整句" in f for f in result.report.fallbacks)


def test_a_heading_run_into_a_sentence_that_opens_with_a_time_ends_before_it():
    draft = HEAD.replace("下面，我讲三点意见。\n", "下面，我就当前工作讲几点意见：") + (
        "一、认清形势，增强做好安全生产工作责任感1-11月，我市安全生产形势总体平稳，有喜有忧。喜的是没有发生大事故。"
    )
    found = report_roles(draft)
    assert (Role.RECOMMENDATION, "一、认清形势，增强做好安全生产工…") in found
    assert any(role is Role.BODY and text.startswith("1-11月，我市") for role, text in found)


def test_a_level_one_heading_after_a_colon_and_a_space_starts_its_own_paragraph():
    draft = "在全市安全生产例会上的讲话 同志们：今天开会。下面，我讲几点意见： "
    draft += "一、认清形势，增强责任感 今年以来，全市形势平稳。"
    found = report_roles(draft)
    assert (Role.RECOMMENDATION, "一、认清形势，增强责任感") in found
    assert any(role is Role.BODY and text.startswith("今年以来") for role, text in found)


@pytest.mark.parametrize(
    ("style", "labels"),
    [
        ("第一点，", ["第一点，", "第二点，", "第三点，"]),
        ("第一句话：", ["第一句话：", "第二句话：", "第三句话："]),
        ("1、", ["1、", "2、", "3、"]),
        ("（一）", ["（一）", "（二）", "（三）"]),
        ("一是", ["一是", "二是", "三是"]),
        ("首先", ["首先", "其次", "最后"]),
    ],
)
def test_a_point_style_generates_every_label_from_its_position(style, labels):
    from docgen.model.numbering import point_label

    assert [point_label(n, style, 3) for n in (1, 2, 3)] == labels


def test_counted_points_of_a_talk_keep_their_labels_and_are_points():
    draft = HEAD.replace("下面，我讲三点意见。", "下面，我讲三点体会。") + (
        "第一点，深深感到讲话特别深邃。主要体现在三个方面。\n第二点，深深感到讲话特别亲切。\n第三点，深深感到讲话特别有力。\n"
    )
    result = import_text(draft)
    assert [p.role for p in result.report.paragraphs if p.excerpt.startswith("第")] == [Role.POINT] * 3
    printed = [t for _, t in docx_paragraphs(render(result.speech))]
    assert "第二点，深深感到讲话特别亲切。" in printed


def test_a_traditional_counted_label_is_kept_as_typed_rather_than_regenerated_in_simplified_script():
    kept = ["第一點，成績難能可貴。", "第二點，困難不容低估。"]
    result = import_text("在全縣工作會議上的講話\n同志們：\n今天開會。\n" + "\n".join(kept))
    printed = [t for _, t in docx_paragraphs(render(result.speech))]
    assert kept[0] in printed and kept[1] in printed
    assert sum("按原文保留为正文" in f and "第" in f and "點" in f for f in result.report.fallbacks) == 2


def test_a_heading_of_several_clauses_run_into_a_one_line_speech_ends_after_its_final_word():
    draft = (
        "在全县创先争优活动动员大会上的讲话 同志们：今天召开动员大会。下面，我讲三点意见。"
        "一、统一思想，提高认识，切实增强组织开展好创先争优活动的政治责任感党的十七大提出，要在党的基层组织中"
        "深入开展创先争优活动。二、突出重点，扎实推进，确保活动取得实效要紧扣中心工作，务求实效。"
    )
    found = report_roles(draft)
    assert (Role.RECOMMENDATION, "一、统一思想，提高认识，切实增强…") in found
    assert any(role is Role.BODY and text.startswith("党的十七大提出") for role, text in found)


def test_a_body_start_beats_a_heading_final_word_inside_the_heading():
    from docgen.importer.headings import find_heading

    text = "一、以“思想破冰”引领“行动突围”，让乡村振兴的政治责任在“思想共振”中扎根铸魂习近平总书记强调：乡村必振兴。"
    found = find_heading(text)
    assert found is not None and text[found.label_end : found.end].endswith("扎根铸魂")


def test_a_talk_announced_in_three_aspects_introduces_its_parts():
    from docgen.importer import genre

    assert genre.is_recommendations_intro("下面，我就深入开展创先争优活动讲三方面意见。")
    assert genre.is_recommendations_intro("下面，我讲三个方面的意见。")


def test_a_list_that_goes_on_from_the_paragraph_before_keeps_its_numbers():
    draft = "全县文化体育工作会议主持词\n同志们：\n这次会议的议程有两项：一是表彰先进单位；\n二是请局长作工作报告。\n"
    result = import_text(draft)
    (points,) = result.speech.parts
    assert points.start == 2
    printed = [t for _, t in docx_paragraphs(render(result.speech))]
    assert "二是请局长作工作报告。" in printed  # not renumbered 一是


def test_numbered_items_with_explanations_between_them_keep_their_numbers():
    draft = "主席团第一次会议主持词\n同志们：\n现在开会。\n" + (
        "一、上午10:00-11:00，大会开幕式\n执行主席：张三。\n二、上午11:00-12:00，主席团第二次会议\n执行主席：李四。\n"
    )
    result = import_text(draft)
    printed = [t for _, t in docx_paragraphs(render(result.speech))]
    assert "一、上午10:00-11:00，大会开幕式" in printed and "二、上午11:00-12:00，主席团第二次会议" in printed
    assert [p.role for p in result.report.paragraphs if p.excerpt[:1] in "一二"] == [Role.POINT, Role.POINT]


def test_a_body_that_takes_up_the_heading_s_last_words_starts_where_they_come_again():
    from docgen.importer.headings import find_heading

    text = "一、坚定理想信念理想信念是事业致胜的法宝。理想信念是一种伟大的精神力量。"
    found = find_heading(text)
    assert found is not None and text[found.label_end : found.end] == "坚定理想信念"


def test_a_list_going_on_from_two_under_an_issues_heading_stays_a_list_of_its_own():
    # found by the jumble property test: issues and praise number from one, so "二是" keeps a free list
    result = import_text("在全县工作会议上的讲话\n一、\n存在的问题：\n二是改进作风。\n")
    printed = [t for _, t in docx_paragraphs(render(result.speech))]
    assert "二是改进作风。" in printed


def test_after_a_sentence_announcing_the_parts_a_level_one_heading_sentence_starts_its_section():
    draft = (
        "在全区乡村振兴工作会议上的讲话 同志们：今天开会，请大家抓好落实，下面，我再强调几点意见。"
        "一、要站在新时代的高度，高度重视乡村振兴战略。（一）深刻认识乡村振兴战略的时代意义党的十九大以来，形势日新月异。"
    )
    found = report_roles(draft)
    assert (Role.RECOMMENDATION, "一、要站在新时代的高度，高度重视…") in found
