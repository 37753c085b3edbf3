"""Counts over a run's cell results, the tables printed and written, and the check against a committed baseline."""

import csv
import json
from collections import Counter, OrderedDict

from .execute import CSHARP_FAMILY, CellResult

RESULT_COLUMNS = ["file", "code_cell", "language", "status", "ename", "evalue", "seconds", "needs", "cause"]


def left_to_chance(rows):
    """The notebooks with a cell noted `chance` (cell-notes.csv): a run of them may end either way, and a failure may
    take the notebook's later cells with it (a dead kernel), so every cell of theirs is counted apart."""
    return {row.file for row in rows if "chance" in row.needs.split(";")}


def summarize(rows):
    chance = left_to_chance(rows)
    settled = [row for row in rows if row.file not in chance]
    notebooks = OrderedDict()
    for row in settled:
        notebooks.setdefault(row.file, []).append(row)
    family = [row for row in settled if row.language in CSHARP_FAMILY]
    other = [row for row in settled if row.language not in CSHARP_FAMILY]
    needing = [row for row in settled if row.needs]
    errors = [row for row in settled if row.status == "error"]
    return OrderedDict(
        notebooks=len(notebooks) + len(chance),
        cells=len(rows),
        clean_cells=sum(row.status == "ok" for row in settled),
        clean_notebooks=sum(all(row.status == "ok" for row in cells) for cells in notebooks.values()),
        csharp_cells=len(family),
        clean_csharp_cells=sum(row.status == "ok" for row in family),
        other_language_cells=len(other),
        clean_other_language_cells=sum(row.status == "ok" for row in other),
        cells_needing_what_is_not_here=len(needing),
        clean_cells_needing_what_is_not_here=sum(row.status == "ok" for row in needing),
        errors=len(errors),
        mismatches=sum(row.status == "mismatch" for row in settled),
        # A cell noted as looping until the user interrupts it (cell-notes.csv, `interrupt`) times out by design, under
        # .NET Interactive too: the harness interrupts it as a user would. Only the other timeouts are hangs.
        timeouts=sum(row.status == "timeout" and row.needs != "interrupt" for row in settled),
        interrupted_as_noted=sum(row.status == "timeout" and row.needs == "interrupt" for row in settled),
        dead_kernels=sum(row.status == "dead-kernel" for row in settled),
        not_run=sum(row.status == "not-run" for row in settled),
        cells_left_to_chance=sum(row.file in chance for row in rows),
        clean_cells_left_to_chance=sum(row.file in chance and row.status == "ok" for row in rows),
        errors_by_name=OrderedDict(Counter(row.ename or "(none)" for row in errors).most_common()),
    )


LABELS = OrderedDict(
    notebooks="notebooks",
    cells="code cells",
    clean_cells="clean cells",
    clean_notebooks="clean whole notebooks",
    csharp_cells="C#-family cells (C#, html, markdown, javascript, value)",
    clean_csharp_cells="clean C#-family cells",
    other_language_cells="other-language cells (F#, PowerShell, mermaid, ...)",
    clean_other_language_cells="clean other-language cells",
    cells_needing_what_is_not_here="cells needing what is not here (network, input, ...)",
    clean_cells_needing_what_is_not_here="clean cells among those",
    errors="cells with an error",
    mismatches="cells that ran but missed their expectation (idiom corpus)",
    timeouts="cells timed out (hangs)",
    interrupted_as_noted="cells that loop until interrupted, interrupted as noted",
    dead_kernels="dead kernels",
    not_run="cells not run (after a dead kernel or the notebook's time limit)",
    cells_left_to_chance="cells of notebooks whose own code leaves the outcome to chance (counted only here and in the first two rows)",
    clean_cells_left_to_chance="clean cells among those",
)


def format_table(named_summaries):
    """A Markdown table: one row per count, one column per run."""
    names = list(named_summaries)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key, label in LABELS.items():
        lines.append(f"| {label} | " + " | ".join(str(named_summaries[name][key]) for name in names) + " |")
    kinds = OrderedDict()
    for summary in named_summaries.values():
        for kind in summary["errors_by_name"]:
            kinds[kind] = True
    for kind in kinds:
        lines.append(f"| errors: `{kind}` | " + " | ".join(str(named_summaries[name]["errors_by_name"].get(kind, 0)) for name in names) + " |")
    return "\n".join(lines)


def format_notebooks(rows):
    """One line per notebook: clean/total and the first failing cell."""
    notebooks = OrderedDict()
    for row in rows:
        notebooks.setdefault(row.file, []).append(row)
    lines = []
    for file, cells in notebooks.items():
        clean = sum(row.status == "ok" for row in cells)
        first = next((row for row in cells if row.status != "ok"), None)
        where = f"  first: cell {first.code_cell} {first.status} {first.ename}" if first else ""
        lines.append(f"{clean:3d}/{len(cells):<3d} {file}{where}")
    return "\n".join(lines)


def write_results(rows, meta, csv_path, json_path):
    with open(csv_path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(RESULT_COLUMNS)
        for row in rows:
            writer.writerow([getattr(row, column) for column in RESULT_COLUMNS])
    with open(json_path, "w", encoding="utf-8") as stream:
        json.dump(OrderedDict(meta, summary=summarize(rows)), stream, indent=2)
        stream.write("\n")


def read_results(csv_path):
    with open(csv_path, newline="", encoding="utf-8") as stream:
        return [
            CellResult(**{**row, "code_cell": int(row["code_cell"]), "seconds": float(row["seconds"])})
            for row in csv.DictReader(stream)
        ]


def check_baseline(summary, baseline):
    """The ways the run fell below the committed baseline (empty when it did not)."""
    problems = []
    if summary["notebooks"] != baseline["notebooks"] or summary["cells"] != baseline["cells"]:
        problems.append(
            f"the corpus changed: {summary['notebooks']} notebooks, {summary['cells']} cells; the baseline has "
            f"{baseline['notebooks']} and {baseline['cells']} (update tests/corpus/baseline.json with the corpus)"
        )
    for key in ("clean_cells", "clean_notebooks"):
        if summary[key] < baseline[key]:
            problems.append(f"{LABELS[key]}: {summary[key]}, below the baseline's {baseline[key]}")
    for key in ("timeouts", "dead_kernels"):
        if summary[key] > baseline[key]:
            problems.append(f"{LABELS[key]}: {summary[key]}, above the baseline's {baseline[key]}")
    return problems
