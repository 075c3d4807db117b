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

from docgen.errors import DocgenError, TemplateError, TemplateSecurityError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""Largest template file accepted."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total size of all the entries of a template once decompressed."""
MAX_ENTRIES = 2000
"""Most zip entries a template may have (a Word document has a few dozen)."""
MAX_COMPRESSION_RATIO = 200
"""Highest uncompressed : compressed ratio of an entry larger than `RATIO_FREE_BYTES` (XML is ~10 : 1)."""
RATIO_FREE_BYTES = 1024 * 1024

MAX_XML_PART_BYTES = 100 * 1024 * 1024
"""Largest single XML part (lxml refuses deeper or larger trees than it can parse safely anyway)."""

_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file: a password-protected .docx, or a .doc
_WORD_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # all Word, WPS and LibreOffice write


def read_package(data: bytes, name: str) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The entries of the template package ``data``, each checked against the limits above.

    Raises `TemplateSecurityError` for a package over a limit or with a DTD, `TemplateError` when it is
    not a zip file at all.
    """
    return read_docx_package(data, f"模板 {name}", TemplateError, TemplateSecurityError)


def read_docx_package(
    data: bytes,
    label: str,
    error: type[DocgenError] = TemplateError,
    security: type[DocgenError] = TemplateSecurityError,
) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The one package rule for every .docx docgen opens (templates, drafts, documents to check): the
    limits above, Word's own compression only, no encryption, no DTD. ``label`` names the file in messages
    ("模板 a.docx", "草稿 b.docx"); ``error`` is raised for a file that is not a usable .docx, ``security``
    for one over a limit."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise security(f"{label} 太大（{_mb(len(data))}，上限 {_mb(MAX_TEMPLATE_BYTES)}）；请压缩其中的图片后重试")
    if data.startswith(_OLE_MAGIC):
        raise error(
            f"{label} 已加密（设置了打开密码），或是旧的 .doc 格式：无法读取。"
            "请在 Word 或 WPS 中取消密码（文件 → 信息 → 保护文档），另存为 .docx 后重试"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise error(
            f"{label} 不是有效的 .docx 文件（无法作为 zip 打开，可能不完整或已损坏）；"
            "请在 Word 或 WPS 中重新另存为 .docx"
        ) from None
    _check_entries(infos, label, error, security)
    entries = []
    for info in infos:
        try:
            # zipfile never inflates past the declared file_size, which _check_entries has bounded.
            blob = archive.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise error(
                f"{label} 的 {info.filename} 损坏，无法解压：{exc}；请在 Word 或 WPS 中重新另存为 .docx"
            ) from None
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_xml(blob, info.filename, label, security)
        entries.append((info, blob))
    return entries


def _check_entries(
    infos: list[zipfile.ZipInfo], label: str, error: type[DocgenError], security: type[DocgenError]
) -> None:
    if len(infos) > MAX_ENTRIES:
        raise security(f"{label} 有 {len(infos)} 个压缩项（上限 {MAX_ENTRIES}），不像 Word 文档，已拒绝")
    total = 0
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise security(f"{label} 中 {info.filename} 出现了两次，已拒绝（可能是伪造的压缩包）")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise error(f"{label} 的 {info.filename} 已加密；请在 Word 中取消密码保护后另存")
        if info.compress_type not in _WORD_COMPRESSION:
            raise error(
                f"{label} 的 {info.filename} 用了 Word 不用的压缩方式（编号 {info.compress_type}），已拒绝；"
                "请在 Word 或 WPS 中打开后重新另存为 .docx"
            )
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise security(f"{label} 解压后超过 {_mb(MAX_UNPACKED_BYTES)}，已拒绝（可能是压缩炸弹）；请压缩其中的图片")
        if info.filename.lower().endswith(_XML_SUFFIXES) and info.file_size > MAX_XML_PART_BYTES:
            raise security(
                f"{label} 的 {info.filename} 有 {_mb(info.file_size)}"
                f"（单个 XML 部件上限 {_mb(MAX_XML_PART_BYTES)}），已拒绝"
            )
        compressed = max(info.compress_size, 1)
        if info.file_size > RATIO_FREE_BYTES and info.file_size / compressed > MAX_COMPRESSION_RATIO:
            raise security(
                f"{label} 的 {info.filename} 压缩比 {info.file_size // compressed}:1 异常"
                f"（上限 {MAX_COMPRESSION_RATIO}:1），已拒绝（可能是压缩炸弹）"
            )


def check_xml_part(blob: bytes, part: str, name: str) -> None:
    """Refuse an XML part with a document type declaration, in UTF-8 or UTF-16, before any parser sees it."""
    _check_xml(blob, part, f"模板 {name}", TemplateSecurityError)


def _check_xml(blob: bytes, part: str, label: str, security: type[DocgenError]) -> None:
    for marker in _DTD_MARKERS:
        for encoded in (marker, marker.decode().encode("utf-16-le"), marker.decode().encode("utf-16-be")):
            if encoded in blob:
                raise security(
                    f"{label} 的 {part} 含有 XML 实体或文档类型声明（{marker.decode()}），已拒绝："
                    "Word 从不写这种声明，它可用来读取本机文件、耗尽内存或让文字悄悄消失。请在 Word 中另存为新的 .docx"
                )


def parse_xml(blob: bytes | str) -> Any:
    """An lxml element from a checked part: no entity expansion, no DTD loading, no network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    data = blob.encode("utf-8") if isinstance(blob, str) else blob
    return etree.fromstring(data, parser)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"
