"""Where the per-document tasks run: in this process, in a local process pool, or on a Dask cluster.

One small interface: an executor is a context manager whose `run(tasks)` yields one `Outcome` per task,
in the order they finish (that order feeds the progress bar; the build sorts by document afterwards).
Every executor runs the same `worker.run_task`, and each worker process compiles schemas and stylesheets
once (process-pool initializer; Dask worker plugin). A task that fails, or whose worker dies, gives a
failed report for that document only.

At most a few tasks per worker are in flight at a time, so the client's memory stays flat however large
the corpus (the tasks carry the source texts, the outcomes the output files).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from .model import BuildOptions, DocumentReport, Outcome, Task
from .worker import close_worker, init_worker, run_batch, run_task

IN_FLIGHT_PER_WORKER = 4
MAX_BATCH = 16  # documents per Dask task at most (~1 s of work with the print edition)
SCHEDULER_TIMEOUT = "20s"  # how long to try to reach a Dask scheduler
EXECUTORS = ("serial", "process", "dask")


class ExecutorError(RuntimeError):
    """The executor cannot start (e.g. the Dask scheduler cannot be reached): a usage problem."""


def _lost(task: Task, exc: BaseException) -> Outcome:
    return Outcome(DocumentReport(source=task.source, stem=task.stem, key=task.options.key(), status="failed",
                                  error=f"{task.source}: the worker running this document failed ({type(exc).__name__}: {exc})"))


class SerialExecutor:
    """In this process, one document after another (--jobs 1; also the reference for the others)."""

    name = "serial"

    def __init__(self, options: BuildOptions, schemas: dict[str, bytes]) -> None:
        self.options, self.schemas = options, schemas

    def __enter__(self) -> "SerialExecutor":
        init_worker(self.options, self.schemas)
        return self

    def __exit__(self, *exc) -> None:
        close_worker()

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield run_task(task, self.schemas)


class ProcessExecutor:
    """A pool of local worker processes (spawned, so that no parent state leaks into them)."""

    name = "process"

    def __init__(self, options: BuildOptions, schemas: dict[str, bytes], workers: int) -> None:
        self.options, self.schemas, self.workers = options, schemas, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ProcessExecutor":
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=get_context("spawn"),
                                        initializer=init_worker, initargs=(self.options, self.schemas))
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        pending: dict = {}
        suspects: list[Task] = []  # in flight when a worker died: run again, one at a time
        queue = iter(tasks)
        window = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            if suspects:  # alone in the pool: a document that kills its worker again is the one at fault
                task = suspects.pop(0)
                future = self.pool.submit(run_task, task)
                exc = future.exception()
                if isinstance(exc, BrokenProcessPool):
                    self._restart()
                yield _lost(task, exc) if exc is not None else future.result()
                continue
            for task in queue:
                pending[self.pool.submit(run_task, task)] = task
                if len(pending) >= window:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                # a worker died (a crash in native code): every document in flight is suspect
                suspects = [pending[f] for f in sorted(pending, key=lambda f: pending[f].stem)]
                pending.clear()
                self._restart()
                continue
            for future in done:
                task = pending.pop(future)
                exc = future.exception()
                yield _lost(task, exc) if exc is not None else future.result()

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.__enter__()


class DaskExecutor:
    """dask.distributed: the cluster at `scheduler` (tcp://HOST:PORT), else a LocalCluster of `workers`
    single-threaded worker processes on the loopback interface.

    Workers need cablegram installed (the same version) but no access to the edition folder: tasks carry
    the inputs and outcomes carry the outputs back to the client, which writes them (docs/scaling.md)."""

    name = "dask"

    def __init__(self, options: BuildOptions, schemas: dict[str, bytes], workers: int, scheduler: str | None = None,
                 expected: int = 0) -> None:
        self.options, self.schemas, self.workers, self.scheduler = options, schemas, workers, scheduler
        self.expected = expected  # how many documents will come: sets the batch size
        self.client = self.cluster = None

    def __enter__(self) -> "DaskExecutor":
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ExecutorError("--executor dask needs dask.distributed: pip install 'cablegram[dask]'") from None
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)
            else:
                import logging

                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            from .daskplugin import CompileOncePlugin

            self.client.register_plugin(CompileOncePlugin(self.options, self.schemas), name="cablegram-compile-once")
        except ExecutorError:
            raise
        except Exception as exc:
            self.__exit__()
            where = self.scheduler or "a local cluster"
            raise ExecutorError(f"cannot use the Dask scheduler at {where}: {exc}") from None
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            try:
                self.client.unregister_worker_plugin("cablegram-compile-once")
            except Exception:
                pass
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Documents go in batches (one task runs several documents) when there are many: Dask costs ~10 ms
        of client and scheduler CPU per task, as much as a fifth of a document's own work."""
        from distributed import wait as wait_for

        threads = sum(self.client.nthreads().values()) or 1
        batch = batch_size(self.expected, threads)
        window = threads * IN_FLIGHT_PER_WORKER
        queue = iter(tasks)
        suspects: list[Task] = []  # in a task whose worker died: run again alone, one at a time
        pending: dict = {}
        while True:
            if suspects and not pending:  # alone on the cluster: a document that kills its worker again is at fault
                task = suspects.pop(0)
                future = self.client.submit(run_batch, [task], pure=False)
                wait_for([future])
                yield from self._outcomes(future, [task], alone=True, suspects=suspects)
                continue
            while not suspects and len(pending) < window:
                chunk = list(islice(queue, batch))
                if not chunk:
                    break
                pending[self.client.submit(run_batch, chunk, pure=False)] = chunk
            if not pending:
                if suspects:
                    continue
                return
            done, _ = wait_for(list(pending), return_when="FIRST_COMPLETED")
            for future in done:
                yield from self._outcomes(future, pending.pop(future), alone=False, suspects=suspects)

    @staticmethod
    def _outcomes(future, chunk: list[Task], *, alone: bool, suspects: list[Task]) -> list[Outcome]:
        try:
            if future.status == "finished":
                return future.result()
            if not alone:  # its worker died, perhaps because of another document: try each again alone
                suspects.extend(chunk)
                return []
            try:
                return [_lost(chunk[0], future.exception())]
            except Exception as exc:  # the exception itself may not travel back
                return [_lost(chunk[0], exc)]
        finally:
            future.release()


def batch_size(documents: int, threads: int) -> int:
    """Documents per Dask task: 1 for small builds (smooth progress, every worker busy), up to MAX_BATCH
    when each thread will still get at least 8 tasks."""
    return max(1, min(MAX_BATCH, documents // (threads * 2 * IN_FLIGHT_PER_WORKER)))


def make_executor(kind: str, options: BuildOptions, schemas: dict[str, bytes], workers: int, scheduler: str | None = None,
                  expected: int = 0):
    if kind == "serial":
        return SerialExecutor(options, schemas)
    if kind == "process":
        return ProcessExecutor(options, schemas, workers)
    if kind == "dask":
        return DaskExecutor(options, schemas, workers, scheduler, expected)
    raise ValueError(f"unknown executor {kind!r} (choose from {', '.join(EXECUTORS)})")
