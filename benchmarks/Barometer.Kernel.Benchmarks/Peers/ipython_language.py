"""Peer for the language-service bench: what ipykernel does for complete_request and inspect_request, in process.

ipykernel answers complete_request with IPython's completer (Jedi) and inspect_request with
shell.object_inspect_mime; this times those calls the same way the C# bench times LanguageService
(after warm-up, N requests per kind, median and p95 in milliseconds), and prints one JSON line.
"""
import json
import math
import statistics
import sys
import time

from IPython.core.completer import provisionalcompleter
from IPython.core.interactiveshell import InteractiveShell

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100
shell = InteractiveShell.instance()
shell.run_cell("import math\nimport statistics\nxs = list()\nclass Station:\n    def scaled(self, k):\n        '''Scales.'''\n        return k\ns = Station()")


def complete(code):
    with provisionalcompleter():
        return list(shell.Completer.completions(code, len(code)))


def inspect(name):
    return shell.object_inspect_mime(name, detail_level=0)


cases = {
    "completion": [lambda: complete("xs."), lambda: complete("s."), lambda: complete("math.sq"), lambda: complete("statistics.")],
    "inspection": [lambda: inspect("math.sqrt"), lambda: inspect("s.scaled"), lambda: inspect("statistics.mean")],
}
result = {}
for kind, calls in cases.items():
    for call in calls * 3:
        call()
    samples = []
    cpu = time.process_time()
    for i in range(N):
        start = time.perf_counter()
        call = calls[i % len(calls)]
        call()
        samples.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() - cpu) * 1000 / N
    samples.sort()
    result[kind] = {"median": statistics.median(samples), "p95": samples[math.ceil(0.95 * len(samples)) - 1], "max": samples[-1], "cpu_per_request": cpu}
print(json.dumps(result))
