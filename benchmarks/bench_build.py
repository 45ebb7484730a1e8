#!/usr/bin/env python3
"""Benchmark the build and the one-file commands; print a table. A benchmark script, not a test.

Every measurement runs in a child process, timed from outside: wall time, and CPU time (user + system
of the child and everything it started: pool workers, Dask workers). So the same script measures an older
checkout too (`--src`), in the same run and the same conditions, for before/after tables:

    python benchmarks/bench_build.py                               # this checkout
    python benchmarks/bench_build.py --src /tmp/old/src --src src   # before | after, side by side
    python benchmarks/bench_build.py --sizes 1000 10000 --no-pdf    # growth, without the print edition
    python benchmarks/bench_build.py --dask 4                       # + a 4-worker LocalCluster vs the pool

What it measures, per source tree:
- per-document CPU: a serial build of the smallest corpus; the median of the per-document CPU the build
  reports (this checkout), and the median of the per-document stage times (any checkout);
- one-file commands as whole processes: `cablegram render html ONE.xml`, `cablegram validate ONE.xml`;
- an unchanged rebuild of each corpus (nothing to do: the planner's survey, the reports);
- end-to-end builds with --jobs J (process pool) for each size, and the growth per document;
- with --dask W: the same corpus on a LocalCluster of W single-threaded workers, and on a pool of W.

The machine's load is printed before and after: on a shared machine, compare CPU times, and compare
before/after only within one run. The volume PDF is left out (a book, not a per-document product).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_corpus import generate  # noqa: E402

# Runs in the child: a build with whichever package the source tree has (cablegram.edition, or the older
# cablegram.build), and a summary of the reports on stdout.
CHILD = r"""
import json, statistics, sys, time
from pathlib import Path
args = json.loads(sys.argv[1])
try:
    from cablegram import edition as b
except ImportError:
    from cablegram import build as b
opts = b.BuildOptions(pdf=args["pdf"], volume=False)
kw = dict(jobs=args["jobs"], options=opts)
if args.get("executor"):
    import inspect
    if "executor" not in inspect.signature(b.build).parameters:
        print(json.dumps({"unsupported": "this checkout has no executor option"}))
        sys.exit(0)
    kw["executor"] = args["executor"]
start = time.perf_counter()
result = b.build(sorted(Path(args["texts"]).glob("*.txt")), Path(args["out"]), **kw)
seconds = time.perf_counter() - start
docs = [d for d in result.documents if d.status != "unchanged"]
stage_sums = [sum(d.milliseconds.values()) for d in docs if d.milliseconds]
cpu = [d.cpu_ms for d in docs if getattr(d, "cpu_ms", None) is not None]
stages = {k: round(statistics.median([d.milliseconds[k] for d in docs if k in d.milliseconds]), 2)
          for k in ("convert", "validate", "html", "pdf") if any(k in d.milliseconds for d in docs)}
print(json.dumps({"seconds": seconds, "failed": len(result.failed), "rebuilt": len(docs),
                  "client_cpu_s": round(time.process_time(), 2),  # this process alone (not the workers)
                  "median_stage_sum_ms": round(statistics.median(stage_sums), 2) if stage_sums else None,
                  "median_cpu_ms": round(statistics.median(cpu), 2) if cpu else None, "stages": stages}))
"""


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def timed(cmd: list[str], src: Path, capture: bool = True) -> tuple[float, float, str]:
    """(wall s, CPU s of the process tree, stdout). Bytecode is cached (as after `pip install`), outside
    the source tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), PYTHONPYCACHEPREFIX=str(Path("/tmp") / "cablegram-bench-pycache"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout or ""


def build_run(src: Path, texts: Path, out: Path, *, jobs: int, pdf: bool, executor: str | None = None, clean=True) -> dict:
    if clean:
        shutil.rmtree(out, ignore_errors=True)
    args = {"texts": str(texts), "out": str(out), "jobs": jobs, "pdf": pdf, "executor": executor}
    wall, cpu, stdout = timed([sys.executable, "-c", CHILD, json.dumps(args)], src)
    lines = stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"the build printed nothing (CPU {cpu:.1f} s)")
    row = json.loads(lines[-1])
    if "unsupported" in row:
        return row
    n = len(list(texts.glob("*.txt")))
    row.update(wall_s=round(wall, 2), cpu_s=round(cpu, 2), n=n, cpu_per_doc_ms=round(cpu / n * 1000, 1))
    return row


def one_file(src: Path, work: Path, repeats: int) -> dict:
    """The one-file commands as whole processes: median wall and CPU over `repeats` runs."""
    tei = work / "one" / "tei"
    if not tei.exists():
        example = sorted((REPO / "examples" / "texts").glob("*.txt"))[0]
        timed([sys.executable, "-m", "cablegram", "convert", str(example), "-o", str(tei)], src)
    one = sorted(tei.glob("*.xml"))[0]
    commands = {
        "render html ONE.xml": ["render", "html", str(one), "-o", str(work / "one" / "site")],
        "validate ONE.xml": ["validate", str(one)],
        "--version (start-up floor)": ["--version"],
    }
    out = {}
    for label, argv in commands.items():
        timed([sys.executable, "-m", "cablegram", *argv], src)  # warm the bytecode cache and the disk
        runs = [timed([sys.executable, "-m", "cablegram", *argv], src, capture=False) for _ in range(repeats)]
        out[label] = {"wall_ms": round(statistics.median(r[0] for r in runs) * 1000), "cpu_ms": round(statistics.median(r[1] for r in runs) * 1000)}
    return out


def corpus(work: Path, n: int) -> Path:
    texts = work / f"texts-{n}"
    if not texts.exists() or len(list(texts.glob("*.txt"))) != n:
        shutil.rmtree(texts, ignore_errors=True)
        generate(n, texts)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, action="append", help="a source tree to measure (repeat: before, after)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--jobs", type=int, default=2, help="processes for the end-to-end builds (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="end-to-end builds without the print edition")
    parser.add_argument("--dask", type=int, metavar="W", help="also: a LocalCluster of W workers vs a pool of W")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each one-file command")
    parser.add_argument("--skip", nargs="*", default=[], choices=["cpu", "one-file", "build", "unchanged"])
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "_corpus")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sources = [s.resolve() for s in (args.src or [REPO / "src"])]
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}\nload average at start: {load()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    results: dict[str, dict] = {str(s): {} for s in sources}
    small = min(args.sizes)
    pdf = not args.no_pdf
    for src in sources:
        r = results[str(src)]
        tag = src.parent.name or str(src)
        if "cpu" not in args.skip:  # per-document CPU, serial, with the print edition
            r["serial"] = build_run(src, corpus(args.work, small), args.work / f"ed-{tag}-serial-{small}", jobs=1, pdf=True)
            print(f"[{tag}] serial N={small}: {r['serial']}", flush=True)
        if "one-file" not in args.skip:
            r["one_file"] = one_file(src, args.work / f"one-{tag}", args.repeats)
            print(f"[{tag}] one-file: {r['one_file']}", flush=True)
        if "build" not in args.skip:
            for n in args.sizes:
                out = args.work / f"ed-{tag}-j{args.jobs}-{n}"
                row = r[f"build_{n}"] = build_run(src, corpus(args.work, n), out, jobs=args.jobs, pdf=pdf)
                print(f"[{tag}] N={n} jobs={args.jobs} pdf={pdf}: {row}  (load {load()})", flush=True)
                if "unchanged" not in args.skip:
                    again = r[f"unchanged_{n}"] = build_run(src, corpus(args.work, n), out, jobs=args.jobs, pdf=pdf, clean=False)
                    print(f"[{tag}] N={n} unchanged rebuild: {again}", flush=True)
                shutil.rmtree(out, ignore_errors=True)
        if args.dask:
            texts = corpus(args.work, small)
            for executor in ("process", "dask"):
                row = build_run(src, texts, args.work / f"ed-{tag}-{executor}", jobs=args.dask, pdf=pdf, executor=executor)
                if "unsupported" in row:
                    break
                r[f"{executor}_{args.dask}"] = row
                print(f"[{tag}] N={small} {executor} x{args.dask}: {row}  (load {load()})", flush=True)
    print(f"load average at end: {load()}")
    table(results, args, sources)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2))


def table(results: dict, args, sources: list[Path]) -> None:
    names = [str(s) for s in sources]
    rows = []

    def add(label: str, fn) -> None:
        cells = []
        for name in names:
            try:
                cells.append(fn(results[name]))
            except (KeyError, TypeError):
                cells.append("—")
        rows.append([label, *cells])

    small = min(args.sizes)
    add(f"per-doc CPU, median of the build's own figure (N={small}, serial, PDF)", lambda r: f"{r['serial']['median_cpu_ms']} ms" if r['serial']['median_cpu_ms'] else "—")
    add(f"per-doc stage times, median sum (N={small}, serial, PDF)", lambda r: f"{r['serial']['median_stage_sum_ms']} ms")
    add(f"process CPU / documents (N={small}, serial, PDF, incl. start-up)", lambda r: f"{r['serial']['cpu_per_doc_ms']} ms")
    for label in ("render html ONE.xml", "validate ONE.xml", "--version (start-up floor)"):
        add(f"`cablegram {label}`: wall / CPU", lambda r, l=label: f"{r['one_file'][l]['wall_ms']} / {r['one_file'][l]['cpu_ms']} ms")
    for n in args.sizes:
        add(f"N={n} end to end, --jobs {args.jobs}{' --no-pdf' if args.no_pdf else ''}: wall / CPU",
            lambda r, n=n: f"{r[f'build_{n}']['wall_s']} / {r[f'build_{n}']['cpu_s']} s")
        add(f"N={n} unchanged rebuild: wall / CPU", lambda r, n=n: f"{r[f'unchanged_{n}']['wall_s']} / {r[f'unchanged_{n}']['cpu_s']} s")
    if len(args.sizes) > 1:
        for n in args.sizes[1:]:
            add(f"growth N={small}→{n}: wall per document ×", lambda r, n=n: f"{(r[f'build_{n}']['wall_s'] / n) / (r[f'build_{small}']['wall_s'] / small):.2f}")
    if args.dask:
        for executor in ("process", "dask"):
            add(f"N={small} {executor} ×{args.dask} workers{' --no-pdf' if args.no_pdf else ', PDF'}: wall / CPU (client's CPU)",
                lambda r, e=executor: f"{r[f'{e}_{args.dask}']['wall_s']} / {r[f'{e}_{args.dask}']['cpu_s']} s ({r[f'{e}_{args.dask}']['client_cpu_s']} s)")
    header = ["measure", *[Path(n).parent.name or n for n in names]]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print()
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")


if __name__ == "__main__":
    main()
