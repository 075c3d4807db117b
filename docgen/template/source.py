"""A template's XML made ready for Jinja, within bounds: which parts carry tags, docxtpl's patching, limits.

Preparing a template costs time linear in its tags (Jinja parses and compiles each one), so before any of
that runs the whole package is held to `MAX_TEMPLATE_TAGS` tags, each at most `MAX_TAG_CHARS` long (XML of
a tag split over several runs included), `MAX_PART_XML_CHARS` characters of XML per rendered part and, once
parsed, `MAX_TEMPLATE_NODES` Jinja nodes. A real template has tens of tags; the limits leave a hundred times
that and keep preparation under a few seconds.
"""

from __future__ import annotations

import bisect
import functools
import re

from docgen.errors import TemplateSecurityError

MAX_TEMPLATE_TAGS = 5_000
"""Most ``{{ }}``/``{% %}``/``{# #}`` tags in all parts of one template."""
MAX_TAG_CHARS = 10_000
"""Longest one tag may be, from ``{{`` to ``}}``, counting the XML of runs Word split it into."""
MAX_PART_XML_CHARS = 32 * 1024 * 1024
"""Most characters of XML in one part that has tags."""
MAX_TEMPLATE_NODES = 200_000
"""Most Jinja syntax nodes the tags of one template may parse to."""

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
JINJA_MARK = re.compile(r"\{\{|\{%|\{#")
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


# The patterns below are compiled when a template is prepared, not when a prepared one is loaded from the
# cache (every process that renders pays for a pattern compiled at import).
@functools.cache
def _split_brace() -> re.Pattern[str]:
    """docxtpl's first patch step: "{<w:t>…</w:t>{" is "{{" once Word's run boundaries are taken out."""
    return re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL)


@functools.cache
def _table_tags() -> re.Pattern[str]:
    return re.compile(r"\{%-?\s*(?:tc|hm|colspan)\b|\{\{-?\s*tc\b|\{#-?\s*tc\b")


class TagCount:
    """Tags and Jinja nodes met so far in one template, against the limits."""

    __slots__ = ("nodes", "tags", "template_name")

    def __init__(self, template_name: str, tags: int = 0, nodes: int = 0) -> None:
        self.template_name = template_name
        self.tags = tags
        self.nodes = nodes

    def refuse(self, what: str) -> TemplateSecurityError:
        return TemplateSecurityError(
            f"模板 {self.template_name} {what}，已拒绝（准备模板的工作量有上限，见 README“模板参考”）；"
            "正常的讲话稿模板只有几十个标签，请检查模板是否由程序批量生成或损坏"
        )

    def add_nodes(self, count: int, part: str) -> None:
        self.nodes += count
        if self.nodes > MAX_TEMPLATE_NODES:
            raise self.refuse(f"的标签（至 {part}）解析后超过 {MAX_TEMPLATE_NODES:,} 个语法节点")


def renders(name: str, blob: bytes) -> bool:
    """Whether part ``name`` is rendered: the body always, any other XML part when it has a tag."""
    if name == DOCUMENT_PART:
        return True
    if not name.endswith(".xml") or name == CONTENT_TYPES:
        return False
    return JINJA_MARK.search(blob.decode("utf-8", "replace")) is not None


def refuse_tags_outside_xml(name: str, blob: bytes, template_name: str) -> None:
    """Tags in relationships, content types or VML would change what the package points at: refused."""
    if (name.endswith((".rels", ".vml")) or name == CONTENT_TYPES) and JINJA_MARK.search(
        blob.decode("utf-8", "replace")
    ):
        raise TemplateSecurityError(
            f"模板 {template_name} 的 {name} 中有 Jinja 标签，已拒绝：关系和内容类型决定文档引用哪些文件，"
            "不能由数据改写。请在 Word 中另存模板；图片请用 InlineImage 或 replace_pic"
        )


def check_tags(xml: str, part: str, count: TagCount) -> None:
    """Count the tags of ``xml`` and make sure each ends within `MAX_TAG_CHARS`, before docxtpl's patching
    (whose regular expressions would otherwise scan to the end of the part for every unclosed tag)."""
    if len(xml) > MAX_PART_XML_CHARS:
        raise count.refuse(f"的 {part} 有 {len(xml):,} 个字符的 XML（上限 {MAX_PART_XML_CHARS:,}）")
    joined = _split_brace().sub("", xml)
    openers = [(m.start(), m.group(0)) for m in JINJA_MARK.finditer(joined)]
    count.tags += len(openers)
    if count.tags > MAX_TEMPLATE_TAGS:
        raise count.refuse(f"有超过 {MAX_TEMPLATE_TAGS:,} 个标签（至 {part}）")
    closers = {close: [m.start() for m in re.finditer(re.escape(close), joined)] for close in _OPENERS.values()}
    for start, opener in openers:
        ends = closers[_OPENERS[opener]]
        at = bisect.bisect_left(ends, start + 2)
        if at == len(ends) or ends[at] - start > MAX_TAG_CHARS:
            paragraph = joined.count("<w:p>", 0, start) + joined.count("<w:p ", 0, start) + 1
            text = re.sub(r"<[^>]*>", "", joined[start : start + 200])[:30]
            raise count.refuse(
                f"的 {part} 第 {paragraph} 段的标签“{text}…”没有在 {MAX_TAG_CHARS:,} 个字符内结束"
                f"（缺少 {_OPENERS[opener]}）"
            )


def needs_table_fix(body_xml: str) -> bool:
    """Whether docxtpl's table grid fix can change this body: ``{%tc %}``, ``{% hm %}``, ``{% colspan %}``
    or ``{#tc #}`` make rows of varying width; otherwise, a grid already out of step with its rows."""
    if _table_tags().search(_split_brace().sub("", body_xml)):
        return True
    if "<w:tbl>" not in body_xml and "<w:tbl " not in body_xml:
        return False
    from lxml import etree

    before = etree.tostring(etree.fromstring(body_xml.encode("utf-8")))
    return fix_tables(body_xml) != str(etree.tostring(etree.fromstring(before), encoding="unicode"))


def fix_tables(body_xml: str) -> str:
    """docxtpl's ``fix_tables``: each table's grid gets as many columns as its widest row.

    A table without a grid (not valid WordprocessingML; docxtpl fails on it) is left as it is."""
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        return str(etree.tostring(DocxTemplate.fix_tables(None, body_xml), encoding="unicode"))
    except (AttributeError, TypeError, ValueError, ZeroDivisionError):
        return body_xml


@functools.cache
def _docpr_id() -> re.Pattern[str]:
    return re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')


def renumber_drawings(body_xml: str) -> str:
    """docxtpl's ``fix_docpr_ids``: drawings repeated by a loop get distinct ids, 1001 onwards."""
    numbers = iter(range(1001, 1_000_000_000))
    return _docpr_id().sub(lambda m: f"{m.group(1)}{next(numbers)}{m.group(2)}", body_xml)
