"""Headings kept with their text, and `docgen check --paper`, on long speeches in both bundled templates.

A speech of twelve recommendations with four own-line heading levels (一、 （一） 1. （1）, and run-in （二）/（2）)
is rendered in each bundled template, and again with keep-with-next taken out of its styles; broken copies
(wrong margins, no grid, centred page numbers, normal character spacing) are made from the standard one.
Everything is converted in one LibreOffice run and measured by docgen.layout.paper_check — the module behind
`check --paper` — so the verdicts tested here are the command's. Without LibreOffice the tests skip, naming
the install command; under CI they fail.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from docgen.layout.paper_check import paper_findings
from docgen.layout.profile import PROFILES, Element
from docgen.output.pdf import to_pdf_many
from tests.paper import filler, require_paper

if TYPE_CHECKING:
    from docgen.layout.paper_measure import PaperMeasurement

TEMPLATES = ["speech", "speech-large"]
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = [REPO / "examples" / "seed.yaml", REPO / "examples" / "headed-three-parts.yaml"]
HEADING_STYLES = {"讲话一级标题", "讲话二级标题", "讲话三级标题", "讲话四级标题"}

_PHRASES = [
    "坚持以人民为中心的发展思想",
    "把群众的急难愁盼作为工作的出发点和落脚点",
    "持续深化“放管服”改革",
    "着力优化营商环境",
    "推动产业结构转型升级",
    "加快建设现代化基础设施体系",
    "统筹发展和安全",
    "牢牢守住不发生规模性返贫的底线",
    "扎实推进乡村振兴战略",
    "全面加强基层组织建设",
    "切实提高干部队伍的专业化能力",
    "以钉钉子精神抓好各项任务落实",
    "坚决防止形式主义、官僚主义",
    "认真落实《中国共产党纪律处分条例》",
    "深入开展调查研究",
    "压紧压实各级各部门的主体责任",
]
_MIXED = ["全县GDP增长6.5%", "建成5G基站1280个", "完成投资23.8亿元", "2023年1月至11月"]
_ENDINGS = "，，，、；。。！"
RECOMMENDATIONS = [
    "坚持项目为王，持续扩大有效投资。",
    "聚焦公平竞争，着力优化营商环境。",
    "坚持创新驱动，加快培育新质生产力。",
    "坚持城乡融合，全面推进乡村振兴。",
    "坚持生态优先，持续打好污染防治攻坚战。",
    "坚持民生为本，办好群众急难愁盼实事。",
    "坚持底线思维，统筹发展和安全。",
    "坚持改革攻坚，激发市场主体活力。",
    "坚持开放合作，深度融入区域发展大局。",
    "坚持党建引领，夯实基层治理根基。",
    "坚持真抓实干，狠抓作风建设。",
    "坚持全面从严治党，营造风清气正的政治生态。",
]


def _sentences(rng: random.Random, chars: int, mixed: bool = False) -> str:
    return filler(rng, chars, _PHRASES, _ENDINGS, _MIXED if mixed else ())


def long_speech_data(seed: int = 1) -> dict[str, Any]:
    """Twelve recommendations, each with 一、 （一） 1. （1） own-line headings, a run-in （2） and a run-in （二）;
    paragraph lengths vary with the seed so headings fall at many places on the page."""
    rng = random.Random(seed)
    items = []
    for heading in RECOMMENDATIONS:
        level4 = [
            {"heading": "健全推进机制。", "body": [_sentences(rng, rng.randint(40, 160))]},
            {"heading": "压实工作责任。", "text": _sentences(rng, rng.randint(40, 160), mixed=True)},
        ]
        level3 = {"heading": "强化前期工作。", "body": [_sentences(rng, rng.randint(30, 120)), *level4]}
        level2 = {"heading": "抓好谋划储备。", "body": [_sentences(rng, rng.randint(40, 200)), level3]}
        run_in = {"heading": "抓好要素保障。", "run_in": True, "body": [_sentences(rng, rng.randint(60, 220))]}
        body = [_sentences(rng, rng.randint(40, 300), mixed=rng.random() < 0.3), level2, run_in]
        items.append({"heading": heading, "body": body})
    return {
        "title": "在全县2024年经济工作会议暨优化营商环境大会上的讲话",
        "subtitle": "在全县经济工作会议上的讲话",
        "date": "2024-01-12",
        "speaker": "县委书记　张　三",
        "salutation": "同志们",
        "opening": [_sentences(rng, 200)],
        "recommendations": {"intro": "下面，我讲几点意见。", "items": items},
        "closing": ["同志们，让我们真抓实干、奋发有为。", "谢谢大家！"],
    }


# -- broken copies ----------------------------------------------------------------------------------


def rewrite_docx(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """A copy of a .docx with one part changed; the change must change something."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info)
            if info.filename == part:
                changed = change(blob)
                assert changed != blob, f"the change to {part} did nothing"
                blob = changed
            target.writestr(info, blob)
    return out.getvalue()


def _centre_page_numbers(styles: bytes) -> bytes:
    pattern = rb'(w:styleId="DocgenPageNumber(?:Even)?">.*?)<w:jc w:val="(?:left|right)"/>'
    return re.sub(pattern, rb'\1<w:jc w:val="center"/>', styles)


BROKEN: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    # 25 mm top and 20 mm left instead of 37 and 28 (GB/T 9704 §5).
    "margins": (
        "word/document.xml",
        lambda xml: xml.replace(b'w:top="2098"', b'w:top="1417"').replace(b'w:left="1587"', b'w:left="1134"'),
    ),
    "no-grid": ("word/document.xml", lambda xml: re.sub(rb"<w:docGrid[^>]*/>", b"", xml)),
    "centred-numbers": ("word/styles.xml", _centre_page_numbers),
    # Normal character spacing instead of the 0.25 pt condensing that fits 28 characters in 156 mm.
    "spacing": ("word/styles.xml", lambda xml: xml.replace(b'<w:spacing w:val="-5"/>', b'<w:spacing w:val="0"/>')),
    # The styles as they were before keep-with-next: headings may end a page.
    "no-keep": ("word/styles.xml", lambda xml: xml.replace(b"<w:keepNext/><w:keepLines/>", b"")),
}


def _word_heading_styles(data: bytes) -> bytes:
    """docgen's heading styles renamed to Word's built-in "heading N" (another id, no keep-with-next)."""

    def styles(xml: bytes) -> bytes:
        xml = xml.replace(b"<w:keepNext/><w:keepLines/>", b"")
        for level, numeral in enumerate("一二三四", start=1):
            old = f'w:styleId="DocgenHeading{level}"><w:name w:val="讲话{numeral}级标题"/>'
            xml = xml.replace(old.encode(), f'w:styleId="MyHeading{level}"><w:name w:val="heading {level}"/>'.encode())
        return xml

    data = rewrite_docx(data, "word/styles.xml", styles)
    data = rewrite_docx(data, "word/document.xml", lambda xml: re.sub(rb'"DocgenHeading(\d)"', rb'"MyHeading\1"', xml))
    return rewrite_docx(data, "docProps/custom.xml", lambda xml: xml.replace(b">speech<", b">mine<"))


def _typed_headings(data: bytes) -> bytes:
    """Headings typed as body paragraphs: "一、…" in the body style, no heading style at all."""
    return rewrite_docx(data, "word/document.xml", lambda xml: re.sub(rb'"DocgenHeading\d"', b'"DocgenBody"', xml))


FOREIGN_HEADINGS: dict[str, Callable[[bytes], bytes]] = {
    "word-headings": _word_heading_styles,
    "typed-headings": _typed_headings,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("paper-check")


@pytest.fixture(scope="module")
def measured(folder: Path) -> dict[str, PaperMeasurement]:
    """Every case measured: "<template>" and "<template>-no-keep" for both templates, "speech-<broken>"."""
    require_paper()
    from docgen import Speech, load_speech, render
    from docgen.layout.paper_check import measure, read_pdf

    speech = Speech.model_validate(long_speech_data())
    files: dict[str, tuple[Path, str]] = {}
    for template in TEMPLATES:
        data = render(speech, template)
        files[template] = (folder / f"{template}.docx", template)
        files[template][0].write_bytes(data)
        for name, (part, change) in BROKEN.items():
            if template == "speech" or name == "no-keep":
                path = folder / f"{template}-{name}.docx"
                path.write_bytes(rewrite_docx(data, part, change))
                files[f"{template}-{name}"] = (path, template)
    for name, change in FOREIGN_HEADINGS.items():
        path = folder / f"speech-{name}.docx"
        path.write_bytes(change(path.with_name("speech.docx").read_bytes()))
        files[f"speech-{name}"] = (path, "speech")
    for example in EXAMPLES:
        for template in TEMPLATES:
            path = folder / f"{example.stem}-{template}.docx"
            path.write_bytes(render(load_speech(example), template))
            files[f"{example.stem}-{template}"] = (path, template)
    pdfs = to_pdf_many([path for path, _ in files.values()], folder)
    return {
        name: measure(read_pdf(pdf), path, PROFILES[template])
        for (name, (path, template)), pdf in zip(files.items(), pdfs, strict=True)
    }


def _failed(measurement: PaperMeasurement) -> set[str]:
    return {finding.item for finding in paper_findings(measurement) if not finding.ok}


# -- keep with next -----------------------------------------------------------------------------------


def test_the_speech_has_ten_or_more_recommendations_and_four_own_line_heading_levels(folder: Path) -> None:
    from docx import Document

    from docgen import Speech, render

    speech = Speech.model_validate(long_speech_data())
    styles = [p.style.name for p in Document(io.BytesIO(render(speech))).paragraphs]
    assert styles.count("讲话一级标题") >= 10
    assert set(styles) >= HEADING_STYLES


@pytest.mark.parametrize("template", TEMPLATES)
def test_no_page_ends_in_a_heading(measured: dict[str, PaperMeasurement], template: str) -> None:
    measurement = measured[template]
    assert measurement.stranded == []
    assert len(measurement.placed) == measurement.paragraphs  # every paragraph was found, headings included
    headings = [p for p in measurement.placed if p.paragraph.style in HEADING_STYLES]
    assert len(headings) >= 48
    for item in headings:
        page, line = item.last
        # The heading's text follows on the same page: it is never a page's last body line.
        assert line < len(measurement.body[page]) - 1, f"page {page + 1}: {item.paragraph.text}"


@pytest.mark.parametrize("template", TEMPLATES)
def test_without_keep_with_next_headings_fall_at_page_feet(
    measured: dict[str, PaperMeasurement], template: str
) -> None:
    """The control: the same speech with keepNext taken out has headings at page feet, so the test above
    holds because of keep-with-next, not by luck of the text."""
    broken = measured[f"{template}-no-keep"]
    assert broken.stranded, "no heading at a page foot even without keep-with-next: pick another seed"
    assert _failed(broken) == {"页末标题"}
    finding = next(f for f in paper_findings(broken) if f.item == "页末标题")
    assert finding.found.startswith(f"{len(broken.stranded)} 处") and broken.stranded[0][1] in finding.found


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_grid_holds_on_every_full_page(measured: dict[str, PaperMeasurement], template: str) -> None:
    """Full pages hold the whole grid; a page is short only where a heading moved to the next page, by the
    lines that heading takes, and the lines of every page stay on the grid's pitch."""
    measurement = measured[template]
    profile = PROFILES[template]
    pitch_mm = profile.line_pitch_twips / 20 * 25.4 / 72
    assert measurement.pitch_mm == pytest.approx(pitch_mm, abs=0.05)
    short = [fill for fill in measurement.fills[:-1] if not fill.full]
    assert short, "keep-with-next moved no heading: the test speech does not exercise it"
    for fill in measurement.fills[:-1]:
        if fill.full:
            assert fill.slots == profile.lines_per_page
            continue
        assert fill.reason.startswith("下页以标题开头"), fill
        assert profile.lines_per_page - fill.slots in (1, 2), fill
        opener = measurement.body[fill.index][0]  # the next page's first line is a heading's
        first = next(p for p in measurement.placed if p.first == (fill.index, 0))
        assert first.is_heading, (first.paragraph.text, str(opener))
    assert sum(fill.full for fill in measurement.fills) >= 0.7 * len(measurement.fills)


@pytest.mark.parametrize("template", [*TEMPLATES, "custom"])
def test_the_title_block_keeps_with_next_in_every_profile(template: str) -> None:
    from docgen.layout.build import styles_xml

    # A user's profile (other name, other grid) gets it too: it belongs to the element kinds, not the profile.
    custom = PROFILES["speech"].model_copy(update={"name": "mine", "lines_per_page": 20, "line_pitch_twips": 637})
    styles = styles_xml(custom if template == "custom" else PROFILES[template])
    for element in Element:
        block = re.search(rf'w:styleId="{element.style_id}">(.*?)</w:style>', styles)
        assert block is not None, element
        kept = "<w:keepNext/><w:keepLines/>" in block.group(1)
        assert kept == element.keeps_with_next, element
    kept = {e.value for e in Element if e.keeps_with_next}
    assert {"title", "subtitle", "date", "speaker", "heading1", "heading2", "heading3", "heading4"} <= kept
    assert not kept & {"body", "salutation", "heading2_run_in", "lead", "run_in"}


# -- the paper check's verdicts ----------------------------------------------------------------------


@pytest.mark.parametrize("template", TEMPLATES)
def test_docgen_output_passes_every_paper_item(measured: dict[str, PaperMeasurement], template: str) -> None:
    findings = paper_findings(measured[template])
    assert [f for f in findings if not f.ok] == []
    assert {f.item for f in findings} >= {"每页行数", "每行字数", "版心", "页码文字", "页码位置", "页末标题"}


@pytest.mark.parametrize("case", [f"{e.stem}-{t}" for e in EXAMPLES for t in TEMPLATES])
def test_the_examples_pass_every_paper_item(measured: dict[str, PaperMeasurement], case: str) -> None:
    """The real seed speech and the headed three-part example (four heading levels): no heading at a page
    foot, the grid on every full page, page numbers in place."""
    assert [f for f in paper_findings(measured[case]) if not f.ok or not f.judged] == []
    assert measured[case].stranded == []


@pytest.mark.parametrize(
    ("case", "failed"),
    [
        ("margins", {"每页行数", "每行字数", "版心", "页码外侧空"}),
        ("centred-numbers", {"页码位置", "页码外侧空"}),
        ("spacing", {"每行字数"}),
        ("no-keep", {"页末标题"}),
    ],
)
def test_broken_files_fail_exactly_the_items_they_break(
    measured: dict[str, PaperMeasurement], case: str, failed: set[str]
) -> None:
    assert _failed(measured[f"speech-{case}"]) == failed


def test_the_findings_name_what_was_measured(measured: dict[str, PaperMeasurement]) -> None:
    by_item = {f.item: f for f in paper_findings(measured["speech-margins"])}
    assert "左 20.0" in by_item["版心"].found  # 20 mm left margin
    assert "23 行" in by_item["每页行数"].found  # a 12 mm taller block holds one more line
    spacing = {f.item: f for f in paper_findings(measured["speech-spacing"])}["每行字数"]
    assert spacing.found.startswith("27 字")
    centred = {f.item: f for f in paper_findings(measured["speech-centred-numbers"])}["页码位置"]
    assert "第 1 页居中" in centred.found


@pytest.mark.parametrize("case", list(FOREIGN_HEADINGS))
def test_headings_of_other_files_are_found_at_page_feet(measured: dict[str, PaperMeasurement], case: str) -> None:
    """A file whose headings are Word's "heading N" styles, or typed "一、…" paragraphs in the body style: the
    paper check still knows them for headings and reports the ones that end a page."""
    measurement = measured[f"speech-{case}"]
    headings = [
        p
        for p in measurement.placed
        if p.is_heading and re.match(r"^(一|二|三|四|五|六|七|八|九|十|（|\d)", p.paragraph.text)
    ]
    assert len(headings) >= 48
    assert measurement.stranded, "no heading at a page foot without keep-with-next: pick another seed"
    assert _failed(measurement) == {"页末标题"}


def test_no_grid_prints_the_same_page_but_the_xml_check_reports_it(measured: dict[str, PaperMeasurement]) -> None:
    """Exact line spacing puts LibreOffice's lines on the 22-line pitch with or without the document grid, so
    on paper nothing changes; the grid is what Word snaps to, so the XML check marks its absence ✗."""
    from docgen.layout.check import check_docx

    assert _failed(measured["speech-no-grid"]) == set()
    grid = next(f for f in check_docx(measured["speech-no-grid"].docx).findings if f.item == "文档网格")
    assert not grid.ok


def test_a_foreign_document_is_measured_honestly(folder: Path) -> None:
    """A plain python-docx document (Letter paper, 1-inch margins, no page numbers) with an own-line heading
    typed by hand: judged against the standard profile, its block, lines and page numbers fail."""
    require_paper()
    from docx import Document
    from docx.shared import Pt

    from docgen.layout.paper_check import check_paper

    document = Document()
    rng = random.Random(3)
    for index in range(6):
        document.add_paragraph(f"{'一二三四五六'[index]}、{rng.choice(_PHRASES)}")
        for _ in range(3):
            document.add_paragraph(_sentences(rng, 300)).runs[0].font.size = Pt(16)
    path = folder / "foreign.docx"
    document.save(path)
    report = check_paper(path)
    assert report.profile == "speech" and "未识别" in report.basis
    failed = {f.item for f in report.findings if not f.ok}
    assert {"版心", "每页行数", "页码文字"} <= failed
    assert report.measurement is not None and len(report.measurement.placed) == report.measurement.paragraphs
    assert {"文字核对"} & failed == set()


# -- the command ---------------------------------------------------------------------------------------


def test_check_paper_command_verdicts_and_exit_codes(
    measured: dict[str, PaperMeasurement], capsys: pytest.CaptureFixture[str]
) -> None:
    from docgen.cli import main

    assert main(["check", "--paper", str(measured["speech-large"].docx)]) == 0
    out = capsys.readouterr().out
    assert "纸面检查" in out and "对照“speech-large”版式" in out and "结论：符合" in out
    assert "✓ 每页行数：18 行 ×" in out and "✓ 页末标题：0 处" in out
    assert main(["check", "--paper", "--json", str(measured["speech-spacing"].docx)]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and [f["item"] for f in report["findings"] if not f["ok"]] == ["每行字数"]
    pages = report["figures"]["pages"]
    assert [page["page_number"] for page in pages] == [f"— {n} —" for n in range(1, len(pages) + 1)]
    assert report["figures"]["headings_stranded"] == []


def test_check_paper_writes_nothing_beside_the_file(measured: dict[str, PaperMeasurement], tmp_path: Path) -> None:
    from docgen.layout.paper_check import check_paper

    source = tmp_path / "讲话 稿.docx"
    source.write_bytes(measured["speech"].docx.read_bytes())
    before = source.read_bytes()
    assert check_paper(source).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话 稿.docx"] and source.read_bytes() == before


def test_check_paper_without_libreoffice_says_how_to_install_it(
    measured: dict[str, PaperMeasurement],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import docgen.output.pdf
    from docgen.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(docgen.output.pdf, "_SOFFICE_PLACES", ())
    assert main(["check", "--paper", str(measured["speech"].docx)]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "apt-get install" in err and "libreoffice-writer-nogui" in err


def test_check_paper_without_the_pdf_reader_names_the_extra(
    measured: dict[str, PaperMeasurement], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import docgen
    from docgen.cli import main

    # As in an environment without the `paper` extra: pypdfium2 cannot be imported, nor what needs it.
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    monkeypatch.delitem(sys.modules, "docgen.layout.pdf_reader", raising=False)
    monkeypatch.delattr(docgen, "pdf_reader", raising=False)
    assert main(["check", "--paper", str(measured["speech"].docx)]) == 2
    assert 'pip install "docgen[paper]"' in capsys.readouterr().err


def test_check_paper_on_a_missing_file_or_a_non_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.cli import main

    assert main(["check", "--paper", str(tmp_path / "none.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    (tmp_path / "x.docx").write_text("不是 Word 文档")
    assert main(["check", "--paper", str(tmp_path / "x.docx")]) == 2
    assert "不是有效的 .docx 文件" in capsys.readouterr().err


def test_a_short_document_is_not_failed_for_what_it_cannot_show(folder: Path) -> None:
    """A one-page speech has no full page and no full line: those items are not judged (–), not ✗, and the
    items that can be measured still are."""
    require_paper()
    from docgen import Speech, render_file
    from docgen.layout.paper_check import check_paper

    path = render_file(Speech(title="在全县工作会议上的讲话", closing="谢谢大家！"), folder / "short.docx")
    report = check_paper(path)
    by_item = {f.item: f for f in report.findings}
    assert not by_item["每行字数"].judged and by_item["每行字数"].mark == "–"
    assert report.ok and all(f.judged for item, f in by_item.items() if item != "每行字数")
    assert by_item["页码文字"].found == "1 页都对"


def test_a_document_without_page_numbers_fails_every_page_number_item(folder: Path) -> None:
    require_paper()
    from docx import Document

    from docgen.layout.paper_check import check_paper

    document = Document()
    document.add_paragraph("没有页码的文件。")
    path = folder / "no-numbers.docx"
    document.save(path)
    by_item = {f.item: f for f in check_paper(path).findings}
    for item in ("页码文字", "页码字号", "页码位置", "页码外侧空", "页码距版心"):
        assert not by_item[item].ok and "无页码" in by_item[item].found, by_item[item]
