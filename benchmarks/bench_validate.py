#!/usr/bin/env python3
"""Validation speed: cablegram validate vs jing, whole processes, same files, same schema, same run.

    python benchmarks/bench_validate.py                       # our customization, 1,000 documents
    python benchmarks/bench_validate.py --tei-all ../shared/reference/tei/tei_all.rng --equivalence
    python benchmarks/bench_validate.py --tei-all ... --before /tmp/base/src   # also an older checkout's src/

The corpus: `generate_corpus.py` makes N synthetic exports, `cablegram convert` turns them into TEI
(kept in benchmarks/_corpus/validate/; --corpus DIR uses a folder of TEI files instead). Jing is the
Debian package (installed if missing). Figures are wall-clock seconds of whole processes, so they include
start-up: the Python interpreter and imports for ours, the JVM for jing. "first" runs with an empty cache
folder; "repeated" is the median of further runs. A benchmark, not a test; the machine's load shows in
every figure, so compare rows of one run only.

--equivalence also compiles tei_all.rng whole (slow) and checks every corpus file and broken variants of
a sample (tests/rng_mutants.py) against it and against the reduced grammars: verdicts must be identical.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


CPU: list[float] = []  # CPU seconds (user + system) of the last process run, beside its wall-clock time


def run(cmd: list[str], env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed, proc


def env_for(src: Path, cache: Path | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    if cache is not None:
        env["CABLEGRAM_CACHE_DIR"] = str(cache)
    return env


def ours(src: Path, schema: Path | None, files: list[Path], cache: Path | None) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [PYTHON, "-m", "cablegram", "validate", *(["--schema", str(schema)] if schema else []), *map(str, files)]
    return run(cmd, env_for(src, cache))


def ensure_jing() -> str:
    jing = shutil.which("jing")
    if jing:
        return jing
    print("installing jing (Debian package) ...", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "jing"], check=True)
    return shutil.which("jing") or sys.exit("jing could not be installed")


def jing_errors(proc: subprocess.CompletedProcess) -> set[str]:
    """The files jing found invalid (it prints FILE:LINE:COL: error: ...)."""
    return {line.split(":")[0] for line in proc.stdout.splitlines() if ": error:" in line}


def ours_invalid(proc: subprocess.CompletedProcess) -> set[str]:
    return {line.split(":")[0] for line in proc.stdout.splitlines() if ": error:" in line}


def make_corpus(n: int, out: Path) -> list[Path]:
    tei = out / "tei"
    if tei.is_dir() and len(list(tei.glob("*.xml"))) == n:
        return sorted(tei.glob("*.xml"))
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([PYTHON, str(REPO / "benchmarks" / "generate_corpus.py"), str(n), str(out / "txt")], check=True,
                   env=env_for(REPO / "src"))
    subprocess.run([PYTHON, "-m", "cablegram", "convert", str(out / "txt"), "-o", str(tei), "-q"], check=False,
                   env=env_for(REPO / "src"), capture_output=True)
    return sorted(tei.glob("*.xml"))


def timed(fn) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one process run by `fn`."""
    wall, _ = fn()
    return wall, CPU[-1]


def median_of(k: int, fn) -> tuple[float, float]:
    runs = [timed(fn) for _ in range(k)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def single_file_rows(args, jing: str, sample: Path) -> list[tuple[str, tuple, tuple]]:
    rows = []
    versions = [("cablegram (this checkout)", REPO / "src", args.repeat)]
    if args.before:
        versions.append(("cablegram (--before)", args.before, 1))
    for label, src, repeat in versions:
        with tempfile.TemporaryDirectory() as cache:
            first = timed(lambda: ours(src, args.tei_all, [sample], Path(cache)))
            repeated = median_of(repeat, lambda: ours(src, args.tei_all, [sample], Path(cache)))
        rows.append((label, first, repeated))
    first = timed(lambda: run([jing, str(args.tei_all), str(sample)]))
    rows.append(("jing", first, median_of(args.repeat, lambda: run([jing, str(args.tei_all), str(sample)]))))
    return rows


def corpus_rows(args, jing: str, files: list[Path]) -> list[tuple[str, tuple, str]]:
    rows = []
    n = len(files)
    with tempfile.TemporaryDirectory() as cache:
        cold, proc = ours(REPO / "src", args.tei_all, files, Path(cache))
        cold_cpu = CPU[-1]
        ours_bad = ours_invalid(proc)
        warm = timed(lambda: ours(REPO / "src", args.tei_all, files, Path(cache)))
        entries = len(list(Path(cache).rglob("*.rng")))
        per_file = [timed(lambda f=f: ours(REPO / "src", args.tei_all, [f], Path(cache))) for f in files[: args.per_file]]
    rows.append(("cablegram, one process, empty cache", (cold, cold_cpu), f"{len(ours_bad)} invalid; {entries} reduced grammars cached"))
    rows.append(("cablegram, one process, warm cache", warm, ""))
    mean = (statistics.mean(w for w, _ in per_file), statistics.mean(c for _, c in per_file))
    rows.append((f"cablegram, one process per file (x{n} from a mean of {len(per_file)})", (mean[0] * n, mean[1] * n),
                 f"{mean[0]:.2f} s wall, {mean[1]:.2f} s CPU per file"))
    elapsed, proc = run([jing, str(args.tei_all), *map(str, files)])
    theirs_bad = jing_errors(proc)
    rows.append(("jing, one JVM for all files", (elapsed, CPU[-1]), f"{len(theirs_bad)} invalid"))
    per_file = [timed(lambda f=f: run([jing, str(args.tei_all), str(f)])) for f in files[: args.per_file]]
    mean = (statistics.mean(w for w, _ in per_file), statistics.mean(c for _, c in per_file))
    rows.append((f"jing, one JVM per file (x{n} from a mean of {len(per_file)})", (mean[0] * n, mean[1] * n),
                 f"{mean[0]:.2f} s wall, {mean[1]:.2f} s CPU per file"))
    agree = "same invalid files as jing" if ours_bad == theirs_bad else f"DIFFER from jing: {sorted(ours_bad ^ theirs_bad)[:5]}"
    rows.append(("verdicts", None, agree))
    return rows


def customization_rows(args, files: list[Path]) -> list[tuple[str, float, str]]:
    """Our own customization (RELAX NG + Schematron), in-process per document: what a build pays."""
    code = ("import sys, time\nfrom pathlib import Path\nfrom cablegram.validate import Validator\n"
            "files = [Path(p) for p in sys.argv[1:]]\nv = Validator()\nstart = time.process_time()\n"
            "errors = sum(d.severity == 'error' for f in files for d in v.validate_file(f))\n"
            "print(time.process_time() - start, errors)")
    versions = [("this checkout", REPO / "src")] + ([("--before", args.before)] if args.before else [])
    best: dict[str, tuple[float, str]] = {}
    for _ in range(3):  # alternated, best of three: the machine's load varies within a run
        for label, src in versions:
            _, proc = run([PYTHON, "-c", code, *map(str, files)], env_for(src))
            assert proc.returncode == 0, proc.stderr[-2000:]
            seconds, errors = proc.stdout.split()
            if label not in best or float(seconds) < best[label][0]:
                best[label] = (float(seconds), errors)
    return [(f"cablegram.rng + .sch in-process, CPU s ({label})", seconds, f"{seconds / len(files) * 1000:.1f} ms/doc, {errors} errors")
            for label, (seconds, errors) in best.items()]


def equivalence(args, files: list[Path]) -> str:
    sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]
    from lxml import etree
    from rng_mutants import grammar_names, mutants

    from cablegram.validate.relaxng import RelaxNGGrammar

    start = time.perf_counter()
    whole = etree.RelaxNG(etree.parse(str(args.tei_all)))
    compile_whole = time.perf_counter() - start
    reduced = RelaxNGGrammar(args.tei_all, cache_dir=False)
    elements, attributes = grammar_names(args.tei_all)
    docs = [(f.name, f.read_bytes()) for f in files]
    for f in files[:: max(1, len(files) // 50)]:
        docs += [(f"{f.name}: {label}", data) for label, data in mutants(f.read_bytes(), f.name, elements, attributes, 6)][1:]
    differ, invalid, same_line = [], 0, 0
    for label, data in docs:
        tree = etree.ElementTree(etree.fromstring(data))
        verdict = whole.validate(tree)
        lines = {e.line for e in whole.error_log}
        found = reduced.check(tree, label)
        if verdict != (not found):
            differ.append(label)
        if not verdict:
            invalid += 1
            same_line += bool(found) and found[0].line in lines
    return (f"{len(docs)} documents ({invalid} invalid): verdict differences {len(differ)} {differ[:5]}; "
            f"first reported error on a line the whole grammar names: {same_line}/{invalid}; "
            f"tei_all compiled whole in {compile_whole:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, help="a folder of TEI files to use instead of a generated corpus")
    parser.add_argument("--tei-all", type=Path, help="compare on the official tei_all.rng")
    parser.add_argument("--before", type=Path, help="the src/ folder of an older checkout, for before/after rows")
    parser.add_argument("--repeat", type=int, default=5, help="runs for the median of a repeated run")
    parser.add_argument("--per-file", type=int, default=20, help="files for the one-process-per-file means")
    parser.add_argument("--equivalence", action="store_true")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.xml"))[: args.n] if args.corpus else make_corpus(args.n, REPO / "benchmarks" / "_corpus" / "validate")
    jing = ensure_jing()
    load = os.getloadavg()[0]
    print(f"{len(files)} documents, {sum(p.stat().st_size for p in files) / len(files) / 1024:.1f} kB each on average; "
          f"load average {load:.1f} on {os.cpu_count()} cores")
    print(f"\n{'our customization':58} {'seconds':>9}")
    for label, seconds, note in customization_rows(args, files):
        print(f"{label:58} {seconds:9.2f}  {note}")
    if not args.tei_all:
        return
    print(f"\n{'tei_all.rng, one file, whole process (seconds)':58} {'first':>15} {'repeated':>15}")
    print(f"{'':58} {'wall':>7} {'CPU':>7} {'wall':>7} {'CPU':>7}")
    for label, first, repeated in single_file_rows(args, jing, files[0]):
        print(f"{label:58} {first[0]:7.2f} {first[1]:7.2f} {repeated[0]:7.2f} {repeated[1]:7.2f}")
    print(f"\n{'tei_all.rng, %d files (seconds)' % len(files):58} {'wall':>7} {'CPU':>7}")
    for label, seconds, note in corpus_rows(args, jing, files):
        print(f"{label:58} {seconds[0]:7.2f} {seconds[1]:7.2f}  {note}" if seconds else f"{label:58} {'':15}  {note}")
    if args.equivalence:
        print("\nequivalence:", equivalence(args, files))


if __name__ == "__main__":
    main()
