"""Untrusted .docx packages stay inert: every part that reaches outside the file or runs code is found, and
refused or stripped.

Opening a document in Word (or converting it with LibreOffice) fetches or runs what such parts name: a
picture by URL, ``file:///`` or UNC path (``\\\\host\\share`` makes Windows send the reader's credentials),
an attached template on a server, INCLUDEPICTURE / INCLUDETEXT / LINK / DDE fields, a mail-merge data
source, altChunk content, VBA macros, OLE objects and ActiveX controls, embedded fonts, data bindings to
data the package does not hold. A template passes none of them into the documents made from it:
`refuse_active` stops it with the full list, `strip_package` removes them and says what it removed.

External hyperlinks are the one kind kept: a reader's click opens them, nothing fetches them on opening.
Only ``http:``, ``https:`` and ``mailto:`` ones; a hyperlink to a file, a share or any other scheme is
treated like the rest.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import TemplateError, TemplateSecurityError
from docgen.template.package import parse_xml

if TYPE_CHECKING:
    from docgen.template.prepared import Template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
DS = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"

SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")
# Fields that fetch, include, link or run something when the document is opened or updated.
ACTIVE_FIELDS = frozenset(
    {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDE", "DDEAUTO", "IMPORT", "DATABASE", "RD", "MACROBUTTON"}
)
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_ACTIVE_PART = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^word/(embeddings|activeX)/|\.odttf$|^word/fonts/", re.IGNORECASE
)
_ACTIVE_TYPE = re.compile(r"/(vbaProject|vbaData|oleObject|package|control|activeXControl\w*|aFChunk|font)$")
_ACTIVE_CONTENT_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|activeX|oleObject", re.I)
_OUTSIDE_ADDRESS = re.compile(r"^\s*(file:|\\\\|//|smb:|ftp:|https?:|webdav)", re.I)
_SCHEMA_PREFIXES = (
    "http://schemas.openxmlformats.org/",
    "http://schemas.microsoft.com/",
    "http://purl.org/",
    "http://www.w3.org/",
    "urn:",
)
_KINDS_BY_TYPE = {
    "image": "外部图片",
    "attachedTemplate": "外部附加模板",
    "oleObject": "链接的 OLE 对象",
    "frame": "外部框架",
    "subDocument": "外部子文档",
    "mailMergeSource": "邮件合并数据源",
    "mailMergeHeaderSource": "邮件合并数据源",
    "recipientData": "邮件合并收件人数据",
    "aFChunk": "外部 altChunk 内容",
    "font": "外部字体",
    "hyperlink": "指向本机文件或网络共享的超链接",
}


@dataclass(frozen=True)
class ActivePart:
    """One external or active thing in a package: what it is, in which part, and its target or code."""

    kind: str
    part: str
    detail: str = ""
    allowed: bool = False  # reported, kept: an http(s)/mailto hyperlink

    def __str__(self) -> str:
        return f"{self.part}：{self.kind}" + (f"（{self.detail[:80]}）" if self.detail else "")


Entries = list[tuple[zipfile.ZipInfo, bytes]]


def scan(entries: Entries) -> list[ActivePart]:
    """Every external or active part of the package ``entries`` (as `read_docx_package` returns them)."""
    return _Walker(entries, strip=False).run()[1]


def refuse_active(entries: Entries, name: str) -> None:
    """Raise `TemplateSecurityError` listing every external or active part of template ``name``."""
    found = [item for item in scan(entries) if not item.allowed]
    if found:
        listed = "\n".join(f"  - {item}" for item in found)
        raise TemplateSecurityError(
            f"模板 {name} 含有 {len(found)} 处外部或可执行的内容，打开生成的文档时会访问网络、读取本机或共享文件、"
            f"或运行代码，已拒绝：\n{listed}\n"
            "请在 Word 中删除这些内容后另存；或加 --strip-external 去掉它们再用（docgen templates check 列出全部）"
        )


def strip_package(data: bytes) -> tuple[bytes, list[ActivePart]]:
    """The package ``data`` without its external and active parts, and the list of what was removed."""
    from docgen.template.package import read_docx_package

    entries = read_docx_package(data, "模板")
    kept, found = _Walker(entries, strip=True).run()
    removed = [item for item in found if not item.allowed]
    if not removed:
        return data, []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info, blob in kept:
            package.writestr(info, blob)
    return out.getvalue(), removed


class _Walker:
    def __init__(self, entries: Entries, *, strip: bool) -> None:
        self.entries = entries
        self.strip = strip
        self.found: list[ActivePart] = []
        self.drop: set[str] = set()
        self.cut_ids: dict[str, set[str]] = {}  # source part → relationship ids removed
        self.trees: dict[str, Any] = {}
        self.names = {info.filename for info, _ in entries}
        self.store_ids: set[str] = set()
        for info, blob in entries:
            if re.match(r"customXml/itemProps\d*\.xml$", info.filename):
                self.store_ids.update(e.get(DS + "itemID", "").lower() for e in self._tree(info.filename, blob).iter())

    def _tree(self, name: str, blob: bytes) -> Any:
        if name not in self.trees:
            from lxml import etree

            try:
                self.trees[name] = parse_xml(blob)
            except etree.XMLSyntaxError as exc:
                raise TemplateError(f"{name} 不是有效的 XML（{exc}）；请在 Word 中重新另存为 .docx") from None
        return self.trees[name]

    def note(self, kind: str, part: str, detail: str = "", *, allowed: bool = False) -> None:
        self.found.append(ActivePart(kind, part, detail, allowed))

    def run(self) -> tuple[Entries, list[ActivePart]]:
        for info, _ in self.entries:
            if _ACTIVE_PART.search(info.filename):
                self.note(_part_kind(info.filename), info.filename)
                self.drop.add(info.filename)
        for info, blob in self.entries:
            if info.filename.endswith(".rels"):
                self._relationships(info.filename, blob)
        for info, _ in self.entries:  # the relationships of a dropped part go with it
            if info.filename.endswith(".rels") and _rels_source(info.filename) in self.drop:
                self.drop.add(info.filename)
        for info, blob in self.entries:
            name = info.filename
            if name.endswith((".xml", ".vml")) and name not in self.drop and name != "[Content_Types].xml":
                self._content(name, blob)
        for info, blob in self.entries:
            if info.filename == "[Content_Types].xml":
                self._content_types(info.filename, blob)
        kept: Entries = []
        for info, blob in self.entries:
            if info.filename in self.drop:
                continue
            if self.strip and info.filename in self.trees:
                from lxml import etree

                tree = self.trees[info.filename]
                blob = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
            kept.append((info, blob))
        return kept, self.found

    # -- relationships ----------------------------------------------------------------------------

    def _relationships(self, name: str, blob: bytes) -> None:
        source = _rels_source(name)
        root = self._tree(name, blob)
        for rel in list(root.iter(PR + "Relationship")):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            external = rel.get("TargetMode", "").lower() == "external"
            if external and kind == "hyperlink" and target.lower().startswith(SAFE_LINK_SCHEMES):
                self.note("外部超链接（读者点击才打开，保留）", source, target, allowed=True)
                continue
            if external:
                self.note(_KINDS_BY_TYPE.get(kind, f"外部关系（{kind}）"), source, target)
            elif _ACTIVE_TYPE.search(rel.get("Type", "")) or kind == "attachedTemplate":
                self.note(_KINDS_BY_TYPE.get(kind, _type_kind(kind)), source, target)
                self.drop.add(_resolve(source, target))
            else:
                continue
            if self.strip:
                root.remove(rel)
                self.cut_ids.setdefault(source, set()).add(rel.get("Id", ""))

    # -- XML parts --------------------------------------------------------------------------------

    def _content(self, name: str, blob: bytes) -> None:
        if b"<" not in blob:
            return
        root = self._tree(name, blob)
        self._elements(name, root)
        self._fields(name, root)
        self._addresses(name, root)
        if self.strip and name in self.cut_ids:
            self._cut_references(root, self.cut_ids[name])

    def _elements(self, name: str, root: Any) -> None:
        checks: list[tuple[str, str]] = [
            (W + "altChunk", "altChunk（嵌入的外部格式内容）"),
            (W + "object", "OLE 对象"),
            (W + "control", "ActiveX 控件"),
            (W + "mailMerge", "邮件合并设置（数据源）"),
            (W + "attachedTemplate", "附加模板"),
            (W + "embedRegular", "嵌入字体"),
            (W + "embedBold", "嵌入字体"),
            (W + "embedItalic", "嵌入字体"),
            (W + "embedBoldItalic", "嵌入字体"),
            (OFFICE + "OLEObject", "OLE 对象"),
        ]
        for tag, kind in checks:
            for element in list(root.iter(tag)):
                detail = element.getparent().get(W + "name", "") if "embed" in tag else ""
                if tag == OFFICE + "OLEObject" and _ancestor(element, W + "object") is not None:
                    continue  # reported with its w:object
                self.note(kind, name, detail or element.get(W + "val", "") or element.get("ProgID", ""))
                if self.strip:
                    _remove(_ancestor(element, W + "pict") if tag == OFFICE + "OLEObject" else element)
        for binding in list(root.iter(W + "dataBinding")):
            store = binding.get(W + "storeItemID", "").lower()
            if store not in self.store_ids:
                self.note("数据绑定指向包外的数据", name, binding.get(W + "xpath", ""))
                if self.strip:
                    _remove(binding)
        if self.strip and name == "word/settings.xml":
            for tag in ("embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts"):
                for element in list(root.iter(W + tag)):
                    _remove(element)
        for base in root.iter(EP + "HyperlinkBase"):
            if (base.text or "").strip():
                self.note("超链接基址", name, base.text or "")
                if self.strip:
                    base.text = ""

    def _fields(self, name: str, root: Any) -> None:
        for simple in list(root.iter(W + "fldSimple")):
            instruction = simple.get(W + "instr", "")
            if self._active_field(name, instruction) and self.strip:
                _unwrap(simple)
        stack: list[dict[str, Any]] = []
        for run in list(root.iter(W + "r")):
            for child in list(run):
                kind = child.get(W + "fldCharType") if child.tag == W + "fldChar" else None
                if kind == "begin":
                    stack.append({"instruction": "", "code": [], "marks": [child], "separated": False})
                elif child.tag == W + "instrText" and stack:
                    stack[-1]["instruction"] += child.text or ""
                elif kind in ("separate", "end") and stack:
                    field = stack[-1]
                    field["marks"].append(child)
                    field["separated"] = True
                    if kind == "end":
                        stack.pop()
                        if self._active_field(name, field["instruction"]) and self.strip:
                            for element in field["marks"]:
                                _remove(element)
                            for code_run in field["code"]:
                                _remove(code_run)
            for field in stack:
                if not field["separated"] and run not in field["code"] and not _holds(run, field["marks"][0]):
                    field["code"].append(run)  # a run of the instruction (nested fields included)

    def _active_field(self, name: str, instruction: str) -> bool:
        words = instruction.split()
        keyword = words[0].upper() if words else ""
        if keyword == "HYPERLINK":
            target = next((w.strip('"') for w in words[1:] if not w.startswith("\\")), "")
            if target.lower().startswith(SAFE_LINK_SCHEMES) or not target:
                return False
            self.note("指向本机文件或网络共享的 HYPERLINK 域", name, instruction.strip())
            return True
        if keyword in ACTIVE_FIELDS:
            self.note(f"{keyword} 域", name, instruction.strip())
            return True
        return False

    def _addresses(self, name: str, root: Any) -> None:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute, value in list(element.attrib.items()):
                if attribute.startswith(R) or not _OUTSIDE_ADDRESS.match(value):
                    continue
                if value.startswith(_SCHEMA_PREFIXES):
                    continue
                self.note("外部地址", name, value)
                if self.strip:
                    del element.attrib[attribute]

    def _cut_references(self, root: Any, ids: set[str]) -> None:
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            for attribute, value in list(element.attrib.items()):
                if not attribute.startswith(R) or value not in ids:
                    continue
                if element.tag == W + "hyperlink":
                    _unwrap(element)
                elif attribute == R + "link":
                    del element.attrib[attribute]
                else:
                    holders = (_ancestor(element, W + tag) for tag in ("drawing", "pict", "object"))
                    holder = next((a for a in holders if a is not None), element)
                    _remove(holder)
                break

    def _content_types(self, name: str, blob: bytes) -> None:
        root = self._tree(name, blob)
        for entry in list(root):
            content_type = entry.get("ContentType", "")
            if not _ACTIVE_CONTENT_TYPE.search(content_type):
                continue
            part = entry.get("PartName", "").lstrip("/")
            if entry.tag == CT + "Override" and part == "word/document.xml":
                self.note("启用宏的文档类型（.docm）", name, content_type)
                if self.strip:
                    entry.set("ContentType", _DOCX_MAIN)
            elif self.strip and (part not in self.names or part in self.drop or entry.tag == CT + "Default"):
                root.remove(entry)


def _rels_source(rels: str) -> str:
    folder, _, file = rels.rpartition("_rels/")
    return folder + file.removesuffix(".rels")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = source.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _part_kind(name: str) -> str:
    lowered = name.lower()
    if "vba" in lowered:
        return "宏（VBA 工程）"
    if "/activex/" in lowered:
        return "ActiveX 控件"
    if "/embeddings/" in lowered:
        return "嵌入的 OLE 对象或文件"
    return "嵌入字体"


def _type_kind(kind: str) -> str:
    if kind.startswith("vba"):
        return "宏（VBA 工程）"
    if kind in ("control",) or kind.startswith("activeX"):
        return "ActiveX 控件"
    if kind == "package":
        return "嵌入的 OLE 对象或文件"
    return f"可执行或嵌入的内容（{kind}）"


def _ancestor(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return parent
        parent = parent.getparent()
    return None


def _holds(run: Any, element: Any) -> bool:
    return element.getparent() is run


def _remove(element: Any) -> None:
    if element is not None and element.getparent() is not None:
        element.getparent().remove(element)


def _unwrap(element: Any) -> None:
    """Replace ``element`` by its children (a field's or a hyperlink's result text stays)."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(c for c in list(element) if c.tag not in (W + "rPr", W + "fldData")):
        parent.insert(index + offset, child)
    parent.remove(element)


def stripped_template(source: str | Path) -> tuple[Template, list[ActivePart]]:
    """The template ``source`` (a bundled name or a .docx path) with its external and active parts removed,
    and the list of what was removed — what ``--strip-external`` uses."""
    from docgen.template.prepared import Template, get_template

    if not isinstance(source, Path) and _is_bundled(source):
        return get_template(source), []  # bundled templates hold nothing to strip
    path = Path(source)
    data, removed = strip_package(Template._read(path))
    return Template(str(path), data=data), removed


def _is_bundled(source: str) -> bool:
    from docgen.template.prepared import _is_bundled_name

    return _is_bundled_name(source)
