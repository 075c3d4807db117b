"""What a render adds to the package besides rendered XML: images, hyperlinks and sub-documents.

docxtpl's rich values (``InlineImage``, ``RichText`` with ``url_id``, ``Subdoc``) reach into a live
python-docx document while Jinja runs: an image becomes an image part related to the part being rendered,
a hyperlink a relationship. A prepared `docgen.Template` has no live document and is shared across renders
and threads, so each render collects its additions in a `RenderState` (one per render, through a context
variable) and `finish` writes them: new parts, each rendered part's relationships with the new ones appended,
and ``[Content_Types].xml`` with the new extensions. The XML each value prints is python-docx's own, as in
docxtpl, so the document is the same.
"""

from __future__ import annotations

import contextvars
import functools
import io
import posixpath
import re
import sys
import threading
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from markupsafe import Markup

from docgen.errors import RenderError, TemplateError


def quoteattr(value: str) -> str:
    """An XML attribute value, quoted (`xml.sax.saxutils.quoteattr`)."""
    # Imported on use: xml.sax.saxutils brings urllib.request, http.client and email, which cost a start-up
    # about 30 ms, and only renders that add images or links need it.
    from xml.sax.saxutils import quoteattr as quote

    return quote(value)

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
CONTENT_TYPES = "[Content_Types].xml"
LINK_ID_PREFIX = "docgenLink"
"""Relationship ids `Template.build_url_id` hands out; a render relates each one it finds in a part."""

_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_LINK_ID = re.compile(rf'"({LINK_ID_PREFIX}\d+)"')
_DEFAULT_TYPES = {  # python-docx's default_content_types for images: these go in <Default>, others <Override>
    "bmp": "image/bmp", "emf": "image/x-emf", "gif": "image/gif", "jpe": "image/jpeg", "jpeg": "image/jpeg",
    "jpg": "image/jpeg", "png": "image/png", "tif": "image/tiff", "tiff": "image/tiff", "wdp": "image/vnd.ms-photo",
    "wmf": "image/x-wmf",
}  # fmt: skip


def rels_name(part: str) -> str:
    """``word/header1.xml`` → ``word/_rels/header1.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class _Relation(NamedTuple):
    rid: str
    kind: str
    target: str
    external: bool


class RenderState:
    """One render's additions. ``part`` is the part being rendered now.

    A plain class rather than a dataclass: every render's start-up imports this module, and a dataclass's
    generated methods cost about a millisecond to make."""

    __slots__ = (
        "existing", "images", "links", "may_break_xml", "next_shape_id", "part", "part_images", "parts",
        "relations", "subdocs", "template_name", "types",
    )  # fmt: skip

    def __init__(self, template_name: str, existing: frozenset[str], links: Mapping[str, str]) -> None:
        self.template_name = template_name
        self.existing = existing
        """Every entry name of the template package, so new image parts get free names."""
        self.links = links
        self.part = ""
        self.parts: dict[str, bytes] = {}
        self.relations: dict[str, list[_Relation]] = {}
        self.types: dict[str, str] = {}
        self.images: dict[str, str] = {}
        """sha1 of an image → its part name, so the same image is stored once, as python-docx does."""
        self.part_images: dict[tuple[str, str], str] = {}
        self.subdocs = False
        self.next_shape_id = 1_000_000
        self.may_break_xml = False
        """Something other than plain, XML-safe text was printed: the output is parsed before it is written."""

    def relate(self, kind: str, target: str, external: bool = False, rid: str | None = None) -> str:
        relations = self.relations.setdefault(self.part, [])
        for relation in relations:
            if relation.kind == kind and relation.target == target and relation.external == external:
                return relation.rid
        rid = rid or f"docgenR{len(relations) + 1}"
        relations.append(_Relation(rid, kind, target, external))
        return rid

    def add_image(self, blob: bytes, ext: str, content_type: str) -> str:
        """The relationship id, in the current part, of an image part holding ``blob``."""
        import hashlib  # only with an image: a speech's render has none, and hashlib loads OpenSSL

        digest = hashlib.sha1(blob).hexdigest()
        name = self.images.get(digest)
        if name is None:
            taken = self.existing | set(self.parts)
            numbers = {m.group(1) for n in taken if (m := re.match(r"word/media/image(\d+)\.", n))}
            number = next(i for i in range(1, len(numbers) + 2) if str(i) not in numbers)
            name = f"word/media/image{number}.{ext}"
            self.parts[name] = blob
            self.images[digest] = name
            self.types[name] = content_type
        target = posixpath.relpath(name, posixpath.dirname(self.part) or ".")
        return self.relate(IMAGE_REL, target)


_STATE: contextvars.ContextVar[RenderState | None] = contextvars.ContextVar("docgen_render_state", default=None)


def current() -> RenderState | None:
    return _STATE.get()


def start(state: RenderState) -> contextvars.Token[RenderState | None]:
    return _STATE.set(state)


def stop(token: contextvars.Token[RenderState | None]) -> None:
    _STATE.reset(token)


# -- values docxtpl users put in the context --------------------------------------------------------------


class _Kinds:
    """docxtpl's value classes, imported once, when the first render needs them."""

    def __init__(self) -> None:
        from docxtpl.inline_image import InlineImage

        self.inline_image = InlineImage
        try:
            from docxtpl.subdoc import Subdoc  # needs docxcompose, which docxtpl makes optional
        except ImportError:
            Subdoc = type("NoSubdoc", (), {})
        self.subdoc: type = Subdoc


_KINDS: list[_Kinds] = []


def rich_value(value: Any) -> Markup | None:
    """The XML a docxtpl image or sub-document prints, with its parts recorded in this render's state;
    None for any other value (RichText, RichTextParagraph and Listing print their own ``__html__``)."""
    if not _KINDS:
        if "docxtpl" not in sys.modules:
            return None  # no value can be a docxtpl image or sub-document before docxtpl is imported
        _KINDS.append(_Kinds())
    kinds = _KINDS[0]
    if isinstance(value, kinds.inline_image):
        return _inline_image(value, _state())
    if isinstance(value, kinds.subdoc):
        state = _state()
        if state.part != "word/document.xml":
            raise RenderError(
                f"模板 {state.template_name} 在 {state.part} 中插入子文档（Subdoc）；"
                "子文档只能放在正文中（docxtpl 也只在正文中合并其样式和图片）"
            )
        state.subdocs = True
        return Markup(getattr(value, "_get_xml")())  # noqa: B009 (docxtpl Subdoc; typed as object here)
    return None


def _state() -> RenderState:
    state = _STATE.get()
    if state is None:
        raise RenderError("内部错误：模板在 Template.render 之外渲染了图片或子文档")
    return state


def _inline_image(image: Any, state: RenderState) -> Markup:
    descriptor = image.image_descriptor
    shown = descriptor if isinstance(descriptor, str) else type(descriptor).__name__
    try:
        blob = _image_bytes(descriptor)
        picture = _picture(blob)
        cx, cy = picture.scaled_dimensions(image.width, image.height)
    except (OSError, ValueError, TypeError, AttributeError, _image_error()) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else (str(exc) or type(exc).__name__)
        raise RenderError(
            f"模板 {state.template_name} 的 {state.part} 中的图片（InlineImage）{shown} 无法读取：{reason}；"
            "请给出 PNG、JPEG、GIF、BMP 或 TIFF 文件"
        ) from None
    filename = posixpath.basename(str(descriptor)) if isinstance(descriptor, str) else picture.filename
    rid = state.add_image(blob, picture.ext, picture.content_type)
    link = state.relate(HYPERLINK_REL, str(image.anchor), external=True) if image.anchor else None
    state.next_shape_id += 1
    xml = _inline_xml(filename, int(cx), int(cy), link is not None)
    xml = xml.replace(_SHAPE_ID, str(state.next_shape_id)).replace(_IMAGE_RID, rid)
    if link is not None:
        xml = xml.replace(_LINK_RID, link)
    return Markup(f'</w:t></w:r><w:r><w:drawing>{xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">')


_SHAPE_ID, _IMAGE_RID, _LINK_RID = "424242421", "docgenImageRid", "docgenLinkRid"
_PICTURES: dict[str, Any] = {}


def _image_error() -> type[Exception]:
    from docx.image.exceptions import UnrecognizedImageError

    return UnrecognizedImageError


def _image_bytes(descriptor: Any) -> bytes:
    if isinstance(descriptor, (str, bytes)) or hasattr(descriptor, "__fspath__"):
        with open(descriptor, "rb") as handle:
            return handle.read()
    descriptor.seek(0)
    data = descriptor.read()
    if not isinstance(data, bytes):
        raise TypeError("图片应以二进制方式打开")
    return data


def _picture(blob: bytes) -> Any:
    """python-docx's `Image` of ``blob``; the same image in every document is read once."""
    import hashlib

    from docx.image.image import Image

    digest = hashlib.sha1(blob).hexdigest()
    picture = _PICTURES.get(digest)
    if picture is None:
        if len(_PICTURES) > 64:
            _PICTURES.clear()
        picture = _PICTURES[digest] = Image.from_blob(blob)
    return picture


@functools.lru_cache(maxsize=256)
def _inline_xml(filename: str, cx: int, cy: int, linked: bool) -> str:
    """python-docx's ``<wp:inline>`` for a picture, with placeholders for its ids (built once per shape)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu

    inline = CT_Inline.new_pic_inline(int(_SHAPE_ID), _IMAGE_RID, filename, Emu(cx), Emu(cy))
    if linked:  # as docxtpl's InlineImage._add_hyperlink
        run = parse_xml(inline.xml)
        for owner in (run.xpath(".//wp:docPr")[0], run.xpath(".//pic:cNvPr")[0]):
            click = parse_xml(f'<a:hlinkClick xmlns:a="{_A_NS}" xmlns:r="{_R_NS}" r:id="{_LINK_RID}"/>')
            click.set(qn("r:id"), _LINK_RID)
            owner.append(click)
        inline = run
    return str(inline.xml)


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def relate_links(state: RenderState, part: str, xml: str) -> None:
    """Relate, in ``part``, each `Template.build_url_id` id its rendered XML uses (RichText hyperlinks)."""
    if LINK_ID_PREFIX not in xml:
        return
    state.part = part
    for rid in dict.fromkeys(_LINK_ID.findall(xml)):
        url = state.links.get(rid)
        if url is not None:
            state.relate(HYPERLINK_REL, url, external=True, rid=rid)


# -- writing the additions -----------------------------------------------------------------------------------


def finish(state: RenderState, sources: Mapping[str, bytes | None], content_types: bytes) -> dict[str, bytes]:
    """The entries to write besides the rendered parts: new parts, the relationships of every rendered part
    (``sources``: rels name → the template's rels, or None), and the content types."""
    out = dict(state.parts)
    for part, relations in state.relations.items():
        name = rels_name(part)
        out[name] = _with_relations(out.get(name) or sources.get(name), relations)
    for name, blob in sources.items():
        if name not in out and blob is not None:
            out[name] = blob
    overrides = "".join(
        f"<Override PartName={quoteattr('/' + name)} ContentType={quoteattr(kind)}/>"
        for name, kind in state.types.items()
    )
    out[CONTENT_TYPES] = _insert_before(out.get(CONTENT_TYPES, content_types), b"</Types>", overrides)
    return out


def _with_relations(source: bytes | None, relations: Iterable[_Relation]) -> bytes:
    added = "".join(
        f"<Relationship Id={quoteattr(r.rid)} Type={quoteattr(r.kind)} Target={quoteattr(r.target)}"
        + (' TargetMode="External"/>' if r.external else "/>")
        for r in relations
    )
    if source is None:
        source = f'{_XML_DECL}<Relationships xmlns="{RELS_NS}"></Relationships>'.encode()
    if source.rstrip().endswith(b"/>") and b"</Relationships>" not in source:
        source = re.sub(rb"<Relationships([^>]*)/>", rb"<Relationships\1></Relationships>", source)
    return _insert_before(source, b"</Relationships>", added)


def _insert_before(source: bytes, closing: bytes, text: str) -> bytes:
    if not text:
        return source
    at = source.rfind(closing)
    if at < 0:
        raise RenderError(f"内部错误：模板的关系或内容类型部件缺少 {closing.decode()}")
    return source[:at] + text.encode("utf-8") + source[at:]


# -- sub-documents -----------------------------------------------------------------------------------------


class Composition:
    """The python-docx document `Template.new_subdoc` merges sub-documents into, as docxtpl merges them into
    its template: their styles, numbering and images become parts of every render that prints a subdoc."""

    def __init__(self, source: bytes, template_name: str) -> None:
        from docx import Document

        try:
            self.docx = Document(io.BytesIO(source))
        except Exception as exc:  # python-docx raises many kinds on a broken package
            raise TemplateError(f"模板 {template_name} 无法打开：{exc}") from None
        self.lock = threading.Lock()
        self._snapshot = self._blobs()
        self.version = 0
        """Bumped by every sub-document merged in; with the part and relationship counts it tells whether
        the last delta still holds (a python-docx-built subdoc only adds parts: images)."""
        self.subdocs: dict[tuple[str, int, int], Any] = {}
        self._delta: tuple[tuple[int, int, int, frozenset[str]], dict[str, bytes]] | None = None

    def _blobs(self) -> dict[str, bytes]:
        blobs: dict[str, bytes] = {}
        for part in self.docx.part.package.iter_parts():
            name = str(part.partname)[1:]
            blobs[name] = part.blob
            if part.rels:
                blobs[rels_name(name)] = part.rels.xml
        return blobs

    def delta(self, rendered: Iterable[str]) -> dict[str, bytes]:
        """What the merged sub-documents changed: new and changed parts and relationships, content types."""
        from docx.opc.pkgwriter import _ContentTypesItem

        skip = frozenset(rendered)
        with self.lock:
            parts = list(self.docx.part.package.iter_parts())
            key = (self.version, len(parts), len(self.docx.part.rels), skip)
            if self._delta is not None and self._delta[0] == key:
                return dict(self._delta[1])
            blobs = self._blobs()
            types = _ContentTypesItem.from_parts(self.docx.part.package.iter_parts()).blob  # type: ignore[no-untyped-call]
        changed = {n: b for n, b in blobs.items() if n not in skip and self._snapshot.get(n) != b}
        changed[CONTENT_TYPES] = types
        with self.lock:
            self._delta = (key, changed)
        return dict(changed)

    def names(self) -> frozenset[str]:
        """The part names of the composition, so images a render adds do not take theirs."""
        with self.lock:
            return frozenset(str(part.partname)[1:] for part in self.docx.part.package.iter_parts())

    def empty_subdoc(self) -> Any:
        """docxtpl's ``Subdoc(tpl)`` without a file: a body of its own on the composition's document part,
        as docxtpl makes it, without loading python-docx's default document (≈ 20 ms) to throw it away."""
        from docx.document import Document
        from docx.oxml import parse_xml
        from docxtpl.subdoc import Subdoc

        subdoc: Any = Subdoc.__new__(Subdoc)
        subdoc.tpl = self
        subdoc.docx = self.docx
        element = parse_xml(f'<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body/></w:document>')
        subdoc.subdocx = Document(element, self.docx.part)
        return subdoc

    def get_docx(self) -> Any:
        """What docxtpl's `Subdoc` asks its template for."""
        return self.docx
