#!/usr/bin/python3
"""Finds the public types of a project that nothing outside the project uses, and (with --apply) makes them internal.

    /usr/bin/python3 tools/public-api/internalize.py                 # list the candidates, per project
    /usr/bin/python3 tools/public-api/internalize.py --apply         # make them internal, build, keep public what must be
    /usr/bin/python3 tools/public-api/internalize.py --apply --no-build

A top-level `public` type of src/Barometer.{Analysis,IO,Kernel,Cli} stays public when its name (as a whole word) is in:
- another project's sources (src/, tests/ and benchmarks/ other than the project's own test and benchmark projects),
- a notebook (notebooks/), a cell of the idiom corpus (tests/corpus/idioms/), a Python or JavaScript harness under
  tests/ (they send cell code to the kernel), or a fenced code block of any README.md (an example a reader copies);
- a string literal of its own project (code the kernel writes into a cell, which compiles in another assembly);
- or, for a static class, when one of its extension methods is called as `.Name(` in any of those places
  (a cell calls `x.Display()` without naming `DisplayExtensions`).
Folders whose types are what a cell sees (the kernel's Scripting/, Widgets/, Comms/, Formatting/) are never made
internal; --exclude adds folders (e.g. ones another branch is moving).

--apply rewrites only the declaration lines (`public` becomes `internal`), then builds the solution and puts back
`public` on every type the compiler says a public member or a public type exposes (CS0050-CS0061: a cell reaches it
through `var`), until the build has no such error. Run it again after a merge: it only looks at what is public now.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROJECTS = ["Barometer.Analysis", "Barometer.IO", "Barometer.Kernel", "Barometer.Cli"]
# What a cell sees: the globals, display, widgets, comms and formatters are reached from cells, by name or not.
CELL_FACING = {"Barometer.Kernel": ["Scripting/", "Widgets/", "Comms/", "Formatting/"]}
SKIP_DIRS = {"bin", "obj", "node_modules", ".git", "out", "artifacts", "notebooks-corpus"}
# Stay public whatever the search finds, with the reason.
KEEP = {
    "TypeFormatter": "a kernel (ours, .NET Interactive) reads it by reflection: the TypeFormatterSource convention",
    # The kernel's embedding API (src/Barometer.Kernel/README.md, "Embedding the execution core"): a host's onEvent
    # callback matches on every CellEvent; a process host sets the working directory.
    "DisplayShown": "a CellEvent of the embedding API",
    "ResultProduced": "a CellEvent of the embedding API",
    "HostWorkingDirectory": "the embedding API: a process host's choice",
}
DECLARATION = re.compile(
    r"^(?:public|internal)\s+((?:(?:sealed|static|abstract|partial|readonly|ref|unsafe|new|record)\s+)*)"
    r"(class|struct|interface|enum|record|delegate)\s+(?:[\w<>\[\],.? ]+?\s+)??(\w+)\s*(?=[<({:;\s]|$)")
EXTENSION = re.compile(r"public\s+static\s+[^=;{]*?\b(\w+)\s*(?:<[^>]*>)?\s*\(\s*this\s")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
ATTRIBUTE_TYPEOF = re.compile(r"^\s*\[\w+\(typeof\((\w+)\)", re.M)
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
# Inconsistent accessibility: the first quoted symbol is the less accessible one.
EXPOSED = re.compile(r"error (CS005\d|CS006[01]): [^']*'([^']+)'")


def walk(top, extensions):
    for directory, names, files in os.walk(top):
        names[:] = [n for n in names if n not in SKIP_DIRS]
        for name in files:
            if name.endswith(extensions):
                yield os.path.join(directory, name)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as stream:
        return stream.read()


def own_dirs(project):
    short = project.split(".", 1)[1]
    return [os.path.join(ROOT, "src", project), os.path.join(ROOT, "tests", f"Barometer.{short}.Tests"),
            os.path.join(ROOT, "benchmarks", f"Barometer.{short}.Benchmarks")]


def outside_text(project):
    mine = own_dirs(project)
    parts = []
    for top, extensions in [("src", (".cs",)), ("tests", (".cs", ".py", ".js", ".ipynb", ".dib", ".csx")),
                            ("benchmarks", (".cs",)), ("notebooks", (".ipynb", ".dib", ".csx", ".cs"))]:
        for path in walk(os.path.join(ROOT, top), extensions):
            if not any(path.startswith(d + os.sep) for d in mine):
                parts.append(read(path))
    for path in walk(ROOT, (".md",)):
        parts.extend(FENCE.findall(read(path)))
    return "\n".join(parts)


def declarations(project, exclude, access="public"):
    source = os.path.join(ROOT, "src", project)
    skipped = (CELL_FACING.get(project, []) if access == "public" else []) + exclude
    for path in sorted(walk(source, (".cs",))):
        relative = os.path.relpath(path, source).replace(os.sep, "/")
        if any(relative.startswith(prefix.rstrip("/") + "/") for prefix in skipped):
            continue
        for number, line in enumerate(read(path).split("\n"), 1):
            match = DECLARATION.match(line)
            if match and line.startswith(access + " "):
                yield path, number, match.group(3), "static" in match.group(1).split()


def candidates(project, exclude):
    outside = outside_text(project)
    # Names in its own string literals (code written into a cell) and in `[Attribute(typeof(X))]` (a convention
    # another assembly reads by reflection, as the TypeFormatterSource one).
    own = [read(path) for path in walk(os.path.join(ROOT, "src", project), (".cs",))]
    own_strings = "\n".join(s for text in own for s in STRING.findall(text) + ATTRIBUTE_TYPEOF.findall(text))
    places, used = {}, set()
    for path, number, name, is_static in declarations(project, exclude):
        places.setdefault(name, []).append((path, number))
        word = re.compile(rf"\b{re.escape(name)}\b")
        if name in KEEP or word.search(outside) or word.search(own_strings):
            used.add(name)
        elif is_static and any(re.search(rf"\.{re.escape(m)}\b", outside) for m in set(EXTENSION.findall(read(path)))):
            used.add(name)
    return {name: where for name, where in places.items() if name not in used}


def set_access(places, old, new):
    for path, number in places:
        lines = read(path).split("\n")
        line = lines[number - 1]
        if line.startswith(old + " "):
            lines[number - 1] = new + line[len(old):]
            with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as stream:
                stream.write("\n".join(lines))
            os.replace(path + ".tmp", path)


def build():
    result = subprocess.run(["dotnet", "build", os.path.join(ROOT, "Barometer.Notebooks.sln"), "-nologo", "-v:q",
                             "-clp:NoSummary;ErrorsOnly", "-p:TreatWarningsAsErrors=true", "-warnaserror:false"],
                            capture_output=True, text=True, cwd=ROOT)
    return result.returncode, result.stdout + result.stderr


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apply", action="store_true", help="make the candidates internal, then build and put back what must stay public")
    parser.add_argument("--no-build", action="store_true", help="with --apply: rewrite the declarations only")
    parser.add_argument("--exclude", action="append", default=[], metavar="PROJECT:FOLDER",
                        help="leave a folder alone, e.g. Barometer.Analysis:Charts/Browser")
    args = parser.parse_args(argv)

    made = {}
    for project in PROJECTS:
        exclude = [e.split(":", 1)[1] for e in args.exclude if e.startswith(project + ":")]
        found = candidates(project, exclude)
        print(f"{project}: {len(found)} public types named nowhere outside the project and its tests")
        for name in sorted(found):
            where = ", ".join(f"{os.path.relpath(p, ROOT)}:{n}" for p, n in found[name])
            print(f"  {name}  ({where})")
        made[project] = found
    if not args.apply:
        return 0
    for found in made.values():
        for places in found.values():
            set_access(places, "public", "internal")
    # Every internal top-level type may have to go back (also those an earlier run made internal).
    internal = {}
    for project in PROJECTS:
        for path, number, name, _ in declarations(project, [], access="internal"):
            internal.setdefault(name, []).append((path, number))
    if args.no_build:
        return 0
    kept = set()
    while True:
        code, output = build()
        exposed = set()
        for _, symbol in EXPOSED.findall(output):
            exposed.update(n for n in re.findall(r"\w+", symbol) if n in internal and n not in kept)
        if not exposed:
            break
        print(f"public again (a public member or type exposes them): {', '.join(sorted(exposed))}")
        for name in exposed:
            set_access(internal[name], "internal", "public")
        kept |= exposed
    for project, found in made.items():
        names = sorted(set(found) - kept)
        print(f"{project}: {len(names)} made internal: {', '.join(names)}")
    if code != 0:
        print("the build still fails (not an accessibility error; see below):", file=sys.stderr)
        print("\n".join(sorted(set(l.strip() for l in output.splitlines() if ": error " in l))[:60]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
