"""Unit tests of the idiom corpus's expectations (no kernel needed): the rule that judges a cell by its outputs, the
check that every committed idiom cell carries a valid expectation, and how .ipynb and .dib files carry them.

    /usr/bin/python3 -m unittest discover -s tests/corpus -p 'test_*.py'
"""

import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import nbformat  # noqa: E402

from harness.execute import CellResult, _judge, code_cells, load_notebook  # noqa: E402
from harness.expect import ExpectationError, cell_expectation, unmet, validate  # noqa: E402
from harness.idioms import expectation_problems, idiom_entries  # noqa: E402
from harness.report import summarize  # noqa: E402

IDIOMS = os.path.join(HERE, "idioms")


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def result(data, kind="execute_result"):
    return nbformat.v4.new_output(kind, data=data, **({"execution_count": 1} if kind == "execute_result" else {}))


def error(ename, evalue, traceback=()):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=list(traceback))


class UnmetTests(unittest.TestCase):
    def test_text_in_a_mime_type_stdout_and_any_display(self):
        outputs = [stream("hello\n"), result({"text/plain": "42", "text/html": "<b>42</b>"})]
        self.assertIsNone(unmet({"contains": {"stdout": "hello", "text/html": "<b>42</b>", "display": "42"}}, outputs, False))
        self.assertEqual(unmet({"contains": {"text/plain": "43"}}, outputs, False), "text/plain lacks '43'")
        self.assertEqual(unmet({"contains": {"stderr": "x"}}, outputs, False), "stderr lacks 'x'")
        self.assertEqual(unmet({"not_contains": {"display": "42"}}, outputs, False), "display has '42'")

    def test_a_number_is_found_only_as_a_whole_number(self):
        # A type name, a longer number or a decimal that merely contains the digits does not show the value.
        for shown in ("System.Int32", "12", "2.5", "-2", "v2x", "1.2"):
            self.assertEqual(unmet({"contains": {"display": "2"}}, [result({"text/plain": shown})], False), "display lacks '2'", shown)
        for shown in ("2", "(2, 3)", "<pre>2</pre>", "[ 1, 2 ]", "Count = 2."):
            self.assertIsNone(unmet({"contains": {"display": "2"}}, [result({"text/plain": shown})], False), shown)
        self.assertIsNone(unmet({"contains": {"display": ["-1", "3.5"]}}, [result({"text/plain": "(-1, 3.5)"})], False))
        self.assertEqual(unmet({"not_contains": {"display": "30"}}, [result({"text/plain": "130"})], False), None)
        self.assertIsNone(unmet({"contains": {"display": "Int32"}}, [result({"text/plain": "System.Int32"})], False))

    def test_right_status_wrong_output_is_not_clean(self):
        outputs = [result({"text/plain": "41"})]
        self.assertIn("lacks '42'", unmet({"contains": {"display": "42"}}, outputs, False))

    def test_mime_types_and_alternatives(self):
        outputs = [result({"text/plain": "x"}, "display_data")]
        self.assertIsNone(unmet({"mime": ["text/plain"]}, outputs, False))
        self.assertIsNone(unmet({"mime": [["text/html", "text/plain"]]}, outputs, False))
        self.assertEqual(unmet({"mime": ["text/html"]}, outputs, False), "no output of type text/html (shown: text/plain)")

    def test_display_count(self):
        outputs = [result({"text/plain": "1"}, "display_data"), result({"text/plain": "2"})]
        self.assertIsNone(unmet({"displays": 2}, outputs, False))
        self.assertEqual(unmet({"displays": 0}, outputs, False), "2 displayed outputs, expected 0")

    def test_expected_error(self):
        outputs = [error("Error", "System.OverflowException: Arithmetic operation resulted in an overflow.")]
        self.assertIsNone(unmet({"error": "OverflowException"}, outputs, True))
        self.assertEqual(unmet({"error": "CS0029"}, outputs, True), "expected an error containing 'CS0029'")
        self.assertIn("ran without one", unmet({"error": "OverflowException"}, [], False))

    def test_a_compiler_line_on_stderr_names_the_error(self):
        # .NET Interactive says "compilation error" in the error and puts the diagnostic on stderr.
        outputs = [stream("(1,13): error CS0029: Cannot implicitly convert", "stderr"), error("Error", "compilation error")]
        self.assertIsNone(unmet({"error": "CS0029"}, outputs, True))

    def test_a_failed_cell_misses_an_expectation_without_error(self):
        self.assertEqual(unmet({"contains": {"display": "x"}}, [error("E", "boom")], True), "the cell failed")

    def test_any_of(self):
        expectation = {"any_of": [{"contains": {"stdout": "no input"}}, {"error": "input"}]}
        self.assertIsNone(unmet(expectation, [stream("no input\n")], False))
        self.assertIsNone(unmet(expectation, [error("StdinNotImplementedError", "the host accepts no input")], True))
        self.assertIn("none of the alternatives held", unmet(expectation, [stream("read x\n")], False))
        self.assertIn("none of the alternatives held", unmet(expectation, [error("Error", "boom")], True))


class ValidateTests(unittest.TestCase):
    def test_malformed_expectations_are_named(self):
        with self.assertRaisesRegex(ExpectationError, "nb.ipynb: code cell 2: unknown key"):
            validate({"contain": {"stdout": "x"}}, "nb.ipynb: code cell 2")
        with self.assertRaisesRegex(ExpectationError, "says nothing to check"):
            validate({"note": "only a note"}, "here")
        with self.assertRaisesRegex(ExpectationError, "any_of item 1"):
            validate({"any_of": [{"displays": "one"}]}, "here")
        validate({"error": "", "note": "any error"}, "here")


class JudgeTests(unittest.TestCase):
    def judged(self, expectation, outputs, failed):
        row = CellResult("nb.ipynb", 1, "csharp", "error" if failed else "ok", "Error" if failed else "", "boom" if failed else "", 0.0, "")
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = outputs
        _judge(row, cell, expectation, failed)
        return row

    def test_statuses(self):
        self.assertEqual(self.judged({"error": "boom"}, [error("Error", "boom")], True).status, "ok")
        mismatch = self.judged({"contains": {"display": "42"}}, [result({"text/plain": "41"})], False)
        self.assertEqual((mismatch.status, mismatch.ename), ("mismatch", "Mismatch"))
        self.assertEqual(self.judged({"error": "OverflowException"}, [], False).status, "mismatch")
        wrong_error = self.judged({"error": "OverflowException"}, [error("Error", "boom")], True)
        self.assertEqual(wrong_error.status, "error")
        self.assertIn("expected an error containing 'OverflowException'", wrong_error.evalue)
        self.assertEqual(self.judged({"displays": 0}, [error("Error", "boom")], True).status, "error")

    def test_mismatches_are_counted_and_not_clean(self):
        rows = [CellResult("a", 1, "csharp", "mismatch", "Mismatch", "x", 0.0, ""), CellResult("a", 2, "csharp", "ok", "", "", 0.0, "")]
        summary = summarize(rows)
        self.assertEqual((summary["clean_cells"], summary["mismatches"], summary["clean_notebooks"]), (1, 1, 0))


class CarriedExpectationTests(unittest.TestCase):
    def test_ipynb_cell_metadata_and_dib_meta(self):
        with tempfile.TemporaryDirectory() as folder:
            notebook = nbformat.v4.new_notebook()
            cell = nbformat.v4.new_code_cell("1 + 1")
            cell.metadata["corpus"] = {"expect": {"contains": {"display": "2"}}}
            notebook.cells = [cell, nbformat.v4.new_code_cell("2 + 2")]
            nbformat.write(notebook, os.path.join(folder, "a.ipynb"))
            meta = {"kernelInfo": {"defaultKernelName": "csharp"}, "corpus": {"expect": {"1": {"displays": 0}, "3": {"displays": 0}}}}
            with open(os.path.join(folder, "b.dib"), "w", encoding="utf-8") as stream_:
                stream_.write("#!meta\n\n" + json.dumps(meta) + "\n\n#!csharp\n\nvar x = 1;\n\n#!csharp\n\nx\n")
            self.assertEqual([entry.file for entry in idiom_entries(folder)], ["a.ipynb", "b.dib"])
            dib = load_notebook(os.path.join(folder, "b.dib"))
            first = next(code_cells(dib))[1]
            self.assertEqual(cell_expectation(first, dib, 1), {"displays": 0})
            problems = expectation_problems(folder)
            self.assertIn(f"{folder}/a.ipynb: code cell 2 has no expectation", problems)
            self.assertIn(f"{folder}/b.dib: code cell 2 has no expectation", problems)
            self.assertIn(f"{folder}/b.dib: #!meta corpus.expect has '3', which is no code cell (1..2)", problems)


class CommittedCorpusTests(unittest.TestCase):
    def test_every_idiom_cell_has_a_valid_expectation(self):
        self.assertEqual(expectation_problems(IDIOMS), [])

    def test_the_corpus_is_a_mix_of_ipynb_and_dib_and_matches_its_baseline(self):
        entries = idiom_entries(IDIOMS)
        self.assertGreaterEqual(len(entries), 30)
        self.assertTrue(any(entry.file.endswith(".dib") for entry in entries))
        self.assertTrue(any(entry.file.endswith(".ipynb") for entry in entries))
        cells = sum(len(list(code_cells(load_notebook(os.path.join(IDIOMS, entry.file))))) for entry in entries)
        with open(os.path.join(HERE, "idioms-baseline.json"), encoding="utf-8") as stream_:
            baseline = json.load(stream_)
        self.assertEqual((baseline["notebooks"], baseline["cells"]), (len(entries), cells),
                         "tests/corpus/idioms-baseline.json must count the idiom corpus's notebooks and cells")

    def test_cells_meant_to_fail_are_tagged_in_ipynb(self):
        for entry in idiom_entries(IDIOMS):
            if entry.file.endswith(".ipynb"):
                notebook = load_notebook(os.path.join(IDIOMS, entry.file))
                for number, (_, cell, _, _) in enumerate(code_cells(notebook), 1):
                    expect = cell.metadata["corpus"]["expect"]
                    if "error" in expect:
                        self.assertIn("raises-exception", cell.metadata.get("tags", []), f"{entry.file} code cell {number}")


if __name__ == "__main__":
    unittest.main()
