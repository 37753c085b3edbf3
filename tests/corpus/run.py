#!/usr/bin/python3
"""Runs the corpus of public .NET Interactive notebooks through a Jupyter kernel and counts what ran cleanly.

    /usr/bin/python3 tests/corpus/run.py                          # the kernelspec `csharp` (JUPYTER_PATH decides which)
    /usr/bin/python3 tests/corpus/run.py --kernel .net-csharp --label dotnet-interactive-1.0.712001 --save
    /usr/bin/python3 tests/corpus/run.py --check tests/corpus/baseline.json   # CI: exit 1 when the counts fall
    /usr/bin/python3 tests/corpus/run.py --compare results/A.csv results/B.csv  # cells one run ran and the other did not
    /usr/bin/python3 tests/corpus/run.py --idioms --check tests/corpus/idioms-baseline.json   # our own idiom corpus

See tests/corpus/README.md for what is measured and how the notebooks get into the corpus folder.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from harness.execute import RunOptions, attach_causes, run_notebook  # noqa: E402
from harness.idioms import PrepareError, expectation_problems, idiom_entries, prepare  # noqa: E402
from harness.manifest import ManifestError, read_manifest, verify_files  # noqa: E402
from harness.report import (  # noqa: E402
    check_baseline,
    format_notebooks,
    format_table,
    read_results,
    summarize,
    write_results,
)


IDIOMS = os.path.join(HERE, "idioms")


def corpus_candidates():
    # Nothing outside the repository is looked at unless named: $BAROMETER_CORPUS_DIR, else the git-ignored folder
    # that materialize.py fills.
    if os.environ.get("BAROMETER_CORPUS_DIR"):
        return [os.environ["BAROMETER_CORPUS_DIR"]]
    return [os.path.join(HERE, "notebooks")]


def find_corpus(explicit):
    if explicit:
        return explicit if os.path.isdir(explicit) else None
    return next((path for path in corpus_candidates() if os.path.isdir(path)), None)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernel", default="csharp", help="kernelspec name (default: csharp)")
    parser.add_argument("--label", help="name of this run in tables and result files (default: kernel name + version)")
    parser.add_argument("--corpus", help="folder holding the notebooks (default: $BAROMETER_CORPUS_DIR when set, else tests/corpus/notebooks, which materialize.py fills)")
    parser.add_argument("--manifest", default=os.path.join(HERE, "manifest.csv"))
    parser.add_argument("--notes", default=os.path.join(HERE, "cell-notes.csv"))
    parser.add_argument("--only", action="append", default=[], help="run only notebooks whose file contains this text (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks at once (default 2)")
    parser.add_argument("--cell-timeout", type=int, default=120, help="seconds a cell may take (default 120)")
    parser.add_argument("--package-timeout", type=int, default=180, help="seconds for a cell with #r \"nuget:\" (default 180)")
    parser.add_argument("--notebook-timeout", type=int, default=300, help="seconds a notebook may take (default 300)")
    parser.add_argument("--save", action="store_true", help="write results/<label>.csv and .json")
    parser.add_argument("--out", help="folder for --save (default tests/corpus/results)")
    parser.add_argument("--executed", metavar="DIR", help="also write each executed notebook, with its outputs, under DIR")
    parser.add_argument("--check", metavar="BASELINE", help="exit 1 when clean cells or notebooks fall below this baseline, or timeouts or dead kernels rise")
    parser.add_argument("--require-corpus", action="store_true", help="a missing corpus folder is an error, not a skip")
    parser.add_argument("--idioms", nargs="?", const=IDIOMS, metavar="DIR",
                        help=f"run our own idiom corpus (default {os.path.relpath(IDIOMS)}): every cell judged by its expectation")
    parser.add_argument("--compare", nargs=2, metavar=("A.csv", "B.csv"), help="print the cells that one saved run ran cleanly and the other did not, then exit")
    return parser.parse_args(argv)


def idiom_corpus(args):
    """(entries, folder, options' scratch template, cleanup) for --idioms, or an exit code."""
    folder = args.idioms
    if not os.path.isdir(folder):
        print(f"error: no idiom corpus at {folder}", file=sys.stderr)
        return 2
    problems = expectation_problems(folder)
    if problems:
        print("error: the idiom corpus has cells without a valid expectation:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    try:
        staging = prepare(folder)
    except PrepareError as error:
        print(f"error: preparing the idiom corpus: {error}", file=sys.stderr)
        return 2
    return idiom_entries(folder), folder, staging


def compare(a_path, b_path, corpus):
    """Both runs' counts side by side, then the cells one ran cleanly and the other did not, grouped by cause."""
    a = {(row.file, row.code_cell): row for row in attach_causes(read_results(a_path), corpus)}
    b = {(row.file, row.code_cell): row for row in attach_causes(read_results(b_path), corpus)}
    a_name, b_name = (os.path.splitext(os.path.basename(path))[0] for path in (a_path, b_path))
    print(format_table({a_name: summarize(list(a.values())), b_name: summarize(list(b.values()))}))
    for first, second, first_name, second_name in ((a, b, a_name, b_name), (b, a, b_name, a_name)):
        differing = [key for key in first if first[key].status == "ok" and key in second and second[key].status != "ok"]
        print(f"\n## clean under {first_name}, not under {second_name}: {len(differing)} cells")
        by_cause = {}
        for key in differing:
            by_cause.setdefault(second[key].cause, []).append(second[key])
        for cause, rows in sorted(by_cause.items(), key=lambda item: (-len(item[1]), item[0])):
            print(f"\n### {cause} ({len(rows)})\n")
            for row in rows:
                print(f"- `{row.file}` cell {row.code_cell}: {row.ename} {row.evalue[:150]}")
    return 0


def main(argv):
    args = parse_args(argv)
    if args.compare:
        corpus = args.idioms or find_corpus(args.corpus)
        if corpus is None:
            print("error: --compare reads the cells' text from the corpus folder, and there is none", file=sys.stderr)
            return 2
        return compare(*args.compare, corpus)
    if args.idioms:
        prepared = idiom_corpus(args)
        if isinstance(prepared, int):
            return prepared
        entries, corpus, staging = prepared
        try:
            return measure(args, entries, corpus, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    try:
        entries = read_manifest(args.manifest, args.notes)
    except ManifestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    corpus = find_corpus(args.corpus)
    if corpus is None:
        where = args.corpus or " or ".join(corpus_candidates())
        message = f"corpus: no notebooks at {where}; see tests/corpus/README.md (\"Getting the notebooks\")"
        if args.require_corpus or args.corpus:
            print(f"error: {message}", file=sys.stderr)
            return 2
        print(f"{message}: SKIPPED, nothing was measured")
        return 0
    problems = verify_files(entries, corpus)
    if problems:
        print("error: the corpus folder does not hold the manifest's files:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    return measure(args, entries, corpus, None)


def measure(args, entries, corpus, scratch_template):
    """Runs the entries, prints the tables, saves and checks as asked; returns the exit code."""
    if args.only:
        entries = [entry for entry in entries if any(text in entry.file for text in args.only)]

    options = RunOptions(args.kernel, args.cell_timeout, args.package_timeout, args.notebook_timeout,
                         scratch_template=scratch_template, executed_dir=args.executed and os.path.abspath(args.executed))
    kernel_info = describe_kernel(args.kernel)
    label = args.label or f"{'idioms-' if scratch_template else ''}{args.kernel}-{kernel_info.get('implementation_version', 'unknown')}"
    what = "idiom corpus" if scratch_template else "corpus"
    print(f"{what}: {len(entries)} notebooks from {corpus} through kernel '{args.kernel}' ({kernel_info.get('implementation', '?')} "
          f"{kernel_info.get('implementation_version', '?')}), {args.jobs} at once", flush=True)
    started = time.monotonic()
    results = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_notebook, entry, corpus, options): entry for entry in entries}
        for future in concurrent.futures.as_completed(futures):
            entry = futures[future]
            rows = future.result()
            results[entry.file] = rows
            clean = sum(row.status == "ok" for row in rows)
            print(f"  {clean:3d}/{len(rows):<3d} clean  {entry.file}", flush=True)
    rows = attach_causes([row for entry in entries for row in results[entry.file]], corpus)
    elapsed = time.monotonic() - started
    summary = summarize(rows)

    print(f"\n{format_notebooks(rows)}\n")
    print(format_table({label: summary}))
    print(f"\n{what} run: {elapsed:.0f} s wall, {args.jobs} at once, load average {os.getloadavg()[0]:.1f}")

    if args.save:
        out = args.out or os.path.join(HERE, "results")
        os.makedirs(out, exist_ok=True)
        meta = {
            "label": label,
            "kernel": args.kernel,
            "kernel_info": kernel_info,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "wall_seconds": round(elapsed),
            "jobs": args.jobs,
            "cell_timeout": args.cell_timeout,
            "package_timeout": args.package_timeout,
            "notebook_timeout": args.notebook_timeout,
            "load_average_at_end": round(os.getloadavg()[0], 1),
        }
        write_results(rows, meta, os.path.join(out, f"{label}.csv"), os.path.join(out, f"{label}.json"))
        print(f"wrote {out}/{label}.csv and .json")

    if args.check:
        with open(args.check, encoding="utf-8") as stream:
            baseline = json.load(stream)
        problems = check_baseline(summary, baseline)
        if problems:
            print(f"\n{what} check FAILED:\n  " + "\n  ".join(problems))
            return 1
        print(f"\n{what} check passed: {summary['clean_cells']} clean cells (baseline {baseline['clean_cells']}), "
              f"{summary['clean_notebooks']} clean notebooks (baseline {baseline['clean_notebooks']})")
    return 0


def describe_kernel(name):
    """The kernelspec's argv and the kernel's own kernel_info (implementation, version)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import start_new_kernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        print(f"error: no kernelspec named '{name}' (is JUPYTER_PATH set?)", file=sys.stderr)
        sys.exit(2)
    info = {"argv": spec.argv}
    manager, client = start_new_kernel(kernel_name=name, startup_timeout=120)
    try:
        client.kernel_info()
        reply = client.get_shell_msg(timeout=60)["content"]
        info.update(implementation=reply.get("implementation"), implementation_version=reply.get("implementation_version"),
                    language_version=reply.get("language_info", {}).get("version"))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return info


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
