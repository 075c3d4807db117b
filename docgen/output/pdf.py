"""PDF through LibreOffice: one headless ``soffice`` run per call, private profile, bundled font aliases.

Every conversion gets its own LibreOffice user profile in a temporary folder, so conversions may run in
parallel (and beside a LibreOffice the user has open) without waiting on each other's profile lock; it is a
copy of a profile initialised once per user (`docgen.output.office_profile`), which saves LibreOffice's first-start
set-up, with docgen's hardened settings written in before every start. The
soffice process sees ``FONTCONFIG_FILE`` pointing at ``docgen/output/fonts.conf``, which maps the official font
names of the templates (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体 …) to installed free fonts; without
it LibreOffice silently falls back to whatever CJK font it finds first and the grid no longer holds.

>>> from docgen.output.pdf import to_pdf
>>> to_pdf("讲话.docx")  # doctest: +SKIP
PosixPath('讲话.pdf')
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import OutputError
from docgen.output.files import Protected, check_target, remove_stale_work_folders, write_atomic

INSTALL_COMMAND = "apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai"
FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"

_SOFFICE_NAMES = ("soffice", "libreoffice")
_SOFFICE_PLACES = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_STDERR_TAIL_CHARS = 2000
WORK_PREFIX = "docgen-pdf-"  # + pid: a folder of a killed conversion is recognised and removed later


class PdfError(OutputError):
    """A PDF could not be made: LibreOffice is missing, failed, or took too long."""


def find_soffice() -> str:
    """The path of LibreOffice's ``soffice``: on PATH first, then its usual install folders.

    Raises `PdfError` naming the install command when there is none.
    """
    for name in _SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for pattern in _SOFFICE_PLACES:
        for candidate in sorted(glob.glob(pattern), reverse=True):  # newest /opt/libreofficeX.Y first
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    raise PdfError(
        "找不到 LibreOffice（soffice），无法生成 PDF。"
        f"请先安装 LibreOffice 和中文字体，如在 Debian/Ubuntu 上运行：{INSTALL_COMMAND}"
    )


def to_pdf(
    docx: str | Path,
    pdf: str | Path | None = None,
    *,
    timeout: float = 120,
    protect: Iterable[str | Path] = (),
    office: Office | None = None,
) -> Path:
    """Convert ``docx`` to PDF with LibreOffice and write it atomically to ``pdf``.

    ``pdf`` defaults to the .docx's path with a .pdf suffix; a folder means ``folder/<name>.pdf``.
    The target holds either its old content or the whole new PDF, never a part; it is never the .docx
    itself nor a file in ``protect`` (the command's other inputs), under `docgen.output.files.check_target`.
    ``office``: a LibreOffice already starting (`started_office`), which then does the conversion.
    """
    source = Path(docx)
    if pdf is None:
        target = source.with_suffix(".pdf")
    else:
        target = Path(pdf)
        if target.is_dir():
            target = target / f"{source.stem}.pdf"
    return _convert([source], [target], timeout, protect, office)[0]


def to_pdf_many(
    docx_paths: Iterable[str | Path],
    outdir: str | Path,
    *,
    timeout: float = 600,
    protect: Iterable[str | Path] = (),
) -> list[Path]:
    """Convert several .docx files in one LibreOffice run (one start-up for all); ``outdir/<name>.pdf`` each.

    ``timeout`` is for the whole run. Returns the PDF paths in the order of ``docx_paths``.
    """
    sources = [Path(p) for p in docx_paths]
    folder = Path(outdir)
    if not folder.is_dir():
        raise PdfError(f"PDF 输出目录不存在：{folder}")
    targets = [folder / f"{source.stem}.pdf" for source in sources]
    seen: dict[Path, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        if target in seen:
            raise PdfError(f"{seen[target]} 和 {source} 会生成同一个 PDF（{target}），请先改名其中一个")
        seen[target] = source
    if not sources:
        return []
    return _convert(sources, targets, timeout, protect)


def _convert(
    sources: Sequence[Path],
    targets: Sequence[Path],
    timeout: float,
    protect: Iterable[str | Path],
    office: Office | None = None,
) -> list[Path]:
    protected = Protected([*sources, *(Path(p) for p in protect)])
    for source in sources:
        if not source.is_file():
            raise PdfError(f"找不到要转换的文件：{source}")
        _refuse_active(source)
    for target in targets:
        if not target.parent.is_dir():
            raise PdfError(f"PDF 输出目录不存在：{target.parent}")
        check_target(target, protected)  # before LibreOffice spends a minute on it
    if office is not None and office.running():
        try:
            return _convert_in(office.work, sources, targets, protected, office.soffice, timeout, ready=True)
        except _Timeout:
            raise
        except PdfError:
            pass  # the started LibreOffice failed us: once more the usual way, which reports its own error
    soffice = find_soffice()
    remove_stale_work_folders(WORK_PREFIX)  # left by a conversion that was killed
    with _work_folder() as work:
        return _convert_in(work, sources, targets, protected, soffice, timeout, ready=False)


def _convert_in(
    work: Path,
    sources: Sequence[Path],
    targets: Sequence[Path],
    protected: Protected,
    soffice: str,
    timeout: float,
    *,
    ready: bool,
) -> list[Path]:
    """Convert in the work folder ``work``; ``ready``: its profile is prepared (and LibreOffice may be running
    in it: then the soffice started here hands the documents to that one and waits for the result)."""
    inbox, outbox, profile = work / "in", work / "out", work / "profile"
    for folder in (inbox, outbox, profile):
        folder.mkdir(exist_ok=True)
    # Copies under plain numbered names: two inputs with one name cannot collide, odd names cannot
    # confuse soffice's argument parsing, and no lock file lands beside the user's file.
    staged = [inbox / f"{index:05d}.docx" for index in range(len(sources))]
    for source, copy in zip(sources, staged, strict=True):
        try:
            shutil.copyfile(source, copy)
        except OSError as exc:
            raise PdfError(f"无法读取 {source}：{exc.strerror}") from None
    if not ready:
        _prepare_profile(profile, soffice, timeout)
    _run_soffice(soffice, staged, outbox, profile, timeout)
    results = []
    for source, copy, target in zip(sources, staged, targets, strict=True):
        made = outbox / f"{copy.stem}.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise PdfError(f"LibreOffice 没有把 {source} 转换成 PDF（文件可能已损坏或不是 Word 文档）")
        results.append(write_atomic(target, made.read_bytes(), inputs=protected))
    return results


@dataclass(frozen=True)
class Office:
    """LibreOffice started ahead, with no document, in the private profile of a conversion to come."""

    soffice: str
    work: Path
    process: subprocess.Popen[bytes]

    def running(self) -> bool:
        return self.process.poll() is None


@contextlib.contextmanager
def started_office(timeout: float = 120) -> Iterator[Office | None]:
    """Start LibreOffice now, for a conversion that will come after other work: ``render --pdf`` renders
    while LibreOffice starts up (most of a conversion's time), then `to_pdf` (``office=``) hands it the
    document. Same private profile and settings as any conversion, and no document is loaded until then;
    whatever happens, LibreOffice is ended when the block is left. None when it cannot be started (the
    conversion then reports why, or starts its own)."""
    office = None
    with _work_folder() as work:
        try:
            soffice = find_soffice()
            profile = work / "profile"
            profile.mkdir()
            _prepare_profile(profile, soffice, timeout)
            process = _start_soffice(soffice, [], profile, output=subprocess.DEVNULL)
            office = Office(soffice, work, process)
            remove_stale_work_folders(WORK_PREFIX)  # while LibreOffice starts
        except (PdfError, OSError):
            office = None
        try:
            yield office
        finally:
            if office is not None:
                _kill_group(office.process)


@contextlib.contextmanager
def _work_folder() -> Iterator[Path]:
    """A private folder for one conversion (the profile, copies of the documents, LibreOffice's output),
    removed afterwards in the background: a used profile holds some seventy folders, and removing them takes
    0.1–0.3 s where the file system discards freed blocks at once (mount option ``discard``), time the
    command need not wait for. If no background removal can be started, it is removed here and now."""
    work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-"))
    try:
        yield work
    finally:
        remove_in_background(work)


def remove_in_background(folder: Path) -> None:
    """Remove ``folder`` (never following links) without waiting for it: ``sh`` starts ``rm -rf`` in a session
    of its own (Ctrl-C in the terminal does not reach it) and ends at once, so ``rm`` is no child of ours to
    wait for. A folder whose removal was cut short has a dead process's id in its name: a later conversion
    removes it (`docgen.output.files.remove_stale_work_folders`)."""
    if os.name == "posix":
        try:
            subprocess.run(
                ["sh", "-c", 'rm -rf -- "$1" </dev/null >/dev/null 2>&1 &', "sh", str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                check=True,
                timeout=10,
            )
            return
        except (OSError, subprocess.SubprocessError):
            pass
    shutil.rmtree(folder, ignore_errors=True)


# LibreOffice settings (Common.xcs, Writer.xcs) for the private profile: documents never fetch linked
# content (BlockUntrustedRefererLinks covers images and other resources by URL, file:// and UNC included),
# links and fields are never updated, macros never run, and any request that still tried to leave would go
# to a proxy on port 9 (discard) of the loopback interface, which answers nothing.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
 <prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableActiveContent" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update">
 <prop oor:name="Link" oor:op="fuse"><value>2</value></prop>
 <prop oor:name="Field" oor:op="fuse"><value>false</value></prop>
 <prop oor:name="Chart" oor:op="fuse"><value>false</value></prop>
</item>
<item oor:path="/org.openoffice.Inet/Settings">
 <prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop>
 <prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop>
 <prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop>
 <prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop>
</item>
</oor:items>
"""


def _prepare_profile(profile: Path, soffice: str, timeout: float) -> None:
    """The private profile of one conversion: a copy of the initialised profile of the per-user cache
    (`docgen.output.office_profile`, made on first use), or an empty one; then docgen's settings written in."""
    from docgen.output.office_profile import copy_into

    copy_into(profile, soffice, lambda folder: _initialise(soffice, folder, timeout))
    _write_profile(profile)


def _initialise(soffice: str, profile: Path, timeout: float) -> None:
    """LibreOffice's first start in ``profile``, converting a one-line text file: nothing to fetch or run."""
    _write_profile(profile)
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-") as work:
        text, outbox = Path(work, "setup.txt"), Path(work, "out")
        text.write_text("docgen\n", encoding="utf-8")
        outbox.mkdir()
        _run_soffice(soffice, [text], outbox, profile, timeout)


def _write_profile(profile: Path) -> None:
    """Write `_PROFILE_SETTINGS` into the profile before LibreOffice starts in it, after the setup facts a
    copied profile holds (`docgen.output.office_profile.kept_settings`: matched strictly, nothing else is kept)."""
    from docgen.output.office_profile import SETTINGS_FILE, kept_settings

    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    settings = user / SETTINGS_FILE
    kept = kept_settings(settings.read_text(encoding="utf-8")) if settings.is_file() else []
    first_item = _PROFILE_SETTINGS.index("<item ")
    text = _PROFILE_SETTINGS[:first_item] + "".join(f"{item}\n" for item in kept) + _PROFILE_SETTINGS[first_item:]
    settings.write_text(text, encoding="utf-8")


def _refuse_active(source: Path) -> None:
    """Refuse a document that links or runs anything: LibreOffice would fetch or run it while converting.
    (docgen's own documents never do; this guards `to_pdf` called on any other .docx.)"""
    from docgen.model.load import read_input
    from docgen.template.active_content import scan
    from docgen.template.package import read_docx_package

    entries = read_docx_package(read_input(source, PdfError), f"文档 {source}", PdfError, PdfError)
    found = [item for item in scan(entries) if not item.allowed]
    if found:
        listed = "；".join(str(item) for item in found[:10])
        raise PdfError(
            f"{source} 含有 {len(found)} 处外部或可执行的内容，转换时会访问网络或读取其他文件，已拒绝：{listed}。"
            "请用 docgen 重新生成（模板可加 --strip-external），或在 Word 中删除这些内容"
        )


class _Timeout(PdfError):
    """LibreOffice took too long (not retried: it would take as long again)."""


def _start_soffice(soffice: str, arguments: Sequence[str], profile: Path, *, output: int) -> subprocess.Popen[bytes]:
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        *arguments,
    ]
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(profile))
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            env=env,
            start_new_session=True,  # its own process group, so a timeout can end soffice.bin and helpers
        )
    except OSError as exc:
        raise PdfError(f"无法启动 LibreOffice（{soffice}）：{exc.strerror}。可重新安装：{INSTALL_COMMAND}") from None


def _run_soffice(soffice: str, inputs: Sequence[Path], outdir: Path, profile: Path, timeout: float) -> None:
    arguments = ["--convert-to", "pdf", "--outdir", str(outdir), *(str(path) for path in inputs)]
    process = _start_soffice(soffice, arguments, profile, output=subprocess.PIPE)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise _Timeout(f"LibreOffice 转换 PDF 超时（{timeout:g} 秒），已终止。文件很多或很大时可加大超时时间") from None
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[-_STDERR_TAIL_CHARS:]
        raise PdfError(f"LibreOffice 转换 PDF 失败（退出码 {process.returncode}）：{detail or '无错误输出'}")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
