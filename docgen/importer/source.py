"""A draft's paragraphs as the importer sees them: normalised text plus what a .docx's styles say about it,
read from a text file (any common Chinese encoding) or from a .docx in body order."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace

from docgen.importer.report import DraftImportError, ImportReport, Role
from docgen.model.numbering import parse_label
from docgen.model.text import find_forbidden, fold_whitespace, widen_punctuation

SENTENCE_ENDS = "。！？"
CLOSERS = "”’）》」』】〕"

Range = tuple[int, int]


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph of the draft.

    ``text`` is already normalised (whitespace folded, half-width punctuation widened), so the recognisers
    see what the model will keep. The other fields come from a .docx: ``style_role`` from a paragraph style
    docgen (or Word's "Title") gives; ``run_in_end`` / ``heading2_end`` the end of a 讲话要点 / 讲话二级标题（接排）
    run at the start; ``leads`` the bold lead sentences, which replace guessing when ``explicit_leads``.
    """

    index: int
    text: str
    style_role: Role | None = None
    run_in_end: int = 0
    heading2_end: int = 0
    leads: tuple[Range, ...] = ()
    explicit_leads: bool = False
    origin: str | None = None
    split: bool = False  # a part of a source paragraph that held several parts of the speech

    def slice(self, start: int, end: int | None = None) -> SourceParagraph:
        """The part ``text[start:end]``, its ranges shifted to match (leading and trailing spaces dropped)."""
        end = len(self.text) if end is None else end
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1

        def shift(position: int) -> int:
            return max(0, min(position, end) - start)

        leads = tuple((shift(a), shift(b)) for a, b in self.leads if a >= start and b <= end)
        return replace(
            self,
            split=self.split or start > 0 or end < len(self.text),
            text=self.text[start:end],
            run_in_end=shift(self.run_in_end),
            heading2_end=shift(self.heading2_end),
            leads=leads,
        )


def normalise(raw: str) -> tuple[str, int]:
    """Fold whitespace and widen half-width punctuation, as the model does; returns the text and the
    number of marks widened."""
    return widen_punctuation(fold_whitespace(raw))


# ---------------------------------------------------------------------------------------------- text files

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")


# Legacy encodings a Chinese text file comes in, in the order they are tried; GB18030 covers GBK and GB2312.
LEGACY_ENCODINGS = {"gb18030": "GB18030（GBK）", "big5": "Big5"}
_MARGIN = 0.02  # how much less "chaos" (charset-normalizer's mess score) one reading needs to win


def decode(raw: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file and the name of its encoding.

    ``encoding`` given: exactly that. Otherwise a BOM decides (UTF-8, UTF-16, UTF-32), then strict UTF-8;
    else each of GB18030/GBK and Big5 that decodes the bytes without error and without private-use
    characters (what a wrong legacy guess produces) is a candidate: one candidate is taken, several are
    ranked by charset-normalizer and the clear winner taken. Anything else raises `DraftImportError`
    naming the file and the fix (save as UTF-8, or ``--encoding``) — text is never guessed into garbage.
    """
    if encoding is not None:
        return _decode_as(raw, source, encoding)
    for bom, name, codec in _BOMS:
        if raw.startswith(bom):  # utf-16/utf-32 read the BOM for the byte order and drop it
            return _strict(raw[len(bom) :] if codec == "utf-8" else raw, codec, name, source), name
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        if _utf16_without_bom(raw):
            raise DraftImportError(
                f"{source} 含有空字节，像是没有 BOM 的 UTF-16 文本；请在编辑器中另存为 UTF-8，"
                "或加 --encoding utf-16-le（或 utf-16-be）"
            )
        raise DraftImportError(
            f"{source} 不是文本文件（含有空字节和控制字符，像是图片、压缩包、程序或已损坏的文件）；"
            "请给出讲话稿的文本文件（.txt，另存为 UTF-8）或 Word 文档（.docx）"
        )
    candidates = {}
    for codec in LEGACY_ENCODINGS:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _private_use(text):
            candidates[codec] = text
    if len(candidates) == 1:
        codec, text = next(iter(candidates.items()))
        return text, LEGACY_ENCODINGS[codec]
    if len(candidates) > 1:
        winner = _rank(raw, list(candidates))
        if winner is not None:
            return candidates[winner], LEGACY_ENCODINGS[winner]
        raise DraftImportError(
            f"{source} 的编码无法确定（按 GB18030/GBK 和按 Big5 都读得通，文字却不同）；"
            "请另存为 UTF-8，或加 --encoding gb18030（简体）/ --encoding big5（繁体）指明"
        )
    raise DraftImportError(
        f"{source} 不是 UTF-8、UTF-16、GB18030/GBK 或 Big5 编码的文本（或文件已损坏）；"
        "请在编辑器中另存为 UTF-8，或用 --encoding 指明编码"
    )


def _utf16_without_bom(raw: bytes) -> bool:
    """Whether bytes with NULs read as UTF-16 text in one byte order: whole code units, and nearly every
    character a printable one (or a line break, tab, ideographic space) of the blocks a Chinese draft uses.
    Binary junk (an image, an archive, random bytes) has NULs too, but read as UTF-16 it is control
    characters, lone surrogates and code points all over the table: it is then called what it is, not a
    text file, instead of text with a missing BOM."""
    if len(raw) % 2:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        textual = sum(1 for char in text if (char.isprintable() or char in "\r\n\t\u3000") and _in_draft_blocks(char))
        if textual >= 0.9 * len(text):
            return True
    return False


# Where a Chinese draft's characters are: ASCII and Latin-1, general punctuation, CJK punctuation and
# ideographs (extension A too), full-width forms. Random bytes read as UTF-16 spread over all 65,536 code
# units, about a third of them here.
_DRAFT_BLOCKS = (
    (0x0000, 0x00FF),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)


def _in_draft_blocks(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _DRAFT_BLOCKS)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),  # before UTF-16 LE: its BOM begins with FF FE too
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF8, "UTF-8（带 BOM）", "utf-8"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)


def _strict(raw: bytes, codec: str, name: str, source: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise DraftImportError(
            f"{source} 标明是 {name} 编码，但第 {exc.start + 1} 个字节起无法按 {name} 解码；请另存为 UTF-8"
        ) from None


def _decode_as(raw: bytes, source: str, encoding: str) -> tuple[str, str]:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DraftImportError(
            f"不认识的编码“{encoding}”（--encoding）；可用 utf-8、gb18030、gbk、big5、utf-16 等"
        ) from None
    if codec.startswith("utf-8") and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise DraftImportError(
            f"{source} 不能按 {encoding} 解码（第 {exc.start + 1} 个字节起）；请确认编码，或另存为 UTF-8"
        ) from None
    if not codec.startswith("utf") and _private_use(text):
        found = _private_use(text)
        raise DraftImportError(
            f"{source} 按 {encoding} 解码后出现私用区字符（第 {found[0] + 1} 个字符 U+{ord(text[found[0]]):04X}），"
            "说明编码不对或含有自造字；请确认编码，或另存为 UTF-8"
        )
    return text.removeprefix("\ufeff"), encoding


def _private_use(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000]


def _rank(raw: bytes, codecs_: list[str]) -> str | None:
    """The candidate charset-normalizer finds clearly least messy, or None when it cannot tell."""
    from charset_normalizer import from_bytes

    scores = {match.encoding: match.chaos for match in from_bytes(raw, cp_isolation=codecs_)}
    ranked = sorted((scores.get(codec, 1.0), codec) for codec in codecs_)
    if len(ranked) >= 2 and ranked[1][0] - ranked[0][0] >= _MARGIN:
        return ranked[0][1]
    return None


def text_paragraphs(text: str, report: ImportReport) -> list[SourceParagraph]:
    """The paragraphs of a plain-text draft, numbered by their first line: one per line, except that hard
    wraps inside a sentence are joined and paragraphs separated only by spaces are split
    (`docgen.importer.lines`; each reported). PDF spaces go later, in the body only (`drop_body_pdf_spaces`)."""
    from docgen.importer.lines import paragraphs

    # A form feed is a page break from old exports; a vertical tab is Word's line break (Shift+Enter) when
    # copied, kept as a line separator inside the paragraph (folded away between Chinese characters).
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\u2028")
    numbered = []
    for number, line in enumerate(re.split("[\n\u2029\x85]", text), start=1):
        marks = _MARKDOWN_HEADING.match(line)
        if marks and line[marks.end() :].strip():
            report.normalised.append(f"第 {number} 行去掉了 Markdown 标题符号“{marks.group().strip()}”")
            line = line[marks.end() :]
        numbered.append((number, line))
    pages: list[tuple[int, str]] = []
    found = paragraphs(numbered, pages)
    out = []
    joined: list[int] = []
    split_lines: list[int] = []
    previous = 0
    for paragraph in found:
        if paragraph.joined:
            joined.append(paragraph.number)
        if paragraph.number == previous:
            split_lines.append(paragraph.number)
        previous = paragraph.number
        made = _make_paragraph(paragraph.number, paragraph.text, report, where=f"第 {paragraph.number} 行")
        if made is None:
            continue
        out.append(made)
    if joined:
        report.normalised.append(f"句子中间的换行已接排（{_line_list(joined)}）")
    if pages:
        shown = "、".join(f"第 {n} 行“{text.strip()}”" for n, text in pages)
        report.normalised.append(f"去掉了 PDF 的页码行，页码前后断开的句子已接排（{shown}）")
    if split_lines:
        report.normalised.append(f"同一行中用空格隔开的段落已分段（{_line_list(sorted(set(split_lines)))}）")
    return out


def drop_body_pdf_spaces(
    paragraphs: list[SourceParagraph], report: ImportReport, *, only_pdf_like: bool = False
) -> list[SourceParagraph]:
    """The body's paragraphs without the spaces a PDF put inside Chinese text (the title block is read
    first: its spaces separate its parts or are typed on purpose, "张　三"). ``only_pdf_like``: just the
    long lines of PDF text (a whole speech on one line), whose spaces are no boundaries of the block, and
    elsewhere only the spaces beside numbers and placeholders ("成立 90 周年", "xxx 镇") that no part of the
    block ends at."""
    from docgen.importer.pdf_spaces import drop_number_spaces, drop_pdf_spaces, pdf_like

    out = []
    dropped_total = 0
    for p in paragraphs:
        if only_pdf_like and not pdf_like(p.text):
            kept, dropped = drop_number_spaces(p.text)
        else:
            kept, dropped = drop_pdf_spaces(p.text)
        dropped_total += dropped
        out.append(replace(p, text=kept) if dropped else p)
    if dropped_total:
        report.normalised.append(f"去掉了汉字之间多余的空格 {dropped_total} 处（从 PDF 复制时常见）")
    return out


def _line_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:8])
    more = f" 等 {len(numbers)} 处" if len(numbers) > 8 else ""
    return f"第 {shown} 行{more}"


def _make_paragraph(
    index: int, raw: str, report: ImportReport, *, where: str, **fields: object
) -> SourceParagraph | None:
    forbidden = find_forbidden(raw.replace("\t", " "))
    if forbidden:
        raise DraftImportError(
            f"{report.source} {where}含有文档无法容纳的字符（{forbidden[0].describe()}），请删除后重试"
        )
    text, widened = normalise(raw)
    if not text:
        return None
    report.widened_marks += widened
    return SourceParagraph(index, text, **fields)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Span:
    """A stretch of a .docx paragraph's raw text with what its run formatting says: "run_in", "heading2",
    "lead" (docgen's character styles), "bold" (direct or style bold) or "" (plain)."""

    text: str
    kind: str


def _align(raw: str, text: str) -> list[int]:
    """For each position in ``raw``, the matching position in its normalised ``text`` (normalising only
    drops or folds whitespace and widens marks one for one, so a greedy walk lines them up)."""
    positions = []
    j = 0
    for ch in raw:
        positions.append(j)
        if j < len(text) and (ch == text[j] or _widened(ch) == text[j] or (ch.isspace() and text[j] == " ")):
            j += 1
    positions.append(j)
    return positions


def _widened(ch: str) -> str:
    return {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}.get(ch, ch)


def paragraph_from_spans(
    index: int,
    spans: list[Span],
    report: ImportReport,
    *,
    where: str,
    styled: bool,
    style_role: Role | None = None,
    origin: str | None = None,
) -> SourceParagraph | None:
    """A paragraph from a .docx's runs, keeping the ranges its character styles or bold mark."""
    raw = "".join(span.text for span in spans)
    if style_role is Role.TITLE:
        raw = re.sub(r"\s*\n\s*", "", raw)  # a title's line breaks are layout (the trapezoid), not content
        spans = [Span(re.sub(r"\s*\n\s*", "", s.text), s.kind) for s in spans]
    paragraph = _make_paragraph(index, raw, report, where=where, style_role=style_role, origin=origin)
    if paragraph is None:
        return None
    positions = _align(raw, paragraph.text)
    # Leading whitespace trimmed by normalising shifts every position; _align already accounts for it.
    ranges: dict[str, list[Range]] = {}
    start = 0
    for span in spans:
        end = start + len(span.text)
        a, b = positions[start], positions[end]
        if span.kind and b > a:
            found = ranges.setdefault(span.kind, [])
            if found and found[-1][1] == a:
                found[-1] = (found[-1][0], b)  # runs split by Word are one stretch
            else:
                found.append((a, b))
        start = end
    text = paragraph.text
    run_in_end = _starting(ranges.get("run_in", []), text)
    heading2_end = _starting(ranges.get("heading2", []), text)
    if styled:
        leads = tuple(ranges.get("lead", []))
        return replace(paragraph, run_in_end=run_in_end, heading2_end=heading2_end, leads=leads, explicit_leads=True)
    candidates = sorted(ranges.get("lead", []) + ranges.get("bold", []))
    leads = tuple(r for r in candidates if _is_whole_lead_sentence(text, *r))
    return replace(paragraph, leads=leads, explicit_leads=bool(leads))


def _starting(ranges: list[Range], text: str) -> int:
    return ranges[0][1] if ranges and not text[: ranges[0][0]].strip() else 0


def _is_whole_lead_sentence(text: str, start: int, end: int) -> bool:
    """A bold stretch that is one or more whole sentences with something after it, not an enumerated heading."""
    while end < len(text) and text[end] in CLOSERS:
        end += 1
    ends_sentence = text[end - 1] in SENTENCE_ENDS or (end >= 2 and text[end - 1] in CLOSERS)
    label = parse_label(text)  # "一是**发展质量不高。**……": a sentence starts after a point's label too
    after_label = label is not None and bool(label[2]) and len(text) - len(label[2]) == start
    starts_sentence = start == 0 or after_label or text[start - 1] in SENTENCE_ENDS + CLOSERS + "："
    return ends_sentence and starts_sentence and end < len(text) and parse_label(text[start:end]) is None
