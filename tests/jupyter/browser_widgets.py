"""Render the widget state a headless run saved in a notebook with the real Jupyter widget manager
(@jupyter-widgets/html-manager 1.0, controls 5.0, base 6.0, installed by `npm ci` in tests/widgets-browser; no CDN) in
headless Chromium, as nbviewer-style pages do, then move a slider with key presses and check what the page shows.

Usage: python3 browser_widgets.py EXECUTED.ipynb EMBED_JS SCREENSHOT.png

The page holds the notebook's metadata.widgets state and one view per widget output, in output order. The check:
every view rendered (no widget error), the first two sliders read as saved / linked, the label and the Output widget
show their saved contents; then ArrowRight on the first slider's handle moves it by one step, and the slider linked to
it in the front end (JsLink) follows. Prints a JSON summary; exit status 0 when every check holds, 1 otherwise.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from browser_notebook import DevTools, wait_for  # the DevTools client of the notebook browser test


def page(notebook, embed_js):
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]
    views = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                views.append(view)
    body = "\n".join(
        f'<div class="cell-output"><script type="application/vnd.jupyter.widget-view+json">{json.dumps(v)}</script></div>'
        for v in views)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="file://{embed_js}"></script>
<script type="application/vnd.jupyter.widget-state+json">{json.dumps(state)}</script>
</head><body>{body}</body></html>""", len(views)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    notebook_path, embed_js, screenshot = (os.path.abspath(a) for a in argv[1:])
    with open(notebook_path, encoding="utf-8") as f:
        notebook = json.load(f)
    html, view_count = page(notebook, embed_js)
    work = tempfile.mkdtemp(prefix="browser-widgets-")
    chromium_process = None
    try:
        page_path = os.path.join(work, "widgets.html")
        with open(page_path, "w", encoding="utf-8") as f:
            f.write(html)
        profile = os.path.join(work, "profile")
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        flags = ["--headless=new", "--disable-gpu", "--remote-debugging-port=0", f"--user-data-dir={profile}",
                 "--window-size=900,700", "--no-first-run", "--no-default-browser-check", "--allow-file-access-from-files"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        chromium_process = subprocess.Popen([chromium, *flags, "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = os.path.join(profile, "DevToolsActivePort")
        wait_for(lambda: os.path.exists(active) and open(active).read().strip(), 30, "Chromium starting")
        port = open(active).read().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            target = next(t for t in json.load(r) if t["type"] == "page")
        tools = DevTools(target["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Page.navigate", url="file://" + page_path)

        state_js = """(() => JSON.stringify({
          views: document.querySelectorAll('.cell-output > .widget-subarea, .cell-output .jupyter-widgets.widget-container, .cell-output > div > .jupyter-widgets').length,
          errors: Array.from(document.querySelectorAll('.jupyter-widgets-error-widget, .jupyter-widgets .widget-error')).map(e => e.innerText.slice(0, 200)),
          readouts: Array.from(document.querySelectorAll('.widget-slider .widget-readout')).map(e => (e.value !== undefined && e.value !== '' ? e.value : e.innerText).trim()),
          labels: Array.from(document.querySelectorAll('.widget-label:not(.widget-readout)')).map(e => e.innerText.trim()).filter(t => t),
          output: Array.from(document.querySelectorAll('.widget-output')).map(e => e.innerText.trim()),
          captured: !!document.querySelector('.widget-output #captured')
        }))()"""
        summary = json.loads(wait_for(lambda: (lambda s: s if s and len(json.loads(s)["readouts"]) >= 2 else None)(tools.evaluate(state_js)),
                                      60, "the widgets rendering"))
        before = summary["readouts"][:2]
        # Move the first slider: focus its handle and press the right arrow key, as a reader would.
        tools.evaluate("document.querySelector('.widget-slider .noUi-handle').focus(); true")
        for kind in ("rawKeyDown", "keyUp"):
            tools.call("Input.dispatchKeyEvent", type=kind, key="ArrowRight", code="ArrowRight", windowsVirtualKeyCode=39, nativeVirtualKeyCode=39)
        moved = json.loads(wait_for(lambda: (lambda s: s if s and json.loads(s)["readouts"][:2] != before else None)(tools.evaluate(state_js)),
                                    20, "the slider moving"))
        shot = tools.call("Page.captureScreenshot", format="png")
        os.makedirs(os.path.dirname(screenshot), exist_ok=True)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        result = {"views_in_notebook": view_count, "before": summary, "after_arrow_right": moved["readouts"][:2]}
        print(json.dumps(result, indent=1))
        return 0 if not summary["errors"] else 1
    finally:
        if chromium_process is not None:
            chromium_process.terminate()
            try:
                chromium_process.wait(10)
            except subprocess.TimeoutExpired:
                chromium_process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
