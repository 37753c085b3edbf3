"""Our own idiom corpus (tests/corpus/idioms/): its notebooks, their expectations, and the folder they run in.

Unlike the public corpus, these notebooks are ours and committed, every code cell carries an expectation
(harness/expect.py), and they may use files beside them (`files/`): a `.csx` to `#load`, data to read, and the
source of a small class library that `prepare` builds, so a cell can `#r` its DLL by a relative path as people `#r`
their own project's build output. Each notebook runs in a scratch copy of the prepared folder.
"""

import os
import shutil
import subprocess
import tempfile

from .execute import code_cells, load_notebook
from .expect import ExpectationError, cell_expectation, validate
from .manifest import Entry

NOTEBOOK_SUFFIXES = (".ipynb", ".dib")
LIBRARY_OUTPUT = os.path.join("files", "lib")  # where each files/*/ project's DLL goes, relative to the folder


def idiom_entries(folder):
    """One entry per notebook in the folder (not its subfolders), in name order."""
    files = sorted(name for name in os.listdir(folder) if name.endswith(NOTEBOOK_SUFFIXES))
    return [Entry(file=name, repository="", commit="", path=name, licence="", sha256="", exercises="", needs="") for name in files]


def expectation_problems(folder):
    """Every code cell without a valid expectation, and every expectation keyed to no code cell, as 'file: ...'."""
    problems = []
    for entry in idiom_entries(folder):
        path = os.path.join(folder, entry.file)
        try:
            notebook = load_notebook(path)
        except Exception as error:  # a notebook nbformat or the .dib reader cannot read
            problems.append(f"{path}: cannot be read: {error}")
            continue
        numbers = []
        for number, (_, cell, _, _) in enumerate(code_cells(notebook), 1):
            numbers.append(number)
            expect = cell_expectation(cell, notebook, number)
            if expect is None:
                problems.append(f"{path}: code cell {number} has no expectation")
                continue
            try:
                validate(expect, f"{path}: code cell {number}")
            except ExpectationError as error:
                problems.append(str(error))
        keyed = ((notebook.metadata.get("polyglot_notebook") or {}).get("corpus") or {}).get("expect") or {}
        for key in keyed:
            if not key.isdigit() or int(key) not in numbers:
                problems.append(f"{path}: #!meta corpus.expect has '{key}', which is no code cell (1..{len(numbers)})")
        if not numbers:
            problems.append(f"{path}: no code cells")
    return problems


class PrepareError(Exception):
    pass


def prepare(folder):
    """A temporary copy of the folder with every files/*/*.csproj built into files/lib/; the caller removes it."""
    staging = tempfile.mkdtemp(prefix="idioms-")
    try:
        shutil.copytree(folder, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns("bin", "obj", "__pycache__"))
        files = os.path.join(staging, "files")
        projects = []
        if os.path.isdir(files):
            for name in sorted(os.listdir(files)):
                project_dir = os.path.join(files, name)
                projects += [os.path.join(project_dir, item) for item in sorted(os.listdir(project_dir)) if item.endswith(".csproj")] if os.path.isdir(project_dir) else []
        for project in projects:
            # No build servers: nothing of ours may outlive the run.
            command = ["dotnet", "build", project, "-c", "Release", "-o", os.path.join(staging, LIBRARY_OUTPUT),
                       "--nologo", "-v", "q", "-nodeReuse:false", "-p:UseSharedCompilation=false"]
            try:
                result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise PrepareError(f"building {os.path.relpath(project, staging)} failed: {error}") from error
            if result.returncode != 0:
                detail = (result.stdout + result.stderr).strip().splitlines()[-5:]
                raise PrepareError(f"building {os.path.relpath(project, staging)} failed:\n  " + "\n  ".join(detail))
        return staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
