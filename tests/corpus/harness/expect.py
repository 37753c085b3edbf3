"""What a cell of our own idiom corpus must show, and whether its outputs show it.

A cell of `tests/corpus/idioms/` carries an expectation: in an `.ipynb` under `metadata.corpus.expect`, in a `.dib`
under the `#!meta` object's `corpus.expect`, keyed by code cell number (1-based). A cell is clean only when it meets
its expectation, so a cell that answers `ok` with the wrong output does not count. The keys (all optional, all must
hold):

    error        text: the cell must fail, and its error (ename, evalue, traceback, or a compiler line on stderr)
                 must contain this text ("" accepts any error). Without `error`, any error makes the cell fail.
                 A cell meant to fail carries the nbclient tag `raises-exception` as well.
    mime         MIME types that some display_data or execute_result output must carry; an item that is a list
                 is satisfied by any one of its types.
    contains     {where: text or [texts]}: each text must occur in `where`, which is a MIME type (that type's data
                 across the cell's outputs), "display" (every MIME type's data of every display_data and
                 execute_result), "stdout", "stderr", "error" (the error's ename, evalue and
                 traceback), or "any" (all of the cell's text). A text that is a number ("2", "-1", "3.5")
                 must occur as a whole number: "2" is not found in "Int32", "12" or "2.5".
    not_contains the same shape; each text must not occur.
    displays     the exact number of display_data + execute_result outputs.
    any_of       [expectation, ...]: at least one must hold (for idioms two faithful kernels may answer
                 differently, such as input refused with an error or answered with end of input).
    note         free text for the reader; ignored.
"""

import json
import re

KEYS = {"error", "mime", "contains", "not_contains", "displays", "any_of", "note"}

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# A number to look for occurs only as a whole number: no letter, digit, '_', '.' or '-' just before it, and no
# letter, digit, '_' or decimal part just after it ("2" is not in "Int32", "12", "2.5" or "-2").
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# .NET Interactive's first display in a session is an invisible bootstrap: a hidden <div> and a script that finds
# the kernel's HTTP endpoint. A reader sees nothing, so it is neither a displayed output nor displayed text.
INVISIBLE_BOOTSTRAP = "dotnet-interactive-this-cell"


class ExpectationError(Exception):
    pass


def validate(expect, where):
    """Raises ExpectationError naming `where` when the expectation is malformed."""
    if not isinstance(expect, dict) or not expect:
        raise ExpectationError(f"{where}: an expectation is a non-empty object")
    unknown = set(expect) - KEYS
    if unknown:
        raise ExpectationError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(KEYS))})")
    if "error" in expect and not isinstance(expect["error"], str):
        raise ExpectationError(f"{where}: 'error' is a text")
    for item in expect.get("mime", []):
        if not isinstance(item, (str, list)):
            raise ExpectationError(f"{where}: 'mime' items are MIME types or lists of them")
    for key in ("contains", "not_contains"):
        if key in expect:
            if not isinstance(expect[key], dict):
                raise ExpectationError(f"{where}: '{key}' maps a MIME type, stdout, stderr or any to texts")
            for texts in expect[key].values():
                if not isinstance(texts, (str, list)):
                    raise ExpectationError(f"{where}: '{key}' values are texts or lists of texts")
    if "displays" in expect and not isinstance(expect["displays"], int):
        raise ExpectationError(f"{where}: 'displays' is a number")
    if "any_of" in expect:
        if not isinstance(expect["any_of"], list) or not expect["any_of"]:
            raise ExpectationError(f"{where}: 'any_of' is a non-empty list of expectations")
        for index, alternative in enumerate(expect["any_of"], 1):
            validate(alternative, f"{where} (any_of item {index})")
    if set(expect) <= {"note"}:
        raise ExpectationError(f"{where}: the expectation says nothing to check")


def cell_expectation(cell, notebook, code_cell_number):
    """The cell's expectation, or None: the cell's own metadata, else the notebook's (a .dib's #!meta)."""
    own = (cell.metadata.get("corpus") or {}).get("expect")
    if own is not None:
        return own
    keyed = ((notebook.metadata.get("polyglot_notebook") or {}).get("corpus") or {}).get("expect") or {}
    return keyed.get(str(code_cell_number))


def occurs(text, haystack):
    """Whether `text` occurs in `haystack`; a number only as a whole number."""
    if NUMBER.fullmatch(text):
        return re.search(r"(?<![\w.\-])" + re.escape(text) + r"(?!\w|\.\d)", haystack) is not None
    return text in haystack


def _texts(value):
    return [value] if isinstance(value, str) else list(value)


def _data_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(value)
    return json.dumps(value)


def collect(outputs):
    """The cell's outputs as texts by where: each MIME type, stdout, stderr, error, any; and the MIME types shown."""
    texts = {}
    shown = []
    displays = 0

    def add(where, text):
        texts[where] = texts.get(where, "") + text
        texts["any"] = texts.get("any", "") + text + "\n"

    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            add(output.get("name", "stdout"), ANSI.sub("", output.get("text", "")))
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            if set(data) == {"text/html"} and INVISIBLE_BOOTSTRAP in _data_text(data["text/html"]):
                continue
            displays += 1
            shown.append(set(data))
            for mime, value in data.items():
                add(mime, _data_text(value))
                texts["display"] = texts.get("display", "") + _data_text(value) + "\n"
        elif kind == "error":
            text = " ".join([output.get("ename", ""), output.get("evalue", ""), *output.get("traceback", [])])
            add("error", ANSI.sub("", text))
    return texts, shown, displays


def unmet(expect, outputs, failed):
    """The first way the cell's outputs miss the expectation, or None when they meet it.

    `failed` says whether the cell failed (an error output or an error reply)."""
    texts, shown, displays = collect(outputs)
    if "any_of" in expect:
        reasons = [unmet(alternative, outputs, failed) for alternative in expect["any_of"]]
        if all(reasons):
            return "none of the alternatives held: " + "; ".join(reasons)
    if "error" in expect:
        if not failed:
            return f"expected an error containing '{expect['error']}', the cell ran without one"
        error_text = texts.get("error", "") + texts.get("stderr", "")
        if expect["error"] not in error_text:
            return f"expected an error containing '{expect['error']}'"
    elif failed and "any_of" not in expect:
        return "the cell failed"
    for item in expect.get("mime", []):
        wanted = _texts(item)
        if not any(mime in bundle for bundle in shown for mime in wanted):
            return f"no output of type {' or '.join(wanted)} (shown: {', '.join(sorted(set().union(*shown))) or 'none'})"
    for where, values in expect.get("contains", {}).items():
        for text in _texts(values):
            if not occurs(text, texts.get(where, "")):
                return f"{where} lacks {text!r}"
    for where, values in expect.get("not_contains", {}).items():
        for text in _texts(values):
            if occurs(text, texts.get(where, "")):
                return f"{where} has {text!r}"
    if "displays" in expect and displays != expect["displays"]:
        return f"{displays} displayed outputs, expected {expect['displays']}"
    return None
