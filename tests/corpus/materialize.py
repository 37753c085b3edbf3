#!/usr/bin/python3
"""Fills a corpus folder with the manifest's notebooks, byte for byte, from clones of their repositories.

    git clone https://github.com/dotnet/csharp-notebooks /tmp/clones/dotnet/csharp-notebooks   # and so on, one per repository
    /usr/bin/python3 tests/corpus/materialize.py --clones /tmp/clones [--out tests/corpus/notebooks]
    /usr/bin/python3 tests/corpus/materialize.py --repo dotnet/interactive=/path/to/git-dir ...

Each file is read with `git show COMMIT:PATH` at the manifest's commit and must match the manifest's sha256; it is
written to OUT/owner/name/PATH (temp file + rename). Nothing is fetched from the network by this script.
"""

import argparse
import hashlib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from harness.manifest import ManifestError, read_manifest  # noqa: E402


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clones", help="folder holding OWNER/NAME clones (or bare git folders) of the repositories")
    parser.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME=GITDIR", help="where one repository's git folder is")
    parser.add_argument("--out", default=os.path.join(HERE, "notebooks"))
    parser.add_argument("--manifest", default=os.path.join(HERE, "manifest.csv"))
    args = parser.parse_args(argv)

    try:
        entries = read_manifest(args.manifest)
    except ManifestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    explicit = {}
    for item in args.repo:
        name, separator, path = item.partition("=")
        if not separator:
            print(f"error: --repo {item}: expected OWNER/NAME=GITDIR", file=sys.stderr)
            return 2
        explicit[name] = path

    failures = 0
    for entry in entries:
        git_dir = explicit.get(entry.repository) or (os.path.join(args.clones, entry.repository) if args.clones else None)
        if git_dir is None or not os.path.isdir(git_dir):
            print(f"error: {entry.file}: no clone of {entry.repository} (give --clones or --repo)", file=sys.stderr)
            failures += 1
            continue
        shown = subprocess.run(["git", "-C", git_dir, "show", f"{entry.commit}:{entry.path}"], capture_output=True)
        if shown.returncode != 0:
            print(f"error: {entry.file}: git show {entry.commit[:12]}:{entry.path} failed: {shown.stderr.decode().strip()}", file=sys.stderr)
            failures += 1
            continue
        digest = hashlib.sha256(shown.stdout).hexdigest()
        if digest != entry.sha256:
            print(f"error: {entry.file}: sha256 {digest} is not the manifest's {entry.sha256}", file=sys.stderr)
            failures += 1
            continue
        target = os.path.join(args.out, entry.file)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temporary = target + ".tmp"
        with open(temporary, "wb") as stream:
            stream.write(shown.stdout)
        os.replace(temporary, target)
    print(f"{len(entries) - failures} of {len(entries)} notebooks written to {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
