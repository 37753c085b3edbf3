"""Starts the installed kernelspec with jupyter_client and runs one cell: run by .ci/run after `dotnet tool update`
replaced the version the kernelspec was installed with (its versioned .store folder is gone)."""
import sys

from jupyter_client.manager import start_new_kernel

name = sys.argv[1] if len(sys.argv) > 1 else "csharp"
manager, client = start_new_kernel(kernel_name=name, startup_timeout=120)
try:
    reply = client.execute_interactive("System.Environment.Version.Major + 30", timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
    print(f"kernelspec '{name}' started after the update and ran a cell: {manager.kernel_spec.argv[0]}")
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
