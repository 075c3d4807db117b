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
import threading
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docgen.collector import collector_paused
from docgen.errors import RenderError, TemplateError, TemplateSecurityError
from docgen.template import replace as template_replace
from docgen.template.cache import Analysis, CachedPart, Prepared
from docgen.template.content import (
    CONTENT_TYPES,
    LINK_ID_PREFIX,
    Composition,
    RenderState,
    finish,
    relate_links,
    rels_name,
)
from docgen.template.content import start as start_render
from docgen.template.content import stop as stop_render
from docgen.template.package import MAX_TEMPLATE_BYTES
from docgen.template.printing import finalize as _finalize
from docgen.template.program import Program
from docgen.template.source import (
    DOCUMENT_PART,
    TagCount,
    check_tags,
    fix_tables,
    needs_table_fix,
    refuse_tags_outside_xml,
    renders,
    renumber_drawings,
)
from docgen.template.zip_output import Deflated, deflate_pieces, package, zip_info

if TYPE_CHECKING:
    import jinja2
    import jinja2.nodes

    from docgen.model.speech import Speech
    from docgen.template.sandbox import SandboxedEnvironment
    from docgen.template.variable_report import VariableReport

BUNDLED_SUFFIX = ".docx"

_DOCUMENT_PART = DOCUMENT_PART
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)  # a zip of no entries: its end record alone
_DATA_NAME = "（传入的模板数据）"
_ALLOWED_EXTENSIONS = {"jinja2.ext.LoopControlExtension": "jinja2.ext.loopcontrols"}


@functools.cache  # found once per process: resolving the package's path costs a few system calls each time
def templates_dir() -> Path:
    """Where the bundled templates are: inside the installed package, or the checkout's templates/."""
    here = Path(__file__).resolve().parent.parent  # docgen/
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise TemplateError(f"找不到内置模板目录（{here / 'templates'}），docgen 安装不完整，请重新安装")


def bundled_names() -> list[str]:
    """Names of the bundled templates, e.g. ``["speech"]``."""
    return sorted(p.stem for p in templates_dir().glob(f"*{BUNDLED_SUFFIX}"))


def _environment(
    template_name: str = "?",
    filters: Mapping[str, Callable[..., Any]] | None = None,
    jinja_env: jinja2.Environment | None = None,
    budgeted: bool = True,
) -> SandboxedEnvironment:
    """Sandboxed and budgeted for every template (see docgen.template.sandbox): a bundled one loses nothing by it,
    a user's one must not run code. One environment per `Template`, so its errors can name the template.

    ``filters`` and ``jinja_env`` are the program's own additions (docxtpl's ``render(context, jinja_env)``):
    their filters, tests and globals, and their whitespace options, join the sandbox; autoescaping stays on."""
    from jinja2 import StrictUndefined

    from docgen.template.sandbox import SandboxedEnvironment

    options: dict[str, Any] = {}
    custom: dict[str, Any] = {"custom_filters": dict(filters or {})}
    if jinja_env is not None:
        options, extra = _from_environment(template_name, jinja_env)
        custom = {**extra, "custom_filters": {**extra["custom_filters"], **(filters or {})}}
    return SandboxedEnvironment(
        template_name,
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        finalize_escapes=True,
        budgeted=budgeted,
        **custom,
        **options,
    )


def _from_environment(template_name: str, env: jinja2.Environment) -> tuple[dict[str, Any], dict[str, Any]]:
    from jinja2 import Environment
    from jinja2.defaults import DEFAULT_NAMESPACE
    from jinja2.filters import FILTERS
    from jinja2.tests import TESTS

    default = Environment()
    syntax = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
              "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix")  # fmt: skip
    changed = [name for name in syntax if getattr(env, name) != getattr(default, name)]
    if changed:
        raise TemplateError(
            f"模板 {template_name} 的 Jinja 环境改了标签写法（{'、'.join(changed)}）；"
            "docxtpl 的 {%p %}、{%tr %} 等只认 {{ }} {% %} {# #}，请用默认写法"
        )
    extensions = []
    for name in env.extensions:
        if name not in _ALLOWED_EXTENSIONS:
            raise TemplateError(f"模板 {template_name} 的 Jinja 环境带有扩展 {name}；只支持 jinja2.ext.loopcontrols")
        extensions.append(_ALLOWED_EXTENSIONS[name])
    options = {
        "trim_blocks": env.trim_blocks,
        "lstrip_blocks": env.lstrip_blocks,
        "keep_trailing_newline": env.keep_trailing_newline,
        "extensions": extensions,
    }
    extra = {
        "custom_filters": {n: f for n, f in env.filters.items() if FILTERS.get(n) is not f},
        "custom_tests": {n: t for n, t in env.tests.items() if TESTS.get(n) is not t},
        "custom_globals": {n: v for n, v in env.globals.items() if DEFAULT_NAMESPACE.get(n) is not v},
    }
    return options, extra


class _Part:
    """One XML part of the package that contains Jinja, compiled: by Jinja, and for a bundled template to
    a `Program` too (which renders it without Jinja; its Jinja template is then compiled only if needed)."""

    def __init__(
        self, cached: CachedPart, template: jinja2.Template | None = None, program: Program | None = None
    ) -> None:
        self.name = cached.name
        self.source = cached.source
        self.head = cached.head
        self.tail = cached.tail
        self.program = program
        self.template = template


class Template:
    """A template prepared once and reusable across renders and threads.

    ``Template("speech")`` loads a bundled template by name; ``Template("my.docx")`` or
    ``Template(Path(...))`` a user's .docx with docxtpl tags; ``Template(data=b"...")`` bytes
    (``Template("名称", data=…)`` names them in messages).

    Every docxtpl feature works as in docxtpl (see README, “模板参考”): tags in the body, headers, footers,
    footnotes, endnotes, comments and document properties; ``{%p %}``/``{%r %}``/``{%tr %}``/``{%tc %}``,
    ``{% hm %}``/``{% vm %}``; docxtpl's ``RichText``, ``RichTextParagraph``, ``Listing``, ``InlineImage``
    (give this template as its ``tpl``) and ``Subdoc`` (`new_subdoc`); hyperlinks (`build_url_id`);
    `replace_pic`, `replace_media`, `replace_embedded`, `replace_zipname`; the program's own ``filters`` or
    ``jinja_env`` (still sandboxed).

    Preparing refuses a package over the size limits or with XML entity declarations, tags that reach
    for Python internals and templates over the preparation limits (`TemplateSecurityError`);
    ``variables`` reports which context variables the template uses. Variables the speech context lacks
    (unless guarded by ``|default`` or ``is defined``) fail the first render, before any output, with a
    `TemplateVariableError` naming them (a mapping passed to ``render`` may provide extra top-level names).

    >>> from docgen import Speech
    >>> data = Template("speech").render(Speech(title="在全县工作会议上的讲话"))
    >>> data[:2]
    b'PK'
    """

    def __init__(
        self,
        source: str | Path | None = None,
        *,
        data: bytes | None = None,
        filters: Mapping[str, Callable[..., Any]] | None = None,
        jinja_env: jinja2.Environment | None = None,
    ) -> None:
        # Only a bundled template's prepared form is cached: its bytes are few and known, a user's are not.
        # A bundled template is also trusted (it is docgen's own code, tested): it renders without the
        # runtime budget and its output is not parsed again, see `_render_part`. A user's never is.
        self._cached = False
        if data is None:
            path = self._resolve("speech" if source is None else source)
            bundled_file = path.parent == templates_dir()
            self.name = path.stem if bundled_file else str(path)
            data = self._read(path)
            self._cached = bundled_file and filters is None and jinja_env is None
        else:
            self.name = _DATA_NAME if source is None else str(source)
        self._source = data
        self._options = (filters, jinja_env)
        self._links: dict[str, str] = {}
        self._lock = threading.Lock()
        self._composition: Composition | None = None
        self._replaced: dict[str, bytes] = {}
        self._bases: dict[frozenset[tuple[str, bytes]], bytes] = {}
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
        from docgen.template.package import read_package

        entries = read_package(data, self.name)  # size, zip-bomb and DTD checks before python-docx parses it
        self._entries = {info.filename: blob for info, blob in entries}
        self._infos = {info.filename: info for info, _ in entries}
        # A bundled template's cached form was stored only after these very bytes passed this very check and
        # the sandbox's checks (the cache key holds both, see template_cache): a cache hit need not repeat
        # them, nor import lxml or Jinja for them.
        from_cache = self._cached_sources(data) if self._cached else None
        if from_cache is None:
            from docgen.template.active_content import refuse_active

            refuse_active(entries, self.name)  # nothing external or executable passes into the documents
        if _DOCUMENT_PART not in self._entries:
            raise TemplateError(f"模板 {self.name} 不是 Word 文档（缺少 {_DOCUMENT_PART}）")
        for name, blob in self._entries.items():
            refuse_tags_outside_xml(name, blob, self.name)

        self._trusted = self._cached
        self._jinja_environment: SandboxedEnvironment | None = None
        self._context_check: Callable[[Mapping[str, Any]], None] | None = None
        compiled: dict[str, jinja2.Template] = {}  # a cached part's Jinja is compiled only if needed
        if from_cache is not None and from_cache.analysis is not None:
            prepared = from_cache
        else:
            prepared, compiled = self._analysed(data)
        assert prepared.analysis is not None  # made by _analysed or checked by the cache
        self._fix_tables = prepared.fix_tables
        self._parts = [_Part(cached, compiled.get(cached.name), cached.program) for cached in prepared.parts]
        self.variables: VariableReport = prepared.analysis.report
        # The context names the template reads: a trusted template's speech context is built with only
        # those (tests/test_render.py checks they are Jinja's own list of the names it resolves).
        self._context_names = prepared.analysis.context_names
        self._context_check = self.variables.context_check(self.name)
        if self._jinja_environment is not None:
            self._jinja_environment.context_check = self._context_check

        rendered = {part.name for part in self._parts}
        # The rendered parts' relationships and the content types are written by every render, which may
        # add images and hyperlinks to them; everything else is compressed once, here.
        self._rels = {rels_name(name): self._entries.get(rels_name(name)) for name in rendered}
        self._written = rendered | set(self._rels) | {CONTENT_TYPES}
        # Written by every render but mostly the template's own bytes: those are compressed once, here.
        self._deflated = {
            name: (original, Deflated.of(original))
            for name in (*self._rels, CONTENT_TYPES)
            if (original := self._entries.get(name)) is not None
        }
        self._build_base()

    def _build_base(self) -> None:
        if self._trusted and not self._replaced:
            copied = self._copied_base()
            if copied is not None:
                self._base = copied
                return
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w") as package:
            for name, blob in self._entries.items():
                if name not in self._written:
                    package.writestr(zip_info(name), self._replaced.get(name, blob))
        self._base = base.getvalue()

    def _copied_base(self) -> bytes | None:
        """The unchanged parts as the bundled template's own package stores them, not compressed again: its
        parts were written by zipfile at zlib's default level, which is what compressing them again gives
        (tests/test_template_cache.py checks that the base is the same bytes either way). None if a part is
        stored uncompressed (zipfile would deflate it)."""
        parts: list[tuple[str, bytes | Deflated]] = []
        source = self._source
        for name in self._entries:
            if name in self._written:
                continue
            info = self._infos[name]
            offset = info.header_offset
            if info.compress_type != zipfile.ZIP_DEFLATED or source[offset : offset + 4] != b"PK\x03\x04":
                return None
            # A local file header: 30 bytes, the name, the extra field (lengths at 26 and 28), then the data.
            start = offset + 30 + int.from_bytes(source[offset + 26 : offset + 28], "little")
            start += int.from_bytes(source[offset + 28 : offset + 30], "little")
            parts.append((name, Deflated(info.CRC, source[start : start + info.compress_size], info.file_size)))
        return package(_EMPTY_ZIP, parts)

    def _analysed(self, data: bytes) -> tuple[Prepared, dict[str, jinja2.Template]]:
        """The package's parts made into Jinja, checked, analysed and compiled (to a `Program` too for a
        bundled template, whose whole prepared form is then cached)."""
        from docgen.template import cache as template_cache
        from docgen.template.program_compiler import compile_program
        from docgen.template.variables import TemplateUsage, VariableReport

        environment = self._environment
        self._usage = TemplateUsage(globals=frozenset(environment.custom_globals))
        self._count = TagCount(self.name)
        sources = self._prepared_sources(data)
        parts: list[CachedPart] = []
        compiled: dict[str, jinja2.Template] = {}
        for cached in sources.parts:
            ast = self._inspect(cached.source, cached.name, environment)
            _unmark_template_data(ast)  # after the checks, whose messages count these lines
            found = compile_program(ast, environment.globals) if self._trusted else None
            program = None if found is None else Program(found)
            compiled[cached.name] = self._compile(ast, cached.name, environment)
            parts.append(CachedPart(cached.name, cached.source, cached.head, cached.tail, program))
        report = VariableReport.of(self._usage)
        analysis = Analysis(frozenset(path[0] for path in self._usage.paths), report)
        del self._usage, self._count
        prepared = Prepared(tuple(parts), sources.fix_tables, analysis)
        if self._cached:
            template_cache.store(self.name, template_cache.cache_key(data), prepared)
        return prepared, compiled

    @property
    def _environment(self) -> SandboxedEnvironment:
        """The Jinja environment, made when first needed: a cached bundled template may render without it."""
        environment = self._jinja_environment
        if environment is None:
            environment = _environment(self.name, *self._options, budgeted=not self._trusted)
            environment.context_check = self._context_check
            self._jinja_environment = environment
        return environment

    def _compile(self, ast: jinja2.nodes.Template, part: str, environment: SandboxedEnvironment) -> jinja2.Template:
        from jinja2 import TemplateSyntaxError

        try:
            code = environment.compile(ast)  # the tree already parsed for the checks: parsed once, not twice
            return environment.template_class.from_code(environment, code, environment.make_globals(None), None)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"模板 {self.name} 的 {part} 有 Jinja 语法错误：{exc.message}") from None
        except RecursionError:
            raise TemplateSecurityError(f"模板 {self.name} 的 {part} 嵌套过深，无法编译，已拒绝") from None

    def _jinja_template(self, part: _Part) -> jinja2.Template:
        """``part``'s Jinja template; for a part prepared from the cache, compiled now, on the first render its
        program leaves to Jinja (its source passed the checks when the entry was made; they run again)."""
        if part.template is not None:
            return part.template
        from docgen.template.sandbox import check_template, parse

        with self._lock:
            if part.template is None:
                environment = self._environment
                ast = parse(environment, part.source, part.name)
                check_template(ast, part.name, self.name, part.source, environment.custom_filters)
                _unmark_template_data(ast)
                part.template = self._compile(ast, part.name, environment)
            return part.template

    def _cached_sources(self, data: bytes) -> Prepared | None:
        """A bundled template's prepared form from the cache, if it has it."""
        from docgen.template import cache as template_cache

        expected = {name for name, blob in self._entries.items() if renders(name, blob)}
        return template_cache.load(self.name, template_cache.cache_key(data), expected)

    def _prepared_sources(self, data: bytes) -> Prepared:
        """Each rendered part's Jinja source, from the cache for a bundled template when it has them, else
        made from the package."""
        if self._cached and (found := self._cached_sources(data)) is not None:
            return found
        from docxtpl import DocxTemplate

        docx = DocxTemplate(io.BytesIO(data))
        try:
            docx.init_docx()
        except Exception as exc:  # python-docx raises many kinds on a broken package
            raise TemplateError(f"模板 {self.name} 无法打开：{exc}") from None
        parts = [self._document_source(docx)]
        for name, blob in self._entries.items():
            if name != _DOCUMENT_PART and renders(name, blob):
                parts.append(self._xml_source(name, blob))
        return Prepared(tuple(parts), self._fix_tables)

    def _document_source(self, docx: Any) -> CachedPart:
        from lxml import etree

        from docgen.template.package import parse_xml

        # docxtpl renders the body element alone; the root around it is kept as serialised text.
        root = docx.docx.element
        raw = docx.get_xml()
        check_tags(raw, _DOCUMENT_PART, self._count)
        self._fix_tables = needs_table_fix(raw)
        body_xml = _patch(raw)
        shell = parse_xml(etree.tostring(root))
        body = shell.find(f"{{{root.nsmap['w']}}}body")
        marker = "DOCGEN-BODY-MARKER"
        shell.replace(body, etree.Comment(marker))
        head, tail = etree.tostring(shell, encoding="unicode").split(f"<!--{marker}-->")
        return CachedPart(_DOCUMENT_PART, _mark_paragraphs(body_xml), _XML_DECL + head, tail)

    def _xml_source(self, name: str, blob: bytes) -> CachedPart:
        from lxml import etree

        from docgen.template.package import parse_xml

        try:
            xml = etree.tostring(parse_xml(blob), encoding="unicode")
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"模板 {self.name} 的 {name} 不是有效的 XML：{exc}") from None
        check_tags(xml, name, self._count)
        if name.startswith("word/"):
            xml = _patch(xml)
        return CachedPart(name, _mark_paragraphs(xml), _XML_DECL, "")

    def _inspect(self, source: str, part: str, environment: SandboxedEnvironment) -> jinja2.nodes.Template:
        # Before compiling: a hostile template is refused by what it says, not by what it does when run.
        from jinja2 import nodes

        from docgen.template.sandbox import check_template, parse
        from docgen.template.variables import analyse

        ast = parse(environment, source, part)
        self._count.add_nodes(sum(1 for _ in ast.find_all(nodes.Node)), part)
        check_template(ast, part, self.name, source, environment.custom_filters)
        analyse(ast, self._usage)
        return ast

    # -- what the program adds: links, sub-documents, replaced files -------------------------------

    def build_url_id(self, url: str) -> str:
        """The relationship id for a hyperlink to ``url``, for docxtpl's ``RichText(…, url_id=…)``.

        Each render relates it in the part where the RichText is printed (body, header, footnote…)."""
        with self._lock:
            for rid, known in self._links.items():
                if known == url:
                    return rid
            rid = f"{LINK_ID_PREFIX}{len(self._links) + 1}"
            self._links[rid] = str(url)
            return rid

    def new_subdoc(self, docpath: str | Path | None = None) -> Any:
        """A docxtpl ``Subdoc``: a .docx to insert (``{{p subdoc }}``), or an empty one to fill with
        python-docx. Its styles, numbering and images are merged, as docxtpl does, into every render that
        prints a subdoc of this template."""
        from docxtpl.subdoc import Subdoc

        with self._lock:
            if self._composition is None:
                self._composition = Composition(self._source, self.name)
            composition = self._composition
        key = None
        if docpath is not None:
            # The same file is merged once: a shared template renders many documents, and docxtpl's
            # one-template-per-document habit would otherwise merge its styles again for each.
            try:
                stat = Path(docpath).stat()
            except OSError as exc:
                raise TemplateError(f"模板 {self.name} 的子文档 {docpath} 无法读取：{exc.strerror}") from None
            key = (str(Path(docpath).resolve()), stat.st_mtime_ns, stat.st_size)
        with composition.lock:
            if key is not None and key in composition.subdocs:
                return composition.subdocs[key]
            try:
                subdoc = composition.empty_subdoc() if docpath is None else Subdoc(composition, str(docpath))
            except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
                raise TemplateError(f"模板 {self.name} 的子文档 {docpath} 无法打开：{exc}") from None
            if key is not None:  # an empty subdoc changes the composition only through what is added to it
                composition.version += 1
                composition.subdocs[key] = subdoc
            return subdoc

    def replace_pic(self, embedded_file: str, dst_file: str | Path | IO[bytes] | bytes) -> None:
        """Replace the picture named (or titled, or described) ``embedded_file`` in the body, headers and
        footers by ``dst_file`` in every later render (same format; the picture keeps its size)."""
        self._replace(template_replace.picture(self._entries, embedded_file, self.name), dst_file)

    def replace_media(self, src_file: str | Path | IO[bytes] | bytes, dst_file: Any) -> None:
        """Replace the media file of the template whose content is ``src_file`` by ``dst_file``."""
        original = template_replace.read_source(src_file, self.name)
        names = template_replace.by_crc(self._entries, "word/media/", original, self.name, "图片或媒体")
        self._replace(names, dst_file)

    def replace_embedded(self, src_file: str | Path | IO[bytes] | bytes, dst_file: Any) -> None:
        """Replace the embedded file of the template whose content is ``src_file`` by ``dst_file``."""
        original = template_replace.read_source(src_file, self.name)
        names = template_replace.by_crc(self._entries, "word/embeddings/", original, self.name, "嵌入文件")
        self._replace(names, dst_file)

    def replace_zipname(self, zipname: str, dst_file: str | Path | IO[bytes] | bytes) -> None:
        """Replace the package entry ``zipname`` (e.g. ``word/embeddings/Sheet1.xlsx``) by ``dst_file``."""
        written = {part.name for part in self._parts}
        self._replace([template_replace.zipname(self._entries, zipname, self.name, written)], dst_file)

    def reset_replacements(self) -> None:
        """Forget every replacement: later renders use the template's own files again."""
        with self._lock:
            self._replaced = {}
            self._bases = {}
            self._build_base()

    def _replace(self, names: list[str], dst_file: Any) -> None:
        data = template_replace.read_source(dst_file, self.name)
        with self._lock:
            self._replaced = {**self._replaced, **dict.fromkeys(names, data)}
            self._bases = {}
            self._build_base()

    # -- rendering ---------------------------------------------------------------------------------

    def render(self, speech: Speech | Mapping[str, Any]) -> bytes:
        """The .docx for ``speech`` (a `Speech`, or a context mapping for a custom template), as bytes."""
        if not self._trusted:  # a user's template may make cycles: the collector stays on for it
            return self._render(speech)
        # A bundled template's render, context included, makes thousands of short-lived objects and no
        # cycles, so the collector's passes over them would find nothing (docgen.collector).
        with collector_paused():
            return self._render(speech)

    def _render(self, speech: Speech | Mapping[str, Any]) -> bytes:
        if hasattr(speech, "to_context"):
            context = speech.to_context(self._context_names if self._trusted else None)
        else:
            context = dict(speech)
        composition = self._composition
        existing = frozenset(self._entries) | (composition.names() if composition else frozenset())
        state = RenderState(self.name, existing, self._links)
        token = start_render(state)
        try:
            parts = [(part.name, self._render_part(part, context, state)) for part in self._parts]
            merged: frozenset[tuple[str, bytes]] = frozenset()
            if state.subdocs and composition is not None:
                delta = composition.delta(name for name, _ in parts)
                # What the render itself writes (rendered parts' relationships, content types) takes the
                # merged version as its start; the rest joins the base, compressed once per merged state.
                state.parts.update({n: b for n, b in delta.items() if n in self._written})
                merged = frozenset((n, b) for n, b in delta.items() if n not in self._written)
            extra = finish(state, self._rels, self._entries.get(CONTENT_TYPES, b""))
        finally:
            stop_render(token)
        parts += sorted(extra.items())
        return package(self._merged_base(merged) if merged else self._base, parts, self._deflated)

    def _merged_base(self, merged: frozenset[tuple[str, bytes]]) -> bytes:
        """The unchanged parts with those merged sub-documents changed, compressed once per merged state."""
        cached = self._bases.get(merged)
        if cached is None:
            changed = dict(merged)
            base = io.BytesIO()
            with zipfile.ZipFile(base, "w") as package:
                for name, blob in self._entries.items():
                    if name not in self._written and name not in changed:
                        package.writestr(zip_info(name), self._replaced.get(name, blob))
                for name, blob in sorted(changed.items()):
                    package.writestr(zip_info(name), blob)
            cached = base.getvalue()
            with self._lock:
                if len(self._bases) > 8:
                    self._bases.clear()
                self._bases[merged] = cached
        return cached

    def _render_part(
        self, part: _Part, context: dict[str, Any], state: RenderState | None = None
    ) -> bytes | Deflated:
        if state is not None:
            state.part = part.name
        token = start_render(state) if state is not None else None
        try:
            text = self._text(part, context)
        finally:
            if token is not None:
                stop_render(token)
        if isinstance(text, list):
            # A trusted template's program printed plain text only: unless it holds what a pass below looks
            # for, none applies and the XML needs no check, so the part goes to the zip a chunk at a time.
            if self._trusted and state is not None and not (state.may_break_xml or state.links or self._fix_tables):
                deflated = deflate_pieces(part.head, text, part.tail, _PASS_MARKS)
                if deflated is not None:
                    return deflated
            xml = "".join(text)
        else:
            xml = text
        # Each pass below first looks for one character, which is far cheaper than looking for several.
        newline = "\n" in xml
        if newline and "\n<w:p" in xml:  # the template's own marks are out already (`_compile`)
            xml = _unmark_paragraphs(xml)
        if "{" in xml or "}" in xml:  # printed braces are references (`_finalize`): these are docxtpl's {_{ …
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        resolved = (newline and "\n" in xml) or "\t" in xml or "\a" in xml or "\f" in xml
        if resolved:
            from docxtpl import DocxTemplate

            xml = DocxTemplate.resolve_listing(None, xml)  # docxtpl's \n → <w:br/> etc.; uses no state
        if part.name == _DOCUMENT_PART:
            if self._fix_tables:
                xml = fix_tables(xml)
            if "<wp:docPr " in xml:
                xml = renumber_drawings(xml)
        if state is not None and state.links:
            relate_links(state, part.name, xml)
        document = (part.head + xml + part.tail).encode("utf-8")
        # A user's template can break the XML by what it says; a trusted one only through what it prints:
        # anything but plain text, characters XML cannot hold, line breaks turned into elements.
        if not self._trusted or state is None or state.may_break_xml or resolved:
            problem = _xml_problem(document)
            if problem:
                raise RenderError(f"模板 {self.name} 的 {part.name} 渲染出的内容不是有效的 XML：{problem}")
        return document

    def _run(self, part: _Part, context: dict[str, Any]) -> str:
        """The part's text: from its program when it has one and it can, else from Jinja."""
        text = self._text(part, context)
        return text if type(text) is str else "".join(text)

    def _text(self, part: _Part, context: dict[str, Any]) -> str | list[str]:
        """The part's text: in pieces from its program when it has one and it can, else whole from Jinja."""
        if part.program is not None:
            if self._context_check is not None:  # as Jinja's render of the part checks it first
                self._context_check(context)
            try:
                return part.program.pieces(context)
            except Exception:  # Unsupported, or e.g. a value whose == raises: Jinja renders it or names the error
                pass
        return self._run_jinja(part, context)

    def _run_jinja(self, part: _Part, context: dict[str, Any]) -> str:
        from jinja2 import TemplateError as JinjaError
        from jinja2 import UndefinedError
        from jinja2.exceptions import SecurityError

        where = f"模板 {self.name} 的 {part.name}"
        try:
            return self._jinja_template(part).render(context)
        except UndefinedError as exc:
            raise RenderError(f"模板 {self.name} 使用了数据中没有的变量：{exc.message}") from None
        except SecurityError as exc:
            raise RenderError(f"模板 {self.name} 试图执行不安全的操作，已阻止：{exc}") from None
        except JinjaError as exc:
            raise RenderError(f"{where} 渲染失败：{exc.message}") from None
        except RecursionError:
            raise RenderError(f"模板 {self.name} 递归过深，已停止") from None
        except (TypeError, ValueError, LookupError, AttributeError, ArithmeticError) as exc:
            # A filter or operator given the wrong kind of value: the template's mistake, not docgen's.
            raise RenderError(f"{where} 渲染失败：{type(exc).__name__}: {exc}；请检查该处标签用到的数据") from None

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes get the source bytes and prepare their own copy (custom filters must pickle).
        return (_rebuild, (self.name, self._source, self._options))

    def __repr__(self) -> str:
        return f"Template({self.name!r})"


def _rebuild(name: str, data: bytes, options: tuple[Any, Any] = (None, None)) -> Template:
    if options[0] is None and options[1] is None and _is_bundled_name(name):
        path = templates_dir() / f"{name}{BUNDLED_SUFFIX}"
        if path.is_file() and path.read_bytes() == data:
            return Template(name)  # still the bundled template: cached and trusted in the worker too
    return Template(name, data=data, filters=options[0], jinja_env=options[1])


_EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'


def _patch(xml: str) -> str:
    # docxtpl's patch_xml turns a {%r %} run into the tag between two empty runs; those are dropped here,
    # once, instead of in every rendered document.
    from docxtpl import DocxTemplate

    patched: str = DocxTemplate.patch_xml(None, xml)
    return patched.replace(_EMPTY_RUN, "")


def _unmark_template_data(ast: jinja2.nodes.Template) -> None:
    """The paragraph marks out of the template's own text, once, instead of out of every render's output."""
    from jinja2 import nodes

    for data in ast.find_all(nodes.TemplateData):
        data.data = _unmark_paragraphs(data.data)


def _mark_paragraphs(xml: str) -> str:
    # As docxtpl does: one paragraph per source line, so Jinja errors carry a useful line number.
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


_PASS_MARKS = ("\n", "{", "}", "\t", "\a", "\f", "<wp:docPr ")
"""What one of `Template._render_part`'s passes over a part's text looks for: a text holding none needs none."""


def _unmark_paragraphs(xml: str) -> str:
    """docxtpl's ``re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)``, a third of the time."""
    return xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")


def _xml_problem(document: bytes) -> str | None:
    """Why ``document`` is not well-formed, namespaced XML, or None.

    expat only checks, where lxml would also build a tree nobody uses: a third of the time."""
    from xml.parsers import expat

    try:
        expat.ParserCreate(namespace_separator=" ").Parse(document, True)
    except expat.ExpatError as exc:
        return str(exc)
    return None


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
