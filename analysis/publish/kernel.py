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
    _default_in_lab()
    return KERNEL_NAME


def _default_in_lab() -> None:
    """A new notebook opened in this environment's JupyterLab starts this kernel, not a
    bare python3: the server's default kernel, set in the environment's own config."""
    config = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"
    current = json.loads(config.read_text()) if config.exists() else {}
    manager = current.setdefault("MultiKernelManager", {})
    if manager.get("default_kernel_name") != KERNEL_NAME:
        manager["default_kernel_name"] = KERNEL_NAME
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps(current, indent=1))
