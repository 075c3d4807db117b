"""Builders of hostile and careless inputs: drafts, templates and text files as an attacker or a hurried user
would make them. Every fixture is built here from a document docgen renders, so the tests need no binary
files and each payload is visible in code."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from docgen import Speech, render

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
REL_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
REL_ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
REL_ALTCHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_OLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject"
REL_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
REL_DATASOURCE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/mailMergeSource"


def plain_docx(paragraphs: tuple[str, ...] = ("今天召开会议。",), title: str = "在全县工作会议上的讲话") -> bytes:
    """An ordinary docgen document, the base every hostile one is made from."""
    return render(Speech(title=title, opening=list(paragraphs), closing=["谢谢大家！"]))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def repack(
    data: bytes,
    change: Mapping[str, bytes] | None = None,
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    drop: tuple[str, ...] = (),
) -> bytes:
    """``data`` with the parts in ``change`` replaced or added, ``drop`` removed, all stored with ``compression``."""
    entries = parts(data)
    entries.update(change or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, blob in entries.items():
            if name not in drop:
                archive.writestr(name, blob)
    return out.getvalue()


def edit_part(data: bytes, part: str, old: bytes, new: bytes, **options: object) -> bytes:
    blob = parts(data)[part]
    if old not in blob:
        raise AssertionError(f"{old!r} not in {part}")
    return repack(data, {part: blob.replace(old, new, 1)}, **options)  # type: ignore[arg-type]


def add_relationship(data: bytes, rel_id: str, rel_type: str, target: str, *, external: bool = True) -> bytes:
    """A relationship of word/document.xml (external by default: TargetMode="External")."""
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"{mode}/>'.encode()
    return edit_part(data, "word/_rels/document.xml.rels", b"</Relationships>", rel + b"</Relationships>")


def add_settings_xml(data: bytes, xml: str) -> bytes:
    """Insert ``xml`` at the start of word/settings.xml's root."""
    blob = parts(data)["word/settings.xml"]
    start = blob.index(b">", blob.index(b"<w:settings")) + 1
    return repack(data, {"word/settings.xml": blob[:start] + xml.encode() + blob[start:]})


def add_body_xml(data: bytes, xml: str) -> bytes:
    """Insert ``xml`` (paragraph-level WordprocessingML) at the start of the body."""
    blob = parts(data)["word/document.xml"]
    start = blob.index(b">", blob.index(b"<w:body")) + 1
    return repack(data, {"word/document.xml": blob[:start] + xml.encode() + blob[start:]})


def paragraph(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def complex_field(instruction: str, result: str = "结果") -> str:
    return paragraph(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def simple_field(instruction: str, result: str = "结果") -> str:
    return paragraph(f'<w:fldSimple w:instr=" {instruction} "><w:r><w:t>{result}</w:t></w:r></w:fldSimple>')


def external_image_paragraph(rel_id: str) -> str:
    """A picture whose bytes are linked (r:link), not embedded: Word and LibreOffice fetch it when opened."""
    return paragraph(
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:extent cx="914400" cy="914400"/><wp:docPr id="77" name="外部图片"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="77" name="外部图片"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{R_NS}" r:link="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def with_entity(data: bytes, value: str = "隆重", text: str = "今天召开会议。") -> bytes:
    """The issue's payload: an internal entity used in a run, ``今天&e;召开会议。``."""
    blob = parts(data)["word/document.xml"]
    declared = blob.replace(
        b"?>", f'?><!DOCTYPE w:document [<!ENTITY e "{value}">]>'.encode(), 1
    ).replace(text.encode(), text.replace("召开", "&e;召开").encode(), 1)
    return repack(data, {"word/document.xml": declared})


def zip_bomb(data: bytes, megabytes: int = 60) -> bytes:
    """A package with one padding part of zeros: small on disk, huge unpacked."""
    return repack(data, {"word/media/padding.bin": b"\0" * (megabytes * 1024 * 1024)})


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: an OLE compound file, not a zip."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504 + b"EncryptedPackage" + b"\0" * 1000


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def text_in(encoding: str, text: str) -> bytes:
    return text.encode(encoding)
