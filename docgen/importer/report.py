"""What an import did: how each source paragraph was classified, what was normalised or placed by fallback,
and what a .docx held that could not be taken."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docgen.errors import DocgenError

if TYPE_CHECKING:
    from docgen.importer.source import SourceParagraph
    from docgen.model.speech import Speech


class Role(str, enum.Enum):
    """Where a source paragraph (or a part of one) went in the `Speech`."""

    TITLE = "标题"
    SUBTITLE = "副标题"
    DATE = "日期"
    SPEAKER = "讲话人"
    SALUTATION = "称谓"
    OPENING = "开头"
    PRAISE_INTRO = "成绩引语"
    PRAISE_POINT = "成绩要点"
    SHORTCOMINGS = "不足"
    RECOMMENDATIONS_INTRO = "建议引语"
    RECOMMENDATION = "建议标题"
    RECOMMENDATION_BODY = "建议正文"
    HEADING1 = "一级标题"
    HEADING2 = "二级标题"
    HEADING3 = "三级标题"
    HEADING4 = "四级标题"
    RUN_IN_HEADING = "接排标题"
    ISSUE_POINT = "问题要点"
    POINT = "要点"
    LIST_INTRO = "要点引语"
    BODY = "正文"
    CLOSING = "结束语"


@dataclass(frozen=True)
class ClassifiedParagraph:
    """One source paragraph, or one part of a paragraph the importer split, and the role it was given.

    ``index`` is the 1-based line number in a text file, or paragraph number (body order) in a .docx.
    """

    index: int
    role: Role
    excerpt: str
    note: str | None = None
    part: str | None = None  # where in the speech it went ("开头", "第 2 部分“提高政治站位”", …)

    def describe(self, unit: str) -> str:
        note = f"（{self.note}）" if self.note else ""
        part = f"　→ {self.part}" if self.part else ""
        return f"第 {self.index} {unit}　{self.role.value}　{self.excerpt}{note}{part}"


EXCERPT = 16  # characters of a paragraph the report shows: enough to find it in the draft


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


@dataclass
class ImportReport:
    """Everything the importer decided, for the user to check.

    - ``paragraphs``: each source paragraph (or part of one) in order, with its role;
    - ``widened_marks``: how many half-width ``,:;!?()`` became full-width;
    - ``normalised``: other deliberate rewrites (date written the standard way, Markdown marks, …);
    - ``fallbacks``: content placed by position because it did not look like the part it landed in;
    - ``converted``: .docx content taken in another form (table cells and text boxes as paragraphs);
    - ``not_taken``: .docx content that could not be imported at all (images, embedded objects, …).
    """

    source: str
    unit: str = "行"
    encoding: str | None = None
    title_from_argument: bool = False
    paragraphs: list[ClassifiedParagraph] = field(default_factory=list)
    widened_marks: int = 0
    normalised: list[str] = field(default_factory=list)
    fallbacks: list[str] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    not_taken: list[str] = field(default_factory=list)

    def classify(self, index: int, role: Role, text: str, note: str | None = None, part: str | None = None) -> None:
        self.paragraphs.append(ClassifiedParagraph(index, role, excerpt(text), note, part))

    def place(self, p: SourceParagraph, role: Role, note: str | None = None) -> None:
        """`classify` a source paragraph (or a part of one), noting where it came from (a table cell, a text box)
        and whether it was cut out of a longer one."""
        notes = [n for n in (p.origin, "原稿中与前后文同在一段，已拆开" if p.split else None, note) if n]
        self.classify(p.index, role, p.text, "；".join(notes) or None)

    def roles(self) -> list[Role]:
        return [p.role for p in self.paragraphs]

    def summary(self) -> str:
        """A few lines of Chinese for the command line: counts per part, then anything to check."""
        counts = Counter(self.roles())
        parts = [f"{role.value} {counts[role]}" for role in Role if counts[role]]
        encoding = f"，编码 {self.encoding}" if self.encoding else ""
        lines = [f"导入 {self.source}{encoding}：{'、'.join(parts) or '没有内容'}"]
        if self.title_from_argument:
            lines.append("  标题：使用 --title 指定的标题")
        if self.widened_marks:
            lines.append(f"  半角标点改为全角：{self.widened_marks} 处")
        lines += [f"  规范化：{n}" for n in self.normalised]
        lines += [f"  请核对：{n}" for n in self.fallbacks]
        lines += [f"  转换：{n}" for n in self.converted]
        lines += [f"  未导入：{n}" for n in self.not_taken]
        return "\n".join(lines)

    def details(self) -> str:
        """Every classified paragraph, one per line."""
        return "\n".join(p.describe(self.unit) for p in self.paragraphs)


@dataclass(frozen=True)
class ImportResult:
    """The imported `Speech` and the report of how it was read."""

    speech: Speech
    report: ImportReport


class DraftImportError(DocgenError):
    """A draft cannot be imported (unreadable file, characters a document cannot hold, …)."""


class MissingTitleError(DraftImportError):
    """The draft has no line that can be its title; pass ``title=`` (``--title`` on the command line)."""

    def __init__(self, source: str, first_line: str | None) -> None:
        self.source = source
        self.first_line = first_line
        seen = f"开头的“{first_line[:20]}{'…' if len(first_line) > 20 else ''}”不像标题" if first_line else "没有内容"
        super().__init__(
            f"{source}：找不到讲话稿的标题（{seen}）。请用 --title 指定标题，例如："
            f'docgen import 草稿.txt --title "在全县工作会议上的讲话"（Python 接口用 title=）'
        )
