"""Batch runner: many speech files into one folder of .docx (and PDF), in worker processes, one result at a time.

The plan is made up front and is deterministic: inputs in the order given (folders sorted by name), each
output named after its input, collisions numbered in that order (``a.yaml`` + ``a.json`` → ``a.docx``,
``a-2.docx``). Workers render into temporary files beside the targets and send back only what names them
(`docgen.output.staging`), so memory does not grow with the number of documents; this process flushes them
to disk and gives them their names. A failing input is an `Outcome` with its reason; the others go on.

>>> from docgen.output.batch import plan, run
>>> jobs = plan(["speeches/"], "out")  # doctest: +SKIP
>>> for outcome in run(jobs, "speech", workers=2):  # doctest: +SKIP
...     print(outcome.source, outcome.error or "ok")
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from docgen.errors import DocgenError, OutputError
from docgen.importer import DRAFT_SUFFIXES
from docgen.output.files import Protected, check_target, real_path, sync_folder

if TYPE_CHECKING:
    from docgen.model.speech import Speech
    from docgen.template.prepared import Template


def _load_structured(path: Path) -> Speech:
    from docgen.model.load import load_speech

    return load_speech(path)


def import_draft(path: Path) -> Speech:
    from docgen.importer import import_file

    return import_file(path).speech


# Input suffix → how to read it; discovery in folders and naming follow this table.
READERS: dict[str, Callable[[Path], Speech]] = {
    ".yaml": _load_structured,
    ".yml": _load_structured,
    ".json": _load_structured,
    ".txt": import_draft,
}
# Other drafts (.docx, .md, …) are read when named one by one, never picked up from a folder: a folder of
# .docx files is usually earlier output, and rendering it again would turn documents into drafts of themselves.
NAMED_ONLY_READERS: dict[str, Callable[[Path], Speech]] = {
    suffix: import_draft for suffix in DRAFT_SUFFIXES if suffix not in READERS
}

DOCX_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"
FALLBACK_STEM = "讲话"
# Characters no output name gets: path separators, what Windows forbids, and control characters.
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


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
        return self._json([o.as_json() for o in self.outcomes])

    def write_json(self, out: TextIO) -> None:
        """``json.dumps(self.as_json(), ensure_ascii=False, indent=2)`` written to ``out`` a document at a time:
        the whole text of a batch of thousands (and json's pieces of it) is never in memory at once, so the
        batch's peak memory does not grow with the number of documents (`benchmarks/memory.py`)."""
        # Inside a JSON string every quote is escaped: the mark can only be the key itself.
        before, after = json.dumps(self._json([]), ensure_ascii=False, indent=2).split('"documents": []', 1)
        out.write(before + '"documents": [')
        for number, outcome in enumerate(self.outcomes):
            document = json.dumps(outcome.as_json(), ensure_ascii=False, indent=2)
            out.write(("," if number else "") + "\n    " + document.replace("\n", "\n    "))
        out.write(("\n  ]" if self.outcomes else "]") + after)

    def _json(self, documents: list[dict[str, Any]]) -> dict[str, Any]:
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
            "documents": documents,
            "ignored_files": [{"file": str(path), "reason": reason} for path, reason in self.ignored_files],
        }


# -- planning ----------------------------------------------------------------------------------------


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """The input files: files as given, folders' speech files (not their subfolders) sorted by name.

    A file given twice is kept once. A named file that is missing or of another type stays in the list,
    so that `plan` reports it as a failed input rather than the batch silently skipping it."""
    found: list[Path] = []
    seen: set[Path] = set()
    folders: dict[Path, Path] = {}
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
            key = real_path(candidate, folders)
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
        if not source.exists():
            return f"找不到文件：{source}"
        return f"{source} 不是普通文件（是文件夹、设备或管道）；请给出讲话稿文件"
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


# -- running ---------------------------------------------------------------------------------------


def run(
    jobs: Sequence[Job], template: Template | str | Path = "speech", *, workers: int = 1, force: bool = False
) -> Iterator[Outcome]:
    """Render ``jobs``, yielding each `Outcome` once its document is written (in completion order).

    The first document is rendered here, in this process: that imports and warms everything a document
    needs (readers, the model's validators, the title breaker). Then `prepare_for_many` readies the rest
    (the title index) and ``workers`` > 1 processes are forked, which inherit all of it; each gets the
    template once, at start-up, never once per document. Documents are written in groups through
    `docgen.output.staging`: each group's flush to disk runs while the next group is rendered."""
    from docgen.output.staging import Publisher, StagedJob, stage_chunk
    from docgen.template.prepared import get_template

    prepared = get_template(template)
    publisher = Publisher()
    try:
        first: list[Outcome | StagedJob] = []
        while len(first) < len(jobs):  # until one document is rendered (skipped or bad inputs warm nothing)
            first += stage_chunk(jobs[len(first) : len(first) + 1], prepared, force=force)
            if isinstance(first[-1], StagedJob) or len(first) >= _WARM_UP_JOBS:
                break
        rest = jobs[len(first) :]
        frozen = prepare_for_many(len(rest))
        try:
            if min(workers, len(rest)) > 1:
                from docgen.output.workers import run_in_processes

                # The first document's flush starts once the workers are forked: no thread runs at a fork.
                yield from run_in_processes(rest, prepared, min(workers, len(rest)), force, publisher, first)
            else:
                from docgen.output.workers import chunk_sizes

                yield from publisher.add(first)
                start = 0
                for size in chunk_sizes(len(rest), 1):
                    yield from publisher.add(stage_chunk(rest[start : start + size], prepared, force=force))
                    start += size
                yield from publisher.finish()
        finally:
            if frozen:
                import gc

                gc.unfreeze()
    finally:
        publisher.close()
    for folder in dict.fromkeys(job.target.parent for job in jobs):
        sync_folder(folder)  # the names given, on disk before the summary says they are


_WARM_UP_JOBS = 8  # jobs tried in this process at most before the others are handed out
_MANY_DOCUMENTS = 10


def prepare_for_many(count: int) -> bool:
    """Ready this process for ``count`` more documents; True if the garbage collector was frozen.

    The title dictionary is read now, so forked workers inherit it. The objects that exist now (modules, the
    prepared template, validators) are moved out of the collector's sight (`gc.freeze`): full collections stop
    walking them, and forked workers stop copying the memory pages the collector would touch."""
    if count < _MANY_DOCUMENTS:
        return False
    import gc

    from docgen.model.title_segment import prepare_many_titles

    prepare_many_titles()
    if gc.get_freeze_count():  # the caller froze objects of its own: theirs to unfreeze, not ours
        return False
    gc.freeze()
    return True


def convert_to_pdf(
    outcomes: list[Outcome], outdir: Path, protect: Iterable[str | Path] = ()
) -> tuple[list[Outcome], str | None]:
    """PDFs of the successful outcomes' .docx, all in one LibreOffice run; (outcomes with ``pdf`` set, error).

    No PDF replaces an input of the batch or a file in ``protect``."""
    from dataclasses import replace

    from docgen.output.pdf import to_pdf_many

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
