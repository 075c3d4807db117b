"""Batch runner: many speech files into one folder of .docx (and PDF), in worker processes, one result at a time.

The plan is made up front and is deterministic: inputs in the order given (folders sorted by name), each
output named after its input, collisions numbered in that order (``a.yaml`` + ``a.json`` → ``a.docx``,
``a-2.docx``). Workers render and write, and send back only a small `Outcome`, so memory does not grow
with the number of documents. A failing input is an `Outcome` with its reason; the others go on.

>>> from docgen.batch import plan, run
>>> jobs = plan(["speeches/"], "out")  # doctest: +SKIP
>>> for outcome in run(jobs, "speech", workers=2):  # doctest: +SKIP
...     print(outcome.source, outcome.error or "ok")
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError, OutputError
from docgen.importer import DRAFT_SUFFIXES
from docgen.output import Protected, check_target, write_atomic, write_new

if TYPE_CHECKING:
    from concurrent.futures import Future

    from docgen.model import Speech
    from docgen.template import Template


def _load_structured(path: Path) -> Speech:
    from docgen.load import load_speech

    return load_speech(path)


def _import_draft(path: Path) -> Speech:
    from docgen.importer import import_file

    return import_file(path).speech


# Input suffix → how to read it; discovery in folders and naming follow this table.
READERS: dict[str, Callable[[Path], Speech]] = {
    ".yaml": _load_structured,
    ".yml": _load_structured,
    ".json": _load_structured,
    ".txt": _import_draft,
}
# Other drafts (.docx, .md, …) are read when named one by one, never picked up from a folder: a folder of
# .docx files is usually earlier output, and rendering it again would turn documents into drafts of themselves.
NAMED_ONLY_READERS: dict[str, Callable[[Path], Speech]] = {
    suffix: _import_draft for suffix in DRAFT_SUFFIXES if suffix not in READERS
}

DOCX_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"
FALLBACK_STEM = "讲话"
# Characters no output name gets: path separators, what Windows forbids, and control characters.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_IN_FLIGHT_PER_WORKER = 2  # chunks submitted ahead per worker
_MAX_CHUNK = 32


@dataclass(frozen=True)
class Job:
    """One input and the file it becomes. ``problem`` set means it is not rendered (reported as failed)."""

    index: int
    source: Path
    target: Path
    problem: str | None = None
    skip: str | None = None  # the output is there from an earlier run: left alone, not a failure


@dataclass(frozen=True)
class Outcome:
    """What became of one `Job`: ``error`` is None on success, else the reason, for the user."""

    index: int
    source: Path
    target: Path | None
    error: str | None = None
    internal: bool = False  # the failure is a docgen bug, not the input's fault
    pdf: Path | None = None
    skipped: str | None = None  # why nothing was written though nothing failed (the output exists)
    import_report: dict[str, Any] | None = None  # for a draft: what the importer converted or asks to check

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def written(self) -> bool:
        return self.ok and self.skipped is None

    def as_json(self) -> dict[str, Any]:
        return {
            "input": str(self.source),
            "ok": self.ok,
            "output": str(self.target) if self.ok and self.target else None,
            "pdf": str(self.pdf) if self.pdf else None,
            "error": self.error,
            "skipped": self.skipped,
            "import": self.import_report,
        }


@dataclass
class Summary:
    """The whole batch, in input order; ``pdf_error`` is set when the PDF step as a whole failed."""

    outdir: Path
    template: str
    outcomes: list[Outcome] = field(default_factory=list)
    pdf_requested: bool = False
    pdf_error: str | None = None
    seconds: float = 0.0
    ignored_files: list[tuple[Path, str]] = field(default_factory=list)  # in input folders, not read: why

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.skipped is not None]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def ok(self) -> bool:
        return not self.failed and self.pdf_error is None

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "total": len(self.outcomes),
            "succeeded": len(self.outcomes) - len(self.failed) - len(self.skipped),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "outdir": str(self.outdir),
            "template": self.template,
            "pdf": self.pdf_requested,
            "pdf_error": self.pdf_error,
            "seconds": round(self.seconds, 3),
            "documents": [o.as_json() for o in self.outcomes],
            "ignored_files": [{"file": str(path), "reason": reason} for path, reason in self.ignored_files],
        }


# -- planning ----------------------------------------------------------------------------------------


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """The input files: files as given, folders' speech files (not their subfolders) sorted by name.

    A file given twice is kept once. A named file that is missing or of another type stays in the list,
    so that `plan` reports it as a failed input rather than the batch silently skipping it."""
    found: list[Path] = []
    seen: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            members = sorted(
                (p for p in path.iterdir() if p.suffix.lower() in READERS and not p.name.startswith(".")),
                key=_folder_order,
            )
            candidates = [p for p in members if p.is_file()]
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def ignored_in_folders(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Files in the input folders that `discover` leaves out on purpose (drafts read only when named, such as
    .docx, which in a folder is usually earlier output), with the reason, so the summary can list them."""
    ignored = []
    for item in inputs:
        folder = Path(item)
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in NAMED_ONLY_READERS and path.is_file() and not path.name.startswith("."):
                reason = f"文件夹中的 {path.suffix} 不作为草稿读取（往往是以前生成的文档）；要导入请逐个列出"
                ignored.append((path, reason))
    return ignored


def _folder_order(path: Path) -> tuple[str, int, str]:
    # By name, and for one name in the order of READERS: a.yaml before a.json, so a.yaml gets a.docx.
    return path.stem, list(READERS).index(path.suffix.lower()), path.name


def output_stem(source: Path) -> str:
    """A safe file-name stem from an input's name: only its last component, no separators or control
    characters, no leading dots (hidden files) or trailing dots and spaces (Windows drops them)."""
    stem = _UNSAFE_NAME.sub("_", source.stem).lstrip(".").rstrip(". ")
    return stem or FALLBACK_STEM


def plan(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    *,
    force: bool = False,
    pdf: bool = False,
    protect: Iterable[str | Path] = (),
) -> list[Job]:
    """Jobs for ``inputs`` into ``outdir``: names from the inputs, collisions numbered in input order.

    Names never depend on what is already in ``outdir``, so a re-run maps every input to the same file;
    an existing file there is not overwritten unless ``force`` (that input fails instead). No output ever
    replaces any of the inputs, nor a file in ``protect`` (the template), whatever ``force`` says."""
    folder = Path(outdir)
    taken: set[str] = set()  # casefolded: A.docx and a.docx are one file on Windows and macOS
    sources = discover(inputs)
    protected = Protected([*sources, *(Path(p) for p in protect)])  # indexed once: plan stays linear
    jobs: list[Job] = []
    for index, source in enumerate(sources):
        target = folder / (_free_stem(output_stem(source), taken) + DOCX_SUFFIX)
        skip = None if force else _left_from_before(target, protected)
        problem = None if skip else _problem(source, target, protected, force=force, pdf=pdf)
        jobs.append(Job(index, source, target, problem, skip))
    return jobs


def _free_stem(stem: str, taken: set[str]) -> str:
    candidate, number = stem, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate.casefold())
    return candidate


def _left_from_before(target: Path, protected: Protected) -> str | None:
    """Why ``target`` is skipped: it is a regular file (an earlier run's output) that --force would replace.
    A target that is an input, a link or not a regular file is not skipped but fails (see `_problem`)."""
    if not target.is_file() or target.is_symlink():
        return None
    try:
        check_target(target, protected, overwrite=True)
    except OutputError:
        return None
    return f"{target.name} 已存在（以前生成的？），未覆盖；加 --force 重新生成"


def _problem(source: Path, target: Path, protected: Protected, *, force: bool, pdf: bool) -> str | None:
    if not source.is_file():
        return f"找不到文件：{source}" if not source.exists() else f"{source} 不是文件"
    if source.suffix.lower() not in READERS and source.suffix.lower() not in NAMED_ONLY_READERS:
        kinds = " ".join(sorted(READERS | NAMED_ONLY_READERS))
        return f"{source}：不支持的文件类型“{source.suffix or '（无扩展名）'}”（支持 {kinds}）"
    for output in (target, target.with_suffix(PDF_SUFFIX)) if pdf else (target,):
        try:
            check_target(output, protected, overwrite=force, hint=OVERWRITE_HINT)
        except OutputError as exc:
            return str(exc)
    return None


OVERWRITE_HINT = "加 --force 覆盖"


# -- running -----------------------------------------------------------------------------------------


def render_one(job: Job, template: Template, *, force: bool = False) -> Outcome:
    """Read, render and write one job; every failure becomes the `Outcome`'s reason, never an exception."""
    if job.skip:
        return Outcome(job.index, job.source, job.target, skipped=job.skip)
    if job.problem:
        return Outcome(job.index, job.source, job.target, job.problem)
    report = None
    try:
        speech, report = _read(job.source)
        data = template.render(speech)
        if force:
            write_atomic(job.target, data, inputs=(job.source,))  # the other inputs were checked by plan()
        else:
            write_new(job.target, data, inputs=(job.source,), hint=OVERWRITE_HINT)
    except DocgenError as exc:
        return Outcome(job.index, job.source, job.target, str(exc), import_report=report)
    except Exception as exc:  # a bug in docgen: reported for this input, the batch goes on
        return Outcome(job.index, job.source, job.target, f"内部错误：{type(exc).__name__}: {exc}", internal=True)
    return Outcome(job.index, job.source, job.target, import_report=report)


def _read(source: Path) -> tuple[Speech, dict[str, Any] | None]:
    """The speech of one input and, for a draft, what its import converted, normalised or asks to check."""
    suffix = source.suffix.lower()
    reader = READERS.get(suffix) or NAMED_ONLY_READERS[suffix]
    if reader is not _import_draft:
        return reader(source), None
    from docgen.importer import import_file

    result = import_file(source)
    report = result.report
    return result.speech, {
        "encoding": report.encoding,
        "widened_marks": report.widened_marks,
        "normalised": list(report.normalised),
        "to_check": list(report.fallbacks),
        "converted": list(report.converted),
        "not_taken": list(report.not_taken),
    }


def run(
    jobs: Sequence[Job], template: Template | str | Path = "speech", *, workers: int = 1, force: bool = False
) -> Iterator[Outcome]:
    """Render ``jobs``, yielding each `Outcome` as it finishes (in completion order with workers > 1).

    ``workers`` > 1 runs that many processes; each gets the template once, at start-up (inherited
    when forked, else unpickled and prepared once), never once per document."""
    from docgen.template import get_template

    prepared = get_template(template)
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        for job in jobs:
            yield render_one(job, prepared, force=force)
        return
    yield from _run_in_processes(jobs, prepared, workers, force)


def _run_in_processes(jobs: Sequence[Job], template: Template, workers: int, force: bool) -> Iterator[Outcome]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # Jobs go to workers in chunks: a document takes ~3 ms, and one round trip through the pool costs
    # about as much, so one job per task would keep the parent, not the workers, busy. Chunks stay small
    # enough (≤ 32) for a live progress bar and an even spread of the last jobs.
    size = max(1, min(_MAX_CHUNK, len(jobs) // (workers * 8)))
    chunks = iter([list(jobs[i : i + size]) for i in range(0, len(jobs), size)])
    pending: set[Future[list[Outcome]]] = set()
    start = (template, os.getpid())
    with ProcessPoolExecutor(workers, _process_context(), initializer=_start_worker, initargs=start) as pool:
        try:
            # A bounded window of submitted chunks: futures for thousands of documents are not kept around.
            for chunk in chunks:
                pending.add(pool.submit(_work, chunk, force))
                if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                    break
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    next_chunk = next(chunks, None)
                    if next_chunk is not None:
                        pending.add(pool.submit(_work, next_chunk, force))
                    yield from future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _process_context() -> Any:
    import multiprocessing

    # Forking shares the prepared template and skips re-importing docgen in each worker; the pool forks
    # all its workers before it starts its own thread. Elsewhere (macOS, Windows) the platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_worker_template: Template | None = None


def _start_worker(template: Template, parent: int | None = None) -> None:
    import signal

    global _worker_template
    _worker_template = template
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle, once
    if parent is not None:
        die_with_parent(parent)


_PR_SET_PDEATHSIG = 1
_PARENT_POLL_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """End this worker when the batch process ``parent`` dies, even by ``kill -9`` (which runs no cleanup):
    otherwise the workers wait on their queue forever. On Linux the kernel sends SIGKILL
    (prctl PR_SET_PDEATHSIG); elsewhere, or if that fails, a daemon thread polls the parent pid."""
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


def _work(chunk: list[Job], force: bool) -> list[Outcome]:
    if _worker_template is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without a template")
    return [render_one(job, _worker_template, force=force) for job in chunk]


def convert_to_pdf(
    outcomes: list[Outcome], outdir: Path, protect: Iterable[str | Path] = ()
) -> tuple[list[Outcome], str | None]:
    """PDFs of the successful outcomes' .docx, all in one LibreOffice run; (outcomes with ``pdf`` set, error).

    No PDF replaces an input of the batch or a file in ``protect``."""
    from dataclasses import replace

    from docgen.pdf import to_pdf_many

    made = [o for o in outcomes if o.written and o.target is not None]  # skipped outputs keep their PDF too
    if not made:
        return outcomes, None
    try:
        # One start-up of LibreOffice for all; allow it time in proportion to the number of documents.
        pdfs = to_pdf_many(
            [o.target for o in made if o.target],
            outdir,
            timeout=120 + 5 * len(made),
            protect=[*(o.source for o in outcomes), *(Path(p) for p in protect)],
        )
    except DocgenError as exc:
        return outcomes, str(exc)
    by_index = {o.index: pdf for o, pdf in zip(made, pdfs, strict=True)}
    return [replace(o, pdf=by_index[o.index]) if o.index in by_index else o for o in outcomes], None


def ensure_outdir(outdir: str | Path) -> Path:
    """The output folder, made if missing; an existing file there is an error."""
    folder = Path(outdir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"输出位置 {folder} 是文件，应为文件夹")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出文件夹 {folder}：{exc.strerror}") from None
    return folder


def no_inputs_message(inputs: Sequence[str]) -> str:
    kinds = " ".join(sorted(READERS))
    return f"在 {'、'.join(inputs)} 中没有找到讲话稿文件（{kinds}）"
