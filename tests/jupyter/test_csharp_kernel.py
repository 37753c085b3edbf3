"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against the installed C# kernel.

Run after `barometer kernel install [--prefix DIR]` (with JUPYTER_PATH=DIR/share/jupyter for a prefix):

    /usr/bin/python3 -m unittest discover -s tests/jupyter -v

CSHARP_KERNEL_NAME selects the kernelspec (default: csharp).
"""

import os
import unittest

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

TIMEOUT = 60  # the first cell of a kernel compiles with a cold Roslyn


class CSharpKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("CSHARP_KERNEL_NAME", "csharp")
    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("to stderr");'
    code_display_data = [
        {"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"},
        {"code": "display(42);", "mime": "text/plain"},
    ]
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "new[] { 1, 2, 3 }.Sum()", "result": "6"},
    ]
    code_generate_error = 'throw new InvalidOperationException("boom");'
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * *"
    complete_code_samples = ["1 + 1", "var x = 1;", "for (var i = 0; i < 2; i++) { }", 'Console.WriteLine("hi");']
    incomplete_code_samples = ["for (var i = 0; i < 2; i++) {", "Console.WriteLine(", "var list = new List<int> {"]
    invalid_code_samples = ["var x = ;", "}", "int 1x = 2;"]
    completion_samples = [
        {"text": "Console.Wri", "matches": {"Write", "WriteLine"}},
        {"text": "Math.Sq", "matches": {"Sqrt", "ReciprocalSqrtEstimate"}},
        {"text": "var xs = new List<int>(); xs."},
    ]
    code_inspect_sample = "Math.Sqrt"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Compile once so the suite's 15 s reply timeout is not spent on Roslyn's cold start.
        cls.kc.execute_interactive("0", timeout=TIMEOUT)

    def run_cell(self, code, **kwargs):
        """Executes code and returns (reply, iopub messages of the request)."""
        outputs = []
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outputs.append, **kwargs)
        validate_message(reply, "execute_reply", reply["parent_header"]["msg_id"])
        return reply, outputs

    def test_error_traceback_names_the_cell_line(self):
        self.flush_channels()
        reply, outputs = self.run_cell('var a = 1;\nthrow new ArgumentException("bad");', stop_on_error=False)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "ArgumentException")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertIn("line 2", errors[0]["content"]["traceback"][0])

    def test_update_display_data_carries_the_display_id(self):
        self.flush_channels()
        reply, outputs = self.run_cell("var shown = display(1);\nshown.Update(2);")
        self.assertEqual(reply["content"]["status"], "ok")
        display = next(m for m in outputs if m["msg_type"] == "display_data")
        update = next(m for m in outputs if m["msg_type"] == "update_display_data")
        self.assertEqual(display["content"]["transient"]["display_id"], update["content"]["transient"]["display_id"])
        self.assertEqual(update["content"]["data"]["text/plain"], "2")

    def test_interrupt_stops_the_cell_and_the_kernel_keeps_its_state(self):
        self.flush_channels()
        self.run_cell("var survivor = 41;")
        for code in ("await Task.Delay(60000, CancellationToken);", "while (true) { }"):
            with self.subTest(code=code):
                # Interrupt once the cell has printed, so surely while it runs (not after a guessed delay); without
                # the interrupt the cell would outlast TIMEOUT and execute_interactive would raise.
                def interrupt_once_running(msg):
                    if msg["msg_type"] == "stream" and "running" in msg["content"]["text"]:
                        self.km.interrupt_kernel()

                reply = self.kc.execute_interactive('Console.WriteLine("running");\n' + code, timeout=TIMEOUT,
                                                    output_hook=interrupt_once_running, stop_on_error=False)
                self.assertEqual(reply["content"]["status"], "error")
                self.assertEqual(reply["content"]["ename"], "OperationCanceledException")
        reply, outputs = self.run_cell("survivor + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        result = next(m for m in outputs if m["msg_type"] == "execute_result")
        self.assertEqual(result["content"]["data"]["text/plain"], "42")

    def test_console_readline_uses_stdin(self):
        self.flush_channels()
        reply, outputs = self.run_cell(
            'var name = Console.ReadLine();\nConsole.WriteLine($"hello {name}");',
            allow_stdin=True,
            stdin_hook=lambda msg: self.kc.input("Ada"),
        )
        self.assertEqual(reply["content"]["status"], "ok")
        text = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertEqual(text, "hello Ada\n")

    def test_queued_cells_after_an_error_are_aborted(self):
        self.flush_channels()
        # The first cell holds at Console.ReadLine until the test answers: the second is then surely queued behind it
        # (as DispatcherTests does in memory; no guessed delay).
        failing = self.kc.execute('Console.ReadLine();\nthrow new Exception("stop");', stop_on_error=True, allow_stdin=True)
        self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
        queued = self.kc.execute('Console.WriteLine("must not run");')
        self.kc.input("go")
        replies = {}
        while len(replies) < 2:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies[failing], "error")
        self.assertEqual(replies[queued], "aborted")
        reply, _ = self.run_cell("1")
        self.assertEqual(reply["content"]["status"], "ok")


if __name__ == "__main__":
    unittest.main()
