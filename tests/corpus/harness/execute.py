"""Runs one corpus notebook through a Jupyter kernel with nbclient and says, cell by cell, what happened.

Every code cell is tried (``allow_errors``); a cell past its timeout is recorded as ``timeout`` and the kernel is
interrupted before the next cell; a kernel that dies is recorded on the cell it died in and the cells after it are
``not-run``; past the notebook's own time limit the remaining cells are ``not-run`` too. The kernel runs in a fresh
scratch folder, removed afterwards.
"""

import asyncio
import fcntl
import os
import re
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from .causes import classify
from .dib import is_known_kernel, normalize_kernel, read_dib
from .expect import cell_expectation, unmet

# Cells in these languages are what a C# kernel that runs .NET Interactive notebooks is expected to run: C# itself,
# and the cells whose text .NET Interactive displays as a MIME type or stores as a value.
CSHARP_FAMILY = {"csharp", "html", "markdown", "javascript", "value"}

PACKAGE_LINE = re.compile(r'^\s*#[ri]\s+"nuget:', re.M)

STARTUP_LOCK = os.path.join(tempfile.gettempdir(), "barometer-corpus-kernel-start.lock")

# A compiler diagnostic in a cell's stderr: .NET Interactive sends the error itself as "compilation error" only.
DIAGNOSTIC = re.compile(r"error (?:CS|NU)\d{4}:[^\n]*")


@dataclass
class CellResult:
    file: str
    code_cell: int  # 1-based among the notebook's code cells
    language: str
    status: str  # ok | error | mismatch | timeout | dead-kernel | not-run
    ename: str
    evalue: str
    seconds: float
    needs: str
    cause: str = ""  # a first guess at why it failed (harness/causes.py)


@dataclass
class RunOptions:
    kernel: str
    cell_timeout: int
    package_timeout: int  # for cells with #r "nuget:..." or #i, which may restore packages
    notebook_timeout: int
    startup_timeout: int = 120
    # A folder copied into each notebook's scratch folder before its kernel starts there (the idiom corpus: files
    # beside the notebook that it #load-s, #r-s or reads by a relative path). None: an empty scratch folder.
    scratch_template: str = None
    # A folder where each executed notebook is written as .ipynb with its outputs (to see what a kernel showed).
    executed_dir: str = None


def load_notebook(path):
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    if path.endswith(".dib"):
        return read_dib(text, path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # old notebooks lack cell ids; nbformat warns and adds them in memory
        return nbformat.reads(text, as_version=4)


def cell_language(cell, default_language):
    """The cell's kernel: a leading #!kernel line, else its Polyglot metadata, else the notebook's default."""
    first = cell.source.lstrip().split("\n", 1)[0].strip()
    if first.startswith("#!") and is_known_kernel(first[2:]):
        return normalize_kernel(first[2:]), False
    meta = cell.metadata.get("polyglot_notebook", {}).get("kernelName") or cell.metadata.get(
        "dotnet_interactive", {}
    ).get("language")
    if meta:
        return normalize_kernel(meta), normalize_kernel(meta) != normalize_kernel(default_language)
    return normalize_kernel(default_language), False


def default_language(notebook):
    info = notebook.metadata.get("polyglot_notebook", {}).get("kernelInfo", {})
    if info.get("defaultKernelName"):
        return info["defaultKernelName"]
    spec = notebook.metadata.get("kernelspec", {})
    name = (spec.get("language") or spec.get("name") or "csharp").lstrip(".").replace("net-", "")
    return name


def code_cells(notebook):
    """(index in the notebook, cell, kernel name, text as sent to the kernel) for each code cell, in order.

    As Polyglot Notebooks runs a cell, its kernel comes from its metadata; Jupyter sends only the text, so a cell
    whose metadata names another kernel than the notebook's default gets the kernel line in front, for every kernel
    under test alike.
    """
    language = default_language(notebook)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            kernel, prefix = cell_language(cell, language)
            yield index, cell, kernel, (f"#!{kernel}\n{cell.source}" if prefix else cell.source)


def code_cell_sources(path):
    """The notebook's code cells' texts as sent to the kernel (code cell N is item N-1)."""
    return [text for _, _, _, text in code_cells(load_notebook(path))]


def attach_causes(rows, corpus_dir):
    """Fills each row's cause from its cell's text and error (harness/causes.py)."""
    sources = {}
    earlier_failure = {}
    for row in rows:
        if row.file not in sources:
            sources[row.file] = code_cell_sources(os.path.join(corpus_dir, row.file))
        source = sources[row.file][row.code_cell - 1]
        row.cause = classify(row, source, row.language in CSHARP_FAMILY, row.needs, earlier_failure.get(row.file, False))
        if row.status != "ok":
            earlier_failure[row.file] = True
    return rows


def run_notebook(entry, corpus_dir, options):
    """Runs one manifest entry; returns its CellResult rows. Never raises for what the notebook does."""
    return asyncio.run(_run(entry, corpus_dir, options))


async def _run(entry, corpus_dir, options):
    notebook = load_notebook(os.path.join(corpus_dir, entry.file))
    rows = []
    planned = []  # (cell, index, row, expectation or None)
    for number, (index, cell, kernel, text) in enumerate(code_cells(notebook), 1):
        cell.source = text
        needs = entry.cell_needs.get(number, ("", ""))[0]
        row = CellResult(entry.file, number, kernel, "not-run", "", "", 0.0, needs)
        rows.append(row)
        if cell.source.strip():
            planned.append((cell, index, row, cell_expectation(cell, notebook, number)))
        else:
            row.status = "ok"  # an empty cell: nothing to run, nothing fails

    if not planned:
        return rows

    workdir = tempfile.mkdtemp(prefix="corpus-")
    if options.scratch_template:
        shutil.copytree(options.scratch_template, workdir, dirs_exist_ok=True)
    client = NotebookClient(
        notebook,
        kernel_name=options.kernel,
        timeout=options.cell_timeout,
        startup_timeout=options.startup_timeout,
        allow_errors=True,
        interrupt_on_timeout=False,
        record_timing=False,
        resources={"metadata": {"path": workdir}},
    )
    replies = {}
    client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, execute_reply)
    deadline = time.monotonic() + options.notebook_timeout
    log_path = os.path.join(workdir, ".kernel-stderr.log")
    try:
        try:
            # The kernel's own log goes to a file: quiet tables, and the last words of a kernel that died.
            with open(log_path, "wb") as log, open(STARTUP_LOCK, "a") as lock:
                # One kernel starts at a time: two .NET Interactive kernels starting at once can pick the same
                # HTTP port, and one of them dies; a start also competes least for the CPU this way.
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    async with client.async_setup_kernel(stdout=log, stderr=log):
                        fcntl.flock(lock, fcntl.LOCK_UN)
                        await _execute_cells(client, planned, replies, deadline, options)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        except DeadKernelError:
            dead = next((row for _, _, row, _ in planned if row.status == "dead-kernel"), None)
            if dead is not None:
                last = _last_line(log_path)
                dead.evalue = f"{dead.evalue}; the kernel's last log line: {last}" if last else dead.evalue
        except Exception as error:  # the kernel did not start, or the client failed: every unrun cell says so
            for _, _, row, _ in planned:
                if row.status == "not-run" and not row.ename:
                    row.ename, row.evalue = type(error).__name__, _first_line(str(error))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if options.executed_dir:
            _write_executed(notebook, os.path.join(options.executed_dir, entry.file))
    return rows


def _write_executed(notebook, path):
    target = path if path.endswith(".ipynb") else path + ".ipynb"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nbformat.write(notebook, target)


async def _execute_cells(client, planned, replies, deadline, options):
    for position, (cell, index, row, expectation) in enumerate(planned):
        remaining = deadline - time.monotonic()
        if remaining <= 1:
            for _, _, later, _ in planned[position:]:
                later.ename, later.evalue = "NotebookTimeout", f"past the notebook's {options.notebook_timeout} s"
            return
        limit = options.package_timeout if PACKAGE_LINE.search(cell.source) else options.cell_timeout
        client.timeout = max(1, int(min(limit, remaining)))
        started = time.monotonic()
        try:
            await client.async_execute_cell(cell, index, execution_count=position + 1)
        except CellTimeoutError:
            row.status, row.ename, row.evalue = "timeout", "CellTimeout", f"no reply within {client.timeout} s"
            row.seconds = round(time.monotonic() - started, 2)
            await _interrupt(client)
            continue
        except DeadKernelError as error:
            row.status, row.ename, row.evalue = "dead-kernel", "DeadKernelError", _first_line(str(error))
            row.seconds = round(time.monotonic() - started, 2)
            for _, _, later, _ in planned[position + 1:]:
                later.ename, later.evalue = "NotRun", "the kernel died in an earlier cell"
            raise
        row.seconds = round(time.monotonic() - started, 2)
        errors = [output for output in cell.outputs if output.get("output_type") == "error"]
        reply_status = replies.get(index, {}).get("content", {}).get("status", "ok")
        _record_outcome(row, cell, errors, replies.get(index, {}).get("content", {}), reply_status)
        if expectation is not None:
            _judge(row, cell, expectation, failed=bool(errors) or reply_status != "ok")


def _record_outcome(row, cell, errors, reply, reply_status):
    """Today's rule: a cell is clean when its reply is ok and it has no error output."""
    if errors:
        row.status, row.ename, row.evalue = "error", errors[0].get("ename", ""), _first_line(errors[0].get("evalue", ""))
        if "error CS" not in row.evalue and "error NU" not in row.evalue:
            diagnostic = _stderr_diagnostic(cell)
            if diagnostic:
                row.evalue = _first_line(f"{row.evalue}: {diagnostic}")
    elif reply_status != "ok":
        row.status, row.ename, row.evalue = "error", reply.get("ename", reply_status), _first_line(reply.get("evalue", ""))
    else:
        row.status = "ok"


def _judge(row, cell, expectation, failed):
    """The idiom corpus's rule: a cell is clean only when its outputs meet its expectation (harness/expect.py).

    A cell meant to fail is clean when it fails as expected; one that ran but missed its expectation is a
    `mismatch`; one that failed when it should not, or failed otherwise than expected, stays an `error`."""
    reason = unmet(expectation, cell.outputs, failed)
    if reason is None:
        row.status, row.ename, row.evalue = "ok", "", ""
    elif failed:
        row.status = "error"
        if "error" in expectation:
            row.evalue = _first_line(f"{reason}; got: {row.evalue}")
    else:
        row.status, row.ename, row.evalue = "mismatch", "Mismatch", _first_line(reason)


async def _interrupt(client):
    try:
        await asyncio.wait_for(asyncio.ensure_future(_maybe_await(client.km.interrupt_kernel())), 10)
    except Exception:
        pass  # the next cell's own timeout tells whether the kernel still answers


async def _maybe_await(value):
    if asyncio.iscoroutine(value) or isinstance(value, asyncio.Future):
        return await value
    return value


def _stderr_diagnostic(cell):
    for output in cell.outputs:
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            found = DIAGNOSTIC.search(output.get("text", ""))
            if found:
                return found.group(0)
    return ""


def _last_line(path):
    try:
        with open(path, "rb") as stream:
            lines = [line.strip() for line in stream.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return _first_line(lines[-1]) if lines else ""


def _first_line(text):
    text = re.sub(r"\x1b\[[0-9;]*m", "", text or "")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return (lines[0] if lines else "")[:240]
