"""The output folder's own files: the manifest of the last build, and atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

MANIFEST = ".manifest.json"


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def atomic_write(path: Path, text: str) -> None:
    """Write a file so a reader sees either the old content or the new, never half."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
