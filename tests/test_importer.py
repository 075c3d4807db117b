"""Importing drafts: real texts of the genre become the right `Speech`, and nothing is lost or invented."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from docgen import DocgenError, Speech, import_docx, import_text, parse_speech, render
from docgen.importer import DraftImportError, MissingTitleError, Role, import_file, speech_yaml

from .conftest import docx_paragraphs, without_whitespace
from .test_cli import run

DRAFTS = Path(__file__).parent / "data" / "import"
TITLE_FOR_UNTITLED = "在全县安全生产工作会议上的讲话"


def content(text: str) -> list[str]:
    """The Chinese characters, letters and digits of a text, in order — what must survive an import."""
    return [ch for ch in text if ch.isalnum()]


def rendered_text(speech: Speech) -> str:
    return "\n".join(text for _, text in docx_paragraphs(render(speech)))


def draft(name: str) -> str:
    return (DRAFTS / name).read_text(encoding="utf-8")


def import_draft(name: str):  # type: ignore[no-untyped-def]
    title = TITLE_FOR_UNTITLED if name == "no_title.txt" else None
    return import_file(DRAFTS / name, title=title)


ALL_DRAFTS = sorted(p.name for p in DRAFTS.glob("*.txt"))


# ------------------------------------------------------------------------------------------------ the seed


def test_the_seed_text_imports_as_examples_seed(seed_text, seed_speech):
    speech = import_text(seed_text).speech
    assert [p.heading for p in speech.praise.points] == [
        "在抓意识形态工作方面",
        "在抓党风廉政建设方面",
        "在抓基层党建工作方面",
    ]
    assert [piece.lead for piece in speech.praise.points[0].body] == [
        "坚持党管意识形态不动摇。",
        "强有力推进理论武装工作。",
        "筑牢意识形态阵地管理。",
        "发展壮大主流思想舆论。",
    ]
    assert speech.shortcomings[0].startswith("当然，我们在充分肯定成绩的同时")
    items = speech.recommendations.items
    assert [item.heading[:6] for item in items] == ["坚持以政治建", "以提升组织力", "坚持零容忍惩", "严格落实意识"]
    assert [point.lead for point in items[0].body] == [
        None,
        "要坚持政治引领。",
        "要严明政治纪律和政治规矩。",
        "要加强政治建设监督。",
    ]
    assert (speech.salutation, speech.closing) == ("各位领导、同志们：", ["我就讲这些，谢谢大家！"])
    assert speech == seed_speech  # every field, every lead sentence, as examples/seed.yaml has it


def test_rendering_the_imported_seed_gives_back_its_text(seed_text):
    speech = import_text(seed_text).speech
    assert without_whitespace(rendered_text(speech)) == without_whitespace(seed_text)


def test_the_seed_report_classifies_every_line(seed_text):
    report = import_text(seed_text).report
    lines = [n for n, line in enumerate(seed_text.splitlines(), start=1) if line.strip()]
    assert sorted({p.index for p in report.paragraphs}) == lines
    assert report.roles()[:6] == [
        Role.TITLE,
        Role.SALUTATION,
        Role.OPENING,
        Role.PRAISE_INTRO,
        Role.PRAISE_POINT,
        Role.PRAISE_POINT,
    ]
    assert report.roles()[-1] is Role.CLOSING
    assert not report.fallbacks and report.widened_marks == 0


# ------------------------------------------------------------------------------- every draft keeps its words


@pytest.mark.parametrize("name", ALL_DRAFTS)
def test_every_draft_keeps_its_characters_letters_and_digits(name):
    source = draft(name)
    if name == "no_title.txt":
        source = TITLE_FOR_UNTITLED + "\n" + source
    speech = import_draft(name).speech
    assert content(rendered_text(speech)) == content(source)


@pytest.mark.parametrize("name", ALL_DRAFTS)
def test_every_draft_writes_yaml_that_loads_back_to_the_same_speech(name):
    speech = import_draft(name).speech
    text = speech_yaml(speech)
    assert parse_speech(text) == speech
    assert "null" not in text and "[]" not in text  # absent parts are omitted


@pytest.mark.parametrize("name", ALL_DRAFTS)
def test_every_source_paragraph_is_in_the_report(name):
    lines = [n for n, line in enumerate(draft(name).splitlines(), start=1) if line.strip()]
    assert sorted({p.index for p in import_draft(name).report.paragraphs}) == lines


# ------------------------------------------------------------------------------------ one draft per structure


def test_full_header_block_with_half_width_punctuation():
    result = import_draft("full_header.txt")
    speech, report = result.speech, result.report
    assert speech.title == "坚定信心　真抓实干　奋力开创全县高质量发展新局面"
    assert speech.subtitle == "在全县2023年经济工作会议上的讲话"
    assert speech.date is not None and speech.date.isoformat() == "2023-02-15"  # "(2023 年 2 月 15 日)"
    assert speech.speaker == "毛 万 春"
    assert speech.salutation == "同志们："
    assert speech.praise.intro.endswith("我有几点感受：")
    assert [p.heading for p in speech.praise.points] == ["在稳增长方面", "在惠民生方面", "在抓作风方面"]
    assert [b.lead for b in speech.praise.points[0].body] == ["项目建设提速增效。", "产业发展势头良好。"]
    assert speech.praise.points[2].body[0].lead is None  # a long first sentence is not a lead
    assert speech.shortcomings[0].startswith("在肯定成绩的同时，我们也要清醒地看到")
    assert speech.recommendations.intro == "下面，我讲几点意见。"
    first, second, _ = speech.recommendations.items
    assert first.heading == "坚定不移抓项目，着力扩大有效投资"
    assert [(p.heading, p.lead) for p in first.body] == [
        (None, None),
        ("抓好项目谋划。", None),
        ("抓好项目推进。", None),
    ]
    # one paragraph of the draft stays one paragraph: its first lead sentence is found, the second stays text
    assert [p.lead for p in second.body] == ['要深化"放管服"改革。']
    assert second.body[0].text.startswith("全面推行") and "要强化要素保障。" in second.body[0].text
    assert speech.closing == ["我就讲这些。谢谢大家！"]
    # numbers, Latin words and placeholders are kept as typed
    assert "5G基站" in speech.praise.points[0].body[0].text and "85.6亿元" in speech.praise.points[0].body[0].text
    assert "XX同志" in speech.opening[0] and "**县域" in speech.shortcomings[0]
    assert report.widened_marks == 48
    assert any("（2023年2月15日）" in note for note in report.normalised)


def test_points_run_into_a_paragraph_stay_in_it_and_headings_run_into_one_are_split():
    speech = import_draft("run_in.txt").speech
    # the writer put the 一是/二是 points in the intro's paragraph: praise, printed in one paragraph as written
    assert speech.praise.intro.endswith("有几点感受：") and speech.praise.inline
    assert [p.heading for p in speech.praise.points] == ["在抓党建引领方面", "在抓教学质量方面", "在抓安全稳定方面"]
    assert speech.shortcomings == [
        '同时也要看到，有的学校党建和业务"两张皮"问题依然存在，有的书记抓党建的意识还不够强。'
    ]
    assert speech.recommendations.intro == "在这里，我再讲三点要求。"
    items = speech.recommendations.items
    assert [i.heading for i in items] == [
        "提高政治站位，扛牢管党治党责任。",
        "坚持问题导向，抓好整改落实。",
        "坚持融合发展，推动党建业务互促共进。",
    ]
    assert [p.lead for p in items[0].body] == [None, "要加强理论武装。", "要严格组织生活。"]
    assert speech.closing == ["我就讲这些，谢谢大家！"]


def test_a_whole_speech_on_one_line_is_taken_apart():
    result = import_draft("one_line.txt")
    speech = result.speech
    assert speech.salutation == "同志们："
    assert speech.praise.intro.endswith("主要有以下几个特点：")
    assert len(speech.praise.points) == 2
    assert speech.shortcomings == ["当然，我们也要清醒地看到，部分村组野外用火管控还不到位。"]
    assert speech.recommendations.intro == "下面，我提几点要求："
    assert [i.heading for i in speech.recommendations.items] == ["严格落实防火责任。", "加强野外火源管控。"]
    assert speech.closing == ["我就讲这些，谢谢大家！"]
    assert {p.index for p in result.report.paragraphs} == {1, 2}
    assert all("已拆开" in (p.note or "") for p in result.report.paragraphs if p.index == 2)


def test_a_draft_without_salutation_or_praise_keeps_its_parts_in_order():
    result = import_draft("no_salutation_no_praise.txt")
    speech = result.speech
    assert speech.salutation is None and speech.praise is None
    assert len(speech.opening) == 2
    assert speech.shortcomings[0].startswith("当然，我们也要看到")
    assert "XX村、**村" in speech.shortcomings[0]
    assert speech.recommendations.intro == "下面，我再讲三点。"
    assert [p.lead for p in speech.recommendations.items[0].body] == ["要做大做强特色产业。"]
    # "1." straight under "一、" (the draft has no （一）): the draft's own hierarchy 一、 → 1., said in the report
    assert speech.recommendations.items[2].body[0].heading.startswith("健全")
    assert speech.numbering is not None and speech.numbering.sublevels == "1."
    assert any("“一、→1.”（没有“（一）”一级）" in n for n in result.report.normalised)
    assert speech.closing[0].startswith("同志们，乡村振兴任务艰巨") and speech.closing[1] == "谢谢大家！"
    assert any("没有找到称谓" in f for f in result.report.fallbacks)


def test_a_speech_in_three_headed_parts_becomes_headed_praise_section_and_recommendations():
    result = import_draft("other_sections.txt")
    speech = result.speech
    assert speech.speaker == "区委常委、组织部部长　李 明"
    assert speech.opening[0].startswith("今天这次会议") and speech.praise is None  # all in parts, in order
    praise, section, recommendations = (part for part in speech.parts if not isinstance(part, str))
    # "一、充分肯定……成绩" over a paragraph holding "一是……二是……": the praise part, headed, inline
    assert praise.praise.heading == "充分肯定2022年机关党建工作取得的成绩" and praise.praise.inline
    assert [p.body[0].text[:6] for p in praise.praise.points] == ["政治建设持续", "基层组织更加"]
    # "二、清醒认识……问题" with （一）（二） own-line headings: a section with two sub-sections
    assert section.heading == "清醒认识机关党建工作存在的问题"
    assert [(s.heading, len(s.body)) for s in section.body] == [("思想认识还不到位", 1), ("工作创新还不够", 1)]
    # "三、扎实做好……工作" over run-in （一）（二）: the recommendations part with its own heading
    items = recommendations.recommendations.items
    assert recommendations.recommendations.heading == "扎实做好2023年机关党建工作"
    assert [(i.heading, i.run_in) for i in items] == [("突出政治引领。", True), ("夯实基层基础。", True)]
    assert speech.closing[0].startswith("同志们，机关党建责任重大。")
    where = {p.excerpt[:7]: p.part for p in result.report.paragraphs}  # `import -v` shows where each went
    assert where["（一）思想认识"] == "“清醒认识机关党建工作存在的问题”“思想认识还不到位”"


def test_a_missing_title_is_an_error_that_suggests_title():
    with pytest.raises(MissingTitleError) as caught:
        import_file(DRAFTS / "no_title.txt")
    assert isinstance(caught.value, DocgenError)
    assert "--title" in str(caught.value) and "同志们" in str(caught.value)
    speech = import_draft("no_title.txt").speech
    assert speech.title == TITLE_FOR_UNTITLED and speech.salutation == "同志们："
    assert [i.heading for i in speech.recommendations.items] == [
        "要充分认清当前安全生产的严峻形势。",
        "要全面压实安全生产责任。",
    ]


def test_a_given_title_keeps_a_different_first_line_as_opening():
    result = import_text("在全县工作会议上的讲话\n同志们：\n今天开会。", title="在全县2023年工作会议上的讲话")
    assert result.speech.title == "在全县2023年工作会议上的讲话"
    assert result.speech.salutation == "同志们："
    assert result.speech.opening == ["在全县工作会议上的讲话", "今天开会。"]
    assert any("已指定标题" in f for f in result.report.fallbacks)
    same = import_text("在全县工作会议上的讲话\n今天开会。", title="在全县工作会议上的讲话")
    assert same.speech.opening == ["今天开会。"]


def test_half_width_marks_between_chinese_are_counted_and_code_like_text_is_kept():
    result = import_text("关于会议的讲话\n同志们:\n会议10:30开始,请准时参加!版本v1.2 (beta)不变,XX和**县照印。")
    assert result.speech.opening == ["会议10:30开始，请准时参加！版本v1.2 (beta)不变，XX和**县照印。"]
    assert result.report.widened_marks == 4
    assert "半角标点改为全角：4 处" in result.report.summary()


def test_text_files_in_gbk_utf16_or_with_a_bom_are_read_and_the_encoding_reported(tmp_path):
    text = draft("run_in.txt")
    expected = import_text(text).speech
    for encoding, name in (("gb18030", "GB18030"), ("utf-8-sig", "BOM"), ("utf-16", "UTF-16")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        result = import_file(path)
        assert result.speech == expected
        assert name in (result.report.encoding or "") and name in result.report.summary()


def test_characters_a_document_cannot_hold_are_refused_with_the_line():
    with pytest.raises(DraftImportError, match=r"第 3 行.*U\+0007"):
        import_text("标题在这里的讲话\n同志们：\n今天\x07开会。")


def test_an_empty_draft_has_no_title():
    with pytest.raises(MissingTitleError, match="没有内容"):
        import_text("\n  \n")


# ------------------------------------------------------------------------------------------------- .docx


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>文本框里的备注文字</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def _user_docx(path: Path) -> None:
    """A draft as people make them in Word: Word's Title style, direct bold leads, a table, a picture, a text box."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_paragraph("在全县工作会议上的讲话", style="Title")
    document.add_paragraph("同志们:")
    document.add_paragraph("今天召开全县工作会议,主要是部署今年的重点工作。")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "指标", (0, 1): "完成情况", (1, 0): "地区生产总值", (1, 1): "增长5.2%"}.items():
        table.cell(r, c).text = text
    document.add_paragraph("过去一年，主要有以下几个特点：")
    point = document.add_paragraph("一是在抓党建方面：")
    point.add_run("党建基础更加扎实。").bold = True
    point.add_run("各级党组织全面落实制度，组织生活更加规范。")
    document.add_picture(io.BytesIO(_png()))
    document.add_paragraph("下面，我讲几点意见。")
    document.add_paragraph("一、坚持政治引领，压实工作责任。")
    body = document.add_paragraph()
    body.add_run("要加强组织领导。").bold = True
    body.add_run("各级党组织要把工作摆上重要议程，定期研究解决问题。")
    boxed = document.add_paragraph("要狠抓工作落实，确保各项任务落地见效。")
    boxed._p.append(parse_xml(_TEXT_BOX))
    document.add_paragraph("谢谢大家！")
    document.sections[0].header.paragraphs[0].text = "内部资料　注意保存"
    document.save(str(path))


def test_a_word_draft_is_read_in_body_order_with_tables_and_text_boxes_reported(tmp_path):
    path = tmp_path / "草稿.docx"
    _user_docx(path)
    result = import_docx(path)
    speech, report = result.speech, result.report
    assert speech.title == "在全县工作会议上的讲话" and speech.salutation == "同志们："
    assert speech.opening == [
        "今天召开全县工作会议，主要是部署今年的重点工作。",
        "指标",
        "完成情况",
        "地区生产总值",
        "增长5.2%",
    ]
    assert speech.praise.points[0].heading == "在抓党建方面"
    assert speech.praise.points[0].body[0].lead == "党建基础更加扎实。"  # bold in Word → lead sentence
    body = speech.recommendations.items[0].body
    assert [p.lead for p in body] == ["要加强组织领导。", None, None]
    assert body[-1].text == "文本框里的备注文字"
    assert any("表格 1" in n for n in report.converted) and any("文本框" in n for n in report.converted)
    assert any("图片" in n for n in report.not_taken)
    assert any("内部资料" in n and "页眉" in n for n in report.not_taken)
    assert "未导入" in report.summary() and "表格 1" in report.summary()
    assert any(p.note and "表格 1 第 2 行第 2 列" in p.note for p in report.paragraphs)


def test_a_rendered_seed_docx_imports_to_the_same_speech(tmp_path, seed_speech):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(seed_speech))
    result = import_docx(path)
    assert result.speech == seed_speech
    assert not result.report.fallbacks and not result.report.not_taken


def test_files_that_are_not_docx_are_refused_clearly(tmp_path):
    path = tmp_path / "坏.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(DraftImportError, match=r"不是有效的 \.docx"):
        import_docx(path)
    with pytest.raises(DraftImportError, match="找不到文件"):
        import_file(tmp_path / "没有.txt")
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf")
    with pytest.raises(DraftImportError, match="另存为"):
        import_file(tmp_path / "旧.doc")


# --------------------------------------------------------------------------------------------------- CLI


def test_cli_import_writes_yaml_and_prints_a_summary(tmp_path, capsys):
    target = tmp_path / "讲话.yaml"
    code, out, err = run(capsys, "import", str(DRAFTS / "full_header.txt"), "-o", str(target))
    assert code == 0 and out.strip() == f"已生成：{target}"
    assert "成绩要点 3" in err and "半角标点改为全角：48 处" in err
    assert parse_speech(target.read_text(encoding="utf-8")) == import_draft("full_header.txt").speech


def test_cli_import_to_stdout_and_verbose_lists_paragraphs(capsys):
    code, out, err = run(capsys, "import", str(DRAFTS / "run_in.txt"), "-o", "-", "-v")
    assert code == 0 and out.startswith("title: 在全市教育系统")
    assert "第 4 行　成绩要点　刚才，6所学校的党组织书记作了述…　→ 肯定成绩" in err  # and where it went


def test_cli_import_without_a_title_exits_2_and_title_fixes_it(tmp_path, capsys):
    source = DRAFTS / "no_title.txt"
    code, out, err = run(capsys, "import", str(source), "-o", str(tmp_path / "a.yaml"))
    assert code == 2 and out == "" and "--title" in err and not (tmp_path / "a.yaml").exists()
    code, out, _ = run(capsys, "import", str(source), "-o", str(tmp_path), "--title", TITLE_FOR_UNTITLED)
    assert code == 0 and (tmp_path / "no_title.yaml").is_file()


def test_cli_render_imports_a_text_draft_on_the_fly(tmp_path, capsys):
    target = tmp_path / "讲话.docx"
    code, out, err = run(capsys, "render", str(DRAFTS / "one_line.txt"), "-o", str(target))
    assert code == 0 and out.strip() == f"已生成：{target}"
    assert "导入" in err and "成绩要点 1" in err and "建议标题 2" in err
    text = "".join(t for _, t in docx_paragraphs(target.read_bytes()))
    assert content(text) == content(draft("one_line.txt"))


def test_cli_render_of_a_docx_draft_and_title_only_for_drafts(tmp_path, capsys, seed_speech):
    source = tmp_path / "草稿.docx"
    _user_docx(source)
    code, _, err = run(capsys, "render", str(source), "-o", str(tmp_path / "排版.docx"))
    assert code == 0 and "未导入" in err
    code, _, err = run(capsys, "render", str(DRAFTS / "no_title.txt"), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "--title" in err
    yaml_source = tmp_path / "s.yaml"
    yaml_source.write_text(speech_yaml(seed_speech), encoding="utf-8")
    code, _, err = run(capsys, "render", str(yaml_source), "--title", "标题")
    assert code == 2 and "--title" in err
