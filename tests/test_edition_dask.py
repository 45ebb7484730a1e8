"""`cablegram build --executor dask` (issue 16): the same edition, byte for byte, on a cluster of 4
single-threaded workers (a LocalCluster on the loopback interface)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablegram.cli import main
from cablegram.edition import BuildOptions, build
from conftest import EXAMPLES

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install 'cablegram[dask]')")


def edition_files(edition: Path) -> dict[str, bytes]:
    """Every file of the edition but the reports (their timings differ between runs) and the local stat cache
    (file times); the manifest and the search index included (render/pagefind_canon.py makes it stable)."""
    return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*"))
            if p.is_file() and p.name not in ("report.json", "report.html", ".cablegram-stat-cache.json")}


@pytest.fixture(scope="module")
def cluster():
    import logging

    with distributed.LocalCluster(n_workers=4, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture
def texts(texts):
    """The examples (conftest) and one binary file that must fail alone."""
    (texts / "broken.txt").write_bytes(b"\x00\x01\x02 not a text export")
    return texts


def test_dask_gives_the_same_edition_and_manifest_as_the_local_executor(cluster, texts, tmp_path):
    inputs = sorted(texts.glob("*.txt"))
    local = build(inputs, tmp_path / "local", jobs=1, options=BuildOptions(volume=False))
    seen = []
    remote = build(inputs, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address,
                   options=BuildOptions(volume=False), progress=lambda r: seen.append(r.stem))
    assert remote.executor == "dask"
    assert edition_files(tmp_path / "dask") == edition_files(tmp_path / "local")
    assert len(list((tmp_path / "dask" / "pdf").glob("*.pdf"))) == 5
    # the failure is that document's alone, reported with its reason; the progress saw every document
    assert [d.stem for d in remote.failed] == ["broken"] == [d.stem for d in local.failed]
    assert "broken.txt: binary file" in remote.failed[0].error
    assert sorted(seen) == sorted(p.stem for p in inputs)
    report = json.loads((tmp_path / "dask" / "report.json").read_text())
    assert report["summary"]["built"] == 5 and report["summary"]["executor"] == "dask"
    assert report["summary"]["cpu_ms_per_document"]["documents"] == 6


def test_documents_batched_per_task_give_the_same_edition(cluster, texts, tmp_path, monkeypatch):
    from cablegram.edition import executors

    inputs = sorted(texts.glob("*.txt"))
    options = BuildOptions(pdf=False, volume=False)
    build(inputs, tmp_path / "local", jobs=1, options=options)
    monkeypatch.setattr(executors, "batch_size", lambda documents, threads: 4)  # 6 documents: tasks of 4 and 2
    seen = []
    result = build(inputs, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address, options=options,
                   progress=lambda r: seen.append(r.stem))
    assert edition_files(tmp_path / "dask") == edition_files(tmp_path / "local")
    assert sorted(seen) == sorted(p.stem for p in inputs) and [d.stem for d in result.failed] == ["broken"]


def test_batch_size_grows_with_the_corpus_not_beyond_the_limit():
    from cablegram.edition.executors import MAX_BATCH, batch_size

    assert batch_size(6, 4) == 1 and batch_size(200, 4) == 6 and batch_size(1_000_000, 64) == MAX_BATCH


def test_each_worker_compiles_once_not_per_document(cluster, texts, tmp_path):
    def compiled_states():
        from cablegram.edition import worker

        return worker.WorkerState.created

    client = distributed.Client(cluster)
    try:
        before = client.run(compiled_states)
        result = build(sorted(texts.glob("*.txt")), tmp_path / "a", executor="dask", scheduler=cluster.scheduler_address,
                       options=BuildOptions(pdf=False, volume=False))
        after = client.run(compiled_states)
    finally:
        client.close()
    # 6 documents on 4 workers: some worker built two or more, and still compiled exactly once
    assert len(result.documents) == 6 and len(after) == 4
    assert {worker: after[worker] - before[worker] for worker in after} == {worker: 1 for worker in after}


def test_the_command_starts_a_local_cluster_or_uses_a_scheduler(cluster, texts, tmp_path, capsys):
    (texts / "broken.txt").unlink()
    args = ["build", str(texts), "-o", str(tmp_path / "ed"), "--no-pdf"]
    assert main(args + ["--executor", "dask", "--jobs", "2", "-v"]) == 0  # no address: its own LocalCluster
    printed = capsys.readouterr().out
    assert printed.count("built ") == 5 and "dask executor" in printed
    assert main(args + ["--scheduler", cluster.scheduler_address]) == 0
    assert "nothing to rebuild" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_a_usage_problem(texts, tmp_path, capsys, monkeypatch):
    from cablegram.edition import executors

    monkeypatch.setattr(executors, "SCHEDULER_TIMEOUT", "2s")
    args = ["build", str(texts), "-o", str(tmp_path / "ed"), "--no-pdf", "-q"]
    assert main(args + ["--scheduler", "tcp://127.0.0.1:9"]) == 2  # port 9 (discard): nobody listens
    assert "cannot use the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    assert main(args + ["--scheduler", "localhost"]) == 2
    assert main(args + ["--executor", "process", "--scheduler", "tcp://127.0.0.1:9"]) == 2


class CrashOnDeadly(distributed.WorkerPlugin):
    """On every worker (restarted ones too): the document named 'deadly' ends its worker process, as a crash
    in native code would."""

    def setup(self, worker):
        import os

        from cablegram.edition import worker as module

        real = module._build

        def crashing(task, state):
            if task.stem == "deadly":
                os._exit(3)
            return real(task, state)

        module._build = crashing


def test_a_document_that_kills_its_dask_worker_fails_alone(monkeypatch):
    import logging

    import dask

    from cablegram.edition import executors
    from cablegram.edition.model import Task

    options = BuildOptions(pdf=False, volume=False, html=False)
    tasks = [Task(p.stem, str(p), "convert", p.read_bytes(), options, f"tei/{p.stem}.xml") for p in EXAMPLES]
    tasks.insert(1, Task("deadly", "deadly.txt", "convert", b"text", options, "tei/deadly.xml"))
    monkeypatch.setattr(executors, "batch_size", lambda documents, threads: 3)  # the deadly one shares a task
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL) as local:
            with executors.DaskExecutor(options, {}, 2, local.scheduler_address, expected=len(tasks)) as runner:
                runner.client.register_plugin(CrashOnDeadly(), name="crash-on-deadly")
                outcomes = {o.report.stem: o.report for o in runner.run(tasks)}
    assert {stem: r.status for stem, r in outcomes.items()} == {p.stem: "built" for p in EXAMPLES} | {"deadly": "failed"}
    assert "deadly.txt: the worker running this document failed" in outcomes["deadly"].error
