#!/usr/bin/env python3
"""The project's speed benchmark (issue 16): every figure of the speed targets, in one run, in one table.

Every measurement runs in a child process, timed from outside: wall time, and CPU time (user + system of
the child and everything it started: pool workers, Dask workers, pdftotext, Pagefind). So the same script
measures an older checkout too (`--src`), in the same run and the same conditions, for before/after tables:

    python benchmarks/bench_build.py                                # N = 1,000 documents, with PDF
    python benchmarks/bench_build.py -n 10000                       # the issue's 10,000 on 2 cores
    python benchmarks/bench_build.py -n 100000 --no-pdf             # growth to 100,000
    python benchmarks/bench_build.py --src /tmp/old/src --src src   # before | after, side by side
    python benchmarks/bench_build.py --dask 4                       # + a 4-worker LocalCluster vs a pool of 4

What it measures, for each source tree:
- per-document CPU: a serial build of a sample of the corpus (`--sample`, with the print edition): the
  median CPU per document of the worker (all stages) and per stage (convert, validate, HTML, PDF), as the
  build reports them (an older checkout without per-stage CPU: its per-stage wall times, marked "wall");
- the one-file commands as whole processes (`cablegram render html ONE.xml`, `cablegram validate ONE.xml`,
  and `--version` as the start-up floor): minimum and median of `--repeats` runs, wall and CPU;
- end to end: a build of N documents with `--jobs` processes (default 2), and of N/10 for the growth
  figure (time per document at N ÷ time per document at N/10: 1.00 is linear);
- the unchanged rebuild of the N documents (nothing to do: the survey, the planner, the reports).

The corpus is synthetic (benchmarks/generate_corpus.py: the examples with names, dates, numbers, lengths
and layouts varied), generated once under --work. The machine's load is printed before and after: on a
shared machine, compare CPU times, and before/after only within one run. The volume PDF is left out
(a book, not a per-document product). The targets column repeats the issue's; a figure measured at another
N than the target's is extrapolated linearly and marked "≈".
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

STAGES = ("convert", "validate", "html", "pdf")
TARGET_N = 10_000

# Runs in the child: a build with whichever package the source tree has (cablegram.edition, or the older
# cablegram.build), and a summary of its reports on stdout.
CHILD = r"""
import json, statistics, sys, time
from pathlib import Path
args = json.loads(sys.argv[1])
try:
    from cablegram import edition as b
except ImportError:
    from cablegram import build as b
if __name__ == "__main__":
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
    def median(values):
        values = [v for v in values if v is not None]
        return round(statistics.median(values), 2) if values else None
    stage_cpu = {k: median([getattr(d, "cpu_stage_ms", {}).get(k) for d in docs]) for k in ("convert", "validate", "html", "pdf")}
    stage_wall = {k: median([d.milliseconds.get(k) for d in docs]) for k in ("convert", "validate", "html", "pdf")}
    print(json.dumps({"seconds": seconds, "failed": len(result.failed), "rebuilt": len(docs),
                      "client_cpu_s": round(time.process_time(), 2),  # this process alone (not the workers)
                      "median_cpu_ms": median([getattr(d, "cpu_ms", None) for d in docs]),
                      "stage_cpu_ms": {k: v for k, v in stage_cpu.items() if v is not None},
                      "stage_wall_ms": {k: v for k, v in stage_wall.items() if v is not None}}))
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
    """The one-file commands as whole processes: minimum and median wall and CPU over `repeats` runs."""
    tei = work / "one" / "tei"
    if not tei.exists():
        example = sorted((REPO / "examples" / "texts").glob("*.txt"))[0]
        timed([sys.executable, "-m", "cablegram", "convert", str(example), "-o", str(tei)], src)
    one = sorted(tei.glob("*.xml"))[0]
    commands = {
        "render html ONE.xml": ["render", "html", str(one), "-o", str(work / "one" / "site")],
        "validate ONE.xml": ["validate", str(one)],
        "--version": ["--version"],
    }
    out = {}
    for label, argv in commands.items():
        timed([sys.executable, "-m", "cablegram", *argv], src)  # warm the bytecode cache and the disk
        runs = [timed([sys.executable, "-m", "cablegram", *argv], src, capture=False) for _ in range(repeats)]
        walls, cpus = [r[0] * 1000 for r in runs], [r[1] * 1000 for r in runs]
        out[label] = {"wall_min_ms": round(min(walls)), "cpu_min_ms": round(min(cpus)),
                      "wall_median_ms": round(statistics.median(walls)), "cpu_median_ms": round(statistics.median(cpus))}
    return out


def corpus(work: Path, n: int) -> Path:
    """The first n documents of the synthetic corpus (the same documents at every size)."""
    texts = work / f"texts-{n}"
    if not texts.exists() or len(list(texts.glob("*.txt"))) != n:
        shutil.rmtree(texts, ignore_errors=True)
        generate(n, texts)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--documents", type=int, default=1000, help="documents end to end (default 1,000)")
    parser.add_argument("--src", type=Path, action="append", help="a source tree to measure (repeat: before, after)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the end-to-end builds (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="end-to-end builds without the print edition")
    parser.add_argument("--sample", type=int, default=100, help="documents in the serial per-document sample (default 100)")
    parser.add_argument("--dask", type=int, metavar="W", help="also: a LocalCluster of W workers vs a pool of W (on the sample)")
    parser.add_argument("--repeats", type=int, default=7, help="runs of each one-file command (default 7)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["cpu", "one-file", "build", "growth", "unchanged"])
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "_corpus")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sources = [s.resolve() for s in (args.src or [REPO / "src"])]
    args.work.mkdir(parents=True, exist_ok=True)
    n, small = args.documents, max(1, args.documents // 10)
    print(f"machine: {machine()}\nload average at start: {load()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    results: dict[str, dict] = {str(s): {} for s in sources}
    pdf = not args.no_pdf
    for src in sources:
        r = results[str(src)]
        tag = src.parent.name or str(src)
        if "cpu" not in args.skip:  # per-document CPU, serial, with the print edition
            r["serial"] = build_run(src, corpus(args.work, args.sample), args.work / f"ed-{tag}-serial", jobs=1, pdf=True)
            print(f"[{tag}] serial sample of {args.sample}: {r['serial']}  (load {load()})", flush=True)
        if "one-file" not in args.skip:
            r["one_file"] = one_file(src, args.work / f"one-{tag}", args.repeats)
            print(f"[{tag}] one-file: {r['one_file']}  (load {load()})", flush=True)
        if "build" not in args.skip:
            sizes = ([small] if "growth" not in args.skip and small < n else []) + [n]
            for size in sizes:
                out = args.work / f"ed-{tag}-j{args.jobs}-{size}"
                row = r[f"build_{size}"] = build_run(src, corpus(args.work, size), out, jobs=args.jobs, pdf=pdf)
                print(f"[{tag}] N={size} jobs={args.jobs} pdf={pdf}: {row}  (load {load()})", flush=True)
                if size == n and "unchanged" not in args.skip:
                    again = r[f"unchanged_{size}"] = build_run(src, corpus(args.work, size), out, jobs=args.jobs, pdf=pdf, clean=False)
                    print(f"[{tag}] N={size} unchanged rebuild: {again}  (load {load()})", flush=True)
                shutil.rmtree(out, ignore_errors=True)
        if args.dask:
            texts = corpus(args.work, args.sample)
            for executor in ("process", "dask"):
                row = build_run(src, texts, args.work / f"ed-{tag}-{executor}", jobs=args.dask, pdf=pdf, executor=executor)
                if "unsupported" in row:
                    break
                r[f"{executor}_{args.dask}"] = row
                print(f"[{tag}] N={args.sample} {executor} x{args.dask}: {row}  (load {load()})", flush=True)
    print(f"load average at end: {load()}")
    table(results, args, sources, n, small)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "documents": n, "results": results}, indent=2))


def table(results: dict, args, sources: list[Path], n: int, small: int) -> None:
    names = [str(s) for s in sources]
    rows = []
    scale = TARGET_N / n
    approx = "" if n == TARGET_N else "≈ "

    def add(label: str, target: str, fn) -> None:
        cells = []
        for name in names:
            try:
                cells.append(fn(results[name]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("—")
        rows.append([label, target, *cells])

    def met(ok: bool) -> str:
        return " ✓" if ok else " ✗"

    add(f"per-document CPU, median, all stages incl. PDF (serial, {args.sample} docs)", "≤ 30 ms",
        lambda r: f"{r['serial']['median_cpu_ms']} ms{met(r['serial']['median_cpu_ms'] <= 30)}")
    for stage in STAGES:
        def cell(r, stage=stage):
            cpu = r["serial"].get("stage_cpu_ms", {})
            if stage in cpu:
                return f"{cpu[stage]} ms"
            return f"{r['serial'].get('stage_wall_ms', r['serial'].get('stages', {}))[stage]} ms wall"
        add(f"  {stage}: CPU per document, median", "", cell)
    add(f"process CPU ÷ documents (serial, {args.sample} docs, start-up included)", "",
        lambda r: f"{r['serial']['cpu_per_doc_ms']} ms")
    for label in ("render html ONE.xml", "validate ONE.xml", "--version"):
        target = "" if label == "--version" else "≤ 150 ms"
        add(f"`cablegram {label}`: wall / CPU, min of {args.repeats} (median)", target,
            lambda r, l=label: (f"{r['one_file'][l]['wall_min_ms']} / {r['one_file'][l]['cpu_min_ms']} ms "
                                f"({r['one_file'][l]['wall_median_ms']} / {r['one_file'][l]['cpu_median_ms']})"
                                + ("" if l == "--version" else met(r['one_file'][l]['wall_min_ms'] <= 150))))
    pdf_note = " --no-pdf" if args.no_pdf else ", PDF"
    for size in sorted({small, n}):
        add(f"N={size:,} end to end, --jobs {args.jobs}{pdf_note}: wall / CPU", "",
            lambda r, s=size: f"{r[f'build_{s}']['wall_s']} / {r[f'build_{s}']['cpu_s']} s")
    add(f"  {TARGET_N:,} end to end on {args.jobs} cores: wall (CPU ÷ {args.jobs} cores: an idle machine's wall)", "≤ 180 s",
        lambda r: f"{approx}{r[f'build_{n}']['wall_s'] * scale:.0f} s ({approx}{r[f'build_{n}']['cpu_s'] * scale / args.jobs:.0f} s)"
                  + met(r[f'build_{n}']['cpu_s'] * scale / args.jobs <= 180))
    add(f"  per-document CPU, median, in the N={n:,} build (the build's own figure)", "",
        lambda r: f"{r[f'build_{n}']['median_cpu_ms']} ms")
    add(f"N={n:,} unchanged rebuild: wall / CPU", "", lambda r: f"{r[f'unchanged_{n}']['wall_s']} / {r[f'unchanged_{n}']['cpu_s']} s")
    add(f"  {TARGET_N:,} unchanged: wall (CPU)", "≤ 3 s",  # not extrapolated: start-up is most of a small one
        lambda r: (f"{r[f'unchanged_{n}']['wall_s']} s ({r[f'unchanged_{n}']['cpu_s']} s)" + met(r[f'unchanged_{n}']['wall_s'] <= 3))
                  if n == TARGET_N else f"run -n {TARGET_N}")
    if small < n:
        add(f"growth N={small:,}→{n:,}: per document, wall × / CPU ×", "linear (≈ 1.0)",
            lambda r: f"{(r[f'build_{n}']['wall_s'] / n) / (r[f'build_{small}']['wall_s'] / small):.2f} / "
                      f"{(r[f'build_{n}']['cpu_s'] / n) / (r[f'build_{small}']['cpu_s'] / small):.2f}")
    if args.dask:
        for executor in ("process", "dask"):
            add(f"N={args.sample} {executor} ×{args.dask} workers{pdf_note}: wall / CPU (client's CPU)", "",
                lambda r, e=executor: f"{r[f'{e}_{args.dask}']['wall_s']} / {r[f'{e}_{args.dask}']['cpu_s']} s ({r[f'{e}_{args.dask}']['client_cpu_s']} s)")
    header = ["measure", "target", *[Path(name).parent.name or name for name in names]]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print()
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
    print(f"\n✓/✗: against the target on this run; {approx or ''}{'figures for 10,000 extrapolated linearly from N=' + format(n, ',') if approx else 'measured at 10,000'}. "
          f"CPU of the process tree (the build and its workers); wall time depends on the machine's load (printed above).")


if __name__ == "__main__":
    main()
