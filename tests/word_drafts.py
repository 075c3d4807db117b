"""Word drafts as office writers make them, built with python-docx: automatic numbering through a numbering
part (multilevel lists 一、/（一）/1./（1）, 一是 lists, restarts), Word's heading styles, bold lead sentences,
headings formatted by hand (黑体, bold), a centered title in a large size.

`corpus_docx` turns a case of the real-speech corpus (tests/data/corpus) into such a draft: the annotated
paragraphs, with each typed enumerator taken out of the text and given to Word's numbering instead — so the
draft's visible text is the case's text, and the case's `.expected` annotation still describes it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"

# (numFmt, lvlText) per level of the multilevel list office templates use for 讲话稿 headings.
HEADING_LIST = (
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
)
POINT_LIST = (("chineseCounting", "%1是"),)


def _level_xml(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


class Numbering:
    """Adds list definitions to a python-docx document's numbering part and numbers its paragraphs."""

    def __init__(self, document: Any) -> None:
        self.element = document.part.numbering_part.element
        self.next_abstract = 100
        self.next_num = 100

    def define(self, levels: tuple[tuple[str, str], ...], *, extra: dict[int, str] | None = None) -> str:
        """A new list (abstractNum + num) with ``levels`` (numFmt, lvlText); returns its numId."""
        abstract = self.next_abstract
        self.next_abstract += 1
        body = "".join(_level_xml(i, fmt, text, extra=(extra or {}).get(i, "")) for i, (fmt, text) in enumerate(levels))
        node = parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract}">{body}</w:abstractNum>')
        first_num = self.element.find(W + "num")
        if first_num is not None:
            first_num.addprevious(node)
        else:
            self.element.append(node)
        return self.instance(str(abstract))

    def instance(self, abstract: str, starts: dict[int, int] | None = None) -> str:
        """Another w:num of list ``abstract`` (with startOverride per level in ``starts``); returns its numId."""
        num = self.next_num
        self.next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
            for i, s in (starts or {}).items()
        )
        self.element.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            )
        )
        return str(num)

    def abstract_of(self, num_id: str) -> str:
        for num in self.element.findall(W + "num"):
            if num.get(W + "numId") == num_id:
                return str(num.find(W + "abstractNumId").get(W + "val"))
        raise KeyError(num_id)


def number(paragraph: Any, num_id: str, ilvl: int = 0) -> None:
    """Give ``paragraph`` automatic numbering (w:numPr)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def east_asian_font(run: Any, name: str) -> None:
    r_pr = run._r.get_or_add_rPr()
    r_pr.append(parse_xml(f'<w:rFonts xmlns:w="{W_NS}" w:eastAsia="{name}"/>'))


def title(document: Any, text: str) -> None:
    """A title as writers make it: centered, 22 pt, bold."""
    paragraph = document.add_paragraph()
    paragraph.alignment = 1
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(22)


def body(document: Any, text: str) -> Any:
    return document.add_paragraph(text)


# ---------------------------------------------------------------------------------------------- the corpus

_TYPED = {
    "h1": re.compile("^[一二三四五六七八九十]+[、.．]\\s*"),
    "h2": re.compile("^[（(][一二三四五六七八九十]+[）)]\\s*"),
    "h3": re.compile("^[0-9]{1,2}[.．、]\\s*"),
    "h4": re.compile("^[（(][0-9]{1,2}[）)]\\s*"),
    "point": re.compile("^[一二三四五六七八九十]+是"),
}
_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}


def corpus_docx(expected: list[tuple[str, str]], path: Path, *, way: str) -> int:
    """Write the annotated paragraphs ``expected`` of a corpus case as a Word draft at ``path``; returns how
    many typed labels became Word's automatic numbering (or a heading style).

    ``way``: "numbering" — headings and 一是 points numbered by Word (a multilevel list and a 一是 list,
    restarted for each new list as Word's "重新开始编号" does), run-in headings bold up to their end;
    "styles" — own-line headings without their typed labels in Word's heading styles ("Heading 1"–"Heading 4");
    "format" — own-line headings without their typed labels in 黑体 (一级), 楷体 (二级), bold (三级, 四级).
    """
    document = Document()
    lists = Numbering(document)
    headings = lists.define(HEADING_LIST)
    points = lists.define(POINT_LIST)
    points_abstract = lists.abstract_of(points)
    converted = 0
    previous = ""
    for role, text in expected:
        text = text.strip()
        base = role.removesuffix("-runin")
        typed = _TYPED.get("point" if role == "point" else base)
        match = typed.match(text) if typed is not None else None
        if role == "title":
            title(document, text)
        elif way == "styles" and role in _LEVELS:
            # Unnumbered headings in Word's heading styles: the style says the level.
            document.add_paragraph(text[match.end() :] if match else text, style=f"Heading {_LEVELS[role] + 1}")
            converted += 1
        elif way == "format" and role in _LEVELS:
            # Unnumbered headings formatted by hand: 黑体, 楷体, then bold.
            run = document.add_paragraph().add_run(text[match.end() :] if match else text)
            if role in ("h1", "h2"):
                east_asian_font(run, "黑体" if role == "h1" else "楷体")
            else:
                run.bold = True
            converted += 1
        elif way == "numbering" and match is not None and base in _LEVELS:
            rest = text[match.end() :]
            paragraph = document.add_paragraph()
            if role.endswith("-runin"):
                end = next((i + 1 for i, ch in enumerate(rest) if ch in "。！？："), 0)
                paragraph.add_run(rest[:end]).bold = True
                paragraph.add_run(rest[end:])
            else:
                paragraph.add_run(rest)
            number(paragraph, headings, _LEVELS[base])
            converted += 1
        elif way == "numbering" and match is not None and role == "point":
            paragraph = document.add_paragraph(text[match.end() :])
            if previous != "point":  # a new list: Word's "restart numbering" makes a new instance
                points = lists.instance(points_abstract, {0: 1})
            number(paragraph, points, 0)
            converted += 1
        else:
            document.add_paragraph(text)
        previous = role
    document.save(str(path))
    return converted


WAYS = ("numbering", "styles", "format")


def score_as_docx(case: Any, way: str, folder: Path, template: str = "speech") -> Any:
    """`tests.corpus.score_case` for ``case`` made into a Word draft (`corpus_docx`) in ``folder``: the same
    annotation, the same scoring (roles by named style, every character accounted for)."""
    import dataclasses

    from tests.corpus import score_case

    path = folder / way / f"{case.name}.docx"  # the name keeps the case's number and genre
    path.parent.mkdir(parents=True, exist_ok=True)
    corpus_docx(case.expected, path, way=way)
    unlabelled = frozenset(unlabelled_headings(case.expected)) if way in ("styles", "format") else frozenset()
    return score_case(dataclasses.replace(case, path=path, unlabelled=unlabelled), template)


def unlabelled_headings(expected: list[tuple[str, str]]) -> list[int]:
    """The own-line headings whose typed label `corpus_docx` takes out in the "styles" and "format" ways."""
    return [i for i, (role, text) in enumerate(expected) if role in _LEVELS and _TYPED[role].match(text.strip())]


# ------------------------------------------------------------------------------------- LibreOffice drafts

_FODT_LISTS = {
    # list style: (num-prefix, num-suffix) per level, Chinese counting ("一, 二, 三, ..." in ODF)
    "Headings": (("", "、"), ("（", "）")),
    "Points": (("", "是"),),
    "Sequence": (("第", "，"),),
}
_FODT_TYPED = {
    ("h1", "Headings"): re.compile("^[一二三四五六七八九十]+[、.．]\\s*"),
    ("h2", "Headings"): re.compile("^[（(][一二三四五六七八九十]+[）)]\\s*"),
    ("point", "Points"): re.compile("^[一二三四五六七八九十]+是"),
    ("point", "Sequence"): re.compile("^第[一二三四五六七八九十]+[，,、]\\s*"),
}


def corpus_fodt(expected: list[tuple[str, str]]) -> str:
    """A LibreOffice flat document (.fodt) of a corpus case: own-line 一、/（一） headings and 一是/第一， points
    in numbered lists (Chinese counting), their typed labels taken out; title centered in 22 pt. Convert it
    with ``soffice --headless --convert-to docx`` to get the Word numbering LibreOffice writes."""
    from xml.sax.saxutils import escape

    styles = []
    for name, levels in _FODT_LISTS.items():
        body = "".join(
            f'<text:list-level-style-number text:level="{i}" style:num-prefix="{prefix}" style:num-suffix="{suffix}"'
            f' style:num-format="一, 二, 三, ..." text:display-levels="1"/>'
            for i, (prefix, suffix) in enumerate(levels, start=1)
        )
        styles.append(f'<text:list-style style:name="{name}">{body}</text:list-style>')
    out: list[str] = []
    open_list: str | None = None
    for role, text in expected:
        text = text.strip()
        kind = next(((r, name) for (r, name), typed in _FODT_TYPED.items() if r == role and typed.match(text)), None)
        list_name = kind[1] if kind else None
        if open_list is not None and list_name != open_list:
            out.append("</text:list>")
            open_list = None
        if kind is None:
            style = "Title" if role == "title" else "Standard"
            out.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')
            continue
        rest = escape(_FODT_TYPED[kind].sub("", text, count=1))
        if open_list is None:
            out.append(f'<text:list text:style-name="{list_name}">')
            open_list = list_name
        item = f'<text:list-item><text:p text:style-name="Standard">{rest}</text:p></text:list-item>'
        if role == "h2":  # the second level: a list inside the item
            item = f"<text:list-item><text:list>{item}</text:list></text:list-item>"
        out.append(item)
    if open_list is not None:
        out.append("</text:list>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        '<office:styles><style:style style:name="Standard" style:family="paragraph"/>'
        '<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>'
        '<style:text-properties fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold"/></style:style>'
        f"{''.join(styles)}</office:styles>"
        f"<office:body><office:text>{''.join(out)}</office:text></office:body></office:document>\n"
    )
