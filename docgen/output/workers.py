"""Worker processes of a batch: forked once everything they need is ready, fed chunks, ended with their parent.

On Linux the workers are forked, after the batch process has prepared the template, rendered a first document
(which imports and warms every reader, the model's validators and the title breaker) and indexed the title
dictionary: each worker inherits all of it and starts on its first chunk at once. Elsewhere (macOS, Windows)
the platform's start method is used and each worker prepares the template it is sent once, at start-up.

Jobs travel in chunks, so that the pool's round trips (about as long as a document) do not keep the parent
busy; chunks shrink towards the end so that both workers finish together. A worker renders its chunk into
temporary files and returns; the parent flushes them to disk and names them (`docgen.output.staging`), so
no worker ever waits for the disk.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

    from docgen.output.batch import Job, Outcome
    from docgen.output.staging import Publisher, StagedJob
    from docgen.template.prepared import Template

MAX_CHUNK = 32
"""Jobs per task at most: about 0.2 s of work, so the progress bar still moves."""
_IN_FLIGHT_PER_WORKER = 2  # chunks submitted ahead per worker: none waits for the parent between chunks
_CHUNKS_PER_WORKER_LEFT = 3  # a chunk is at most this share of what is left per worker (guided scheduling)


def chunk_sizes(count: int, workers: int) -> Iterator[int]:
    """Sizes of consecutive chunks covering ``count`` jobs: `MAX_CHUNK` while much is left, then smaller,
    down to single jobs, so no worker is left with a long last chunk while the others are idle."""
    left = count
    while left > 0:
        share = left if workers == 1 else left // (workers * _CHUNKS_PER_WORKER_LEFT)  # one process: no tail
        size = max(1, min(MAX_CHUNK, share))
        yield size
        left -= size


def run_in_processes(
    jobs: Sequence[Job],
    template: Template,
    workers: int,
    force: bool,
    publisher: Publisher,
    first: Sequence[Outcome | StagedJob] = (),
) -> Iterator[Outcome]:
    """Render ``jobs`` in ``workers`` processes, yielding outcomes as their documents are written (completion
    order). The workers stage their chunks; this process flushes and names them (``publisher``), the flush
    in a thread while the workers render on. ``first``: staged here before the fork, handed over after it."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from docgen.output.staging import discard_chunk

    def chunks() -> Iterator[list[Job]]:
        start = 0
        for size in chunk_sizes(len(jobs), workers):
            yield list(jobs[start : start + size])
            start += size

    pending: set[Future[list[Outcome | StagedJob]]] = set()
    feed = chunks()
    initargs = (template, os.getpid())
    with ProcessPoolExecutor(workers, _process_context(), initializer=_start_worker, initargs=initargs) as pool:
        try:
            # A bounded window of submitted chunks: futures for thousands of documents are not kept around.
            for chunk in feed:
                pending.add(pool.submit(_work, chunk, force))  # the first submit forks every worker
                if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                    break
            yield from publisher.add(first)
            while pending:
                flushing = publisher.flushing
                waited: set[Future[Any]] = {*pending, flushing} if flushing is not None else set(pending)
                done, _ = wait(waited, return_when=FIRST_COMPLETED)
                for future in done & pending:
                    pending.discard(future)
                    next_chunk = next(feed, None)
                    if next_chunk is not None:
                        pending.add(pool.submit(_work, next_chunk, force))
                    yield from publisher.add(future.result())
                yield from publisher.done()
            yield from publisher.finish()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            for future in pending:  # chunks the workers finished meanwhile: staged, never to be named
                if future.done() and not future.cancelled() and future.exception() is None:
                    discard_chunk(future.result())
            raise


def _process_context() -> Any:
    import multiprocessing

    # Forking shares the prepared template, the warmed readers and the title index, and skips re-importing
    # docgen in each worker; the pool forks all its workers before it starts its own thread. Elsewhere
    # (macOS, Windows: fork is unsafe or missing) the platform default.
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
PARENT_POLL_SECONDS = 0.5


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
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


def _work(chunk: list[Job], force: bool) -> list[Outcome | StagedJob]:
    from docgen.output.staging import stage_chunk

    if _worker_template is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without a template")
    return stage_chunk(chunk, _worker_template, force=force)
