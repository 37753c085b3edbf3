"""Executes every shipped notebook through the installed C# kernel with Jupyter's nbclient (as papermill does).

    /usr/bin/python3 tests/jupyter/run_notebooks_nbclient.py [NOTEBOOK...]   (default: notebooks/*.ipynb)

Each notebook runs in a fresh kernel started in its own folder. Fails (exit 1) when a notebook does not finish,
has an error output, or is not valid nbformat; nothing is written. CSHARP_KERNEL_NAME selects the kernelspec.
"""

import glob
import os
import sys
import time

import nbformat
from nbclient import NotebookClient

KERNEL = os.environ.get("CSHARP_KERNEL_NAME", "csharp")


def main(paths):
    failures = 0
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        started = time.monotonic()
        client = NotebookClient(notebook, kernel_name=KERNEL, timeout=600, resources={"metadata": {"path": os.path.dirname(path) or "."}})
        try:
            client.execute()
        except Exception as error:  # nbclient raises CellExecutionError, DeadKernelError, timeouts...
            failures += 1
            print(f"{path}: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            continue
        errors = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", []) if output.output_type == "error"]
        nbformat.validate(notebook)
        if errors:
            failures += 1
            print(f"{path}: {len(errors)} error output(s): {errors[0].ename}: {errors[0].evalue}", file=sys.stderr)
        else:
            print(f"{path}: ok in {time.monotonic() - started:.1f} s")
    print(f"nbclient: {len(paths) - failures} of {len(paths)} notebooks ran through the '{KERNEL}' kernel without errors")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or sorted(glob.glob("notebooks/*.ipynb"))))
