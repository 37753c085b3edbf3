"""A live C# kernel's widgets in a real widget manager, both ways: a page served by a Jupyter server (Debian's classic
jupyter-notebook, its kernels' REST and WebSocket API) starts our kernel with @jupyterlab/services 7, registers
@jupyter-widgets/html-manager 1.0 (controls 5.0, base 6.0) for the `jupyter.widget` comm target, runs C# cells and shows
their widgets; headless Chromium moves the slider with real mouse and key events, and the C# ValueChanged handler's
output must come back into the Output widget; a later cell reads the slider's Value, and a cell that sets it moves the
slider in the page.

Usage: python3 browser_widgets_live.py WIDGETS_BROWSER_DIR KERNEL_NAME SCREENSHOT.png

WIDGETS_BROWSER_DIR is tests/widgets-browser after `npm ci` (its live.js and live.html are bundled here with its
esbuild; no CDN). The kernel is found on JUPYTER_PATH. Everything started here is stopped, and the temporary folder
removed, on every exit path. Prints a JSON summary; exit status 0 when every check holds, 1 otherwise, with the reason.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from browser_notebook import free_port, report_harness_failure, start_chromium, start_notebook_server, stop_all, wait_for  # shared with the notebook browser test

CELL_SLIDER = """var slider = new IntSlider { Description = "events", Min = 0, Max = 20, Value = 5 };
var output = new Output();
var handled = 0;
slider.ValueChanged += (_, e) =>
{
    handled++;
    output.Clear();
    output.AppendStdout($"C# handler: {e.OldValue} -> {e.NewValue}, squared {e.NewValue * e.NewValue}");
};
new VBox(slider, output)"""
CELL_READ = """$"Value={slider.Value} handled={handled}\""""
CELL_SET = """slider.Value = 2;"""

PAGE_STATE = """(() => JSON.stringify({
  readouts: Array.from(document.querySelectorAll('.widget-slider .widget-readout')).map(e => (e.value !== undefined && e.value !== '' ? e.value : e.innerText).trim()),
  output: Array.from(document.querySelectorAll('.widget-output')).map(e => e.innerText.trim()),
  errors: Array.from(document.querySelectorAll('.jupyter-widgets-error-widget, .jupyter-widgets .widget-error')).map(e => e.innerText.slice(0, 200))
}))()"""


def _listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def bundle(widgets_dir, root):
    esbuild = os.path.join(widgets_dir, "node_modules", ".bin", "esbuild")
    loaders = [f"--loader:.{ext}=dataurl" for ext in ("woff", "woff2", "ttf", "eot", "svg")]
    subprocess.run([esbuild, os.path.join(widgets_dir, "live.js"), "--bundle", "--platform=browser", "--format=iife",
                    f"--outfile={os.path.join(root, 'live.bundle.js')}", "--define:process.env.NODE_ENV=\"production\"",
                    "--define:global=window", "--log-level=error", *loaders], check=True, cwd=widgets_dir)
    shutil.copyfile(os.path.join(widgets_dir, "live.html"), os.path.join(root, "live.html"))


def js(tools, expression, timeout=120):
    """Evaluates an expression in the page, awaiting a promise; raises with the page's exception."""
    tools.ws.settimeout(timeout)
    result = tools.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
    if "exceptionDetails" in result:
        details = result["exceptionDetails"]
        raise RuntimeError(f"page: {details.get('exception', {}).get('description') or details.get('text')}")
    return result.get("result", {}).get("value")


def state(tools):
    return json.loads(tools.evaluate(PAGE_STATE))


def execute(tools, code):
    reply = js(tools, f"window.live.execute({json.dumps(code)})", timeout=300)
    if reply["status"] != "ok" or reply["errors"]:
        raise RuntimeError(f"cell failed ({reply['status']}): {reply['errors']}\n{code}")
    return reply


def handler_showed(tools, value):
    """The Output widget shows the C# handler's line for the slider's value, and the slider reads that value."""
    def check():
        s = state(tools)
        line = f"-> {value}, squared {value * value}"
        return s if s["readouts"] == [str(value)] and any(line in o for o in s["output"]) else None
    return check


def key(tools, name, code):
    for kind in ("rawKeyDown", "keyUp"):
        tools.call("Input.dispatchKeyEvent", type=kind, key=name, code=name, windowsVirtualKeyCode=code, nativeVirtualKeyCode=code)


def drag_handle(tools, fraction):
    """Drags the slider's handle with the mouse to a fraction of its track, as a reader would."""
    box = js(tools, """(() => { const t = document.querySelector('.widget-slider .noUi-target').getBoundingClientRect();
      const h = document.querySelector('.widget-slider .noUi-handle').getBoundingClientRect();
      return { hx: h.x + h.width / 2, hy: h.y + h.height / 2, left: t.x, width: t.width }; })()""")
    x, y = box["hx"], box["hy"]
    target = box["left"] + box["width"] * fraction
    tools.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    tools.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", buttons=1, clickCount=1)
    steps = 8
    for i in range(1, steps + 1):
        tools.call("Input.dispatchMouseEvent", type="mouseMoved", x=x + (target - x) * i / steps, y=y, button="left", buttons=1)
        time.sleep(0.05)
    tools.call("Input.dispatchMouseEvent", type="mouseReleased", x=target, y=y, button="left", buttons=0, clickCount=1)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    widgets_dir, screenshot = os.path.abspath(argv[1]), os.path.abspath(argv[3])
    kernel_name = argv[2]
    work = tempfile.mkdtemp(prefix="browser-widgets-live-")
    processes = []
    try:
        root = os.path.join(work, "root")
        os.makedirs(root)
        bundle(widgets_dir, root)

        # No XSRF check, any origin: a private server on 127.0.0.1 for the test's page, which a static server of its own
        # serves (the Notebook's /files/ answers HTML with a CSP sandbox: an opaque origin).
        port = start_notebook_server(root, work, processes, "--NotebookApp.disable_check_xsrf=True", "--NotebookApp.allow_origin=*")
        server_log = open(os.path.join(work, "server.log"), "a")  # the page server logs beside the notebook server
        page_port = free_port()
        processes.append(subprocess.Popen(["/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", root, str(page_port)],
                                          stdout=server_log, stderr=subprocess.STDOUT))
        wait_for(lambda: urllib.request.urlopen(f"http://127.0.0.1:{page_port}/live.html", timeout=2).status == 200 if _listening(page_port) else False,
                 30, "the page server starting")

        tools = start_chromium(work, processes, "900,900")
        tools.call("Page.navigate", url=f"http://127.0.0.1:{page_port}/live.html")
        wait_for(lambda: tools.evaluate("typeof window.live === 'object' && !!window.live.start"), 60, "the page loading")

        summary = {"kernel": js(tools, f"window.live.start({json.dumps(kernel_name)}, 'http://127.0.0.1:{port}/')", timeout=180)}
        shown = execute(tools, CELL_SLIDER)
        summary["views"] = shown["views"]
        summary["rendered"] = json.loads(wait_for(
            lambda: (lambda s: json.dumps(s) if s["readouts"] == ["5"] else None)(state(tools)), 60, "the slider rendering"))

        # Front end -> kernel -> front end: a mouse drag, then a key press, each answered by the C# handler.
        drag_handle(tools, 0.75)
        dragged = json.loads(wait_for(lambda: (lambda s: json.dumps(s) if s["readouts"] not in (["5"], []) else None)(state(tools)),
                                      30, "the slider moving under the mouse"))
        dragged_value = int(dragged["readouts"][0])
        summary["after_drag"] = wait_for(handler_showed(tools, dragged_value), 30, f"the C# handler answering the drag to {dragged_value}")
        js(tools, "document.querySelector('.widget-slider .noUi-handle').focus(), true")
        key(tools, "ArrowRight", 39)
        moved_value = dragged_value + 1
        summary["after_arrow_right"] = wait_for(handler_showed(tools, moved_value), 30, f"the C# handler answering ArrowRight to {moved_value}")

        # A later cell reads what the browser set.
        summary["read_cell"] = execute(tools, CELL_READ)["text"]
        os.makedirs(os.path.dirname(screenshot), exist_ok=True)
        shot = tools.call("Page.captureScreenshot", format="png")
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

        # Kernel -> front end: a cell sets the value; the page's slider moves and the handler's line follows.
        execute(tools, CELL_SET)
        summary["after_kernel_set"] = wait_for(handler_showed(tools, 2), 30, "the page following the kernel's Value = 2")
        summary["dragged_to"] = dragged_value
        print(json.dumps(summary, indent=1))

        problems = []
        if summary["views"] != 1:
            problems.append(f"the cell displayed {summary['views']} widget views, expected 1")
        if not 5 < dragged_value <= 20:
            problems.append(f"the drag to 3/4 of the track gave {dragged_value}")
        # The handler ran for the drag (at least once: continuous updates may send intermediate values) and the key.
        expected_read = f"Value={moved_value} handled="
        if not summary["read_cell"] or not summary["read_cell"][0].strip('"').startswith(expected_read):
            problems.append(f"the later cell read {summary['read_cell']}, expected {expected_read}N")
        for s in (summary["rendered"], summary["after_drag"], summary["after_arrow_right"], summary["after_kernel_set"]):
            if s["errors"]:
                problems.append(f"widget error in the page: {s['errors'][0]}")
        for problem in problems:
            print(f"browser_widgets_live: {problem}", file=sys.stderr)
        return 1 if problems else 0
    except Exception as error:  # any failure of the harness is a failed check, reported with the server log
        report_harness_failure("browser_widgets_live", error, work)
        return 1
    finally:
        stop_all(processes, work)

if __name__ == "__main__":
    sys.exit(main(sys.argv))
