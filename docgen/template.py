"""`Template`: a docxtpl template prepared once (opened, patched, compiled) and rendered many times.

docxtpl re-reads, re-patches and re-compiles its template on every render. Here its preparation
(``patch_xml``: tags split across runs, ``{%p``/``{%r`` paragraph and run tags) runs once per template and
the compiled Jinja templates are kept; a render only runs Jinja, docxtpl's post-processing, and writes
the changed parts next to the unchanged ones, whose zip entries are compressed once. All of docxtpl's
quirks are handled in this module.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from docgen.errors import RenderError, TemplateError, TemplateSecurityError
from docgen.template_package import MAX_TEMPLATE_BYTES

if TYPE_CHECKING:
    import jinja2

    from docgen.model import Speech
    from docgen.sandbox import SandboxedEnvironment
    from docgen.template_variables import VariableReport

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
BUNDLED_SUFFIX = ".docx"

_DOCUMENT_PART = "word/document.xml"
_JINJA_MARK = re.compile(r"\{\{|\{%|\{#")
_RENDERED_PARTS = re.compile(r"^(word/(header|footer)\d*\.xml|docProps/core\.xml)$")
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def templates_dir() -> Path:
    """Where the bundled templates are: inside the installed package, or the checkout's templates/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"找不到内置模板目录（{here / 'templates'}），docgen 安装不完整，请重新安装")


def bundled_names() -> list[str]:
    """Names of the bundled templates, e.g. ``["speech"]``."""
    return sorted(p.stem for p in templates_dir().glob(f"*{BUNDLED_SUFFIX}"))


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` output passes here before autoescaping.

    ``None`` prints as nothing (an absent optional field), and braces in content become character
    references so docxtpl's ``{_{`` → ``{{`` post-processing can never rewrite a user's text."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    escaped = escape(value)
    if "{" in escaped or "}" in escaped:
        return Markup(str(escaped).replace("{", "&#123;").replace("}", "&#125;"))
    return escaped


def _environment(template_name: str = "?") -> SandboxedEnvironment:
    """Sandboxed and budgeted for every template (see docgen.sandbox): a bundled one loses nothing by it,
    a user's one must not run code. One environment per `Template`, so its errors can name the template."""
    from jinja2 import StrictUndefined

    from docgen.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(template_name, autoescape=True, undefined=StrictUndefined, finalize=_finalize)


class _Part:
    """One XML part of the package that contains Jinja, compiled."""

    def __init__(self, name: str, template: jinja2.Template, head: str, tail: str) -> None:
        self.name = name
        self.template = template
        self.head = head
        self.tail = tail


class Template:
    """A template prepared once and reusable across renders and threads.

    ``Template("speech")`` loads a bundled template by name; ``Template("my.docx")`` or
    ``Template(Path(...))`` a user's .docx with docxtpl tags; ``Template(data=b"...")`` bytes.

    Preparing refuses a package over the size limits or with XML entity declarations, and tags that reach
    for Python internals (`TemplateSecurityError`); ``variables`` reports which context variables the
    template uses. Variables the speech context lacks fail the first render, before any output, with a
    `TemplateVariableError` naming them (a mapping passed to ``render`` may provide extra top-level names).

    >>> from docgen import Speech
    >>> data = Template("speech").render(Speech(title="在全县工作会议上的讲话"))
    >>> data[:2]
    b'PK'
    """

    def __init__(self, source: str | Path = "speech", *, data: bytes | None = None) -> None:
        if data is None:
            path = self._resolve(source)
            self.name = path.stem if path.parent == templates_dir() else str(path)
            data = self._read(path)
        else:
            self.name = str(source)
        self._source = data
        self._prepare(data)

    # -- loading -----------------------------------------------------------------------------------

    @staticmethod
    def _resolve(source: str | Path) -> Path:
        text = str(source)
        if _is_bundled_name(source):
            path = templates_dir() / f"{text}{BUNDLED_SUFFIX}"
            if not path.is_file():
                names = "、".join(bundled_names())
                raise TemplateError(f"没有名为“{text}”的内置模板；可用：{names}；或给出 .docx 文件路径")
            return path
        return Path(source)

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            size = path.stat().st_size
            if size > MAX_TEMPLATE_BYTES:  # refused before reading; read_package checks bytes given directly
                raise TemplateSecurityError(
                    f"模板 {path} 太大（{size // 1024 // 1024} MB，上限 {MAX_TEMPLATE_BYTES // 1024 // 1024} MB）；"
                    "请压缩其中的图片后重试"
                )
            return path.read_bytes()
        except FileNotFoundError:
            raise TemplateError(f"找不到模板文件：{path}；请检查路径，或用 docgen templates 列出内置模板") from None
        except IsADirectoryError:
            raise TemplateError(f"模板 {path} 是文件夹，应为 .docx 文件") from None
        except OSError as exc:
            raise TemplateError(f"无法读取模板 {path}：{exc.strerror}") from None

    def _prepare(self, data: bytes) -> None:
        from docxtpl import DocxTemplate

        from docgen.active_content import refuse_active
        from docgen.template_package import read_package
        from docgen.template_variables import TemplateUsage, VariableReport

        entries = read_package(data, self.name)  # size, zip-bomb and DTD checks before python-docx parses it
        refuse_active(entries, self.name)  # nothing external or executable passes into the documents
        names = {info.filename for info, _ in entries}
        if _DOCUMENT_PART not in names:
            raise TemplateError(f"模板 {self.name} 不是 Word 文档（缺少 {_DOCUMENT_PART}）")

        environment = _environment(self.name)
        self._usage = TemplateUsage()
        docx = DocxTemplate(io.BytesIO(data))
        try:
            docx.init_docx()
        except Exception as exc:  # python-docx raises many kinds on a broken package
            raise TemplateError(f"模板 {self.name} 无法打开：{exc}") from None

        self._parts: list[_Part] = [self._document_part(docx, environment)]
        for info, blob in entries:
            if _RENDERED_PARTS.match(info.filename) and _JINJA_MARK.search(blob.decode("utf-8", "replace")):
                self._parts.append(self._xml_part(info.filename, blob, docx, environment))

        self.variables: VariableReport = VariableReport.of(self._usage)
        del self._usage
        environment.context_check = self.variables.context_check(self.name)

        rendered = {part.name for part in self._parts}
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w") as package:
            for info, blob in entries:
                if info.filename not in rendered:
                    package.writestr(_zip_info(info.filename), blob)
        self._base = base.getvalue()

    def _compile(self, xml: str, part: str, environment: jinja2.Environment) -> jinja2.Template:
        from jinja2 import TemplateSyntaxError

        try:
            return environment.from_string(xml)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"模板 {self.name} 的 {part} 有 Jinja 语法错误：{exc.message}") from None

    def _document_part(self, docx: Any, environment: SandboxedEnvironment) -> _Part:
        from lxml import etree

        from docgen.template_package import parse_xml

        # docxtpl renders the body element alone; the root around it is kept as serialised text.
        root = docx.docx.element
        body_xml = _patch(docx, docx.get_xml())
        shell = parse_xml(etree.tostring(root))
        body = shell.find(f"{{{root.nsmap['w']}}}body")
        marker = "DOCGEN-BODY-MARKER"
        shell.replace(body, etree.Comment(marker))
        head, tail = etree.tostring(shell, encoding="unicode").split(f"<!--{marker}-->")
        source = _mark_paragraphs(body_xml)
        self._inspect(source, _DOCUMENT_PART, environment)
        template = self._compile(source, _DOCUMENT_PART, environment)
        return _Part(_DOCUMENT_PART, template, _XML_DECL + head, tail)

    def _xml_part(self, name: str, blob: bytes, docx: Any, environment: SandboxedEnvironment) -> _Part:
        from lxml import etree

        from docgen.template_package import parse_xml

        try:
            xml = etree.tostring(parse_xml(blob), encoding="unicode")
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"模板 {self.name} 的 {name} 不是有效的 XML：{exc}") from None
        if name.startswith("word/"):
            xml = _patch(docx, xml)
        source = _mark_paragraphs(xml)
        self._inspect(source, name, environment)
        return _Part(name, self._compile(source, name, environment), _XML_DECL, "")

    def _inspect(self, source: str, part: str, environment: SandboxedEnvironment) -> None:
        # Before compiling: a hostile template is refused by what it says, not by what it does when run.
        from docgen.sandbox import check_template, parse
        from docgen.template_variables import analyse

        ast = parse(environment, source, part)
        check_template(ast, part, self.name)
        analyse(ast, self._usage)

    # -- rendering ---------------------------------------------------------------------------------

    def render(self, speech: Speech | Mapping[str, Any]) -> bytes:
        """The .docx for ``speech`` (a `Speech`, or a context mapping for a custom template), as bytes."""
        context = speech.to_context() if hasattr(speech, "to_context") else dict(speech)
        return _package(self._base, [(part.name, self._render_part(part, context)) for part in self._parts])

    def _render_part(self, part: _Part, context: dict[str, Any]) -> bytes:
        from jinja2 import TemplateError as JinjaError
        from jinja2 import UndefinedError
        from jinja2.exceptions import SecurityError

        try:
            xml = part.template.render(context)
        except UndefinedError as exc:
            raise RenderError(f"模板 {self.name} 使用了数据中没有的变量：{exc.message}") from None
        except SecurityError as exc:
            raise RenderError(f"模板 {self.name} 试图执行不安全的操作，已阻止：{exc}") from None
        except JinjaError as exc:
            raise RenderError(f"模板 {self.name} 渲染失败：{exc.message}") from None
        except RecursionError:
            raise RenderError(f"模板 {self.name} 递归过深，已停止") from None
        xml = _PARAGRAPH_LINE.sub(r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in "\t\a\n\f"):
            from docxtpl import DocxTemplate

            xml = DocxTemplate.resolve_listing(None, xml)  # docxtpl's \n → <w:br/> etc.; uses no state
        document = (part.head + xml + part.tail).encode("utf-8")
        problem = _xml_problem(document)
        if problem:
            raise RenderError(f"模板 {self.name} 渲染出的 {part.name} 不是有效的 XML：{problem}")
        return document

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes get the source bytes and prepare their own copy.
        return (_rebuild, (self.name, self._source))

    def __repr__(self) -> str:
        return f"Template({self.name!r})"


def _rebuild(name: str, data: bytes) -> Template:
    return Template(name, data=data)


_EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'


def _patch(docx: Any, xml: str) -> str:
    # docxtpl's patch_xml turns a {%r %} run into the tag between two empty runs; those are dropped here,
    # once, instead of in every rendered document.
    patched: str = docx.patch_xml(xml)
    return patched.replace(_EMPTY_RUN, "")


def _mark_paragraphs(xml: str) -> str:
    # As docxtpl does: one paragraph per source line, so Jinja errors carry a useful line number.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")


def _xml_problem(document: bytes) -> str | None:
    """Why ``document`` is not well-formed, namespaced XML, or None.

    expat only checks, where lxml would also build a tree nobody uses: a third of the time."""
    from xml.parsers import expat

    try:
        expat.ParserCreate(namespace_separator=" ").Parse(document, True)
    except expat.ExpatError as exc:
        return str(exc)
    return None


# A render appends its parts to the unchanged ones by hand: zipfile's append mode would re-read the
# central directory of the unchanged parts for every document. Same records zipfile itself writes.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_UNIX_FILE = (3, 0o644 << 16)  # made on Unix, rw-r--r--, as _zip_info says
_DOS_EPOCH = (
    (ZIP_EPOCH[3] << 11) | (ZIP_EPOCH[4] << 5) | (ZIP_EPOCH[5] // 2),
    ((ZIP_EPOCH[0] - 1980) << 9) | (ZIP_EPOCH[1] << 5) | ZIP_EPOCH[2],
)


@functools.lru_cache(maxsize=64)
def _base_directory(base: bytes) -> tuple[bytes, bytes, int]:
    """The unchanged parts' file entries, their central directory records, and how many there are."""
    signature, _, _, _, count, size, offset, comment = _END_RECORD.unpack_from(base, len(base) - _END_RECORD.size)
    if signature != b"PK\x05\x06" or comment:
        raise RenderError("内部错误：模板的 zip 目录不是预期的格式")
    return base[:offset], base[offset : offset + size], count


def _package(base: bytes, parts: list[tuple[str, bytes]]) -> bytes:
    """A .docx: the template's unchanged parts followed by the rendered ones, each deflated."""
    entries, directory, count = _base_directory(base)
    chunks, records, offset = [entries], [directory], len(entries)
    system, attributes = _UNIX_FILE
    dos_time, dos_date = _DOS_EPOCH
    for name, data in parts:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        crc = zlib.crc32(data)
        sizes = (crc, len(packed), len(data), len(encoded))
        chunks += [_LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, flags, 8, dos_time, dos_date, *sizes, 0), encoded, packed]
        records += [
            _CENTRAL_HEADER.pack(
                b"PK\x01\x02", 20, system, 20, 0, flags, 8, dos_time, dos_date, *sizes, 0, 0, 0, 0, attributes, offset
            ),
            encoded,
        ]
        offset += _LOCAL_HEADER.size + len(encoded) + len(packed)
    directory = b"".join(records)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count + len(parts), count + len(parts), len(directory), offset, 0)
    return b"".join([*chunks, directory, end])


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


@functools.lru_cache(maxsize=16)
def bundled(name: str) -> Template:
    """The bundled template ``name``, prepared once per process."""
    return Template(name)


def get_template(template: str | Path | Template) -> Template:
    """A prepared template from a name, a path, or an already prepared one."""
    if isinstance(template, Template):
        return template
    if _is_bundled_name(template):
        return bundled(str(template))
    return Template(template)


def _is_bundled_name(source: str | Path) -> bool:
    """ "speech" names a bundled template; "my.docx", "dir/x" or a `Path` name a file."""
    return isinstance(source, str) and "/" not in source and not source.lower().endswith(BUNDLED_SUFFIX)
