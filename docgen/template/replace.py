"""docxtpl's ``replace_pic``, ``replace_media``, ``replace_embedded`` and ``replace_zipname``, resolved once.

docxtpl finds what to replace when it saves each document. Here the target entry is found when the
replacement is asked for, against the template's own package, and a target that is not there is an error
at once (docxtpl silently replaces nothing, except for ``replace_pic``, which fails at save).
"""

from __future__ import annotations

import posixpath
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from docgen.errors import TemplateError

_PIC_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PICTURE_PARTS = ("word/document.xml", "word/header", "word/footer")


def read_source(source: str | Path | IO[bytes] | bytes, template_name: str) -> bytes:
    """The bytes of a replacement: a path, an open binary file, or bytes."""
    if isinstance(source, bytes):
        return source
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, bytes):
            raise TemplateError(f"模板 {template_name} 的替换文件应以二进制方式打开（open(..., 'rb')）")
        return data
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise TemplateError(f"模板 {template_name} 的替换文件 {source} 无法读取：{exc.strerror}") from None


def by_crc(entries: Mapping[str, bytes], folder: str, original: bytes, name: str, what: str) -> list[str]:
    """The entries under ``folder`` whose content is ``original`` (docxtpl matches them by CRC)."""
    crc = zlib.crc32(original)
    found = [n for n, blob in entries.items() if n.startswith(folder) and zlib.crc32(blob) == crc]
    if not found:
        raise TemplateError(
            f"模板 {name} 中没有与给出的文件内容相同的{what}（{folder}），无法替换；请给出模板里原来的那个文件"
        )
    return found


def zipname(entries: Mapping[str, bytes], target: str, name: str, rendered: set[str]) -> str:
    if target not in entries:
        raise TemplateError(f"模板 {name} 中没有 {target}，无法替换；可用 unzip -l 模板.docx 查看其中的文件")
    if target in rendered or target.endswith(".rels") or target == "[Content_Types].xml":
        raise TemplateError(f"模板 {name} 的 {target} 是渲染或关系部件，不能整体替换；请替换图片、媒体或嵌入文件")
    return target


def picture(entries: Mapping[str, bytes], key: str, name: str) -> list[str]:
    """The image parts of the pictures named, titled or described ``key`` in the body, headers and footers."""
    from docgen.template.package import parse_xml

    found: list[str] = []
    for part, blob in entries.items():
        if not part.startswith(_PICTURE_PARTS) or not part.endswith(".xml"):
            continue
        root = parse_xml(blob)
        folder, base = posixpath.split(part)
        rels_blob = entries.get(posixpath.join(folder, "_rels", f"{base}.rels"))
        targets: dict[str, str] = {}
        if rels_blob is not None:
            for rel in parse_xml(rels_blob).iter(_REL):
                if rel.get("TargetMode") != "External":
                    targets[rel.get("Id", "")] = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        for data in root.xpath("//a:graphic/a:graphicData[@uri=$uri]", namespaces=_PIC_NS, uri=_PIC_NS["pic"]):
            props: Any = data.xpath("pic:pic/pic:nvPicPr/pic:cNvPr", namespaces=_PIC_NS)
            embeds = data.xpath("pic:pic/pic:blipFill/a:blip/@r:embed", namespaces=_PIC_NS)
            if not props or not embeds:
                continue
            labels = {props[0].get(attribute) for attribute in ("name", "title", "descr")}
            target = targets.get(str(embeds[0]))
            if key in labels and target is not None and target in entries:
                found.append(target)
    if not found:
        raise TemplateError(
            f"模板 {name} 的正文、页眉和页脚中没有名称、标题或说明为“{key}”的图片，无法替换；"
            "请在 Word 中查看图片的“可选文字”或文件名"
        )
    return found
