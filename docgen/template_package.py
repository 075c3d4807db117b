"""Opening a template's .docx package safely: zip and XML limits checked before python-docx or lxml parse it.

A template may come from anywhere (e-mail, a download, an LLM), so its package is treated as hostile until
it passes: a size limit on the file and on everything it unpacks to, a compression-ratio limit that stops
zip bombs, a limit on the number of entries, and no DTD in any XML part — a ``<!DOCTYPE`` or ``<!ENTITY``
is refused outright, so entities (billion laughs, external ``SYSTEM`` files) are never expanded. XML is
then parsed with entity resolution and network access off.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docgen.errors import TemplateError, TemplateSecurityError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""Largest template file accepted."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total size of all the entries of a template once decompressed."""
MAX_ENTRIES = 2000
"""Most zip entries a template may have (a Word document has a few dozen)."""
MAX_COMPRESSION_RATIO = 200
"""Highest uncompressed : compressed ratio of an entry larger than `RATIO_FREE_BYTES` (XML is ~10 : 1)."""
RATIO_FREE_BYTES = 1024 * 1024

_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def read_package(data: bytes, name: str) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The entries of the template package ``data``, each checked against the limits above.

    Raises `TemplateSecurityError` for a package over a limit or with a DTD, `TemplateError` when it is
    not a zip file at all.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateSecurityError(
            f"模板 {name} 太大（{_mb(len(data))}，上限 {_mb(MAX_TEMPLATE_BYTES)}）；请压缩其中的图片后重试"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise TemplateError(f"模板 {name} 不是有效的 .docx 文件（无法作为 zip 打开）") from None
    _check_entries(infos, name)
    entries = []
    for info in infos:
        try:
            # zipfile never inflates past the declared file_size, which _check_entries has bounded.
            blob = archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise TemplateError(f"模板 {name} 的 {info.filename} 损坏，无法解压：{exc}") from None
        if info.filename.lower().endswith(_XML_SUFFIXES):
            check_xml_part(blob, info.filename, name)
        entries.append((info, blob))
    return entries


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise TemplateSecurityError(
            f"模板 {name} 有 {len(infos)} 个压缩项（上限 {MAX_ENTRIES}），不像 Word 文档，已拒绝"
        )
    total = 0
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise TemplateSecurityError(f"模板 {name} 中 {info.filename} 出现了两次，已拒绝（可能是伪造的压缩包）")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise TemplateError(f"模板 {name} 的 {info.filename} 已加密；请在 Word 中取消密码保护后另存")
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise TemplateSecurityError(
                f"模板 {name} 解压后超过 {_mb(MAX_UNPACKED_BYTES)}，已拒绝（可能是压缩炸弹）；请压缩其中的图片"
            )
        compressed = max(info.compress_size, 1)
        if info.file_size > RATIO_FREE_BYTES and info.file_size / compressed > MAX_COMPRESSION_RATIO:
            raise TemplateSecurityError(
                f"模板 {name} 的 {info.filename} 压缩比 {info.file_size // compressed}:1 异常"
                f"（上限 {MAX_COMPRESSION_RATIO}:1），已拒绝（可能是压缩炸弹）"
            )


def check_xml_part(blob: bytes, part: str, name: str) -> None:
    """Refuse an XML part with a document type declaration, in UTF-8 or UTF-16, before any parser sees it."""
    for marker in _DTD_MARKERS:
        for encoded in (marker, marker.decode().encode("utf-16-le"), marker.decode().encode("utf-16-be")):
            if encoded in blob:
                raise TemplateSecurityError(
                    f"模板 {name} 的 {part} 含有 XML 实体或文档类型声明（{marker.decode()}），已拒绝："
                    "Word 从不写这种声明，它可用来读取本机文件或耗尽内存。请在 Word 中另存为新的 .docx"
                )


def parse_xml(blob: bytes | str) -> Any:
    """An lxml element from a checked part: no entity expansion, no DTD loading, no network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    data = blob.encode("utf-8") if isinstance(blob, str) else blob
    return etree.fromstring(data, parser)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"
