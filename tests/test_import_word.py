"""Word drafts read right: automatic numbering (the label Word shows, counted as Word counts), heading styles
and outline levels, direct formatting as a weak and reported cue, soft line breaks, tracked changes, fields,
hyperlinks, content controls, hidden text — and the real-speech corpus made into Word drafts."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml import parse_xml

from docgen import import_docx, render
from docgen.importer.word_numbering import WordNumbering, format_number
from docgen.importer.word_styles import StyleSheet

from .conftest import docx_paragraphs, without_whitespace
from .corpus import CORPUS, case_paths, load_case, totals
from .word_drafts import (
    HEADING_LIST,
    POINT_LIST,
    W_NS,
    WAYS,
    Numbering,
    east_asian_font,
    number,
    score_as_docx,
    title,
)

BODY = "各级党组织要高度重视，认真抓好落实。"


def _save(document: Any, tmp_path: Path, name: str = "草稿.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _rendered(result: Any) -> str:
    return "\n".join(text for _, text in docx_paragraphs(render(result.speech)))


# ------------------------------------------------------------------------------------------ number formats


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "decimal", "1"),
        (12, "decimal", "12"),
        (3, "chineseCounting", "三"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (21, "chineseCountingThousand", "二十一"),
        (105, "chineseCountingThousand", "一百零五"),
        (0, "chineseCounting", "〇"),
        (1, "ideographTraditional", "甲"),
        (11, "ideographTraditional", "甲"),
        (2, "ideographZodiac", "丑"),
        (12, "ideographDigital", "一二"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "decimalEnclosedCircle", "②"),
        (20, "decimalEnclosedCircleChinese", "⑳"),
        (21, "decimalEnclosedCircle", "21"),  # past ⑳ Word writes digits
        (3, "decimalEnclosedParen", "⑶"),
        (1, "ideographEnclosedCircle", "㊀"),
        (7, "decimalFullWidth", "７"),
        (4, "decimalZero", "04"),
        (27, "upperLetter", "AA"),
        (2, "lowerLetter", "b"),
        (14, "upperRoman", "XIV"),
        (4, "lowerRoman", "iv"),
        (5, "none", ""),
        (5, "someFutureFormat", "5"),
        (10**20, "chineseCounting", str(10**20)),  # a hostile start value: digits, no error
        (-3, "chineseCounting", "-3"),
        (10**9, "upperRoman", str(10**9)),  # past Word's limits: digits, not a billion letters
        (10**9, "lowerLetter", str(10**9)),
    ],
)
def test_word_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


# ------------------------------------------------------------------------------------------------ counters


def _numbering(abstracts: str, nums: str) -> WordNumbering:
    root = parse_xml(f'<w:numbering xmlns:w="{W_NS}">{abstracts}{nums}</w:numbering>')
    return WordNumbering(root, {})


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


HEADINGS = (
    '<w:abstractNum w:abstractNumId="1">'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + _lvl(3, "decimal", "（%4）")
    + "</w:abstractNum>"
)


def test_levels_count_and_restart_under_a_higher_level_as_word_does():
    numbering = _numbering(HEADINGS, '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>')
    shown = [numbering.label("5", level).text for level in (0, 1, 1, 2, 2, 3, 0, 1, 2)]  # type: ignore[union-attr]
    assert shown == ["一、", "（一）", "（二）", "1.", "2.", "（1）", "二、", "（一）", "1."]


def test_a_level_with_lvl_restart_zero_keeps_counting_and_legal_numbering_writes_digits():
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + _lvl(0, "chineseCounting", "第%1部分")
        + _lvl(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/><w:isLgl/>')
        + "</w:abstractNum>"
    )
    numbering = _numbering(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    shown = [numbering.label("1", level).text for level in (0, 1, 1, 0, 1)]  # type: ignore[union-attr]
    assert shown == ["第一部分", "1.1", "1.2", "第二部分", "2.3"]


def test_instances_of_one_list_continue_unless_one_overrides_its_start():
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    )
    numbering = _numbering(HEADINGS, nums)
    shown = [numbering.label(num, 0).text for num in ("1", "2", "3", "3", "1", "4")]  # type: ignore[union-attr]
    assert shown == ["一、", "二、", "一、", "二、", "三、", "五、"]


def test_a_whole_level_override_and_a_bullet_and_an_undefined_list():
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/>'
        f'<w:lvlOverride w:ilvl="0">{_lvl(0, "chineseCounting", "%1是")}</w:lvlOverride></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    )
    bullets = '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "bullet", "•") + "</w:abstractNum>"
    numbering = _numbering(HEADINGS + bullets, nums)
    assert numbering.label("1", 0).text == "一是"  # type: ignore[union-attr]
    assert numbering.label("2", 0).bullet  # type: ignore[union-attr]
    assert numbering.label("9", 0) is None and numbering.label("1", 7) is None


def test_a_list_that_links_to_a_numbering_style_takes_that_styles_levels():
    styles = parse_xml(
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="numbering" w:styleId="讲话编号"><w:name w:val="讲话编号"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'
    )
    sheet = StyleSheet(styles)
    linked = '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="讲话编号"/></w:abstractNum>'
    root = parse_xml(
        f'<w:numbering xmlns:w="{W_NS}">{HEADINGS}{linked}'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
    )
    numbering = WordNumbering(root, sheet.numbering_styles())
    assert numbering.label("2", 1).text == "（一）"  # type: ignore[union-attr]


# ------------------------------------------------------------------------------------- numbering, imported


def _numbered_speech(tmp_path: Path) -> Path:
    document = Document()
    lists = Numbering(document)
    headings = lists.define(HEADING_LIST)
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    for text, level in [("提高政治站位", 0), ("加强组织领导", 1), ("压实工作责任", 1), ("狠抓工作落实", 0)]:
        number(document.add_paragraph(text), headings, level)
        document.add_paragraph(BODY)
    for text, level in [("细化任务分工", 1), ("明确时间节点", 2), ("倒排工期", 3)]:
        number(document.add_paragraph(text), headings, level)
        document.add_paragraph(BODY)
    document.add_paragraph("谢谢大家！")
    return _save(document, tmp_path)


def test_automatic_numbering_gives_headings_at_every_level_and_nothing_is_doubled(tmp_path):
    result = import_docx(_numbered_speech(tmp_path))
    items = result.speech.recommendations.items
    assert [item.heading for item in items] == ["提高政治站位", "狠抓工作落实"]
    assert [b.heading for b in items[0].body[1:]] == ["加强组织领导", "压实工作责任"]
    level2 = items[1].body[1]
    assert level2.heading == "细化任务分工" and level2.body[1].heading == "明确时间节点"
    assert level2.body[1].body[1].heading == "倒排工期"
    rendered = _rendered(result)
    for label in ("一、提高政治站位", "（二）压实工作责任", "二、狠抓工作落实", "1.明确时间节点", "（1）倒排工期"):
        assert rendered.count(label) == 1, label
    assert "一、一、" not in rendered and "（一）（一）" not in rendered
    assert any("Word 自动编号按手打的编号读取" in n for n in result.report.normalised)
    assert not any("自动编号" in n for n in result.report.not_taken)


def test_an_automatic_yishi_list_is_a_list_of_points_and_a_restarted_list_starts_again(tmp_path):
    document = Document()
    lists = Numbering(document)
    points = lists.define(POINT_LIST)
    abstract = lists.abstract_of(points)
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("过去一年，全县工作取得了明显成效，主要有以下几个特点：")
    for text in ("经济运行稳中有进。全年地区生产总值增长6%。", "民生保障持续加强。新增就业5000人。"):
        number(document.add_paragraph(text), points)
    document.add_paragraph("同时也要看到，工作中还存在一些问题和不足：")
    again = lists.instance(abstract, {0: 1})  # Word's "重新开始于一"
    for text in ("发展质量不高，产业结构不优。", "干部作风不实，服务意识不强。"):
        number(document.add_paragraph(text), again)
    document.add_paragraph("谢谢大家！")
    result = import_docx(_save(document, tmp_path))
    speech = result.speech
    assert len(speech.praise.points) == 2
    assert "经济运行稳中有进" in str(speech.praise.points[0]) and "民生保障" in str(speech.praise.points[1])
    shortcomings = speech.shortcomings
    assert len(shortcomings.points) == 2, shortcomings
    rendered = _rendered(result)
    assert rendered.count("一是") == 2 and "三是" not in rendered


def test_numbering_inherited_through_a_paragraph_style_and_switched_off_by_num_id_zero(tmp_path):
    document = Document()
    lists = Numbering(document)
    headings = lists.define(HEADING_LIST)
    style = document.styles.add_style("讲话一级", 1)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{headings}"/></w:numPr>')
    )
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("提高政治站位", style="讲话一级")
    document.add_paragraph(BODY)
    off = document.add_paragraph("这一段虽用了编号样式，却取消了编号，按正文读取。", style="讲话一级")
    number(off, "0")
    document.add_paragraph("狠抓工作落实", style="讲话一级")
    document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    items = result.speech.recommendations.items
    assert [item.heading for item in items] == ["提高政治站位", "狠抓工作落实"]
    assert "这一段虽用了编号样式" in items[0].body[-1].text
    assert "二、狠抓工作落实" in _rendered(result)  # the switched-off paragraph did not count


def test_a_label_the_speech_has_no_style_for_stays_in_front_of_its_text_and_is_reported(tmp_path):
    document = Document()
    lists = Numbering(document)
    legal = lists.define((("decimal", "%1."), ("decimal", "%1.%2")))
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，部署今年的工作。")
    number(document.add_paragraph("经济指标要完成。"), legal, 1)
    bullets = lists.define((("bullet", "•"),))
    number(document.add_paragraph("项目建设要提速。"), bullets)
    result = import_docx(_save(document, tmp_path))
    text = without_whitespace(_rendered(result))
    assert "1.1经济指标要完成。" in text  # level 2 of a list whose level 1 was never used: Word shows 1.1
    assert "•" not in text and "项目建设要提速。" in text
    assert any("“" in f and "不是讲话稿的编号样式" in f for f in result.report.fallbacks)
    assert any("项目符号" in n for n in result.report.normalised)


# ------------------------------------------------------------------------------------------ heading styles


def test_heading_styles_without_numbers_give_heading_levels(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("提高政治站位", style="Heading 1")
    document.add_paragraph("加强组织领导", style="Heading 2")
    document.add_paragraph(BODY)
    document.add_paragraph("狠抓工作落实", style="Heading 1")
    document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    items = result.speech.recommendations.items
    assert [item.heading for item in items] == ["提高政治站位", "狠抓工作落实"]
    assert items[0].body[0].heading == "加强组织领导"
    assert any("Word 标题样式按一级标题读取" in n for n in result.report.normalised)


def test_heading_levels_follow_the_draft_when_heading_1_is_its_title_and_outline_levels_count(tmp_path):
    document = Document()
    document.add_paragraph("在全县工作会议上的讲话", style="Heading 1")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("提高政治站位", style="Heading 2")
    document.add_paragraph(BODY)
    outlined = document.add_paragraph("狠抓工作落实")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W_NS}" w:val="1"/>'))
    document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    assert result.speech.title == "在全县工作会议上的讲话"
    assert [item.heading for item in result.speech.recommendations.items] == ["提高政治站位", "狠抓工作落实"]


def test_a_paragraph_in_a_heading_style_is_a_heading_on_its_own_line_whatever_its_punctuation(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("一、清醒认识违规吃喝的危害", style="Heading 1")
    colon = "从政治危害看：违规吃喝是动摇党的执政根基的“腐蚀剂”"
    document.add_paragraph(colon, style="Heading 2")
    document.add_paragraph(BODY)
    plain = Document()  # the same words typed, without the style: a run-in heading, as the text says
    title(plain, "在全县工作会议上的讲话")
    plain.add_paragraph("今天召开会议，我讲两点意见。")
    plain.add_paragraph("一、清醒认识违规吃喝的危害")
    plain.add_paragraph("（一）" + colon)
    plain.add_paragraph(BODY)
    styled = import_docx(_save(document, tmp_path)).speech.recommendations.items[0].body[0]
    typed = import_docx(_save(plain, tmp_path, "typed.docx")).speech.recommendations.items[0].body[0]
    assert styled.heading == colon
    assert typed.heading != colon


def test_a_heading_that_shows_no_number_gets_none_and_its_typed_siblings_keep_theirs(tmp_path):
    # Corpus case 239 as a Word draft: the parts are headed "首先，……" and "第二，……" in "Heading 1".
    document = Document()
    title(document, "过好“政治生日”主题党课讲稿")
    document.add_paragraph("什么是党员“政治生日”？“政治生日”应该怎么过？今天我以此作为党课的题目，与大家一起学习。")
    document.add_paragraph("首先，我们了解一下党员政治生日的概念", style="Heading 1")
    document.add_paragraph("我们说，对于普通人而言生日只有一个，就是出生的那一天。")
    document.add_paragraph("第二，我们讲一下党员过“政治生日”的必要性", style="Heading 1")
    document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    assert result.speech.numbering.level1 == "none"
    headings = [(style, text) for style, text in docx_paragraphs(render(result.speech)) if "级标题" in style]
    assert headings == [
        ("讲话一级标题", "首先，我们了解一下党员政治生日的概念"),  # no "一、" nobody typed
        ("讲话一级标题", "第二，我们讲一下党员过“政治生日”的必要性"),  # its own "第二，", not a "二、"
    ]
    # the report says the typed 第二， was kept (by the Word rule or the text rule for 第二， not run from 第一)
    assert any("“第二，”" in f and "按原文保留" in f for f in result.report.fallbacks)


def test_a_level_2_heading_that_shows_no_number_under_typed_level_1_headings_gets_none(tmp_path):
    # Corpus case 073 as a Word draft: "第一，" typed in "Heading 1", the heading under it in "Heading 2" without
    # a number (the page lost its brackets: "一理想信念是什么?").
    document = Document()
    title(document, "2019年党课讲稿----坚定理想信念做对党忠诚的合格党员")
    document.add_paragraph("同志们：")
    document.add_paragraph("在XX党委引领单位建设蓄势启航、新编制体制运行之际，我们在这里上一堂党课。")
    document.add_paragraph("第一，深刻理解坚定理想信念的重要意义", style="Heading 1")
    document.add_paragraph("一理想信念是什么？", style="Heading 2")
    document.add_paragraph("《现代汉语词典》解释，“理想”一词，最早见于文献。")
    result = import_docx(_save(document, tmp_path))
    assert result.speech.numbering.level1 == "第一、" and result.speech.numbering.sublevels == "none"
    headings = [(style, text) for style, text in docx_paragraphs(render(result.speech)) if "级标题" in style]
    assert headings == [
        ("讲话一级标题", "第一、深刻理解坚定理想信念的重要意义"),  # "第一，" as the model prints it
        ("讲话二级标题", "一理想信念是什么？"),  # as written, no "（一）"
    ]


def test_a_draft_that_skips_a_heading_level_throughout_keeps_its_hierarchy(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    for heading, style in (("提高政治站位", 1), ("明确时间节点", 3), ("狠抓工作落实", 1), ("倒排工期", 3)):
        document.add_paragraph(heading, style=f"Heading {style}")
        document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    assert [item.heading for item in result.speech.recommendations.items] == ["提高政治站位", "狠抓工作落实"]
    # The draft numbers nothing, so neither does the document: each heading as written, in its level's style.
    headings = [(style, text) for style, text in docx_paragraphs(render(result.speech)) if "标题" in style]
    assert headings == [
        ("讲话标题", "在全县工作会议上的讲话"),
        ("讲话一级标题", "提高政治站位"),
        ("讲话二级标题", "明确时间节点"),
        ("讲话一级标题", "狠抓工作落实"),
        ("讲话二级标题", "倒排工期"),
    ]
    # numbered the same way, the draft keeps its own hierarchy: 一、 → 1.
    numbered = Document()
    title(numbered, "在全县工作会议上的讲话")
    numbered.add_paragraph("今天召开会议，我讲两点意见。")
    for heading, style in (("一、提高政治站位", 1), ("1.明确时间节点", 3), ("二、狠抓工作落实", 1), ("1.倒排工期", 3)):
        numbered.add_paragraph(heading, style=f"Heading {style}")
        numbered.add_paragraph(BODY)
    rendered = _rendered(import_docx(_save(numbered, tmp_path, "numbered.docx")))
    assert "1.明确时间节点" in rendered and "1.倒排工期" in rendered and "（一）" not in rendered


def test_localized_heading_style_names_and_a_long_paragraph_in_a_heading_style(tmp_path):
    document = Document()
    local = document.styles.add_style("标题 1", 1)
    local.base_style = document.styles["Normal"]
    unnamed = document.styles.add_style("Heading3", 1)  # a style known only by its id
    unnamed.element.remove(unnamed.element.find(f"{{{W_NS}}}name"))
    document.styles.add_style("二级标题", 1)  # an office template's own style name
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("提高政治站位", style="标题 1")
    document.add_paragraph("加强组织领导", style="二级标题")
    document.add_paragraph("细化任务分工")._p.get_or_add_pPr().append(
        parse_xml(f'<w:pStyle xmlns:w="{W_NS}" w:val="Heading3"/>')
    )
    long = "各级党组织要把这项工作摆上重要议程。定期研究解决问题，确保各项任务落地见效，不断提高工作水平。"
    document.add_paragraph(long, style="标题 1")
    document.add_paragraph(BODY)
    result = import_docx(_save(document, tmp_path))
    item = result.speech.recommendations.items[0]
    assert item.heading == "提高政治站位" and item.body[0].heading == "加强组织领导"
    assert item.body[0].body[0].heading == "细化任务分工"
    assert any("用了标题样式，但是一整段正文" in f for f in result.report.fallbacks)
    assert long in without_whitespace(_rendered(result))


# ----------------------------------------------------------------------------------- direct formatting


def _formatted(tmp_path: Path, *, labelled: bool = False) -> Path:
    document = Document()
    title(document, "在全县工作会议上的讲话")
    subtitle = document.add_paragraph().add_run("——在全县经济工作会议上")
    subtitle.bold = True
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    for heading, font in (
        ("提高政治站位", "黑体"),
        ("加强组织领导", "楷体"),
        ("细化任务分工", ""),
        ("狠抓工作落实", "黑体"),
    ):
        run = document.add_paragraph().add_run(("一、" if labelled and font == "黑体" else "") + heading)
        if font:
            east_asian_font(run, font)
        else:
            run.bold = True
        document.add_paragraph(BODY)
    document.add_paragraph().add_run("明确时间节点").bold = True  # bold straight under 黑体: one level down
    document.add_paragraph(BODY)
    return _save(document, tmp_path)


def test_headings_formatted_by_hand_are_read_as_headings_and_listed_to_check(tmp_path):
    result = import_docx(_formatted(tmp_path))
    items = result.speech.recommendations.items
    assert [item.heading for item in items] == ["提高政治站位", "狠抓工作落实"]
    level2 = items[0].body[1]
    assert level2.heading == "加强组织领导"
    assert level2.body[1].heading == "细化任务分工"  # bold below 黑体 and 楷体: the third level
    assert items[1].body[1].heading == "明确时间节点"  # (no level is skipped: the second, here)
    # nothing in the draft is numbered, so the document numbers nothing either: no "一、" nobody typed
    headings = [(style, text) for style, text in docx_paragraphs(render(result.speech)) if "级标题" in style]
    assert headings == [
        ("讲话一级标题", "提高政治站位"),
        ("讲话二级标题", "加强组织领导"),
        ("讲话三级标题", "细化任务分工"),
        ("讲话一级标题", "狠抓工作落实"),
        ("讲话二级标题", "明确时间节点"),
    ]
    assert result.speech.subtitle == "在全县经济工作会议上"  # bold in the title block is no heading
    checks = "\n".join(result.report.fallbacks)
    assert "“提高政治站位”整段用黑体，按一级标题读取" in checks and "“加强组织领导”整段用楷体，按二级标题读取" in checks
    assert "请核对：第" in result.report.summary()


def test_format_cues_give_way_when_the_draft_numbers_its_headings(tmp_path):
    result = import_docx(_formatted(tmp_path, labelled=True))
    assert not any("整段" in f for f in result.report.fallbacks)


def test_a_centered_title_in_a_large_size_is_the_title_even_when_its_words_are_few(tmp_path):
    document = Document()
    title(document, "出征")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天，我们在这里为援鄂医疗队送行。")
    result = import_docx(_save(document, tmp_path))
    assert result.speech.title == "出征"
    assert any("按 Word 中的标题格式读作标题" in f for f in result.report.fallbacks)
    plain = Document()
    plain.add_paragraph("出征")
    plain.add_paragraph("今天，我们在这里为援鄂医疗队送行。")
    with pytest.raises(Exception, match="找不到讲话稿的标题"):
        import_docx(_save(plain, tmp_path, "无格式.docx"))


def test_bold_sentences_in_a_point_and_after_a_run_in_heading_are_leads(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，讲讲存在的问题：")
    point = document.add_paragraph("一是")
    point.add_run("发展质量不高。").bold = True
    point.add_run("产业结构不优，新动能不足。")
    second = document.add_paragraph("二是")
    second.add_run("干部作风不实。").bold = True
    second.add_run("有的同志服务意识不强。")
    document.add_paragraph("下面，我讲几点意见。")
    document.add_paragraph("一、提高政治站位")
    run_in = document.add_paragraph("（一）加强组织领导。")
    run_in.add_run("全县经济保持平稳增长。").bold = True
    run_in.add_run("今年以来，地区生产总值增长6%。")
    result = import_docx(_save(document, tmp_path))
    rendered = Document(io.BytesIO(render(result.speech)))
    leads = {r.text for p in rendered.paragraphs for r in p.runs if r.style is not None and r.style.name == "讲话首句"}
    assert {"发展质量不高。", "干部作风不实。", "全县经济保持平稳增长。"} <= leads
    assert sum("原稿加粗的句子" in f for f in result.report.fallbacks) == 3


def test_a_title_formatted_over_two_paragraphs_is_one_title_kept_whole(tmp_path):
    document = Document()
    title(document, "开学典礼暨教师节庆祝表彰大会")
    title(document, "主 持 词")  # spaced out to fill the line, as writers do
    title(document, "——在全校师生大会上")
    title(document, "校长 李华")
    document.add_paragraph("各位领导、各位老师、同学们：")
    document.add_paragraph("金色九月，秋风送爽。")
    document.add_paragraph("一、大会进行第一项：请李华校长致辞。")
    result = import_docx(_save(document, tmp_path))
    speech = result.speech
    assert without_whitespace(speech.title) == "开学典礼暨教师节庆祝表彰大会主持词"
    assert speech.subtitle == "在全校师生大会上"  # neither the subtitle nor the speaker joins the title
    assert not any("标题格式" in f for f in result.report.fallbacks)  # its words say it is a title too


def test_a_bold_lead_sentence_in_word_becomes_the_lead(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    document.add_paragraph("一、提高政治站位")
    body = document.add_paragraph()
    body.add_run("要加强组织领导。").bold = True
    body.add_run("各级党组织要把工作摆上重要议程。")
    plain = document.add_paragraph()
    plain.add_run("全县经济保持平稳增长。").bold = True  # no "要……": only the bold says it is a lead
    plain.add_run("今年以来，地区生产总值增长6%。")
    result = import_docx(_save(document, tmp_path))
    body = result.speech.recommendations.items[0].body
    assert body[0].lead == "要加强组织领导。"
    assert (body[1].lead, body[1].text) == ("全县经济保持平稳增长。", "今年以来，地区生产总值增长6%。")
    assert any("“全县经济保持平稳增长" in f and "加粗" in f for f in result.report.fallbacks)


# ------------------------------------------------------------------------------- every visible character

_W = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _paragraph_xml(document: Any, inner: str) -> None:
    document.element.body.insert(len(document.element.body) - 1, parse_xml(f"<w:p {_W}>{inner}</w:p>"))  # before sectPr


def test_soft_line_breaks_end_paragraphs_where_a_text_line_would(tmp_path):
    document = Document()
    head = document.add_paragraph("在全县经济工作会议")
    head.add_run().add_break()
    head.add_run("上的讲话")
    document.add_paragraph("同志们：")
    pasted = document.add_paragraph("今天召开会议。")
    pasted.add_run().add_break()
    pasted.add_run("主要任务是部署工作，")
    pasted.add_run().add_break()
    pasted.add_run("大家要认真抓好落实。")
    result = import_docx(_save(document, tmp_path))
    assert result.speech.title == "在全县经济工作会议上的讲话"
    assert result.speech.opening == ["今天召开会议。", "主要任务是部署工作，大家要认真抓好落实。"]
    assert any("手动换行" in n for n in result.report.normalised)


def test_tracked_changes_fields_hyperlinks_smart_tags_and_content_controls_reach_the_import(tmp_path):
    document = Document()
    title(document, "在全县工作会议上的讲话")
    _paragraph_xml(
        document,
        "<w:r><w:t>今天召开</w:t></w:r>"
        '<w:ins w:id="1" w:author="甲"><w:r><w:t>全县</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="甲"><w:r><w:delText>全市</w:delText></w:r></w:del>'
        "<w:r><w:t>工作会议，</w:t></w:r>"
        '<w:hyperlink r:id="rIdX"><w:r><w:t>会议材料</w:t></w:r></w:hyperlink>'
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>今日</w:t></w:r></w:fldSimple>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>三</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:smartTag w:uri="u" w:element="place"><w:r><w:t>县城</w:t></w:r></w:smartTag>'
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>已印发。</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部备注）</w:t></w:r>",
    )
    _paragraph_xml(
        document,
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r>"
        "</w:sdtContent></w:sdt>",
    )
    document.element.body.insert(
        len(document.element.body) - 1,
        parse_xml(
            f"<w:sdt {_W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>在此输入讲话人</w:t>"
            "</w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    result = import_docx(_save(document, tmp_path))
    assert result.speech.opening == ["今天召开全县工作会议，会议材料今日三县城已印发。"]
    not_taken = "\n".join(result.report.not_taken)
    assert "隐藏文字“（内部备注）”" in not_taken
    assert "提示文字“单击或点击此处输入文字。”" in not_taken and "提示文字“在此输入讲话人”" in not_taken


# --------------------------------------------------------------------------------------------- the corpus

# Floors: (titles right, % roles, % non-body roles), a regression guard like tests/test_corpus.py's: the figures
# `tests/word_corpus_score.py` measures on the 202 tuning cases (2026-12-02, on main after rebase), truncated
# to 0.1 — raise them when the importer improves; re-measure when the corpus grows.
WORD_FLOORS = {
    "numbering": (202, 97.3, 95.2),
    "styles": (202, 98.0, 96.6),
    "format": (202, 97.4, 95.4),
}


@pytest.fixture(scope="module")
def tuning_cases() -> list[Any]:
    return [load_case(path) for path in case_paths(CORPUS)]


@pytest.mark.parametrize("way", WAYS)
def test_the_corpus_as_word_drafts_keeps_every_character_and_its_roles(way, tuning_cases):
    with tempfile.TemporaryDirectory() as folder:
        scores = [score_as_docx(case, way, Path(folder)) for case in tuning_cases]
    for score in scores:
        assert score.refused is None, (score.case.name, score.refused)
        assert (score.lost, score.added, score.moved) == (0, 0, 0), (score.case.name, score.char_diffs)
    t = totals(scores)
    titles, roles, non_body = WORD_FLOORS[way]
    assert t.titles_right >= titles and t.role_accuracy >= roles and t.non_body_accuracy >= non_body, (
        t.titles_right,
        round(t.role_accuracy, 1),
        round(t.non_body_accuracy, 1),
    )


WORD_DATA = Path(__file__).parent / "data" / "word"


@pytest.mark.parametrize("path", sorted(WORD_DATA.glob("*.docx")), ids=lambda p: p.stem[:3])
def test_drafts_libreoffice_numbered_read_like_the_annotation(path):
    import dataclasses
    import zipfile

    from .corpus import score_case

    numbering = zipfile.ZipFile(path).read("word/numbering.xml").decode()
    assert 'w:numFmt w:val="taiwaneseCountingThousand"' in numbering  # LibreOffice's own way of writing 一、二、
    case = load_case(CORPUS / f"{path.stem}.txt")
    score = score_case(dataclasses.replace(case, path=path))
    assert (score.lost, score.added, score.moved) == (0, 0, 0), score.char_diffs
    assert score.title_right and score.right == score.paragraphs, score.mismatches
    assert any("Word 自动编号按手打的编号读取" in n for n in import_docx(path).report.normalised)


def test_word_heading_styles_numbered_by_a_linked_multilevel_list_from_the_command_line(tmp_path, capsys):
    """Word's own way: "Heading 1"/"Heading 2" carry the list (w:numPr in the style, w:pStyle in the level)."""
    from .test_cli import run

    document = Document()
    lists = Numbering(document)
    headings = lists.define(HEADING_LIST)
    for level, name in ((0, "Heading 1"), (1, "Heading 2")):
        style = document.styles[name]
        ilvl = f'<w:ilvl w:val="{level}"/>' if level else ""  # Word leaves level 0 implicit
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W_NS}">{ilvl}<w:numId w:val="{headings}"/></w:numPr>')
        )
    title(document, "在全县工作会议上的讲话")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开会议，我讲两点意见。")
    for text, name in (("提高政治站位", "Heading 1"), ("加强组织领导", "Heading 2"), ("狠抓工作落实", "Heading 1")):
        document.add_paragraph(text, style=name)
        document.add_paragraph(BODY)
    source = _save(document, tmp_path)
    code, out, err = run(capsys, "import", str(source), "-o", "-", "-v")
    assert code == 0, err
    assert "items:\n  - heading: 提高政治站位" in out and "heading: 加强组织领导" in out
    assert "一、" not in out  # the YAML holds the headings' words; docgen numbers them
    assert "二级标题　（一）加强组织领导" in err  # the -v map shows the label Word shows
    assert "Word 自动编号按手打的编号读取" in err
    code, _, err = run(capsys, "render", str(source), "-o", str(tmp_path / "排版.docx"))
    assert code == 0, err
    rendered = "\n".join(text for _, text in docx_paragraphs((tmp_path / "排版.docx").read_bytes()))
    assert "一、提高政治站位" in rendered and "（一）加强组织领导" in rendered and "二、狠抓工作落实" in rendered
