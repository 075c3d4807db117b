"""Batch documents through temporary files: rendered and staged in groups, flushed to disk, then named.

A group of jobs is rendered into temporary files beside their targets (`stage_chunk`); the files are made
durable with one call (`docgen.output.files.flush_to_disk`: one ``syncfs`` on Linux) and only then take their
names, so every name holds a whole document even after a power cut, without an fsync per file.

The flush waits for the disk, and nothing needs the CPU meanwhile: a `Publisher` runs it in a thread of its
own while the batch goes on rendering (in this process with ``-j 1``; in the workers with ``-j 2``, whose
staged groups the batch process flushes and names as they arrive). Groups that arrive while a flush is
under way wait and go into the next one together. A document is reported written only once its name is
given; whatever is not published (a failure, Ctrl-C) is removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError
from docgen.output.batch import NAMED_ONLY_READERS, OVERWRITE_HINT, READERS, Job, Outcome, import_draft
from docgen.output.files import Staged, discard, flush_to_disk, publish, stage

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from docgen.model.speech import Speech
    from docgen.template.prepared import Template


@dataclass(frozen=True)
class StagedJob:
    """A job rendered into its temporary file, waiting for a flush and its name."""

    job: Job
    staged: Staged
    report: dict[str, Any] | None


def render_one(job: Job, template: Template, *, force: bool = False) -> Outcome:
    """Read, render and write one job; every failure becomes the `Outcome`'s reason, never an exception."""
    return render_chunk([job], template, force=force)[0]


def render_chunk(jobs: Sequence[Job], template: Template, *, force: bool = False) -> list[Outcome]:
    """Read, render and write ``jobs`` as a group, their `Outcome` s in job order: staged, flushed to disk
    with one call, then each given its name. What was not published is removed, whatever happens."""
    items = stage_chunk(jobs, template, force=force)
    try:
        problem = flush(items)
    except BaseException:
        discard_chunk(items)
        raise
    return publish_chunk(items, problem)


def stage_chunk(jobs: Sequence[Job], template: Template, *, force: bool = False) -> list[Outcome | StagedJob]:
    """Read and render ``jobs`` into temporary files (not yet durable, not yet named), in job order; failed
    and skipped jobs are their `Outcome`. If this is interrupted, what it staged is removed."""
    items: list[Outcome | StagedJob] = []
    try:
        for job in jobs:
            items.append(_stage(job, template, force))
    except BaseException:
        discard_chunk(items)
        raise
    return items


def flush(items: Iterable[Outcome | StagedJob]) -> str | None:
    """Make the staged documents among ``items`` durable; the reason, for each of them, if that failed."""
    try:
        flush_to_disk(item.staged for item in items if isinstance(item, StagedJob))
    except DocgenError as exc:
        return str(exc)
    return None


def publish_chunk(items: Sequence[Outcome | StagedJob], problem: str | None) -> list[Outcome]:
    """Name the staged documents among ``items`` (flushed, unless ``problem`` says why not), in order. Each
    one not published (it failed, or this was interrupted) is removed."""
    outcomes: list[Outcome] = []
    try:
        for item in items:
            outcomes.append(_publish(item, problem) if isinstance(item, StagedJob) else item)
    finally:
        named = {outcome.index for outcome in outcomes if outcome.written}
        discard_chunk(item for item in items if isinstance(item, StagedJob) and item.job.index not in named)
    return outcomes


def discard_chunk(items: Iterable[Outcome | StagedJob]) -> None:
    """Remove the temporary files of ``items`` still staged (a published one is gone already)."""
    for item in items:
        if isinstance(item, StagedJob):
            discard(item.staged)


class Publisher:
    """Flushes and names staged groups, the flush in a thread of its own so that rendering goes on meanwhile.

    `add` hands over a group; `done` returns, without waiting, the outcomes of groups whose flush has ended
    (and starts the next flush with everything handed over since); `finish` waits for all. `close` removes
    what was never published. Used from one thread."""

    def __init__(self) -> None:
        self._waiting: list[Outcome | StagedJob] = []
        self._flushing: list[Outcome | StagedJob] = []
        self._flush: Future[str | None] | None = None
        self._thread: ThreadPoolExecutor | None = None  # made on the first flush: after any fork

    @property
    def flushing(self) -> Future[str | None] | None:
        """The flush under way, for a caller that waits on it together with other futures."""
        return self._flush

    def add(self, items: Iterable[Outcome | StagedJob]) -> list[Outcome]:
        """Hand over a group; returns the outcomes that are ready now (see `done`)."""
        self._waiting.extend(items)
        return self.done()

    def done(self) -> list[Outcome]:
        """Outcomes ready without waiting: failed and skipped jobs, and the documents of an ended flush."""
        outcomes = [item for item in self._waiting if not isinstance(item, StagedJob)]
        self._waiting = [item for item in self._waiting if isinstance(item, StagedJob)]
        if self._flush is not None and self._flush.done():
            outcomes += self._published(self._flush.result())
        if self._flush is None and self._waiting:
            self._start()
        return outcomes

    def finish(self) -> Iterator[Outcome]:
        """Every outcome still to come, waiting for the flushes."""
        yield from self.done()
        while self._flush is not None:
            problem = self._flush.result()
            yield from self._published(problem)
            yield from self.done()

    def close(self) -> None:
        """Remove every staged document not published (after the flush under way has ended), end the thread."""
        try:
            if self._flush is not None:
                self._flush.exception()  # waits; its outcome no longer matters
        finally:
            discard_chunk([*self._flushing, *self._waiting])
            self._flushing, self._waiting, self._flush = [], [], None
            if self._thread is not None:
                self._thread.shutdown(wait=True)
                self._thread = None

    def _start(self) -> None:
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(1, thread_name_prefix="docgen-flush")
        self._flushing, self._waiting = self._waiting, []
        self._flush = self._thread.submit(flush, list(self._flushing))

    def _published(self, problem: str | None) -> list[Outcome]:
        items, self._flushing, self._flush = self._flushing, [], None
        return publish_chunk(items, problem)


def _stage(job: Job, template: Template, force: bool) -> Outcome | StagedJob:
    if job.skip:
        return Outcome(job.index, job.source, job.target, skipped=job.skip)
    if job.problem:
        return Outcome(job.index, job.source, job.target, job.problem)
    report = None
    try:
        speech, report = _read(job.source)
        data = template.render(speech)
        # The other inputs were checked by plan(); this one again, as it is what a swap would aim at.
        staged = stage(job.target, data, inputs=(job.source,), overwrite=force, hint=OVERWRITE_HINT, durable=False)
    except DocgenError as exc:
        return Outcome(job.index, job.source, job.target, str(exc), import_report=report)
    except Exception as exc:  # a bug in docgen: reported for this input, the batch goes on
        return _internal(job, exc)
    return StagedJob(job, staged, report)


def _publish(item: StagedJob, problem: str | None) -> Outcome:
    job = item.job
    if problem is not None:
        return Outcome(job.index, job.source, job.target, problem, import_report=item.report)
    try:
        publish(item.staged)
    except DocgenError as exc:
        return Outcome(job.index, job.source, job.target, str(exc), import_report=item.report)
    except Exception as exc:
        return _internal(job, exc)
    return Outcome(job.index, job.source, job.target, import_report=item.report)


def _internal(job: Job, exc: Exception) -> Outcome:
    return Outcome(job.index, job.source, job.target, f"内部错误：{type(exc).__name__}: {exc}", internal=True)


def _read(source: Path) -> tuple[Speech, dict[str, Any] | None]:
    """The speech of one input and, for a draft, what its import converted, normalised or asks to check."""
    suffix = source.suffix.lower()
    reader = READERS.get(suffix) or NAMED_ONLY_READERS[suffix]
    if reader is not import_draft:
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
