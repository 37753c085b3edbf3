"""Open a notebook in the classic Jupyter Notebook web front end, run all cells with a kernel, and check what a
reader sees: a table and a chart appear, no error output.

Usage: python3 browser_notebook.py REPO_ROOT NOTEBOOK SCREENSHOT.png

The notebook server (Debian's jupyter-notebook) serves a temporary copy of the repository's layout (top-level
entries linked, the notebook copied), so running and autosaving never touch the repository. The kernel is the one
the notebook's kernelspec names, found on JUPYTER_PATH. Headless Chromium (Debian's chromium) is driven over the
DevTools protocol. Everything started here is stopped, and the temporary folder removed, on every exit path.
Exit status 0 when the page shows at least one table and one chart and no error; 1 otherwise, with the reason.
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

import websocket  # Debian: python3-websocket


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(0.25)
    raise TimeoutError(f"{what} did not happen within {timeout} s (last state: {last!r})")


class DevTools:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=30)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            return None
        return result.get("result", {}).get("value")


def start_notebook_server(root, work, processes, *options):
    """Starts Debian's classic Notebook server on a free local port, without token or password, serving ROOT, with
    its config, runtime and log in WORK; appends the process to PROCESSES and returns the port once /api answers."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = os.path.join(work, "config")
    env["JUPYTER_RUNTIME_DIR"] = os.path.join(work, "runtime")
    port = free_port()
    server_log = open(os.path.join(work, "server.log"), "w")
    server = ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
              "--NotebookApp.token=", "--NotebookApp.password=", *options, f"--notebook-dir={root}"]
    if os.geteuid() == 0:
        server.append("--allow-root")
    process = subprocess.Popen(server, env=env, stdout=server_log, stderr=subprocess.STDOUT)
    processes.append(process)

    def server_up():
        if process.poll() is not None:
            raise RuntimeError(f"the notebook server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    wait_for(server_up, 60, "the notebook server starting")
    return port


def start_chromium(work, processes, window_size):
    """Starts headless Chromium (Debian's) with a fresh profile in WORK, appends it to PROCESSES, and returns a
    DevTools connection to its page, with the Page domain enabled."""
    profile = os.path.join(work, "profile")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    flags = ["--headless=new", "--disable-gpu", "--remote-debugging-port=0", f"--user-data-dir={profile}",
             f"--window-size={window_size}", "--no-first-run", "--no-default-browser-check"]
    if os.geteuid() == 0:
        flags.append("--no-sandbox")
    processes.append(subprocess.Popen([chromium, *flags, "about:blank"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    active = os.path.join(profile, "DevToolsActivePort")
    wait_for(lambda: os.path.exists(active) and open(active).read().strip(), 30, "Chromium starting")
    devtools_port = open(active).read().split()[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=10) as r:
        page = next(t for t in json.load(r) if t["type"] == "page")
    tools = DevTools(page["webSocketDebuggerUrl"])
    tools.call("Page.enable")
    return tools


def report_harness_failure(label, error, work):
    """A failure of the harness itself, reported as a failed check with the end of the notebook server's log."""
    print(f"{label}: {type(error).__name__}: {error}", file=sys.stderr)
    log = os.path.join(work, "server.log")
    if os.path.exists(log):
        print("--- notebook server log (last 40 lines) ---", file=sys.stderr)
        print("".join(open(log).readlines()[-40:]), file=sys.stderr)


def stop_all(processes, work):
    """Stops every process started (last first) and removes the temporary folder."""
    for process in reversed(processes):
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    repo, notebook, screenshot = (os.path.abspath(a) for a in argv[1:])
    work = tempfile.mkdtemp(prefix="browser-notebook-")
    processes = []
    try:
        root = os.path.join(work, "root")
        os.makedirs(os.path.join(root, "notebooks"))
        for entry in os.listdir(repo):
            if entry not in ("notebooks", ".git"):
                os.symlink(os.path.join(repo, entry), os.path.join(root, entry))
        name = os.path.basename(notebook)
        shutil.copyfile(notebook, os.path.join(root, "notebooks", name))

        port = start_notebook_server(root, work, processes)
        tools = start_chromium(work, processes, "1280,2400")
        tools.call("Page.navigate", url=f"http://127.0.0.1:{port}/notebooks/notebooks/{name}")

        wait_for(lambda: tools.evaluate(
            "typeof Jupyter !== 'undefined' && !!Jupyter.notebook && !!Jupyter.notebook.kernel"
            " && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply"
            " && Jupyter.notebook.kernel.info_reply.status === 'ok'"), 120, "the kernel connecting")
        kernel = tools.evaluate("Jupyter.notebook.kernel.name")
        tools.evaluate("Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.execute_all_cells(); true")

        state = """(() => {
          const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
          const running = cells.filter(c => c.element.find('.input_prompt').text().indexOf('*') >= 0).length;
          const done = cells.filter(c => typeof c.input_prompt_number === 'number').length;
          return JSON.stringify({cells: cells.length, running, done,
            tables: document.querySelectorAll('.output_area table').length,
            charts: document.querySelectorAll('.output_area .js-plotly-plot, .output_area .output_png img, .output_area .output_svg svg').length,
            errors: Array.from(document.querySelectorAll('.output_area .output_error')).map(e => e.innerText.slice(0, 300))});
        })()"""
        summary = json.loads(wait_for(
            lambda: (lambda s: s if s and json.loads(s)["running"] == 0 and json.loads(s)["done"] == json.loads(s)["cells"] else None)(tools.evaluate(state)),
            300, "every cell finishing"))
        # The charts draw after their cells finished (plotly.js lays them out; a PNG arrives as a display update): poll
        # until one shows, bounded, rather than reading the page once after a fixed pause.
        deadline = time.monotonic() + 60
        summary = json.loads(tools.evaluate(state))
        while summary["charts"] < 1 and time.monotonic() < deadline:
            time.sleep(0.25)
            summary = json.loads(tools.evaluate(state))
        time.sleep(1.0)  # let the last chart draw before the screenshot
        summary = json.loads(tools.evaluate(state))
        os.makedirs(os.path.dirname(screenshot), exist_ok=True)
        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        with open(screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        # A second picture scrolled to the first chart, for a person to look at what the reader sees.
        if tools.evaluate("(() => { const c = document.querySelector('.output_area .js-plotly-plot, .output_area .output_png img');"
                          " if (!c) return false; c.scrollIntoView(); return true; })()"):
            time.sleep(0.5)
            shot = tools.call("Page.captureScreenshot", format="png")
            with open(os.path.splitext(screenshot)[0] + "-chart.png", "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        summary["kernel"] = kernel
        print(json.dumps(summary))
        problems = []
        if summary["tables"] < 1:
            problems.append("no table in the page")
        if summary["charts"] < 1:
            problems.append("no chart in the page")
        if summary["errors"]:
            problems.append(f"{len(summary['errors'])} error output(s): {summary['errors'][0]}")
        for problem in problems:
            print(f"{name}: {problem}", file=sys.stderr)
        return 1 if problems else 0
    except Exception as error:  # report any failure of the harness itself as a failed check, with the server log
        report_harness_failure(os.path.basename(notebook), error, work)
        return 1
    finally:
        stop_all(processes, work)

if __name__ == "__main__":
    sys.exit(main(sys.argv))
