"""Widget message round trips, our C# kernel beside ipykernel + ipywidgets, driven as a front end drives them.

Usage: JUPYTER_PATH=P/share/jupyter /usr/bin/python3 benchmarks/peers/widget_roundtrip.py [--updates N] [--blocks B]
       [KERNEL ...]   (default kernels: csharp python3; P is `barometer kernel install --prefix P`)

Each kernel runs one cell that builds a slider (max 10^9) and a label, with a handler on the slider's value that sets
the label to twice the value (C#: `ValueChanged`; Python: `observe`). Then, per update, the client sends what a widget
manager sends when a slider moves — a `comm_msg` on the shell channel to the slider's comm (protocol 2.x:
`{"method": "update", "state": {"value": v}}`; ipywidgets 6, Debian's python3-ipywidgets: `{"method": "backbone",
"sync_data": {"value": v}}`) — and times:
  - handler: until the label's `comm_msg` with the new text arrives on iopub (what a reader waits for);
  - idle: until the kernel's `status: idle` whose parent is that comm_msg (the kernel is done with it);
  - iopub messages per update and the kernel process's CPU time per update (/proc; less sensitive to load).
Before timing, each fresh kernel is left until its own background work is done (its CPU below 50 ms per second; our
kernel warms up its compiler and language services after the first cell); the wait and the idle rate are printed.
The kernels alternate in blocks (A B A B …, `--blocks`, default 4, of `--updates`, default 200, each after 20 warm-up
updates in a fresh kernel per block), so drift in the machine's load falls on both. Prints one table (median and 90th
percentile in ms over all blocks) and the load average. A measurement, not a test: nothing is asserted.
"""
import argparse
import os
import queue
import statistics
import sys
import time

import jupyter_client  # Debian: jupyter-client

SETUP = {
    "csharp": """var slider = new IntSlider { Max = 1_000_000_000 };
var label = new Label("");
slider.ValueChanged += (_, e) => label.Value = (e.NewValue * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
display(new VBox(slider, label));""",
    "python3": """import ipywidgets as widgets
slider = widgets.IntSlider(max=1_000_000_000)
label = widgets.Label("")
slider.observe(lambda change: setattr(label, "value", str(change["new"] * 2)), names="value")
display(widgets.VBox([slider, label]))""",
}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kernel_pid(manager):
    provisioner = getattr(manager, "provisioner", None)
    process = getattr(provisioner, "process", None) or getattr(manager, "kernel", None)
    return process.pid


class WidgetKernel:
    def __init__(self, name):
        self.name = name
        self.manager, self.client = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=120)
        self.pid = kernel_pid(self.manager)
        self.comms = {}  # model name -> (comm id, state-in-'state' protocol)
        reply = self.client.execute(SETUP[name], reply=True, timeout=120)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{name}: the setup cell failed: {reply['content']}")
        while True:
            try:
                msg = self.client.get_iopub_msg(timeout=2)
            except queue.Empty:
                break
            if msg["msg_type"] == "comm_open":
                data = msg["content"]["data"]
                state = data.get("state", data)
                self.comms[state.get("_model_name")] = (msg["content"]["comm_id"], "state" in data)
            elif msg["msg_type"] == "error":
                raise RuntimeError(f"{name}: {msg['content']['ename']}: {msg['content']['evalue']}")
        for model in ("IntSliderModel", "LabelModel"):
            if model not in self.comms:
                raise RuntimeError(f"{name}: no {model} comm was opened (comms: {sorted(self.comms)})")
        self.waits_for_idle = True

    def settle(self, quiet_ms_per_s=50, timeout=120):
        """Waits until the kernel's own background work (our kernel warms up its compiler and language services
        after the first cell, for tens of seconds on a loaded machine) ends, so it is not counted per update.
        Returns the seconds waited and the CPU rate (ms/s) of the last quiet second."""
        start = time.perf_counter()
        while True:
            before = cpu_seconds(self.pid)
            time.sleep(1)
            rate = (cpu_seconds(self.pid) - before) * 1000
            if rate < quiet_ms_per_s or time.perf_counter() - start > timeout:
                return time.perf_counter() - start, rate

    def update(self, value):
        slider, modern = self.comms["IntSliderModel"]
        label, _ = self.comms["LabelModel"]
        data = ({"method": "update", "state": {"value": value}, "buffer_paths": []} if modern
                else {"method": "backbone", "sync_data": {"value": value}})
        msg = self.client.session.msg("comm_msg", {"comm_id": slider, "data": data})
        expected = str(value * 2)
        start = time.perf_counter()
        self.client.shell_channel.send(msg)
        handler = idle = None
        count = 0
        while handler is None or (self.waits_for_idle and idle is None):
            try:
                reply = self.client.get_iopub_msg(timeout=10 if handler is None else 2)
            except queue.Empty:
                if handler is None:
                    raise TimeoutError(f"{self.name}: no label update to {expected} within 10 s")
                self.waits_for_idle = False  # this kernel does not report busy/idle for a comm_msg
                break
            count += 1
            content = reply["content"]
            if reply["msg_type"] == "comm_msg" and content.get("comm_id") == label:
                if content["data"].get("state", {}).get("value") == expected:
                    handler = time.perf_counter() - start
            elif (reply["msg_type"] == "status" and content["execution_state"] == "idle"
                  and reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]):
                idle = time.perf_counter() - start
        return handler, idle, count

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kernels", nargs="*", default=["csharp", "python3"])
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--blocks", type=int, default=4)
    args = parser.parse_args()
    results = {k: {"handler": [], "idle": [], "messages": [], "cpu": [], "settle": [], "idle_cpu": [], "note": ""} for k in args.kernels}
    kernels = list(args.kernels)
    if "python3" in kernels:
        try:
            import ipywidgets  # noqa: F401  (the kernel imports it; checked here to say why a row is missing)
            results["python3"]["note"] = f"ipywidgets {ipywidgets.__version__}"
        except ImportError:
            print("python3: skipped (no ipywidgets: apt-get install python3-ipywidgets)", file=sys.stderr)
            kernels.remove("python3")
    value = 0
    for block in range(args.blocks):
        for name in kernels:
            kernel = WidgetKernel(name)
            try:
                waited, idle_rate = kernel.settle()
                results[name]["settle"].append(waited)
                results[name]["idle_cpu"].append(idle_rate)
                for _ in range(20):
                    value += 1
                    kernel.update(value)
                cpu_before = cpu_seconds(kernel.pid)
                for _ in range(args.updates):
                    value += 1
                    handler, idle, count = kernel.update(value)
                    results[name]["handler"].append(handler * 1000)
                    if idle is not None:
                        results[name]["idle"].append(idle * 1000)
                    results[name]["messages"].append(count)
                results[name]["cpu"].append((cpu_seconds(kernel.pid) - cpu_before) * 1000 / args.updates)
            finally:
                kernel.close()
            print(f"block {block + 1}/{args.blocks} {name}: median handler {statistics.median(results[name]['handler'][-args.updates:]):.2f} ms", file=sys.stderr)

    load = os.getloadavg()
    print(f"\nWidget round trips: {args.blocks} blocks x {args.updates} slider updates per kernel, alternating; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs\n")
    header = ["kernel", "handler median ms", "handler p90 ms", "idle median ms", "idle p90 ms", "iopub msgs/update",
              "kernel CPU ms/update", "settled after s", "idle kernel CPU ms/s", "note"]
    rows = []
    for name in kernels:
        r = results[name]
        idle = r["idle"]
        rows.append([name, f"{statistics.median(r['handler']):.2f}", f"{percentile(r['handler'], 90):.2f}",
                     f"{statistics.median(idle):.2f}" if idle else "-", f"{percentile(idle, 90):.2f}" if idle else "-",
                     f"{statistics.mean(r['messages']):.1f}", f"{statistics.mean(r['cpu']):.2f}",
                     f"{statistics.median(r['settle']):.0f}", f"{statistics.median(r['idle_cpu']):.0f}", r["note"]])
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(str(cell).ljust(w) for cell, w in zip(row, widths)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
