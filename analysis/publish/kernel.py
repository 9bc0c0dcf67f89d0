"""The Jupyter kernel reports run in: always this interpreter, never a stale global one."""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "since-oct7"
DISPLAY_NAME = "Python (since-oct7)"


def kernel_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def ensure_kernel() -> str:
    """Install (or repair) a kernelspec in this environment pointing at sys.executable.

    A global ``python3`` kernelspec can point at another interpreter; naming our own kernel
    and passing that name to papermill makes every report run with the project's packages.
    """
    spec = {
        "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                 "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": True},
    }
    target = kernel_dir() / "kernel.json"
    if not target.exists() or json.loads(target.read_text()) != spec:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(spec, indent=1))
    return KERNEL_NAME
