"""How the importer reads real drafts: run-together title blocks, hard wraps, space-separated paragraphs,
PDF spaces, headings of every style, what a 一是 list is for, Traditional script — and that the report
names every guess. Each test is a small draft shaped like the real ones in tests/data/corpus/."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import render
from docgen.importer import MissingTitleError, Role, import_text
from docgen.importer.headings import find_heading

from .conftest import docx_paragraphs


def roles(text: str) -> list[tuple[Role, str]]:
    return [(p.role, p.excerpt) for p in import_text(text).report.paragraphs]


def content(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


# ------------------------------------------------------------------------------------------ title block


def test_a_title_block_run_into_one_line_is_taken_apart():
    draft = "在全县经济工作会议上的讲话 县长 张三 (2011 年 5 月 13 日) 同志们：受县委委托，我讲三点意见。"
    speech = import_text(draft).speech
    assert speech.title == "在全县经济工作会议上的讲话"
    assert speech.speaker == "县长 张三"
    assert speech.date is not None and speech.date.isoformat() == "2011-05-13"
    assert speech.salutation == "同志们：" and speech.opening == ["受县委委托，我讲三点意见。"]


def test_a_title_run_into_its_salutation_without_a_space_is_found():
    draft = "市领导在五一劳动模范表彰大会上的讲话尊敬的各位劳动模范、亲爱的同志们：大家好！今天我们隆重集会。"
    speech = import_text(draft).speech
    assert speech.title == "市领导在五一劳动模范表彰大会上的讲话"
    assert speech.salutation == "尊敬的各位劳动模范、亲爱的同志们："
    assert speech.opening == ["大家好！", "今天我们隆重集会。"]  # the greeting is a paragraph of its own


@pytest.mark.parametrize(
    ("draft", "title", "opening"),
    [
        ("在厅局长交流会上的讲话稿范文2021年去年X月，省委召开了会。", "在厅局长交流会上的讲话稿范文2021年", "去年X月"),
        ("在全县经济工作会议上的讲话2023年以来，全县经济稳中向好。", "在全县经济工作会议上的讲话", "2023年以来"),
        ("在全县经济工作会议上的讲话2021年，全县经济稳中向好。", "在全县经济工作会议上的讲话", "2021年，"),
    ],
)
def test_a_page_s_year_after_the_title_is_the_title_s_and_a_year_opening_a_sentence_is_not(draft, title, opening):
    speech = import_text(draft).speech
    assert speech.title == title and speech.opening[0].startswith(opening)


def test_a_title_over_two_lines_and_a_post_with_its_spaced_name():
    draft = "开学典礼暨教师节表彰大会\n主 持 词\n中共XX县委常委、组织部长　张 伟\n同志们：\n会议开始。"
    speech = import_text(draft).speech
    assert speech.title == "开学典礼暨教师节表彰大会主 持 词"
    assert speech.speaker == "中共XX县委常委、组织部长　张 伟"


def test_traditional_script_is_recognised_and_kept_as_written():
    speech = import_text("在全縣林業工作會議上的講話同志們：今天我們召開會議。").speech
    assert speech.title == "在全縣林業工作會議上的講話" and speech.salutation == "同志們："
    assert speech.opening == ["今天我們召開會議。"]


def test_a_draft_with_no_title_at_all_is_refused_with_the_title_hint():
    with pytest.raises(MissingTitleError, match="--title"):
        import_text("同志们：今天召开会议，主要任务是部署全年工作。")


# ------------------------------------------------------------------------------------------ paragraphs


def test_hard_wraps_inside_a_sentence_are_joined_and_reported():
    # a paragraph copied out of a PDF: every line 20 characters wide, the sentence cut anywhere
    text = "过去一年全县上下凝心聚力攻坚克难各项工作取得新成效经济社会发展呈现稳中有进稳中向好的良好态势" * 3 + "。"
    wrapped = "\n".join(text[i : i + 20] for i in range(0, len(text), 20))
    result = import_text("在全县工作会议上的讲话\n同志们：\n" + wrapped + "\n谢谢大家！")
    assert result.speech.opening == [text] and result.speech.closing == ["谢谢大家！"]
    assert any("换行已接排" in note for note in result.report.normalised)


def test_paragraphs_separated_only_by_spaces_are_split():
    draft = "在全县工作会议上的讲话\n同志们：\n今天召开会议。　　过去一年成绩显著。  今年任务艰巨。"
    speech = import_text(draft).speech
    assert speech.opening == ["今天召开会议。", "过去一年成绩显著。", "今年任务艰巨。"]


def test_pdf_spaces_inside_chinese_words_go_and_spaces_that_are_content_stay():
    body = "中国共 产党人始终把人民放在心中，2025 年 7 月实施了 iPhone 应用和 5G 网络的建设工作。"
    result = import_text("在全县工作会议上的讲话\n县长　张 三\n" + body)
    assert result.speech.speaker == "县长　张 三"  # a spaced name is typed on purpose
    kept = "中国共产党人始终把人民放在心中，2025年7月实施了 iPhone 应用和 5G 网络的建设工作。"
    assert result.speech.opening == [kept]
    assert any("多余的空格" in note for note in result.report.normalised)


# ------------------------------------------------------------------------------------------ headings


@pytest.mark.parametrize(
    ("text", "kind", "style", "heading"),
    [
        ("一、充分肯定成绩", "h1", "一、", "充分肯定成绩"),
        ("第一、提高政治站位", "h1", "第一、", "提高政治站位"),
        ("第二部分 清醒认识问题", "h1", "第一部分", "清醒认识问题"),
        ("（一）加强组织领导。各级党组织要切实履行主体责任。", "h2", "（一）", "加强组织领导。"),
        ("1.健全工作机制。建立周调度制度。", "h3", "1.", "健全工作机制。"),
        ("2、落实责任：各单位要明确分工。", "h3", "1、", "落实责任："),
        ("（3）强化督查。对工作进展定期通报。", "h4", "（1）", "强化督查。"),
        ("②严格考核。年底进行综合考评。", "h4", "①", "严格考核。"),  # recognised; imported as typed text
        ("一是在抓项目方面：全年实施项目38个。", "point", "一是", "在抓项目方面："),
        ("二要坚持问题导向，抓好整改。", "point", "一要", "坚持问题导向，抓好整改。"),
        ("第三，要强化责任落实，确保各项工作落到实处。", "point", "第一，", "要强化责任落实，确保各项工作落到实处。"),
        ("一、永葆忠诚之心讲政治我将深刻领悟“两个确立”的决定性意义", "h1", "一、", "永葆忠诚之心讲政治"),
        ("一、述职测评的重要性和必要性机关为什么要搞这种述职？这是决策。", "h1", "一、", "述职测评的重要性和必要性"),
    ],
)
def test_every_heading_style_and_where_a_run_in_heading_ends(text, kind, style, heading):
    found = find_heading(text)
    assert found is not None and (found.kind, found.style) == (kind, style)
    assert text[found.label_end : found.end].strip() == heading


NOT_HEADINGS = ["2023年经济平稳增长。", "1.5亿元资金已到位。", "一、二线城市房价上涨。", "十分重视安全。"]


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_years_amounts_and_ordinary_words_are_not_headings(text):
    assert find_heading(text) is None


def test_a_level_one_heading_run_into_its_body_becomes_two_paragraphs():
    draft = (
        "在全县工作会议上的讲话\n同志们：\n今天开会。\n一、永葆忠诚之心讲政治我将深刻领悟“两个确立”的决定性意义。\n"
        "二、永葆实干之心抓发展我将扑下身子干。"
    )
    found = roles(draft)
    assert (Role.RECOMMENDATION, "一、永葆忠诚之心讲政治") in found
    assert (Role.RECOMMENDATION, "二、永葆实干之心抓发展") in found
    assert next(excerpt for role, excerpt in found if role is Role.BODY).startswith("我将深刻领悟")


# ------------------------------------------------------------------------------------------ lists


def test_a_list_of_problems_is_not_praise_and_what_follows_it_is_not_pushed_into_shortcomings():
    draft = (
        "在全县工作会议上的讲话\n同志们：\n今天开会。\n当前工作中存在的问题主要有：\n一是思想认识不到位。\n"
        "二是工作作风不扎实。\n下面，我讲几点意见。\n一、提高认识\n要把思想统一到县委的部署上来。"
    )
    speech = import_text(draft).speech
    assert speech.praise is None
    assert speech.shortcomings.intro == "当前工作中存在的问题主要有："
    assert [p.body[0].text for p in speech.shortcomings.points] == ["思想认识不到位。", "工作作风不扎实。"]
    assert speech.recommendations.intro == "下面，我讲几点意见。"


def test_a_preview_of_the_talk_is_a_point_list_not_praise():
    draft = "在全县工作会议上的讲话\n同志们：\n今天我讲三句话：\n一是要看清形势。\n二是要明确任务。\n三是要狠抓落实。"
    result = import_text(draft)
    assert result.speech.praise is None and result.speech.shortcomings == []
    (points,) = result.speech.parts
    assert points.intro == "今天我讲三句话：" and len(points.points) == 3
    assert all(p.part == "要点（讲话提纲）" for p in result.report.paragraphs if p.role is Role.POINT)


def test_an_agenda_in_a_host_script_is_points_and_every_guess_is_listed_to_check():
    draft = "表彰大会主持词\n同志们：\n现在开会。\n1、各单位依次汇报。\n2、请县长讲话。"
    result = import_text(draft)
    assert [r for r, _ in roles(draft)][-2:] == [Role.POINT, Role.POINT]
    assert any("请核对" in line and "1、各单位依次汇报" in line for line in result.report.summary().splitlines())
    rendered = "".join(t for _, t in docx_paragraphs(render(result.speech)))
    assert content(rendered) == content(draft)  # the items keep their "1、" "2、", generated in the same shape


def test_a_dash_before_a_post_and_a_name_marks_the_speaker_not_a_subtitle():
    draft = "在全国论坛闭幕式上的致辞\n——华西村党委书记吴协恩\n尊敬的各位来宾、论坛成员：\n论坛圆满闭幕。"
    speech = import_text(draft).speech
    assert speech.speaker == "——华西村党委书记吴协恩" and speech.subtitle is None
    assert speech.salutation == "尊敬的各位来宾、论坛成员："


def test_a_headed_three_part_speech_copied_out_of_word_comes_back_as_its_headed_parts():
    from pathlib import Path

    from docgen import load_speech

    from .test_import_roundtrip import plain_text

    original = load_speech(Path(__file__).parent.parent / "examples" / "headed-three-parts.yaml")
    speech = import_text(plain_text(render(original))).speech
    assert speech.praise is not None and speech.praise.heading == original.praise.heading
    assert speech.praise.intro == original.praise.intro and len(speech.praise.points) == len(original.praise.points)
    assert speech.shortcomings == original.shortcomings  # heading, intro, issue points, the paragraph after
    assert speech.recommendations == original.recommendations  # heading, intro, （一） items with 1. inside
    assert speech.opening == original.opening and speech.closing == original.closing


def test_labels_the_speech_cannot_generate_are_kept_as_typed_and_reported():
    kept = ["①严格考核。年底进行综合考评。"]
    counted = ["第一句话：成绩难能可贵。今年以来成效明显。", "第二句话：困难不容低估。"]
    result = import_text("在全县工作会议上的讲话\n同志们：\n今天开会。\n" + "\n".join(kept + counted))
    assert result.speech.opening[-1:] == kept
    assert sum("按原文保留为正文" in line for line in result.report.fallbacks) == 1
    # "第一句话：" is a point style of its own: the points print their labels as the draft wrote them
    (points,) = result.speech.parts
    assert points.style == "第一句话：" and len(points.points) == 2
    rendered = [t for _, t in docx_paragraphs(render(result.speech))]
    assert counted[0] in rendered and counted[1] in rendered


_PIECES = [
    "同志们：", "一、", "一、提高认识", "（一）加强领导。", "（一）", "1.健全机制。", "（1）", "①", "一是",
    "一是加强学习。",
    "二是改进作风。", "第一，", "第一句话：", "主要有以下几个特点：", "存在的问题：", "讲三句话：", "当然，还有不足。",
    "下面，我讲几点意见。", "我就讲这些，谢谢大家！", "（2023年2月15日）", "县长 张三", "——在大会上的讲话", "　　",
    "今天召开会议，", "一、请张三同志讲话", "abc def", "2023年", "“引号”", "（括号", "……",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(["\n", "", "  ", " "])), max_size=12))
def test_any_jumble_of_draft_pieces_imports_and_renders(pieces):
    # a draft reads as *something*: never a validation error or a traceback for text the speech can hold
    result = import_text("在全县工作会议上的讲话\n" + "".join(text + sep for text, sep in pieces))
    assert render(result.speech)
    assert len({p.index for p in result.report.paragraphs}) >= 1
