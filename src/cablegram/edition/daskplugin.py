"""The Dask worker plugin (its own module: importing dask.distributed is kept out of the other executors)."""
from __future__ import annotations

from distributed import WorkerPlugin

from .model import BuildOptions
from .worker import close_worker, init_worker


class CompileOncePlugin(WorkerPlugin):
    """Compile schemas and stylesheets once per Dask worker: when the plugin is registered, and on every
    worker that joins later."""

    def __init__(self, options: BuildOptions, schemas: dict[str, bytes]) -> None:
        self.options, self.schemas = options, schemas

    def setup(self, worker) -> None:
        init_worker(self.options, self.schemas)

    def teardown(self, worker) -> None:
        close_worker()
