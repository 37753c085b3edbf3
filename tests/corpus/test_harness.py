"""Unit tests of the corpus harness (no kernel needed): .dib reading, cell languages, counts, the baseline check.

    /usr/bin/python3 -m unittest discover -s tests/corpus -p 'test_*.py'
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nbformat  # noqa: E402

from harness.causes import classify  # noqa: E402
from harness.dib import DibFormatError, read_dib  # noqa: E402
from harness.execute import CellResult, cell_language, default_language  # noqa: E402
from harness.manifest import ManifestError, read_manifest, verify_files  # noqa: E402
from harness.report import check_baseline, summarize  # noqa: E402

DIB = """#!meta

{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":["C#"],"name":"csharp"},{"aliases":[],"name":"fsharp"}]}}

#!markdown

# Title

#!csharp


#!time
var x = 1;

#!C#

x + 1

#!fsharp

let y = 2

#!csharp

#!csharp
"""


def row(file="a.ipynb", cell=1, status="ok", language="csharp", needs="", ename="", evalue=""):
    return CellResult(file, cell, language, status, ename, evalue, 0.0, needs)


class DibTests(unittest.TestCase):
    def test_cells_kernels_and_magics(self):
        notebook = read_dib(DIB)
        self.assertEqual([cell.cell_type for cell in notebook.cells], ["markdown", "code", "code", "code"])
        self.assertEqual(notebook.cells[0].source, "# Title")
        # a magic stays in its cell, blank lines around a cell are dropped, empty cells are dropped
        self.assertEqual(notebook.cells[1].source, "#!time\nvar x = 1;")
        # a declared alias is a kernel line, normalised to the kernel's name
        self.assertEqual(notebook.cells[2].source, "x + 1")
        self.assertEqual(notebook.cells[2].metadata["polyglot_notebook"]["kernelName"], "csharp")
        self.assertEqual(notebook.cells[3].metadata["polyglot_notebook"]["kernelName"], "fsharp")
        self.assertEqual(default_language(notebook), "csharp")

    def test_crlf_is_read_as_lf(self):
        notebook = read_dib(DIB.replace("\n", "\r\n"))
        self.assertEqual(notebook.cells[1].source, "#!time\nvar x = 1;")

    def test_bad_meta_names_the_file(self):
        with self.assertRaisesRegex(DibFormatError, "nb.dib: the #!meta section is not valid JSON"):
            read_dib("#!meta\n{not json\n#!csharp\n1", "nb.dib")


class LanguageTests(unittest.TestCase):
    def test_metadata_language_is_sent_as_a_kernel_line(self):
        cell = nbformat.v4.new_code_cell("<b>hi</b>")
        cell.metadata["dotnet_interactive"] = {"language": "html"}
        self.assertEqual(cell_language(cell, "csharp"), ("html", True))

    def test_a_leading_kernel_line_wins_and_is_not_added_twice(self):
        cell = nbformat.v4.new_code_cell("#!fsharp\nlet x = 1")
        cell.metadata["polyglot_notebook"] = {"kernelName": "csharp"}
        self.assertEqual(cell_language(cell, "csharp"), ("fsharp", False))

    def test_a_magic_is_not_a_kernel(self):
        cell = nbformat.v4.new_code_cell("#!time\n1")
        self.assertEqual(cell_language(cell, "csharp"), ("csharp", False))


class CountTests(unittest.TestCase):
    def test_clean_notebooks_need_every_cell_clean(self):
        rows = [row("a", 1), row("a", 2, "error", ename="CS0103"), row("b", 1), row("c", 1, "ok", "fsharp")]
        summary = summarize(rows)
        self.assertEqual((summary["cells"], summary["clean_cells"], summary["clean_notebooks"]), (4, 3, 2))
        self.assertEqual((summary["csharp_cells"], summary["other_language_cells"]), (3, 1))
        self.assertEqual(summary["errors_by_name"], {"CS0103": 1})

    def test_baseline_check_fails_when_counts_fall_or_hangs_rise(self):
        summary = summarize([row("a", 1), row("a", 2, "timeout"), row("b", 1)])
        baseline = {"notebooks": 2, "cells": 3, "clean_cells": 2, "clean_notebooks": 1, "timeouts": 1, "dead_kernels": 0}
        self.assertEqual(check_baseline(summary, baseline), [])
        problems = check_baseline(summary, dict(baseline, clean_cells=3, timeouts=0))
        self.assertEqual(len(problems), 2)
        self.assertIn("clean cells: 2, below the baseline's 3", problems[0])
        self.assertIn("cells timed out (hangs): 1, above the baseline's 0", problems[1])

    def test_a_cell_noted_as_needing_an_interrupt_is_not_a_hang(self):
        summary = summarize([row("a", 1), row("a", 2, "timeout", needs="interrupt"), row("b", 1, "timeout", needs="network")])
        self.assertEqual((summary["timeouts"], summary["interrupted_as_noted"]), (1, 1))
        baseline = {"notebooks": 2, "cells": 3, "clean_cells": 1, "clean_notebooks": 0, "timeouts": 1, "dead_kernels": 0}
        self.assertEqual(check_baseline(summary, baseline), [])

    def test_a_notebook_left_to_chance_is_counted_apart(self):
        # b's second cell reads past an array's end: its first run killed the kernel (and its third cell with it).
        rows = [row("a", 1), row("b", 1), row("b", 2, "dead-kernel", needs="chance"), row("b", 3, "not-run"), row("c", 1, "error")]
        summary = summarize(rows)
        self.assertEqual((summary["notebooks"], summary["cells"]), (3, 5))
        self.assertEqual((summary["clean_cells"], summary["clean_notebooks"], summary["dead_kernels"], summary["not_run"]), (1, 1, 0, 0))
        self.assertEqual((summary["cells_left_to_chance"], summary["clean_cells_left_to_chance"]), (3, 1))
        self.assertEqual(summary["errors"], 1)
        # The same counts whichever way the chance fell.
        lucky = summarize([row("a", 1), row("b", 1), row("b", 2, needs="chance"), row("b", 3), row("c", 1, "error")])
        self.assertEqual({k: lucky[k] for k in ("clean_cells", "clean_notebooks", "dead_kernels")}, {"clean_cells": 1, "clean_notebooks": 1, "dead_kernels": 0})
        self.assertEqual(lucky["clean_cells_left_to_chance"], 3)

    def test_a_changed_corpus_is_reported(self):
        summary = summarize([row("a", 1)])
        baseline = {"notebooks": 2, "cells": 3, "clean_cells": 0, "clean_notebooks": 0, "timeouts": 0, "dead_kernels": 0}
        self.assertIn("the corpus changed", check_baseline(summary, baseline)[0])


class CauseTests(unittest.TestCase):
    def test_causes(self):
        self.assertEqual(classify(row(status="error", ename="CompilationError", evalue="(1,1): error CS0103: The name 'x'"), "#!time\nx", True, "", False), "magic: #!time")
        self.assertEqual(classify(row(status="error", language="fsharp"), "let x = 1", False, "", False), "other language: fsharp")
        self.assertEqual(classify(row(status="error", evalue="error CS0103: The name 'File' does not exist"), "File.ReadAllText(p)", True, "", False),
                         "missing using (an implicit using of the SDK)")
        self.assertEqual(classify(row(status="error", evalue="error CS0103: The name 'div' does not exist"), 'div["x"]', True, "", False), "API: PocketView tags")
        self.assertEqual(classify(row(status="error", evalue="error CS0103: The name 'total' does not exist"), "total + 1", True, "", True), "follows an earlier failed cell")
        self.assertEqual(classify(row(status="error"), "x", True, "network", False), "needs network")
        self.assertEqual(classify(row(), "x", True, "", False), "")


class ManifestTests(unittest.TestCase):
    def test_manifest_rows_notes_and_hashes(self):
        with tempfile.TemporaryDirectory() as folder:
            manifest = os.path.join(folder, "manifest.csv")
            notes = os.path.join(folder, "notes.csv")
            with open(manifest, "w") as stream:
                stream.write("file,repository,commit,path,licence,sha256,exercises,needs\n")
                stream.write("o/r/a.ipynb,o/r,abc,a.ipynb,MIT,2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824,basics,\n")
            with open(notes, "w") as stream:
                stream.write("file,code_cell,needs,note\no/r/a.ipynb,2,network,downloads\n")
            entries = read_manifest(manifest, notes)
            self.assertEqual(entries[0].cell_needs, {2: ("network", "downloads")})
            os.makedirs(os.path.join(folder, "nb", "o", "r"))
            with open(os.path.join(folder, "nb", "o", "r", "a.ipynb"), "w") as stream:
                stream.write("hello")
            self.assertEqual(verify_files(entries, os.path.join(folder, "nb")), [])
            with open(os.path.join(folder, "nb", "o", "r", "a.ipynb"), "w") as stream:
                stream.write("hello!")
            self.assertIn("is not the manifest's", verify_files(entries, os.path.join(folder, "nb"))[0])
            with open(notes, "a") as stream:
                stream.write("o/r/a.ipynb,3,telepathy,?\n")
            with self.assertRaisesRegex(ManifestError, r"notes.csv:3:1: unknown need 'telepathy'"):
                read_manifest(manifest, notes)


if __name__ == "__main__":
    unittest.main()
