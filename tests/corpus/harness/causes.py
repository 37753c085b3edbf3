"""A first guess at why a cell did not run cleanly, from its text and its error, so a re-run against a new build
shows which categories moved. Rules are tried in order; the first that matches names the cause. A guess, not a
verdict: tests/corpus/README.md has the categories checked by hand.
"""

import re

from .dib import is_known_kernel

# .NET Interactive's own magic commands (not kernel names): the words after #! that it runs itself.
MAGIC_LINE = re.compile(r"^\s*#!(?P<name>[a-zA-Z-]+)", re.M)

API_RULES = [
    ("API: Formatter.Register / Microsoft.DotNet.Interactive.Formatting", r"\bFormatter\b|Formatting\b|ToDisplayString|FormatContext"),
    ("API: PocketView tags", r"PocketView|\b(div|span|table|thead|tbody|tr|td|th|ul|li|img|a|b|i|p|h[1-6])\s*\[|\b(div|span|b|i|p|td|th|tr|h[1-6]|ul|li|table)\s*\("),
    ("API: DisplayTable / ToTabularDataResource", r"DisplayTable|ToTabularDataResource"),
    ("API: Javascript(...)", r"\bJavascript\s*\("),
    ("API: LaTeXString / MathString", r"LaTeXString|MathString"),
    ("API: Kernel / KernelInvocationContext", r"\bKernel\.|KernelInvocationContext|Microsoft\.DotNet\.Interactive\b"),
]

NETWORK_ERRORS = re.compile(r"HttpRequestException|SocketException|Name or service not known|No such host|Resource temporarily unavailable|network is unreachable", re.I)
PACKAGE_ERRORS = re.compile(r"NU1\d{3}|Unable to find package|could not be restored|Unable to load the service index|restore fail", re.I)
IDENTITY_ERRORS = re.compile(r"CS1503|CS0121|CS1929|CS0433|CS0012|CS1705|CS0029.*\[.*\.dll\]")
LANGUAGE_ERRORS = re.compile(r"CS8652|CS8773|CS9058|CS8370|CS8936|CS9298|not available in C# \d|language version", re.I)
MISSING_NAME = re.compile(r"CS0103|CS0246|CS0234|CS1061")
UNSUPPORTED_MAGIC = re.compile(r"magic command '#!(?P<name>[a-zA-Z-]+)")
CROSS_CELL_INFERENCE = re.compile(r"CS0411")
COMMON_IMPLICIT_TYPES = re.compile(r"'(File|Path|Directory|FileInfo|DirectoryInfo|Stream|StreamReader|FileStream|HttpClient|HttpMethod|HttpRequestMessage|Thread|Interlocked|CancellationToken|CancellationTokenSource|Stopwatch|Debug|Regex|Channel|ConcurrentDictionary|ConcurrentBag|BlockingCollection|StringBuilder|Encoding|JsonSerializer)'")


def classify(row, source, language_is_csharp_family, needs, earlier_failure):
    """The cause of a failed cell (row.status != 'ok'), or '' for a clean one."""
    if row.status == "ok":
        return ""
    if row.status == "not-run":
        return "not run: " + (row.evalue or row.ename)
    if row.status == "timeout":
        return "timeout" + (f" (needs {needs})" if needs else "")
    if row.status == "dead-kernel":
        return "dead kernel"
    if not language_is_csharp_family:
        return f"other language: {row.language}"
    if needs:
        return f"needs {needs}"
    error = f"{row.ename} {row.evalue}"
    if row.language != "csharp":
        return f"kernel cell: #!{row.language}"
    unsupported = UNSUPPORTED_MAGIC.search(error)
    if unsupported:
        return f"magic: #!{unsupported.group('name')}"
    magics = [name for name in MAGIC_LINE.findall(source) if not is_known_kernel(name)]
    if magics:
        return "magic: " + ", ".join(f"#!{name}" for name in dict.fromkeys(magics))
    if PACKAGE_ERRORS.search(error) or re.search(r'#r\s+"nuget:', source) and not MISSING_NAME.search(error):
        return "package reference (#r \"nuget:\")"
    if NETWORK_ERRORS.search(error):
        return "network"
    for name, pattern in API_RULES:
        if re.search(pattern, source) and (MISSING_NAME.search(error) or "Microsoft.DotNet.Interactive" in error):
            return name
    if IDENTITY_ERRORS.search(error) and ".dll" in error:
        return "reference identity (one assembly, two identities)"
    if CROSS_CELL_INFERENCE.search(error):
        return "type inference fails on an earlier cell's method (CS0411; two CoreLib identities)"
    if LANGUAGE_ERRORS.search(error):
        return "language version"
    if MISSING_NAME.search(error) and COMMON_IMPLICIT_TYPES.search(error):
        return "missing using (an implicit using of the SDK)"
    if MISSING_NAME.search(error) and earlier_failure:
        return "follows an earlier failed cell"
    if re.match(r"CS\d{4}|CompilationError|Error", row.ename) or re.search(r"\(\d+,\d+\): error CS\d{4}", error):
        return "compile error"
    return "runtime exception: " + (row.ename or "?")
