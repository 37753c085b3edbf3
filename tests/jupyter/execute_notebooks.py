"""Execute notebooks through a Jupyter kernel with nbclient, the way CI and papermill users run them.

Usage: python3 execute_notebooks.py KERNEL_NAME OUT_DIR NOTEBOOK...

Each notebook runs in its own kernel (started from the kernelspec KERNEL_NAME, found on JUPYTER_PATH) with the
notebook's folder as working directory. The executed copies go to OUT_DIR. Exit status 1 when any notebook
raised, or when any cell produced an `error` output; every problem is printed as `notebook: cell N: ename: evalue`.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError, CellTimeoutError


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    kernel_name, out_dir, paths = argv[1], argv[2], argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    problems = []
    for path in paths:
        started = time.monotonic()
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name=kernel_name,
            timeout=600,
            startup_timeout=120,
            allow_errors=False,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        status = "ok"
        try:
            client.execute()
        except (CellExecutionError, DeadKernelError, CellTimeoutError) as error:
            status = type(error).__name__
            first = str(error).strip().splitlines()
            problems.append(f"{path}: {type(error).__name__}: {first[-1] if first else ''}")
        for number, cell in enumerate(nb.cells, start=1):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    problems.append(f"{path}: cell {number}: {output.get('ename')}: {output.get('evalue')}")
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        executed = sum(1 for c in code_cells if c.get("execution_count"))
        target = os.path.join(out_dir, os.path.basename(path))
        nbformat.write(nb, target)
        print(f"{path}: {status}, {executed}/{len(code_cells)} code cells executed in {time.monotonic() - started:.2f} s")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"nbclient: {len(paths) - len({p.split(':')[0] for p in problems})} of {len(paths)} notebooks ran without errors")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
