"""The corpus manifest (which public notebooks, from where) and the per-cell notes (what a cell needs)."""

import csv
import hashlib
import os
from dataclasses import dataclass, field

MANIFEST_COLUMNS = ["file", "repository", "commit", "path", "licence", "sha256", "exercises", "needs"]
NOTE_COLUMNS = ["file", "code_cell", "needs", "note"]

# What a cell may need that this machine (and CI) cannot give it. A cell with one of these is still run; the
# tables count it separately, so a failure it causes is not mistaken for a kernel's fault.
NEEDS = {
    "network": "reaches a host other than the package registries",
    "private-feed": "adds a NuGet feed other than the registry served here (#i \"nuget:https://...\")",
    "package-not-served": "a package (or a version range) that the registry here does not serve",
    "input": "asks the user for input",
    "interrupt": "runs until the user stops it, as the notebook says",
    "local-file": "reads a file of its repository that the corpus does not keep",
    "chance": "its outcome is left to chance by its own code (a data race, a read past an array's end), under any kernel",
}


class ManifestError(Exception):
    pass


@dataclass
class Entry:
    file: str
    repository: str
    commit: str
    path: str
    licence: str
    sha256: str
    exercises: str
    needs: str
    cell_needs: dict = field(default_factory=dict)  # code cell number (1-based) -> (needs, note)


def read_manifest(manifest_path, notes_path=None):
    entries = _read_csv(manifest_path, MANIFEST_COLUMNS, lambda row: Entry(**row))
    by_file = {}
    for line, entry in entries:
        if entry.file in by_file:
            raise ManifestError(f"{manifest_path}:{line}:1: {entry.file} is listed twice")
        by_file[entry.file] = entry
    if notes_path and os.path.exists(notes_path):
        for line, row in _read_csv(notes_path, NOTE_COLUMNS, lambda row: row):
            entry = by_file.get(row["file"])
            if entry is None:
                raise ManifestError(f"{notes_path}:{line}:1: {row['file']} is not in the manifest")
            for need in row["needs"].split(";"):
                if need not in NEEDS:
                    raise ManifestError(f"{notes_path}:{line}:1: unknown need '{need}' (known: {', '.join(NEEDS)})")
            try:
                number = int(row["code_cell"])
            except ValueError:
                raise ManifestError(f"{notes_path}:{line}:1: code_cell '{row['code_cell']}' is not a number") from None
            entry.cell_needs[number] = (row["needs"], row["note"])
    return list(by_file.values())


def _read_csv(path, columns, make):
    with open(path, newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        if reader.fieldnames != columns:
            raise ManifestError(f"{path}:1:1: expected the columns {','.join(columns)}, found {','.join(reader.fieldnames or [])}")
        return [(reader.line_num, make(row)) for row in reader]


def verify_files(entries, corpus_dir):
    """The problems with the corpus folder: files missing or not byte-for-byte the manifest's."""
    problems = []
    for entry in entries:
        local = os.path.join(corpus_dir, entry.file)
        if not os.path.isfile(local):
            problems.append(f"{local}: missing")
            continue
        with open(local, "rb") as stream:
            digest = hashlib.sha256(stream.read()).hexdigest()
        if digest != entry.sha256:
            problems.append(f"{local}: sha256 {digest} is not the manifest's {entry.sha256}")
    return problems
