"""Helpers of the docxtpl parity suite: templates built with python-docx, both renderers, a structural view.

A case is a template (bytes) and a context factory ``context(tpl)`` — the factory gets the renderer's
template object because docxtpl's ``InlineImage``, ``build_url_id`` and ``new_subdoc`` need it. Both
renderers get the same factory; docxtpl renders with ``autoescape=True`` (docgen always escapes).

`view` is what the comparison looks at, read from every story part (body, headers, footers, footnotes,
endnotes, comments): paragraphs with their style and properties, runs with their text and formatting
(adjacent runs with the same formatting joined, empty runs dropped — docxtpl leaves empty runs around
``{%r %}`` tags), tables with their grid and each cell's span and vertical merge, images by their bytes,
hyperlinks by their target. Relationship ids, drawing ids and part names are not compared; instead
`check_package` proves every relationship resolves and every part has a content type.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")

Context = Callable[[Any], dict[str, Any]]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def png(width: int = 4, height: int = 3, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small real PNG, so python-docx can read its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def edit_package(data: bytes, changes: dict[str, bytes], content_types: dict[str, str] | None = None,
                 document_rels: list[tuple[str, str, str]] | None = None) -> bytes:  # fmt: skip
    """``data`` with entries replaced or added, content type overrides and document relationships added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    entries = {name: source.read(name) for name in source.namelist()}
    entries.update(changes)
    if content_types:
        overrides = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in content_types.items())
        types = entries["[Content_Types].xml"]
        entries["[Content_Types].xml"] = types.replace(b"</Types>", overrides.encode() + b"</Types>")
    if document_rels:
        rels = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in document_rels)
        name = "word/_rels/document.xml.rels"
        entries[name] = entries[name].replace(b"</Relationships>", rels.encode() + b"</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in entries.items():
            package.writestr(name, blob)
    return out.getvalue()


def notes_part(kind: str, texts: list[str]) -> bytes:
    """A footnotes.xml or endnotes.xml with the two separator notes Word writes and one note per text."""
    tag = kind[:-1]  # footnote / endnote
    notes = [
        f'<w:{tag} w:type="{kind_}" w:id="{number}"><w:p><w:r><w:{kind_}/></w:r></w:p></w:{tag}>'
        for number, kind_ in ((-1, "separator"), (0, "continuationSeparator"))
    ]
    for number, text in enumerate(texts, start=1):
        run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
        notes.append(f'<w:{tag} w:id="{number}"><w:p>{run}</w:p></w:{tag}>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} xmlns:w="{W}" xmlns:r="{R}">'
            + "".join(notes) + f"</w:{kind}>").encode()  # fmt: skip


def render_docxtpl(template: bytes, context: Context, jinja_env: Any = None) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context(document), jinja_env=jinja_env, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_docgen(template: bytes, context: Context, **options: Any) -> bytes:
    from docgen import Template

    prepared = Template("parity.docx", data=template, **options)
    return prepared.render(context(prepared))


# -- the structural view ------------------------------------------------------------------------------


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str, bool]]:
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", f"{name}.rels")
    if path not in package.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(package.read(path)).iter(f"{{{PKG_RELS}}}Relationship"):
        external = rel.get("TargetMode") == "External"
        target = rel.get("Target", "")
        if not external:
            target = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
        out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target, external)
    return out


def _props(element: Any) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    if element is None:
        return ()
    items = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        if tag in ("rPr", "rsid") or tag.startswith("rsid"):
            continue
        attributes = tuple(sorted((etree.QName(k).localname, v) for k, v in child.attrib.items() if "rsid" not in k))
        items.append((tag, attributes))
    return tuple(sorted(items))


class _Story:
    def __init__(self, package: zipfile.ZipFile, part: str) -> None:
        self.package = package
        self.rels = _rels(package, part)

    def blocks(self, parent: Any) -> list[Any]:
        out: list[Any] = []
        for child in parent:
            if child.tag == w("p"):
                out.append(self.paragraph(child))
            elif child.tag == w("tbl"):
                out.append(self.table(child))
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                out.extend(self.blocks(content if content is not None else child))
            elif child.tag in (w("footnote"), w("endnote"), w("comment")):
                out.append((etree.QName(child).localname, child.get(w("type")), self.blocks(child)))
        return out

    def paragraph(self, p: Any) -> tuple[Any, ...]:
        ppr = p.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        runs: list[list[Any]] = []
        for item in self.inline(p):
            if runs and runs[-1][0] == item[0] and runs[-1][1] == item[1] and item[3] is None and runs[-1][3] is None:
                runs[-1][2] += item[2]
            elif item[2] or item[3] is not None:
                runs.append(list(item))
        return ("p", style.get(w("val")) if style is not None else None, _props(ppr),
                [tuple(r) for r in runs if r[2] or r[3] is not None])  # fmt: skip

    def inline(self, parent: Any, link: str | None = None) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        for child in parent:
            if child.tag == w("r"):
                props = _props(child.find(w("rPr")))
                for piece in child:
                    if piece.tag == w("t"):
                        out.append((props, link, piece.text or "", None))
                    elif piece.tag == w("tab"):
                        out.append((props, link, "\t", None))
                    elif piece.tag in (w("br"), w("cr")):
                        out.append((props, link, "\n" if piece.get(w("type")) != "page" else "\f", None))
                    elif piece.tag == w("drawing"):
                        out.append((props, link, "", self.drawing(piece)))
            elif child.tag == w("hyperlink"):
                target = self.rels.get(child.get(f"{{{R}}}id", ""), ("?", "?", False))[1]
                out.extend(self.inline(child, target))
            elif child.tag in (w("ins"), w("smartTag"), w("fldSimple"), w("customXml")):
                out.extend(self.inline(child, link))
        return out

    def drawing(self, drawing: Any) -> tuple[Any, ...]:
        blips = drawing.iter(f"{{{A}}}blip")
        images = []
        for blip in blips:
            rel = self.rels.get(blip.get(f"{{{R}}}embed", ""))
            assert rel is not None, "an image points at a relationship its part does not have"
            images.append(hashlib.sha1(self.package.read(rel[1])).hexdigest()[:12])
        clicks = [
            self.rels.get(c.get(f"{{{R}}}id", ""), ("?", "?", False))[1] for c in drawing.iter(f"{{{A}}}hlinkClick")
        ]
        extent = drawing.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
        size = (extent.get("cx"), extent.get("cy")) if extent is not None else None
        return ("drawing", tuple(images), tuple(clicks), size)

    def table(self, tbl: Any) -> tuple[Any, ...]:
        grid = tbl.find(w("tblGrid"))
        columns = [c.get(w("w")) for c in grid.findall(w("gridCol"))] if grid is not None else []
        rows = []
        for tr in tbl.findall(w("tr")):
            cells = []
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = tcpr.find(w("gridSpan")) if tcpr is not None else None
                merge = tcpr.find(w("vMerge")) if tcpr is not None else None
                cells.append((int(span.get(w("val"))) if span is not None else 1,
                              (merge.get(w("val")) or "continue") if merge is not None else None,
                              _props(tcpr), self.blocks(tc)))  # fmt: skip
            rows.append(cells)
        return ("tbl", len(columns), rows)


def view(data: bytes) -> dict[str, Any]:
    """Every story part as blocks, plus the core properties docxtpl renders."""
    package = zipfile.ZipFile(io.BytesIO(data))
    out: dict[str, Any] = {}
    for name in sorted(package.namelist()):
        if STORY.match(name):
            root = etree.fromstring(package.read(name))
            body = root.find(w("body"))
            out[name] = _Story(package, name).blocks(body if body is not None else root)
    from docx import Document

    core = Document(io.BytesIO(data)).core_properties
    out["core"] = {k: getattr(core, k) for k in ("title", "author", "subject", "comments", "identifier", "language")}
    return out


def check_package(data: bytes) -> None:
    """Every internal relationship of every part resolves to an entry, and every entry has a content type."""
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())
    types = etree.fromstring(package.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", "")[1:] for o in types.iter(f"{{{CT}}}Override")}
    for name in names:
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, f"{name} has no content type"
        if name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            owner = posixpath.join(folder, posixpath.basename(name)[: -len(".rels")])
            assert owner in names or owner == "", f"{name} belongs to no part"
            for kind, target, external in _rels(package, owner).values():
                assert external or target in names, f"{owner} → {target} ({kind}) is not in the package"
    for name in names:
        if name.endswith(".xml") and not name.startswith("customXml"):
            root = etree.fromstring(package.read(name))
            rels = _rels(package, name)
            for element in root.iter():
                for key, value in element.attrib.items():
                    if key.startswith(f"{{{R}}}") and etree.QName(key).localname in ("id", "embed", "link"):
                        assert value in rels, f"{name} uses relationship {value}, which it does not have"


def texts(data: bytes, part: str = "word/document.xml") -> str:
    """All the text of ``part``, tags stripped."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)
