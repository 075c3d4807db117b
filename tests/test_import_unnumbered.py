"""Headings without an enumerator (`docgen.importer.unnumbered`): a short line between body paragraphs, with
parallel siblings, is an unnumbered level-1 heading — printed in 讲话一级标题 without a number the author never
wrote — and the lines that only look so (a short sentence without its 。, a signature, a date, a watermark)
stay body text. Drafts are shaped like the real ones in tests/data/corpus/ (098 and 206 are such speeches)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen import render
from docgen.importer import Role, import_file, import_text, speech_yaml

from .conftest import docx_paragraphs

CORPUS = Path(__file__).parent / "data" / "corpus"
BODY = (
    "理想信念是共产党人精神上的钙，是我们安身立命的根本。全体党员干部要把坚定理想信念作为终身课题，"
    "常修常练、常悟常新，始终做到对党忠诚、心中有党。"
)
# Paragraphs of different lengths, as a draft has them (lines of one length would read as a hard-wrapped text).
BODIES = [BODY[: 30 + 5 * n] + "。" for n in range(8)]
DANGKE = (
    "在全县党员干部党课上的讲话\n"
    "同志们：\n"
    "今天，我围绕坚定理想信念、勇于担当作为，和大家交流三点认识。\n"
    "坚定理想信念，筑牢思想根基\n"
    f"{BODIES[1]}\n"
    "（一）深刻理解理想信念的重要意义\n"
    f"{BODIES[2]}\n"
    "（二）始终把理想信念放在首位\n"
    f"{BODIES[3]}\n"
    "勇于担当作为，彰显党员本色\n"
    f"{BODIES[4]}\n"
    "一是敢于担当。党员干部要敢于直面矛盾。\n"
    "二是善于担当。党员干部要提高本领。\n"
    "严守纪律规矩，永葆清廉本色\n"
    f"{BODIES[5]}\n"
    "同志们，让我们坚定理想信念，奋力谱写新篇章！\n"
)
HEADINGS = ["坚定理想信念，筑牢思想根基", "勇于担当作为，彰显党员本色", "严守纪律规矩，永葆清廉本色"]


def printed(result) -> list[tuple[str, str]]:
    return docx_paragraphs(render(result.speech))


def test_short_parallel_lines_between_paragraphs_are_unnumbered_level_one_headings():
    result = import_text(DANGKE)
    assert result.speech.numbering is not None and result.speech.numbering.level1 == "none"
    paragraphs = printed(result)
    headings = [text for style, text in paragraphs if style == "讲话一级标题"]
    assert headings == HEADINGS  # as written: no "一、" the author never typed
    # the levels inside keep their own numbering, from one in each part
    assert [text for style, text in paragraphs if style == "讲话二级标题"] == [
        "（一）深刻理解理想信念的重要意义",
        "（二）始终把理想信念放在首位",
    ]
    assert any(text.startswith("一是敢于担当") for _, text in paragraphs)
    roles = [(p.role, p.excerpt) for p in result.report.paragraphs]
    # (three level-1 parts at the end of a talk are its requirements: the report says so, by position)
    assert [text for role, text in roles if role in (Role.HEADING1, Role.RECOMMENDATION)] == HEADINGS
    # comma-joined pairs with siblings of the same shape: a plain cue, nothing to check
    assert not any("不编号" in f for f in result.report.fallbacks), result.report.fallbacks
    # the YAML the importer writes says so, and reads back to the same speech
    assert "level1: none" in speech_yaml(result.speech)


def test_every_character_of_an_unnumbered_draft_reaches_the_document():
    paragraphs = printed(import_text(DANGKE))
    document = "".join(text for _, text in paragraphs)
    for line in DANGKE.splitlines():
        assert line.rstrip("：") in document or line == "同志们：", line


def test_a_single_unnumbered_line_in_a_heading_shape_is_taken_and_reported_to_check():
    # tests/data/corpus/098: a 动员部署 speech whose stored excerpt holds its first part's heading only
    result = import_file(CORPUS / "098_dongyuan_zhaoshang_biaozhang_dongyuan.txt")
    headings = [text for style, text in printed(result) if style == "讲话一级标题"]
    assert headings == ["提高认识，进一步增强做好招商引资工作的责任感和紧迫感"]
    assert any("提高认识" in f and "不编号的一级标题" in f for f in result.report.fallbacks)



def test_a_single_traditional_line_with_a_pages_pinyin_ends_in_a_heading_word_and_is_taken():
    # tests/data/corpus/297: a Traditional page that inserts pinyin; 意義 is 意义, and (rèn) is no part of the line
    draft = (
        "在學習貫徹主題教育工作會議上的講話\n此前，黨中央已下發了關於開展主題教育的《意見》，作出了全面部署。\n"
        "深刻認（rèn）識開展這次主題教育的重大意義\n"
        "以縣處級以上領導干部為重點在全黨深入開展學習貫徹主題教育，是黨中央作出的重大部署，意義重大而深遠。\n"
    )
    result = import_text(draft)
    headings = [text for style, text in printed(result) if style == "讲话一级标题"]
    assert headings == ["深刻認（rèn）識開展這次主題教育的重大意義"]


def test_an_unnumbered_heading_that_begins_like_a_number_keeps_its_words():
    # tests/data/corpus/206: "一个思想伟大……的党" is no "一、": nothing is stripped, nothing added
    result = import_file(CORPUS / "206_dangke_da_de_yangzi.txt")
    headings = [text for style, text in printed(result) if style == "讲话一级标题"]
    assert headings == ["一个思想伟大有大志向大追求的党"]


@pytest.mark.parametrize(
    "line",
    [
        "下面我讲三点意见",  # a short sentence without its 。 (first person)
        "大家好",
        "县委书记　张三",  # a name with a post
        "2023年5月13日",  # a date
        "——在全县党员干部大会上的讲话",  # a subtitle
        "稿子汇，范文学习文库",  # a web page's watermark
        "特别是要注意以下问题：",  # an intro ending in a colon
        "我们要牢记",  # first person
    ],
)
def test_lines_that_only_look_short_stay_body_text(line):
    # (blank lines between paragraphs, as on a web page: which lines are paragraphs is then not in question)
    lines = ["在全县党员干部党课上的讲话", "同志们：", BODIES[1], line, BODIES[4], "关于当前形势", BODIES[6]]
    draft = "\n\n".join(lines)
    paragraphs = printed(import_text(draft))
    assert ("讲话正文", line) in paragraphs, paragraphs


def test_a_draft_with_numbered_headings_keeps_its_short_lines_as_body():
    draft = (
        f"在全县工作会议上的讲话\n同志们：\n{BODIES[0]}\n"
        f"一、提高政治站位\n{BODIES[3]}\n坚定理想信念，筑牢思想根基\n{BODIES[5]}\n"
        f"二、狠抓工作落实\n{BODIES[7]}\n"
    )
    result = import_text(draft)
    assert result.speech.numbering is None or result.speech.numbering.level1 != "none"
    paragraphs = printed(result)
    assert ("讲话正文", "坚定理想信念，筑牢思想根基") in paragraphs
    assert [text for style, text in paragraphs if style == "讲话一级标题"] == ["一、提高政治站位", "二、狠抓工作落实"]


def test_a_last_short_line_is_a_signature_not_a_heading():
    draft = DANGKE + "中共某某县委组织部\n"
    paragraphs = printed(import_text(draft))
    assert ("讲话正文", "中共某某县委组织部") in paragraphs


def test_a_short_phrase_without_siblings_or_a_heading_shape_stays_body():
    draft = f"在全县党员干部党课上的讲话\n同志们：\n{BODIES[2]}\n不忘来时路\n{BODIES[6]}\n"
    paragraphs = printed(import_text(draft))
    assert ("讲话正文", "不忘来时路") in paragraphs


def test_the_first_part_may_follow_the_salutation_and_a_lone_about_line_is_a_heading_to_check():
    draft = "\n".join(
        [
            "在全县党员干部党课上的讲话",
            "同志们：",
            HEADINGS[0],
            BODIES[3],
            HEADINGS[1],
            BODIES[5],
            "关于作风建设",  # a topic heading of another shape: taken by its shape, and listed to check
            BODIES[6],
        ]
    )
    result = import_text(draft)
    headings = [text for style, text in printed(result) if style == "讲话一级标题"]
    assert headings == [HEADINGS[0], HEADINGS[1], "关于作风建设"]
    checks = [f for f in result.report.fallbacks if "不编号的一级标题" in f]
    assert len(checks) == 1 and "关于作风建设" in checks[0]


def test_a_short_first_line_alone_opens_the_speech_as_body():
    draft = f"在全县党员干部党课上的讲话\n同志们：\n春回大地，万象更新\n{BODIES[4]}\n"
    assert ("讲话正文", "春回大地，万象更新") in printed(import_text(draft))


def test_three_phrase_headings_are_taken_beside_their_siblings_only():
    triples = ["坚持问题导向，强化责任担当，推动工作落实", "加强组织领导，压实工作责任，确保取得实效"]
    parts = [triples[0], BODIES[3], triples[1], BODIES[5]]
    # (blank lines between paragraphs: a line of three phrases is otherwise read as a wrapped sentence)
    both = import_text("\n\n".join(["在全县工作推进会上的讲话", "同志们：", BODIES[2], *parts]))
    assert [text for style, text in printed(both) if style == "讲话一级标题"] == triples
    alone = import_text("\n\n".join(["在全县工作推进会上的讲话", "同志们：", BODIES[2], *parts[:2]]))
    assert ("讲话正文", triples[0]) in printed(alone)


def test_a_document_docgen_rendered_with_unnumbered_headings_reads_back_as_unnumbered(tmp_path):
    from docgen import Speech
    from docgen.importer import import_docx

    speech = Speech.model_validate(
        {
            "title": "在全县党员干部党课上的讲话",
            "numbering": {"level1": "none"},
            "recommendations": {"items": [{"heading": h, "body": [BODIES[n + 2]]} for n, h in enumerate(HEADINGS)]},
        }
    )
    path = tmp_path / "党课.docx"
    path.write_bytes(render(speech))
    back = import_docx(path).speech
    assert back.numbering is not None and back.numbering.level1 == "none"
    assert [item.heading for item in back.recommendations.items] == HEADINGS  # type: ignore[union-attr]
    assert render(back) == render(speech)
