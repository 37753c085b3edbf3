"""Reads Polyglot Notebooks ``.dib`` files into nbformat notebooks, so nbclient can run them.

The rules are those of the kernel's ``Documents/DibReader`` (src/Barometer.Kernel/Documents/DibReader.cs), kept
in step by hand: an optional ``#!meta`` section holding one JSON object (the notebook's ``polyglot_notebook``
metadata, whose ``kernelInfo`` may declare more kernel names and aliases), then cells that each start with a
``#!kernel`` line (``#!csharp``, ``#!markdown``, ``#!fsharp``...). A ``#!`` line that names no kernel (a magic
command such as ``#!time`` or ``#!share``) stays in its cell. Leading and trailing blank lines of each cell are
dropped and empty cells are dropped, as dotnet-interactive does. A code cell's kernel goes into its metadata
(``polyglot_notebook.kernelName``), as Polyglot Notebooks writes it when it saves a ``.dib`` as ``.ipynb``.
"""

import json

import nbformat

# canonical kernel name -> aliases, as Polyglot Notebooks declares them (Documents/KernelNames.cs).
KNOWN_KERNELS = {
    "csharp": ["c#", "C#", "cs"],
    "fsharp": ["f#", "F#"],
    "pwsh": ["powershell"],
    "javascript": ["js"],
    "html": [],
    "sql": [],
    "kql": [],
    "mermaid": [],
    "http": [],
    "value": [],
    "python": [],
    "r": [],
    "markdown": ["md"],
}

ALIASES = {alias: name for name, aliases in KNOWN_KERNELS.items() for alias in [name, *aliases]}


def normalize_kernel(name):
    """The canonical kernel name for a name or alias (``C#`` -> ``csharp``); unknown names lower-cased."""
    name = name.strip()
    return ALIASES.get(name) or ALIASES.get(name.lower()) or name.lower()


def is_known_kernel(name):
    return name.strip() in ALIASES


class DibFormatError(Exception):
    pass


def read_dib(text, path="<dib>"):
    """Parses .dib text into an nbformat v4 notebook."""
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1

    declared = {}
    metadata = {}
    if index < len(lines) and lines[index].rstrip() == "#!meta":
        index += 1
        meta_lines = []
        while index < len(lines) and _kernel_of(lines[index], declared) is None:
            meta_lines.append(lines[index])
            index += 1
        meta_text = "\n".join(meta_lines).strip()
        if meta_text:
            try:
                metadata = json.loads(meta_text)
            except json.JSONDecodeError as error:
                raise DibFormatError(f"{path}: the #!meta section is not valid JSON: {error}") from error
        for item in (metadata.get("kernelInfo") or {}).get("items") or []:
            name = item.get("name")
            if name:
                for alias in [name, *(item.get("aliases") or [])]:
                    declared[alias] = normalize_kernel(name) if is_known_kernel(name) else name

    default_kernel = (metadata.get("kernelInfo") or {}).get("defaultKernelName") or "csharp"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["polyglot_notebook"] = metadata or {"kernelInfo": {"defaultKernelName": default_kernel}}
    notebook.metadata["kernelspec"] = {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}
    notebook.metadata["language_info"] = {"name": "C#"}

    current_kernel = default_kernel
    current = []
    for line in lines[index:]:
        kernel = _kernel_of(line, declared)
        if kernel is None:
            current.append(line)
            continue
        _add_cell(notebook, current_kernel, current)
        current_kernel = kernel
        current = []
    _add_cell(notebook, current_kernel, current)
    return notebook


def _kernel_of(line, declared):
    if not line.startswith("#!"):
        return None
    name = line[2:].rstrip()
    if name in declared:
        return declared[name]
    if is_known_kernel(name):
        return normalize_kernel(name)
    return None


def _add_cell(notebook, kernel, lines):
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    if start == end:
        return
    source = "\n".join(lines[start:end])
    if kernel == "markdown":
        notebook.cells.append(nbformat.v4.new_markdown_cell(source))
    else:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["polyglot_notebook"] = {"kernelName": kernel}
        notebook.cells.append(cell)
